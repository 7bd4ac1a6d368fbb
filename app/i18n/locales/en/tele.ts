// The remote-support namespace: one file per part (links and schedules, sessions, reports), keys `tele:<part>.<key>`.
import links from "./tele/links";
import reports from "./tele/reports";
import sessions from "./tele/sessions";

export default { links, sessions, reports } as const;
