// Remote sessions: tele-consultations and remote training, their log and search, CME hours, plan-line readiness.
import type { Mirror } from "../../../mirror";
import type vi from "../../vi/tele/sessions";

export default {
  title: "Tele-consultations and remote training",
} as const satisfies Mirror<typeof vi>;
