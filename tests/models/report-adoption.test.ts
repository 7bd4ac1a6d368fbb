import { expect, test } from "vitest";
import { facilityLevels } from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import { recordAdoptionEvents, type AdoptionEventInput } from "~/models/adoption/ledger.server";
import { facilityLevelOn } from "~/models/facilities/levels.server";
import { getAdoptionReport } from "~/models/reports/adoption-report.server";
import { listFigurePairs } from "~/models/reports/drill-down.server";
import { createTestDb } from "../helpers/db";
import { makeFacility, makeProvince, makeTechnique } from "../helpers/factories";

const TODAY = "2025-10-15";
const admin: Actor = { userId: 0, role: "admin", facilityId: null, provinceCode: null };

// A small province: a provincial hospital (B), a regional hospital (C) and a hospital that
// was regional (C) until the 2025 reorganisation made it provincial (B).
function buildNetwork() {
  const db = createTestDb();
  const p = makeProvince(db);
  const q = makeProvince(db);
  const h = makeFacility(db, { provinceCode: p.code, level: "B", name: "BV Tỉnh" });
  const r = makeFacility(db, { provinceCode: p.code, level: "C", name: "BV Khu vực" });
  const x = makeFacility(db, { provinceCode: p.code, level: "B", name: "BV Đổi tuyến" });
  const other = makeFacility(db, { provinceCode: q.code, level: "B", name: "BV Tỉnh khác" });
  db.insert(facilityLevels)
    .values([
      { facilityId: x.id, level: "C", validFrom: "2000-01-01" },
      { facilityId: x.id, level: "B", validFrom: "2025-07-01", note: "2025 reorganisation" },
      // Every facility has a history row, as createFacility writes one.
      { facilityId: other.id, level: "B", validFrom: "2000-01-01" },
      { facilityId: r.id, level: "C", validFrom: "2000-01-01" },
      { facilityId: h.id, level: "B", validFrom: "2000-01-01" },
    ])
    .run();
  const tA1 = makeTechnique(db, { minLevel: "A", chapterNumber: 10 });
  const tA2 = makeTechnique(db, { minLevel: "A", chapterNumber: 10 });
  const tB1 = makeTechnique(db, { minLevel: "B", chapterNumber: 3 });
  const tC = makeTechnique(db, { minLevel: "C", chapterNumber: 3 });
  const tNull = makeTechnique(db, { minLevel: null, chapterNumber: 3 });
  const ev = (facilityId: number, techniqueId: number, kind: AdoptionEventInput["kind"], eventOn: string): AdoptionEventInput => ({
    facilityId,
    techniqueId,
    kind,
    eventOn,
  });
  db.transaction((tx) =>
    recordAdoptionEvents(
      tx,
      [
        ev(h.id, tA1.id, "started", "2020-05-01"),
        ev(h.id, tA1.id, "approved", "2020-06-01"),
        ev(h.id, tA2.id, "started", "2022-03-01"),
        ev(h.id, tA2.id, "approved", "2023-01-10"),
        ev(h.id, tB1.id, "started", "2021-01-01"), // not cross-level at B
        ev(h.id, tNull.id, "started", "2021-01-01"), // blank level: never cross-level
        ev(r.id, tB1.id, "started", "2021-02-01"),
        ev(r.id, tB1.id, "approved", "2021-02-01"),
        ev(r.id, tA1.id, "started", "2023-01-01"), // recorded, never approved
        ev(r.id, tC.id, "started", "2021-01-01"),
        ev(r.id, tA2.id, "started", "2021-04-01"),
        ev(r.id, tA2.id, "approved", "2021-05-01"),
        ev(r.id, tA2.id, "suspended", "2024-05-01"),
        ev(r.id, tA2.id, "resumed", "2025-03-01"),
        ev(x.id, tB1.id, "started", "2024-01-01"), // cross-level: X was C then
        ev(x.id, tB1.id, "approved", "2024-02-01"),
        ev(x.id, tA2.id, "started", "2025-08-01"),
        ev(x.id, tA2.id, "approved", "2025-08-01"),
        ev(other.id, tA1.id, "started", "2022-01-01"),
        ev(other.id, tA1.id, "approved", "2022-01-01"),
      ],
      null,
      TODAY,
      { audit: false },
    ),
  );
  return { db, p, q, h, r, x, other, tA1, tA2, tB1 };
}

