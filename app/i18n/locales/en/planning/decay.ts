import type { Mirror } from "../../../mirror";
import type vi from "../../vi/planning/decay";

// Strings of the planning decay pages. Keys mirror the other language's file.
export default {
  title: "decay",
} as const satisfies Mirror<typeof vi>;
