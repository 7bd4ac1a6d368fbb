import { sql } from "drizzle-orm";
import { expect, test } from "vitest";
import type { Actor } from "~/models/access/policy";
import { addLedgerEntry } from "~/models/adoption/entries.server";
import { linkNewTechnique, listNewTechniques, recordNewTechnique } from "~/models/catalogue/new-techniques.server";
import { getDepartmentDashboard } from "~/models/reports/dashboard.server";
import { parseDrillParams, parseReportParams } from "~/models/reports/params";
import { loadDrillDown } from "~/models/reports/queries.server";
import { createTestDb } from "../helpers/db";
import { makeChapter, makeFacility, makeProvince, makeTechnique, makeUser } from "../helpers/factories";

const TODAY = "2026-12-02";

function world() {
  const db = createTestDb();
  const province = makeProvince(db);
  const hospital = makeFacility(db, { level: "C", provinceCode: province.code, openedOn: "2000-01-01" });
  const other = makeFacility(db, { level: "B", provinceCode: province.code });
  makeChapter(db, 22);
  const director: Actor = { userId: makeUser(db, { role: "director" }).id, role: "director", facilityId: hospital.id, provinceCode: province.code };
  const department: Actor = { userId: makeUser(db, { role: "department" }).id, role: "department", facilityId: null, provinceCode: province.code };
  return { db, province, hospital, other, director, department };
}

const CAR_T = { name: "Liệu pháp tế bào CAR-T điều trị bạch cầu cấp", chapterNumber: 22, permissionDecision: "123/QĐ-BYT", transferringPartner: "Viện Huyết học" };

test("a facility records a new technique, records its start in the ledger by the provisional code, and it is counted apart, never as cross-level", () => {
  const w = world();
  const created = recordNewTechnique(w.db, w.director, w.hospital.id, CAR_T);
  expect(created.code).toMatch(/^KTM-\d+$/);
  expect(w.db.get(sql`select kind, min_level, recorded_by_facility_id as f from techniques where id = ${created.id}`)).toEqual({ kind: "new", min_level: null, f: w.hospital.id });
  addLedgerEntry(w.db, w.director, w.hospital.id, { techniqueCode: created.code, kind: "started", eventOn: "2026-06-01" }, TODAY);
  const pair = w.db.get<{ cross_level: number; min_level: string | null }>(sql`select cross_level, min_level from adoption_pairs where technique_id = ${created.id}`);
  expect(pair).toEqual({ cross_level: 0, min_level: null });
  const dashboard = getDepartmentDashboard(w.db, w.department, w.province.code, TODAY);
  expect(dashboard.apart).toMatchObject({ unclassified: 0, newTechniques: 1 });
  expect(dashboard.regionalPerforming.all).toBe(0);
  expect(listNewTechniques(w.db, w.department, "vi").map((r) => r.code)).toEqual([created.code]);
});

test("linking to its listed code keeps its ledger (no past figure moves) and records the correspondence", () => {
  const w = world();
  const created = recordNewTechnique(w.db, w.director, w.hospital.id, CAR_T);
  const listed = makeTechnique(w.db, { chapterNumber: 22, number: 9001 });
  addLedgerEntry(w.db, w.director, w.hospital.id, { techniqueCode: created.code, kind: "started", eventOn: "2026-06-01" }, TODAY);
  const linked = linkNewTechnique(w.db, w.director, created.id, listed.code);
  expect(linked.listedCode).toBe(listed.code);
  expect(w.db.get(sql`select source from technique_crosswalk where from_technique_id = ${created.id} and to_technique_id = ${listed.id}`)).toEqual({ source: "listing" });
  expect(w.db.get(sql`select count(*) as n from adoption_events where technique_id = ${created.id}`)).toEqual({ n: 1 });
  expect(() => linkNewTechnique(w.db, w.director, created.id, listed.code)).toThrowError(expect.objectContaining({ status: 409 }));
});

