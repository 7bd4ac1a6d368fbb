import type { Mirror } from "../../../mirror";
import type vi from "../../vi/planning/trace";

// Strings of the planning trace pages. Keys mirror the other language's file.
export default {
  title: "trace",
} as const satisfies Mirror<typeof vi>;
