// The rollup (adoption_rollup) against the pair summary and the raw ledger: after every kind
// of write (ledger events, approvals, suspensions, level and competence changes, a province
// move, catalogue level and chapter changes) the maintained rollup equals one rebuilt from
// the pairs, and every range count the reports ask for (every dimension × category × measure
// × scope × filter, on dates mid-month and before and after the changes) is the same from
// the rollup, from the pair summary and from a replay of the raw events.
import { sql } from "drizzle-orm";
import { expect, test } from "vitest";
import type { Db } from "~/db/client.server";
import { facilityCompetenceLevels } from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import { recordAdoptionEvents, type AdoptionEventInput } from "~/models/adoption/ledger.server";
import {
  facilityPairSource,
  facilityRollupApplySql,
  facilityRollupSelect,
  rebuildAdoptionRollup,
  rollupApplySql,
  rollupDeltaSelect,
  triggerPairSource,
} from "~/models/adoption/rollup.server";
import { createTestDb } from "../helpers/db";
import { recordTechniqueLevel } from "~/models/catalogue/levels.server";
import { addDaysIso } from "~/models/dates";
import { LEVELS } from "~/models/enums";
import { changeFacilityLevel } from "~/models/facilities/commands.server";
import { buildReport, yearPeriods } from "~/models/reports/adoption-report.server";
import { countPairsInRanges, countPairsInSummary, type DateRange, type RangeCount } from "~/models/reports/pair-counts.server";
import type { Category, PairFilter } from "~/models/reports/pairs-sql.server";
import { circularPeriods } from "~/models/reports/periods";
import { REPORT_CATEGORIES, REPORT_DIMENSIONS } from "~/models/reports/registry";
import { createPrng } from "../../seeds/prng";
import { admin, buildLedger, replay, TODAY, type Replayed } from "../helpers/report-ledger";

type Row = { province_code: string; level: string; competence: string; period_end: string; category: string; cross_level: number; n: number };
const keyOf = (r: Row) => [r.category, r.cross_level, r.province_code, r.period_end, r.level, r.competence].join("|");

/** The stored rollup and one recomputed from the pairs, without the rows that count nothing. */
function rollupAgainstRebuild(db: Db) {
  const stored = db.all<Row>(sql`select * from adoption_rollup where n <> 0`);
  const rebuilt = db.all<Row>(
    sql.raw(`select * from (${rollupDeltaSelect("(select facility_id, cross_level, started_on, official_on from adoption_pairs)", 1)}) where n <> 0`),
  );
  const asMap = (rows: Row[]) => Object.fromEntries(rows.map((r) => [keyOf(r), r.n]));
  type FacilityRow = { facility_id: number; category: string; cross_level: number; period_end: string; n: number };
  const asFacilityMap = (rows: FacilityRow[]) => Object.fromEntries(rows.map((r) => [`${r.facility_id}|${r.category}|${r.cross_level}|${r.period_end}`, r.n]));
  const perFacility = db.all<FacilityRow>(sql`select * from adoption_facility_rollup where n <> 0`);
  const perFacilityRebuilt = db.all<FacilityRow>(
    sql.raw(`select * from (${facilityRollupSelect("(select facility_id, cross_level, started_on, official_on from adoption_pairs)", 1)}) where n <> 0`),
  );
  return { stored: { ...asMap(stored), ...asFacilityMap(perFacility) }, rebuilt: { ...asMap(rebuilt), ...asFacilityMap(perFacilityRebuilt) } };
}

const normalise = (rows: RangeCount[]) =>
  rows
    .filter((r) => r.n !== 0)
    .map((r) => `${r.k}#${r.idx}=${r.n}`)
    .sort();

/** The same counts from the replayed pairs (raw events, pure rules). */
function replayCounts(pairs: Replayed[], dimension: (typeof REPORT_DIMENSIONS)[number], category: Category, ranges: readonly DateRange[], reportDate: string) {
  const out = new Map<string, number>();
  for (const x of pairs) {
    const from = x.from[category];
    if (from === null) continue;
    ranges.forEach((r, idx) => {
      const to = r.to < reportDate ? r.to : reportDate;
      if (from <= to && (r.from === null || from >= r.from)) {
        const k = `${x.keys[dimension]}#${idx}`;
        out.set(k, (out.get(k) ?? 0) + 1);
      }
    });
  }
  return [...out].map(([k, n]) => `${k}=${n}`).sort();
}

