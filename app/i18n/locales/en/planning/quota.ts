import type { Mirror } from "../../../mirror";
import type vi from "../../vi/planning/quota";

// Strings of the planning quota pages. Keys mirror the other language's file.
export default {
  title: "quota",
} as const satisfies Mirror<typeof vi>;
