// Timing of the remote-support reports on a national file (seeds/national.ts, which adds the
// tele data of seeds/national-tele.ts): the hub report of the busiest hubs (administrator and
// the hub's own director), a department's province report and the share-resolved-locally
// target of a province, beside bare SQL group-bys of the same sessions; then the session log's
// first page, beside the bare SQL of its ids. Prints the median of several runs and the query
// plan of the hub scan.
//   npx tsx tests/bench/tele-reports.bench.ts <national file> [--toMonth=2026-01]
import { sql } from "drizzle-orm";
import { openDb } from "~/db/client.server";
import type { Actor } from "~/models/access/policy";
import { computeTargetValue } from "~/models/targets/targets.server";
import { hubReport, teleReport } from "~/models/tele/reports.server";
import type { SessionFilters } from "~/models/tele/sessions-schemas";
import { listSessions } from "~/models/tele/sessions.server";
import type { Target } from "~/db/schema";

const file = process.argv[2];
if (!file) throw new Error("usage: tele-reports.bench.ts <national file>");
const toMonth = process.argv.find((a) => a.startsWith("--toMonth="))?.split("=")[1] ?? "2026-01";
const db = openDb(file);
const [y, m] = toMonth.split("-").map(Number);
const from = m === 12 ? `${y}-01` : `${y - 1}-${String(m + 1).padStart(2, "0")}`;

const ADMIN: Actor = { userId: 0, role: "admin", facilityId: null, provinceCode: null };
function median(run: () => unknown, times = 7): number {
  run();
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    run();
    ms.push(performance.now() - t);
  }
  return ms.sort((a, b) => a - b)[Math.floor(ms.length / 2)];
}
const fmt = (n: number) => `${n.toFixed(1)} ms`;

const counts = db.get<{ sessions: number; participants: number }>(sql`select (select count(*) from tele_sessions) as sessions, (select count(*) from tele_participants) as participants`)!;
console.log(`${counts.sessions} sessions, ${counts.participants} participants; period ${from} – ${toMonth}`);
const hubs = db.all<{ hub: number; n: number; province: string }>(sql`select s.hub_facility_id as hub, count(*) as n, f.province_code as province
  from tele_sessions s join facilities f on f.id = s.hub_facility_id group by s.hub_facility_id order by n desc limit 3`);
for (const h of hubs) {
  const options = { hubFacilityId: h.hub, fromMonth: from, toMonth };
  const director: Actor = { userId: 0, role: "director", facilityId: h.hub, provinceCode: h.province };
  const report = hubReport(db, ADMIN, options, "vi");
  console.log(
    `hub ${h.hub} (${h.n} sessions, ${report.bySpoke.length} spokes): admin ${fmt(median(() => hubReport(db, ADMIN, options, "vi")))}, its director ${fmt(median(() => hubReport(db, director, options, "vi")))}`,
  );
}
const province = hubs[0].province;
const department: Actor = { userId: 0, role: "department", facilityId: null, provinceCode: province };
const filters = { fromMonth: from, toMonth, hub: null, spoke: null, chapter: null, province };
console.log(`province ${province} report (department): ${fmt(median(() => teleReport(db, department, filters, "vi"), 3))}`);
const target = { id: 0, indicator: "tele_resolved_locally_share", provinceCode: province, facilityId: null, periodStart: `${from}-01`, periodEnd: `${toMonth}-28` } as Target;
console.log(`province share target: ${fmt(median(() => computeTargetValue(db, target, `${toMonth}-28`)))}`);
// What a user could have instead: bare SQL over the same sessions, one group-by per table of the
// report (months, spokes, specialties), without names, reach checks, attendees or shares.
const bare = (where: ReturnType<typeof sql>) => () => {
  for (const key of [sql`substr(held_on, 1, 7)`, sql`spoke_facility_id`, sql`chapter_number`]) {
    db.all(sql`select ${key} as k, kind, outcome, count(*) as n, sum(duration_minutes) as minutes from tele_sessions
      where held_on between ${`${from}-01`} and ${`${toMonth}-31`} and ${where} group by 1, 2, 3`);
  }
};
console.log(`bare SQL, busiest hub: ${fmt(median(bare(sql`hub_facility_id = ${hubs[0].hub}`)))}`);
console.log(
  `bare SQL, province ${province}: ${fmt(median(bare(sql`spoke_facility_id in (select id from facilities where province_code = ${province})`), 3))}`,
);
const plan = db.all<{ detail: string }>(sql`explain query plan select substr(held_on, 1, 7), kind, outcome, count(*) from tele_sessions
  where held_on between ${`${from}-01`} and ${`${toMonth}-31`} and hub_facility_id = ${hubs[0].hub} group by 1, 2, 3`);
console.log("hub scan:", plan.map((p) => p.detail).join(" / "));

// The session log's first page (50 rows with their names): the administrator's whole log, the
// busiest hub's, and a title search without accents, beside the bare SQL of the same page's ids.
const firstPage = { page: 1, pageSize: 50, offset: 0 };
const logCases: [string, SessionFilters, ReturnType<typeof sql>][] = [
  ["whole log (admin)", {}, sql`1 = 1`],
  ["busiest hub", { hub: hubs[0].hub }, sql`hub_facility_id = ${hubs[0].hub}`],
  ['title search "y kien" (admin)', { q: "y kien" }, sql`search_text like '%y kien%'`],
  ['title search, no match (admin)', { q: "khong co ca nao" }, sql`search_text like '%khong co ca nao%'`],
];
for (const [label, filters, where] of logCases) {
  const log = fmt(median(() => listSessions(db, ADMIN, filters, firstPage, "vi"), 3));
  const bareLog = fmt(median(() => db.all(sql`select id from tele_sessions where ${where} order by held_on desc, start_time desc, id desc limit 50`), 3));
  console.log(`session log, ${label}: ${log}; bare SQL of the page's ids: ${bareLog}`);
}
