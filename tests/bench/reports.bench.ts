// Response times of the adoption reports on the national-scale ledger (seeds/national.ts).
// A script, not a vitest file: `npx tsx tests/bench/reports.bench.ts [file]` prints the median
// of five runs (after one warm-up) of each query the pages run.
//   file defaults to NATIONAL_DATABASE_PATH or data/national.sqlite
import { sql } from "drizzle-orm";
import { openDb } from "~/db/client.server";
import type { Actor } from "~/models/access/policy";
import { getAdoptionReport } from "~/models/reports/adoption-report.server";
import { getDepartmentDashboard } from "~/models/reports/dashboard.server";
import { listFigurePairs } from "~/models/reports/drill-down.server";
import { loadPeriodSummary } from "~/models/reports/queries.server";

const file = process.argv[2] ?? process.env.NATIONAL_DATABASE_PATH ?? "data/national.sqlite";
const today = process.argv[3] ?? "2026-01-15";
const db = openDb(file);
const admin: Actor = { userId: 0, role: "admin", facilityId: null, provinceCode: null };
const laoCai: Actor = { userId: 0, role: "department", facilityId: null, provinceCode: "15" };

const size = db.get<{ facilities: number; events: number; pairs: number }>(sql`select
  (select count(*) from facilities) as facilities,
  (select count(*) from adoption_events) as events,
  (select count(*) from (select 1 from adoption_events group by facility_id, technique_id)) as pairs`)!;
console.log(`${file}: ${size.facilities} facilities, ${size.events} events, ${size.pairs} facility-technique pairs; report date ${today}`);
const rollup = db.get<{ rows: number; perFacility: number }>(sql`select (select count(*) from adoption_rollup) as rows,
  (select count(*) from adoption_facility_rollup) as perFacility`)!;
console.log(`rollup: ${rollup.rows} rows (province × classification × half-year), ${rollup.perFacility} per-facility rows`);

function time(label: string, run: () => unknown, runs = 5) {
  run();
  const ms: number[] = [];
  let result: unknown;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    result = run();
    ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  console.log(`${label.padEnd(62)} median ${ms[Math.floor(runs / 2)].toFixed(0).padStart(6)} ms  (min ${ms[0].toFixed(0)}, max ${ms[runs - 1].toFixed(0)})  ${summary(result)}`);
}

function summary(result: unknown): string {
  if (result && typeof result === "object" && "total" in result && typeof (result as { total: unknown }).total === "number") {
    return `${(result as { total: number }).total} pairs`;
  }
  if (result && typeof result === "object" && "rows" in result) {
    const r = result as { rows: unknown[]; total: { periods: { official: { cumulative: number } }[] } };
    return `${r.rows.length} rows, total ${r.total.periods.at(-1)?.official.cumulative} performed (official)`;
  }
  if (result && typeof result === "object" && "provincialAdded" in result) {
    const d = result as { provincialAdded: { official: number }; regionalPerforming: { official: number } };
    return `+${d.provincialAdded.official} / ${d.regionalPerforming.official}`;
  }
  return "";
}

const page = { page: 1, pageSize: 50, offset: 0 };
time("province report (Lào Cai, by level, 2020-)", () => getAdoptionReport(db, laoCai, { dimension: "level", filter: { provinceCode: "15" } }, today));
time("province report (Lào Cai, by facility)", () => getAdoptionReport(db, laoCai, { dimension: "facility", filter: { provinceCode: "15" } }, today));
time("department dashboard (Lào Cai)", () => getDepartmentDashboard(db, laoCai, "15", today));
time("national report (by province, 2020-)", () => getAdoptionReport(db, admin, { dimension: "province" }, today), 3);
time("national report (by chapter)", () => getAdoptionReport(db, admin, { dimension: "chapter" }, today), 3);
time("national report (by level, all techniques)", () => getAdoptionReport(db, admin, { dimension: "level", filter: { crossOnly: false } }, today), 3);
time("national drill-down: level B added since 2020, page 1 of 50", () =>
  listFigurePairs(db, admin, { metric: "change", category: "official", start: "2026-01-01", end: today, baselineEnd: "2020-12-31", filter: { levels: ["B"] } }, today, page), 3);
time("national drill-down: C+D performing, page 200 of 50", () =>
  listFigurePairs(db, admin, { metric: "cumulative", category: "official", start: "2026-01-01", end: today, baselineEnd: "2020-12-31", filter: { levels: ["C", "D"] } }, today, { page: 200, pageSize: 50, offset: 199 * 50 }), 3);
time("province drill-down (Lào Cai, new in 2024)", () =>
  listFigurePairs(db, laoCai, { metric: "new", category: "official", start: "2024-01-01", end: "2024-12-31", baselineEnd: "2020-12-31", filter: { provinceCode: "15" } }, today, page));
time("six-month summary (Lào Cai, by facility, 2025-H1)", () => loadPeriodSummary(db, laoCai, { kind: "h1", year: 2025, dimension: "facility", provinceCode: "15", crossOnly: true }, today));
db.$client.close();