const figure = (report: ReturnType<typeof getAdoptionReport>, key: string, year: string) => {
  const row = key === "total" ? report.total : report.rows.find((r) => r.key === key)!;
  return row.periods.find((p) => p.period === year)!;
};

test("a facility's level on a date follows its dated history", () => {
  const { db, x, h } = buildNetwork();
  expect(facilityLevelOn(db, x.id, "2025-06-30")).toBe("C");
  expect(facilityLevelOn(db, x.id, "2025-07-01")).toBe("B");
  expect(facilityLevelOn(db, x.id, "1990-01-01")).toBe("C");
  expect(facilityLevelOn(db, h.id, "2021-01-01")).toBe("B");
});

test("by level: the level on the report date groups, the level on the start date classifies", () => {
  const { db, p } = buildNetwork();
  const report = getAdoptionReport(db, admin, { dimension: "level", filter: { provinceCode: p.code } }, TODAY);
  expect(report.periods.map((x) => x.key)).toEqual(["2020", "2021", "2022", "2023", "2024", "2025"]);
  expect(report.periods.at(-1)!.end).toBe(TODAY);
  // B = the provincial hospital (A techniques) and the hospital that moved up (its B technique started while C).
  expect(figure(report, "B", "2025").official).toEqual({ new: 1, cumulative: 4, change: 3 });
  expect(figure(report, "B", "2020").official).toEqual({ new: 1, cumulative: 1, change: 0 });
  // C = the regional hospital: its suspended technique drops out in 2024 and is back in 2025.
  expect(figure(report, "C", "2024").official.cumulative).toBe(1);
  expect(figure(report, "C", "2025").official).toEqual({ new: 0, cumulative: 2, change: 2 });
  // All recorded adds the technique that was never approved.
  expect(figure(report, "C", "2025").all.cumulative).toBe(3);
});

test("by facility, chapter and province, the groups add up to the total", () => {
  const { db, h, r, x, p, q } = buildNetwork();
  const byFacility = getAdoptionReport(db, admin, { dimension: "facility", filter: { provinceCode: p.code } }, TODAY);
  expect(figure(byFacility, String(h.id), "2025").official.cumulative).toBe(2);
  expect(figure(byFacility, String(r.id), "2025").official.cumulative).toBe(2);
  expect(figure(byFacility, String(x.id), "2025").official.cumulative).toBe(2);
  expect(figure(byFacility, "total", "2025").official.cumulative).toBe(6);
  const byChapter = getAdoptionReport(db, admin, { dimension: "chapter", filter: { provinceCode: p.code } }, TODAY);
  expect(figure(byChapter, "10", "2025").official.cumulative).toBe(4);
  expect(figure(byChapter, "3", "2025").official.cumulative).toBe(2);
  const byProvince = getAdoptionReport(db, admin, { dimension: "province" }, TODAY);
  expect(figure(byProvince, p.code, "2025").official.cumulative).toBe(6);
  expect(figure(byProvince, q.code, "2025").official.cumulative).toBe(1);
  expect(figure(byProvince, "total", "2025").official.cumulative).toBe(7);
  expect(byProvince.rows.find((row) => row.key === p.code)!.label).toBe(p.name);
});

test("a department reads only its own province's figures", () => {
  const { db, p, q } = buildNetwork();
  const department: Actor = { userId: 0, role: "department", facilityId: null, provinceCode: p.code };
  const report = getAdoptionReport(db, department, { dimension: "province" }, TODAY);
  expect(report.rows.map((row) => row.key)).toEqual([p.code]);
  expect(report.rows.some((row) => row.key === q.code)).toBe(false);
});