function compareEverything(db: Db, provinces: string[], label: string, dates: string[]) {
  const department: Actor = { userId: 0, role: "department", facilityId: null, provinceCode: provinces[0] };
  const filters: PairFilter[] = [
    {},
    { crossOnly: false },
    { provinceCode: provinces[1] },
    { levels: ["B", "C"] },
    { levels: ["D"], crossOnly: false },
    { competences: ["basic", "none"] },
    { provinceCode: provinces[0], competences: ["initial", "specialised"], crossOnly: false },
  ];
  let compared = 0;
  for (const reportDate of dates) {
    const rangeSets: DateRange[][] = [
      [{ from: null, to: "2019-12-31" }, ...yearPeriods(Math.min(2020, Number(reportDate.slice(0, 4))), reportDate).map((p) => ({ from: p.start, to: p.end }))],
      circularPeriods("h1", Number(reportDate.slice(0, 4)) - 1, reportDate).map((p) => ({ from: p.start, to: p.end })),
      // Odd ranges: mid-month edges, one day, one past the report date, an empty one.
      [
        { from: "2016-03-15", to: "2019-08-14" },
        { from: addDaysIso(reportDate, -40), to: addDaysIso(reportDate, -40) },
        { from: "2024-11-20", to: addDaysIso(reportDate, 30) },
        { from: "2022-05-02", to: "2022-05-01" },
      ],
    ];
    for (const actor of [admin, department]) {
      for (const filter of filters) {
        const pairs = replay(db, actor, filter, reportDate);
        for (const dimension of REPORT_DIMENSIONS) {
          for (const category of REPORT_CATEGORIES) {
            for (const ranges of rangeSets) {
              const options = { filter, reportDate, dimension, category, ranges };
              const context = `${label} ${JSON.stringify({ reportDate, actor: actor.role, filter, dimension, category, ranges })}`;
              const fromRollup = normalise(countPairsInRanges(db, actor, options));
              expect(fromRollup, context).toEqual(normalise(countPairsInSummary(db, actor, options)));
              expect(fromRollup, context).toEqual(replayCounts(pairs, dimension, category, ranges, reportDate));
              compared++;
            }
          }
        }
      }
    }
  }
  return compared;
}

