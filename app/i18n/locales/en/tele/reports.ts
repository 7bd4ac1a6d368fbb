// Remote-support reports: per hub, spoke, specialty and month; the share of consultations resolved locally.
import type { Mirror } from "../../../mirror";
import type vi from "../../vi/tele/reports";

export default {
  title: "Remote support reports",
} as const satisfies Mirror<typeof vi>;
