// Six- and twelve-month summaries compared with the same period of the year before, and the
// period a summary opens on when none is chosen: the last one with data.
import { expect, test } from "vitest";
import type { Actor } from "~/models/access/policy";
import { recordAdoptionEvents, type AdoptionEventInput } from "~/models/adoption/ledger.server";
import { circularPeriods, defaultPeriod, percentChange } from "~/models/reports/periods";
import { latestOfficialDate, loadPeriodSummary } from "~/models/reports/queries.server";
import { createTestDb } from "../helpers/db";
import { makeFacility, makeProvince, makeTechnique } from "../helpers/factories";

const admin: Actor = { userId: 0, role: "admin", facilityId: null, provinceCode: null };
const TODAY = "2026-12-02";

function province(pairs: { started: string; approved?: string; suspended?: string }[]) {
  const db = createTestDb();
  const p = makeProvince(db);
  const other = makeProvince(db);
  const f = makeFacility(db, { provinceCode: p.code, level: "C" });
  const g = makeFacility(db, { provinceCode: other.code, level: "C" });
  const events: AdoptionEventInput[] = [];
  for (const pair of pairs) {
    const t = makeTechnique(db, { minLevel: "B" });
    events.push({ facilityId: f.id, techniqueId: t.id, kind: "started", eventOn: pair.started });
    if (pair.approved) events.push({ facilityId: f.id, techniqueId: t.id, kind: "approved", eventOn: pair.approved });
    if (pair.suspended) events.push({ facilityId: f.id, techniqueId: t.id, kind: "suspended", eventOn: pair.suspended });
  }
  // Another province's later figure must not move this province's default period.
  const t = makeTechnique(db, { minLevel: "B" });
  events.push({ facilityId: g.id, techniqueId: t.id, kind: "started", eventOn: "2026-03-01" }, { facilityId: g.id, techniqueId: t.id, kind: "approved", eventOn: "2026-03-01" });
  db.transaction((tx) => recordAdoptionEvents(tx, events, null, TODAY, { audit: false }));
  const department: Actor = { userId: 0, role: "department", facilityId: null, provinceCode: p.code };
  return { db, p, f, department };
}

test("a six-month summary compares January–June with January–June of the year before, not with the half-year just before", () => {
  const { db, p, department } = province([
    { started: "2024-02-01", approved: "2024-03-01" }, // 2024-H1
    { started: "2024-05-01", approved: "2024-05-01" }, // 2024-H1
    { started: "2024-09-01", approved: "2024-09-01" }, // 2024-H2: in neither period
    { started: "2025-04-01", approved: "2025-04-01", suspended: "2025-12-01" }, // 2025-H1, suspended later
    { started: "2025-05-01", approved: "2025-06-30" }, // 2025-H1
    { started: "2025-06-01", approved: "2025-06-10" }, // 2025-H1
  ]);
  const { report, kind, year } = loadPeriodSummary(db, department, { kind: "h1", year: 2025, dimension: "facility", provinceCode: p.code, crossOnly: true }, TODAY);
  expect([kind, year]).toEqual(["h1", 2025]);
  expect(report.periods.map((x) => x.key)).toEqual(["2024-H1", "2025-H1"]);
  const [previous, current] = report.total.periods;
  expect(previous.official).toEqual({ new: 2, cumulative: 2, change: 0 });
  // Cumulative at the end of June 2025: 2 + 1 (H2) + 3; all three new ones still performed then.
  expect(current.official).toEqual({ new: 3, cumulative: 6, change: 3 });
  expect(report.rows).toHaveLength(1);
});

test("a twelve-month summary compares the year with the year before, the current year up to today", () => {
  const { db, p, department } = province([
    { started: "2025-02-01", approved: "2025-02-01" },
    { started: "2026-01-10", approved: "2026-01-20" },
    { started: "2026-11-30", approved: "2026-12-01" },
  ]);
  const { report } = loadPeriodSummary(db, department, { kind: "year", year: 2026, dimension: "facility", provinceCode: p.code, crossOnly: true }, TODAY);
  expect(report.periods).toEqual([
    { key: "2025", start: "2025-01-01", end: "2025-12-31" },
    { key: "2026", start: "2026-01-01", end: TODAY },
  ]);
  expect(report.total.periods.map((x) => x.official.new)).toEqual([1, 2]);
});

test("without a chosen period the summary opens on the last one with data, in the officer's province", () => {
  const { db, p, department } = province([
    { started: "2024-02-01", approved: "2024-03-01" },
    { started: "2025-03-01", approved: "2025-10-05" }, // counted from its approval, in 2025-H2
  ]);
  const opened = loadPeriodSummary(db, department, { dimension: "facility", provinceCode: p.code, crossOnly: true }, TODAY);
  // 2026 has no data here (the other province's 2026 figure does not count): the 2025 twelve-month report.
  expect([opened.kind, opened.year]).toEqual(["year", 2025]);
  expect(opened.report.periods.map((x) => x.key)).toEqual(["2024", "2025"]);
  expect(opened.report.total.periods[1].official.new).toBe(1);
  // A six-month report without a year: the last first half with data (2025-H1 has none).
  const h1 = loadPeriodSummary(db, department, { kind: "h1", dimension: "facility", provinceCode: p.code, crossOnly: true }, TODAY);
  expect([h1.kind, h1.year]).toEqual(["h1", 2024]);
  expect(h1.report.total.periods[1].official.new).toBe(1);
  // The administrator's whole country reaches the other province's 2026 figure.
  expect(latestOfficialDate(db, admin, { crossOnly: true }, TODAY)).toBe("2026-03-01");
  const national = loadPeriodSummary(db, admin, { dimension: "province", provinceCode: null, crossOnly: true }, TODAY);
  expect([national.kind, national.year]).toEqual(["h1", 2026]);
});

test("no data at all: this year's six-month report; a period not started yet is refused", () => {
  const { db, p, department } = province([{ started: "2025-03-01" }]); // never approved: no official figure
  const opened = loadPeriodSummary(db, department, { dimension: "facility", provinceCode: p.code, crossOnly: true }, TODAY);
  expect([opened.kind, opened.year]).toEqual(["h1", 2026]);
  expect(() => circularPeriods("h1", 2027, TODAY)).toThrowError(/periodInFuture/);
});

test("pure period rules: the same period of the year before, the report that first carried a date, percentages", () => {
  expect(circularPeriods("h1", 2024, "2024-02-29").map((x) => [x.key, x.start, x.end])).toEqual([
    ["2023-H1", "2023-01-01", "2023-06-30"],
    ["2023-H2", "2023-07-01", "2023-12-31"],
    ["2024-H1", "2024-01-01", "2024-02-29"],
  ]);
  expect(defaultPeriod("2025-06-30", TODAY)).toEqual({ kind: "h1", year: 2025 });
  expect(defaultPeriod("2025-07-01", TODAY)).toEqual({ kind: "year", year: 2025 });
  expect(defaultPeriod(null, TODAY)).toEqual({ kind: "h1", year: 2026 });
  expect(percentChange(4, 5)).toBe(25);
  expect(percentChange(3, 2)).toBe(-33.3);
  expect(percentChange(0, 2)).toBeNull();
});