test("the rollup equals its rebuild and counts what the pair summary and the raw ledger count, after every kind of write", () => {
  const { db, provinces, facilities, techniques } = buildLedger("report-rollup-replay");
  const r = createPrng("rollup-writes");
  const dates = [TODAY, "2025-06-30", "2024-02-17", "2021-12-31", "2019-07-10"];
  const check = (label: string) => {
    const { stored, rebuilt } = rollupAgainstRebuild(db);
    expect(stored, label).toEqual(rebuilt);
    return compareEverything(db, provinces, label, dates);
  };
  let compared = check("as built");

  // More ledger writes: new pairs, approvals of unapproved ones, suspensions and resumptions.
  const unapproved = db.all<{ facilityId: number; techniqueId: number; startedOn: string }>(
    sql`select facility_id as facilityId, technique_id as techniqueId, started_on as startedOn from adoption_pairs where approved_on is null`,
  );
  const held = new Set(db.all<{ k: string }>(sql`select facility_id || ':' || technique_id as k from adoption_pairs`).map((x) => x.k));
  const events: AdoptionEventInput[] = [];
  for (const p of unapproved.slice(0, 6)) {
    const on = addDaysIso(p.startedOn, r.int(0, 200));
    events.push({ facilityId: p.facilityId, techniqueId: p.techniqueId, kind: "approved", eventOn: on < TODAY ? on : TODAY });
  }
  for (const f of facilities.slice(0, 5)) {
    for (const t of techniques) {
      if (held.has(`${f.id}:${t.id}`) || !r.chance(0.3)) continue;
      events.push({ facilityId: f.id, techniqueId: t.id, kind: "started", eventOn: "2025-03-14" });
      events.push({ facilityId: f.id, techniqueId: t.id, kind: "approved", eventOn: "2025-08-02" });
      events.push({ facilityId: f.id, techniqueId: t.id, kind: "suspended", eventOn: "2025-09-09" });
    }
  }
  db.transaction((tx) => recordAdoptionEvents(tx, events, null, TODAY, { audit: false }));
  compared += check("after ledger writes");

  // Level changes (back-dated, mid-month), competence changes, a facility moved to another province.
  for (const f of facilities.slice(3, 7)) changeFacilityLevel(db, f.id, r.pick(LEVELS), `202${r.int(0, 5)}-0${r.int(1, 9)}-1${r.int(0, 9)}`, null, null, TODAY);
  db.insert(facilityCompetenceLevels).values({ facilityId: facilities[2].id, competence: "specialised", validFrom: "2023-04-17" }).run();
  db.run(sql`update facility_competence_levels set valid_from = '2022-11-03' where facility_id = ${facilities[0].id} and valid_from = '2024-01-01'`);
  db.run(sql`delete from facility_competence_levels where facility_id = ${facilities[4].id} and valid_from = '2025-07-01'`);
  db.run(sql`update facilities set province_code = ${provinces[1]} where id = ${facilities[1].id} and province_code is not ${provinces[1]}`);
  compared += check("after classification changes");

  // Catalogue: a technique's level from a date (its later pairs reclassified) and a chapter change.
  db.transaction((tx) => recordTechniqueLevel(tx, { techniqueId: techniques[4].id, level: "A", validFrom: "2018-05-20" }, null, TODAY));
  db.run(sql`update techniques set chapter_number = 18 where id = ${techniques[5].id}`);
  compared += check("after catalogue changes");

  // A full rebuild changes nothing either.
  db.transaction((tx) => rebuildAdoptionRollup(tx));
  compared += check("after a rebuild");
  expect(compared).toBe(5 * dates.length * 2 * 7 * REPORT_DIMENSIONS.length * 2 * 3);

  // And the reports' figures (suspensions included) on the rollup still equal the replay.
  const periods = yearPeriods(2018, TODAY);
  const report = buildReport(db, admin, { periods, reportDate: TODAY, dimension: "level", filter: { crossOnly: false } }, 2018);
  const pairs = replay(db, admin, { crossOnly: false }, TODAY);
  const last = periods[periods.length - 1].end;
  const performed = (level: string, category: Category) =>
    pairs.filter((x) => x.keys.level === level && x.from[category] !== null && x.from[category]! <= last && x.performedOn(last)).length;
  for (const row of report.rows) {
    for (const category of REPORT_CATEGORIES) expect(row.periods.at(-1)![category].cumulative, `${row.key} ${category}`).toBe(performed(row.key, category));
  }
});

test("the migration's triggers run the statements rollup.server.ts writes", () => {
  const db = createTestDb();
  const squash = (text: string) => text.replace(/\s+/g, " ").trim();
  const trigger = (name: string) => squash(db.get<{ sql: string }>(sql`select sql from sqlite_master where type = 'trigger' and name = ${name}`)!.sql);
  expect(trigger("adoption_rollup_pair_insert")).toContain(squash(rollupApplySql(triggerPairSource("new"), 1)));
  expect(trigger("adoption_rollup_pair_insert")).toContain(squash(facilityRollupApplySql(triggerPairSource("new"), 1)));
  expect(trigger("adoption_rollup_pair_delete")).toContain(squash(rollupApplySql(triggerPairSource("old"), -1)));
  expect(trigger("adoption_rollup_pair_update")).toContain(squash(rollupApplySql(triggerPairSource("new"), 1)));
  expect(trigger("adoption_rollup_facility_levels_insert_before")).toContain(squash(rollupApplySql(facilityPairSource("new.facility_id"), -1)));
  expect(trigger("adoption_rollup_facility_competence_levels_delete_after")).toContain(squash(rollupApplySql(facilityPairSource("old.facility_id"), 1)));
  expect(trigger("adoption_rollup_facility_before")).toContain(squash(rollupApplySql(facilityPairSource("old.id"), -1)));
  const names = db.all<{ name: string }>(sql`select name from sqlite_master where type = 'trigger' and name like 'adoption_rollup_%'`);
  expect(names).toHaveLength(17);
});
