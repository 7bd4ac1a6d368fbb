import type { Mirror } from "../../../mirror";
import type vi from "../../vi/planning/forecast";

// Strings of the planning forecast pages. Keys mirror the other language's file.
export default {
  title: "forecast",
} as const satisfies Mirror<typeof vi>;
