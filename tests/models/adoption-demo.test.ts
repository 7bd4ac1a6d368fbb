// The Done-when figures on the seeded demo, computed by the app's own report code.
import { sql } from "drizzle-orm";
import { expect, test } from "vitest";
import type { Actor } from "~/models/access/policy";
import { getAdoptionReport } from "~/models/reports/adoption-report.server";
import { getDepartmentDashboard } from "~/models/reports/dashboard.server";
import { listFigurePairs } from "~/models/reports/drill-down.server";
import { listTargets } from "~/models/targets/targets.server";
import { createDemoDb } from "../helpers/db";
import { DEMO_TODAY as TODAY } from "../helpers/demo-today";

test("on the seeded demo, Lào Cai reads +1,268 and 4,028, the drill-downs list as many pairs, and Bắc Ninh's target is 103.7%", async () => {
  const db = createDemoDb();
  const laoCai: Actor = { userId: 0, role: "department", facilityId: null, provinceCode: "15" };
  const dashboard = getDepartmentDashboard(db, laoCai, "15", TODAY);
  expect(dashboard.provincialAdded.official).toBe(1268);
  expect(dashboard.regionalPerforming.official).toBe(4028);
  // Recorded but not yet approved techniques show only in the "all recorded" figures.
  expect(dashboard.provincialAdded.all).toBeGreaterThan(1268);
  expect(dashboard.pendingRequests).toBe(1);

  const drill = (levels: ("B" | "C" | "D")[], metric: "change" | "cumulative") =>
    listFigurePairs(
      db,
      laoCai,
      { metric, category: "official", start: "2026-01-01", end: TODAY, baselineEnd: "2020-12-31", filter: { provinceCode: "15", levels } },
      TODAY,
      { page: 1, pageSize: 5000, offset: 0 },
    );
  const added = drill(["B"], "change");
  expect(added.total).toBe(1268);
  expect(new Set(added.rows.map((r) => `${r.facilityId}:${r.techniqueId}`)).size).toBe(1268);
  expect(added.rows.every((r) => r.levelNow === "B" && r.minLevel! < r.levelAtStart && r.approvedOn! > "2020-12-31")).toBe(true);
  const performing = drill(["C", "D"], "cumulative");
  expect(performing.total).toBe(4028);
  expect(performing.rows.every((r) => ["C", "D"].includes(r.levelNow) && r.approvedOn !== null)).toBe(true);

  const bacNinh: Actor = { userId: 0, role: "department", facilityId: null, provinceCode: "24" };
  const records = listTargets(db, bacNinh, { page: { page: 1, pageSize: 10, offset: 0 } }, TODAY, "vi").rows.find((t) => t.indicator === "manual_count")!;
  expect([records.value, records.targetValue, records.percent, records.status]).toEqual([56, 54, 103.7, "achieved"]);

  // Every ledger write has its audit row.
  const audits = db.get<{ n: number }>(sql`select count(*) as n from audit_events where entity_type = 'adoption_event'`)!.n;
  const events = db.get<{ n: number }>(sql`select count(*) as n from adoption_events`)!.n;
  expect(audits).toBe(events);
}, 120_000);

test("the dashboard's movers and headlines are the yearly report's last year, though it counts the years between as one period", async () => {
  const db = createDemoDb();
  const laoCai: Actor = { userId: 0, role: "department", facilityId: null, provinceCode: "15" };
  const dashboard = getDepartmentDashboard(db, laoCai, "15", TODAY);
  const lastYear = (dimension: "facility" | "chapter" | "level") => {
    const report = getAdoptionReport(db, laoCai, { dimension, filter: { provinceCode: "15" } }, TODAY);
    const last = report.periods.length - 1;
    return new Map(report.rows.map((r) => [r.key, r.periods[last].official]));
  };
  for (const [dimension, movers] of [
    ["facility", dashboard.facilities],
    ["chapter", dashboard.chapters],
  ] as const) {
    const yearly = lastYear(dimension);
    expect(movers.length).toBeGreaterThan(0);
    for (const m of movers) expect([m.change, m.cumulative]).toEqual([yearly.get(m.key)!.change, yearly.get(m.key)!.cumulative]);
    // The five biggest risers of the yearly report, in the same order.
    const top = [...yearly.entries()].filter(([, f]) => f.change > 0).map(([k, f]) => [k, f.change] as const);
    expect(movers.map((m) => m.change)).toEqual(top.map(([, c]) => c).sort((a, b) => b - a).slice(0, 5));
  }
  const byLevel = lastYear("level");
  expect(dashboard.provincialAdded.official).toBe(byLevel.get("B")!.change);
  expect(dashboard.regionalPerforming.official).toBe((byLevel.get("C")?.cumulative ?? 0) + (byLevel.get("D")?.cumulative ?? 0));
}, 120_000);