test("a baseline year after the report year is refused", () => {
  const { db } = buildNetwork();
  expect(() => getAdoptionReport(db, admin, { baselineYear: 2026 }, TODAY)).toThrow("reports:errors.baselineAfterReport");
});

test("drilling into a figure lists exactly the pairs it counts", () => {
  const { db, p, x, tB1 } = buildNetwork();
  const base = { category: "official" as const, baselineEnd: "2020-12-31", filter: { provinceCode: p.code, levels: ["B" as const] } };
  const change = listFigurePairs(db, admin, { ...base, metric: "change", start: "2025-01-01", end: TODAY }, TODAY, { page: 1, pageSize: 2, offset: 0 });
  expect(change.total).toBe(3);
  expect(change.rows).toHaveLength(2);
  expect(change.pageCount).toBe(2);
  const fresh = listFigurePairs(db, admin, { ...base, metric: "new", start: "2024-01-01", end: "2024-12-31" }, TODAY, { page: 1, pageSize: 25, offset: 0 });
  expect(fresh.rows.map((row) => [row.facilityId, row.techniqueId, row.levelAtStart, row.levelNow])).toEqual([[x.id, tB1.id, "C", "B"]]);
});

test("a report dated before the reorganisation groups the facility under its level then", () => {
  const { db, p, x, r } = buildNetwork();
  const report = getAdoptionReport(db, admin, { dimension: "level", filter: { provinceCode: p.code } }, "2025-06-30");
  // On 2025-06-30 the reorganised hospital was still regional (C): its B technique (2024) counts with C.
  expect(figure(report, "C", "2025").official.cumulative).toBe(3);
  const drill = listFigurePairs(
    db,
    admin,
    { metric: "cumulative", category: "official", start: "2025-01-01", end: "2025-06-30", baselineEnd: "2020-12-31", filter: { provinceCode: p.code, levels: ["C"] } },
    "2025-06-30",
    { page: 1, pageSize: 25, offset: 0 },
  );
  expect(new Set(drill.rows.map((row) => row.facilityId))).toEqual(new Set([x.id, r.id]));
});

test("a technique suspended for good leaves the cumulative figure from the year of its suspension", () => {
  const db = createTestDb();
  const p = makeProvince(db);
  const h = makeFacility(db, { provinceCode: p.code, level: "B" });
  const [t1, t2] = [makeTechnique(db, { minLevel: "A" }), makeTechnique(db, { minLevel: "A" })];
  db.transaction((tx) =>
    recordAdoptionEvents(
      tx,
      [
        { facilityId: h.id, techniqueId: t1.id, kind: "started", eventOn: "2021-03-01" },
        { facilityId: h.id, techniqueId: t1.id, kind: "approved", eventOn: "2021-03-01" },
        { facilityId: h.id, techniqueId: t1.id, kind: "suspended", eventOn: "2022-06-01" },
        { facilityId: h.id, techniqueId: t2.id, kind: "started", eventOn: "2023-03-01" },
        { facilityId: h.id, techniqueId: t2.id, kind: "suspended", eventOn: "2023-09-01" },
      ],
      null,
      TODAY,
    ),
  );
  const report = getAdoptionReport(db, admin, { dimension: "total", filter: { provinceCode: p.code } }, TODAY);
  expect(report.total.periods.map((x) => x.official.cumulative)).toEqual([0, 1, 0, 0, 0, 0]);
  expect(report.total.periods.map((x) => x.all.cumulative)).toEqual([0, 1, 0, 0, 0, 0]);
  expect(report.total.periods.map((x) => x.all.new)).toEqual([0, 1, 0, 1, 0, 0]);
  expect(report.total.periods.map((x) => x.all.change)).toEqual([0, 1, 0, 0, 0, 0]);
});
