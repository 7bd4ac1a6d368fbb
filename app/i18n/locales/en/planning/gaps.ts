import type { Mirror } from "../../../mirror";
import type vi from "../../vi/planning/gaps";

// Strings of the planning gaps pages. Keys mirror the other language's file.
export default {
  title: "gaps",
} as const satisfies Mirror<typeof vi>;
