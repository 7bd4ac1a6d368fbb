// The rollup replay at national scale (seeds/national.ts): the pair summary against the raw
// events, the maintained rollup against a rebuild, and every range count the reports ask for
// (dimension × category × measure × scope × filter × report date) from the rollup against the
// pair summary. A script, not a vitest file (minutes on a national database):
//   npx tsx tests/bench/rollup-replay.ts [file]   (default NATIONAL_DATABASE_PATH or data/national.sqlite)
// Exits 1 on the first disagreement it prints.
import { sql } from "drizzle-orm";
import { openDb } from "~/db/client.server";
import type { Actor } from "~/models/access/policy";
import { pairSummarySql } from "~/models/adoption/pair-summary.server";
import { facilityRollupSelect, rollupDeltaSelect } from "~/models/adoption/rollup.server";
import { addDaysIso } from "~/models/dates";
import { yearPeriods } from "~/models/reports/adoption-report.server";
import { countPairsInRanges, countPairsInSummary, type DateRange, type RangeCount } from "~/models/reports/pair-counts.server";
import type { PairFilter } from "~/models/reports/pairs-sql.server";
import { circularPeriods } from "~/models/reports/periods";
import { REPORT_CATEGORIES, REPORT_DIMENSIONS } from "~/models/reports/registry";

const file = process.argv[2] ?? process.env.NATIONAL_DATABASE_PATH ?? "data/national.sqlite";
const today = process.argv[3] ?? "2026-01-15";
const db = openDb(file);
const t0 = performance.now();
const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
let failures = 0;
const fail = (what: string) => {
  console.log(`DIFFERS: ${what}`);
  failures++;
};

// 1. The pair summary is what the raw events give.
const summaryColumns = "facility_id, technique_id, started_on, approved_on, official_on, suspended_on, level_at_start, min_level, chapter_number";
const fromEvents = sql`select ${sql.raw(summaryColumns)} from (${pairSummarySql(sql`1 = 1`)})`;
const stored = sql.raw(`select ${summaryColumns} from adoption_pairs`);
const pairDiff = db.get<{ n: number }>(sql`select (select count(*) from (${fromEvents} except ${stored})) + (select count(*) from (${stored} except ${fromEvents})) as n`)!.n;
console.log(`pair summary vs raw events: ${pairDiff} rows differ (${elapsed()})`);
if (pairDiff !== 0) fail("pair summary vs raw events");

// 2. The maintained rollup is its rebuild.
const rebuilt = sql.raw(`select * from (${rollupDeltaSelect("(select facility_id, cross_level, started_on, official_on from adoption_pairs)", 1)}) where n <> 0`);
const kept = sql.raw("select province_code, level, competence, period_end, category, cross_level, n from adoption_rollup where n <> 0");
const rollupDiff = db.get<{ n: number }>(sql`select (select count(*) from (${rebuilt} except ${kept})) + (select count(*) from (${kept} except ${rebuilt})) as n`)!.n;
const rows = db.get<{ n: number }>(sql`select count(*) as n from adoption_rollup`)!.n;
console.log(`rollup (${rows} rows) vs rebuild: ${rollupDiff} rows differ (${elapsed()})`);
if (rollupDiff !== 0) fail("rollup vs rebuild");
const facilityRebuilt = sql.raw(`select * from (${facilityRollupSelect("(select facility_id, cross_level, started_on, official_on from adoption_pairs)", 1)}) where n <> 0`);
const facilityKept = sql.raw("select facility_id, category, cross_level, period_end, n from adoption_facility_rollup where n <> 0");
const facilityDiff = db.get<{ n: number }>(
  sql`select (select count(*) from (${facilityRebuilt} except ${facilityKept})) + (select count(*) from (${facilityKept} except ${facilityRebuilt})) as n`,
)!.n;
console.log(`per-facility rollup vs rebuild: ${facilityDiff} rows differ (${elapsed()})`);
if (facilityDiff !== 0) fail("per-facility rollup vs rebuild");

// 3. Every range count from the rollup and from the pair summary.
const admin: Actor = { userId: 0, role: "admin", facilityId: null, provinceCode: null };
const provinces = db.all<{ code: string }>(sql`select code from provinces order by code`).map((p) => p.code);
const department = (code: string): Actor => ({ userId: 0, role: "department", facilityId: null, provinceCode: code });
const filters: PairFilter[] = [{}, { crossOnly: false }, { levels: ["B"] }, { levels: ["C", "D"], crossOnly: false }, { competences: ["none"] }];
const normalise = (r: RangeCount[]) =>
  r
    .filter((x) => x.n !== 0)
    .map((x) => `${x.k}#${x.idx}=${x.n}`)
    .sort()
    .join(",");
let compared = 0;
let rollupMs = 0;
let summaryMs = 0;
for (const reportDate of [today, "2025-12-31", "2025-07-01", "2025-06-30", "2024-05-17"]) {
  const rangeSets: DateRange[][] = [
    [{ from: null, to: "2019-12-31" }, ...yearPeriods(2020, reportDate).map((p) => ({ from: p.start, to: p.end }))],
    circularPeriods("h1", Number(reportDate.slice(0, 4)), reportDate).map((p) => ({ from: p.start, to: p.end })),
    [{ from: "2016-03-15", to: "2019-08-14" }, { from: addDaysIso(reportDate, -40), to: reportDate }],
  ];
  for (const [actor, extra] of [
    [admin, {}],
    [admin, { provinceCode: provinces[5] }],
    [department(provinces[0]), {}],
    [department(provinces[20]), {}],
  ] as [Actor, PairFilter][]) {
    for (const base of filters) {
      const filter = { ...base, ...extra };
      for (const dimension of REPORT_DIMENSIONS) {
        for (const category of REPORT_CATEGORIES) {
          for (const ranges of rangeSets) {
            const options = { filter, reportDate, dimension, category, ranges };
            let s = performance.now();
            const a = normalise(countPairsInRanges(db, actor, options));
            rollupMs += performance.now() - s;
            s = performance.now();
            const b = normalise(countPairsInSummary(db, actor, options));
            summaryMs += performance.now() - s;
            if (a !== b) fail(JSON.stringify({ actor: actor.role, province: actor.provinceCode, reportDate, filter, dimension, category, ranges }));
            compared++;
          }
        }
      }
    }
  }
  console.log(`  report date ${reportDate}: ${compared} variants so far (${elapsed()})`);
}
console.log(`${compared} variants compared, ${failures} differ; counting took ${Math.round(rollupMs)} ms (rollup first) vs ${Math.round(summaryMs)} ms (pair summary); ${elapsed()} in all`);
db.$client.close();
process.exit(failures === 0 ? 0 : 1);
