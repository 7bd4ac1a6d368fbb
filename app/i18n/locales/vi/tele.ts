// The remote-support namespace: one file per part (links and schedules, sessions), keys `tele:<part>.<key>`.
import links from "./tele/links";
import sessions from "./tele/sessions";

export default { links, sessions } as const;
