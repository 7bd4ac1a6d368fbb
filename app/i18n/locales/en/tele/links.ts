// Hubs and spokes: the links, the network view's remote-support layer, recurring schedules and their calendar file.
import type { Mirror } from "../../../mirror";
import type vi from "../../vi/tele/links";

export default {
  title: "Remote support: hubs and spokes",
} as const satisfies Mirror<typeof vi>;
