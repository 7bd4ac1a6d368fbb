// Entry that survives a lost connection: the outbox of queued submissions and its states.
import type { Mirror } from "../../mirror";
import type vi from "../vi/offline";

export default {
  outbox: "Outbox",
} as const satisfies Mirror<typeof vi>;
