import type { Mirror } from "../../../mirror";
import type vi from "../../vi/planning/minutes";

// Strings of the planning minutes pages. Keys mirror the other language's file.
export default {
  title: "minutes",
} as const satisfies Mirror<typeof vi>;
