import type { Mirror } from "../../../mirror";
import type vi from "../../vi/planning/readiness";

// Strings of the planning readiness pages. Keys mirror the other language's file.
export default {
  title: "readiness",
} as const satisfies Mirror<typeof vi>;
