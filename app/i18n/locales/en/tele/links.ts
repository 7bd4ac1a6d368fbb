// Hubs and spokes: the links, the network view's remote-support layer, recurring schedules and their calendar file.
import type { Mirror } from "../../../mirror";
import type vi from "../../vi/tele/links";

export default {
  title: "Remote support: hubs and spokes",
  errors: {
    sameFacility: "The hub and the spoke must be two different facilities.",
    hubNotCare: "The hub must be an active care facility.",
    spokeNotCare: "The spoke must be an active care facility.",
    notParties: "Both the hub and the spoke must be parties to this agreement.",
    duplicate: "These two facilities are already linked for this specialty.",
  },
} as const satisfies Mirror<typeof vi>;
