import { sql } from "drizzle-orm";
import { expect, test } from "vitest";
import type { Actor } from "~/models/access/policy";
import { addLedgerEntry } from "~/models/adoption/entries.server";
import { linkNewTechnique, listNewTechniques, recordNewTechnique } from "~/models/catalogue/new-techniques.server";
import { getDepartmentDashboard } from "~/models/reports/dashboard.server";
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
  expect(dashboard.apart).toEqual({ unclassified: 0, newTechniques: 1 });
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
