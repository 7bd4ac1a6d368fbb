// Each rule that exists both as a TypeScript predicate and as an SQL fragment gives the same
// answer in both forms on a table of awkward cases, on a real database with the migrations.
import { sql } from "drizzle-orm";
import { expect, test } from "vitest";
import { adoptionEvents } from "~/db/schema";
import { facilityPerformsTechnique } from "~/models/adoption/facility-techniques.server";
import { rebuildAdoptionPairs } from "~/models/adoption/pair-summary.server";
import { isPerformedOn, performedOnSql, type LedgerEvent } from "~/models/adoption/rules";
import { crossLevelSql, isCrossLevel } from "~/models/catalogue/levels";
import { creditStanding, creditStandingSql, REQUIRED_HOURS } from "~/models/credits/rules";
import { LEVELS, type Level } from "~/models/enums";
import { createTestDb } from "../helpers/db";
import { makeFacility, makeProvince, makeTechnique } from "../helpers/factories";

const db = createTestDb();

test("cross-level: the predicate, the SQL fragment and the generated column agree on every pair of levels and blanks", () => {
  const values: (Level | null)[] = [...LEVELS, null];
  for (const min of values) {
    for (const level of values) {
      const inSql = db.get<{ v: number }>(sql`select ${crossLevelSql(sql`${min}`, sql`${level}`)} as v`)!.v;
      expect({ min, level, cross: inSql === 1 }).toEqual({ min, level, cross: isCrossLevel(min, level) });
    }
  }
  // The generated column of the ledger's summary uses the same fragment.
  const province = makeProvince(db);
  for (const level of LEVELS) {
    const facility = makeFacility(db, { provinceCode: province.code, level, openedOn: "2000-01-01" });
    for (const min of values) {
      const technique = makeTechnique(db, { minLevel: min });
      db.insert(adoptionEvents).values({ facilityId: facility.id, techniqueId: technique.id, kind: "started", eventOn: "2020-01-01" }).run();
      db.transaction((tx) => rebuildAdoptionPairs(tx));
      const stored = db.get<{ cross: number }>(
        sql`select cross_level as cross from adoption_pairs where facility_id = ${facility.id} and technique_id = ${technique.id}`,
      )!.cross;
      expect({ min, level, cross: stored === 1 }).toEqual({ min, level, cross: isCrossLevel(min, level) });
    }
  }
});

// Ledgers that obey the order rules, with same-day events and repeated suspensions.
const LEDGERS: Record<string, LedgerEvent[]> = {
  "started only": [{ kind: "started", eventOn: "2021-03-10" }],
  "started and suspended the same day": [
    { kind: "started", eventOn: "2021-03-10" },
    { kind: "suspended", eventOn: "2021-03-10" },
  ],
  "suspended and resumed the same day": [
    { kind: "started", eventOn: "2021-03-10" },
    { kind: "suspended", eventOn: "2021-03-12" },
    { kind: "resumed", eventOn: "2021-03-12" },
  ],
  "two suspensions, the second never resumed": [
    { kind: "started", eventOn: "2021-03-10" },
    { kind: "approved", eventOn: "2021-03-11" },
    { kind: "suspended", eventOn: "2021-03-12" },
    { kind: "resumed", eventOn: "2021-03-14" },
    { kind: "suspended", eventOn: "2021-03-16" },
  ],
  "suspended, resumed, suspended, resumed": [
    { kind: "started", eventOn: "2021-03-10" },
    { kind: "suspended", eventOn: "2021-03-11" },
    { kind: "resumed", eventOn: "2021-03-13" },
    { kind: "suspended", eventOn: "2021-03-15" },
    { kind: "resumed", eventOn: "2021-03-17" },
  ],
};

const DATES = Array.from({ length: 12 }, (_, i) => `2021-03-${String(8 + i).padStart(2, "0")}`);

test("performed on a date: the ledger replay, the SQL fragment and the facility's current list agree, day by day", () => {
  const province = makeProvince(db);
  const facility = makeFacility(db, { provinceCode: province.code, level: "B", openedOn: "2000-01-01" });
  const cases = Object.entries(LEDGERS).map(([name, events]) => {
    const technique = makeTechnique(db, { minLevel: "A" });
    for (const e of events) db.insert(adoptionEvents).values({ facilityId: facility.id, techniqueId: technique.id, ...e }).run();
    return { name, events, techniqueId: technique.id };
  });
  db.transaction((tx) => rebuildAdoptionPairs(tx));
  for (const { name, events, techniqueId } of cases) {
    for (const date of DATES) {
      const expected = isPerformedOn(events, date);
      const inSql = db.get<{ n: number }>(sql`select count(*) as n from adoption_pairs p
        where p.facility_id = ${facility.id} and p.technique_id = ${techniqueId} and ${performedOnSql(sql`${date}`)}`)!.n;
      expect({ name, date, performed: inSql === 1 }).toEqual({ name, date, performed: expected });
      expect({ name, date, performed: facilityPerformsTechnique(db, facility.id, techniqueId, date) }).toEqual({ name, date, performed: expected });
    }
  }
  // Spot checks that the table is awkward enough: each case changes state at least once.
  expect(isPerformedOn(LEDGERS["started and suspended the same day"], "2021-03-10")).toBe(false);
  expect(isPerformedOn(LEDGERS["suspended and resumed the same day"], "2021-03-12")).toBe(true);
  expect(isPerformedOn(LEDGERS["two suspensions, the second never resumed"], "2021-03-15")).toBe(true);
  expect(isPerformedOn(LEDGERS["two suspensions, the second never resumed"], "2021-03-19")).toBe(false);
});

test("CME standing: the predicate and the SQL fragment agree at and around the requirement", () => {
  const fractional = 0.1 + 0.2; // 0.30000000000000004
  const cases: [total: number, expiring: number][] = [
    [0, 0],
    [REQUIRED_HOURS, 0],
    [REQUIRED_HOURS, 0.5],
    [REQUIRED_HOURS - 0.5, 0],
    [REQUIRED_HOURS - 1e-12, 0], // a sum a hair under the requirement meets it
    [REQUIRED_HOURS - 0.3 + fractional, 0],
    [REQUIRED_HOURS + 10, 10],
    [REQUIRED_HOURS + 10, 10.01],
    [REQUIRED_HOURS * 2, REQUIRED_HOURS],
    [37.5, 37.5],
  ];
  for (const [total, expiring] of cases) {
    const inSql = db.get<{ s: string }>(sql`select ${creditStandingSql(sql`${total}`, sql`${expiring}`)} as s`)!.s;
    expect({ total, expiring, standing: inSql }).toEqual({ total, expiring, standing: creditStanding(total, expiring) });
  }
  expect(new Set(cases.map(([t, e]) => creditStanding(t, e)))).toEqual(new Set(["met", "at_risk", "below"]));
});