test("bad input: another facility's director, an unknown listed code, the same name twice", () => {
  const w = world();
  const created = recordNewTechnique(w.db, w.director, w.hospital.id, CAR_T);
  const stranger: Actor = { userId: 0, role: "director", facilityId: w.other.id, provinceCode: w.province.code };
  expect(() => recordNewTechnique(w.db, stranger, w.hospital.id, CAR_T)).toThrowError(expect.objectContaining({ status: 403 }));
  expect(() => linkNewTechnique(w.db, stranger, created.id, "10.1")).toThrowError(expect.objectContaining({ status: 403 }));
  expect(() => linkNewTechnique(w.db, w.director, created.id, "10.99999")).toThrowError(
    expect.objectContaining({ status: 400, message: "catalogue:newTechniques.unknownListedCode" }),
  );
  expect(() => recordNewTechnique(w.db, w.director, w.hospital.id, CAR_T)).toThrowError(expect.objectContaining({ status: 409, field: "name" }));
  expect(listNewTechniques(w.db, stranger, "vi")).toEqual([]);
});

test("the dashboard's counted-apart line opens exactly the pairs it counts: performed today, without a legacy level, listed or new", () => {
  const w = world();
  const newTechnique = recordNewTechnique(w.db, w.director, w.hospital.id, CAR_T);
  const unlevelled = makeTechnique(w.db, { chapterNumber: 22, number: 9101, minLevel: null });
  const paused = makeTechnique(w.db, { chapterNumber: 22, number: 9102, minLevel: null });
  const crossLevel = makeTechnique(w.db, { chapterNumber: 22, number: 9103, minLevel: "B" });
  for (const code of [newTechnique.code, unlevelled.code, paused.code, crossLevel.code]) {
    addLedgerEntry(w.db, w.director, w.hospital.id, { techniqueCode: code, kind: "started", eventOn: "2025-03-01" }, TODAY);
  }
  addLedgerEntry(w.db, w.director, w.hospital.id, { techniqueCode: paused.code, kind: "suspended", eventOn: "2026-02-01" }, TODAY);

  const dashboard = getDepartmentDashboard(w.db, w.department, w.province.code, TODAY);
  expect([dashboard.apart.unclassified, dashboard.apart.newTechniques]).toEqual([1, 1]);
  const url = new URL(dashboard.apart.href, "http://localhost");
  expect(url.pathname).toBe("/reports/pairs");
  const params = parseDrillParams(url, 2026);
  expect(params).toMatchObject({ apart: true, crossOnly: false, provinceCode: w.province.code, metric: "cumulative", category: "all", year: 2026 });
  const page = loadDrillDown(w.db, w.department, params, TODAY, { page: 1, pageSize: 50, offset: 0 });
  expect(page.total).toBe(2);
  expect(page.rows.map((r) => r.techniqueCode).sort()).toEqual([newTechnique.code, unlevelled.code].sort());
  expect(page.rows.every((r) => r.minLevel === null)).toBe(true);

  // Without "apart" the same drill-down lists every technique performed, the cross-level one too.
  const every = new URL(url);
  every.searchParams.set("measure", "all");
  expect(loadDrillDown(w.db, w.department, parseDrillParams(every, 2026), TODAY, { page: 1, pageSize: 50, offset: 0 }).total).toBe(3);
  // The report itself has no such measure: a 400, not a silent cross-level report.
  expect(() => parseReportParams(url, 2026)).toThrowError(expect.objectContaining({ status: 400 }));
  // Another province's department may not open it.
  const elsewhere = makeProvince(w.db);
  const stranger: Actor = { userId: makeUser(w.db, { role: "department" }).id, role: "department", facilityId: null, provinceCode: elsewhere.code };
  expect(() => loadDrillDown(w.db, stranger, params, TODAY, { page: 1, pageSize: 50, offset: 0 })).toThrowError(expect.objectContaining({ status: 403 }));
});
