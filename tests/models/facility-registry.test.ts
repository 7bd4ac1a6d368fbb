import { sql } from "drizzle-orm";
import { expect, test } from "vitest";
import { communes } from "~/db/schema";
import type { Db } from "~/db/client.server";
import { createFacility, setFacilityActive, updateFacility } from "~/models/facilities/commands.server";
import { reclassifyFacilities, reclassifyFacility } from "~/models/facilities/classifications.server";
import { competenceOnDateSql, facilityCompetenceOn, facilityLevelOn } from "~/models/facilities/levels.server";
import { getFacility, listClassifiableFacilities } from "~/models/facilities/queries.server";
import { departmentActor, departmentWorld, userActor } from "../helpers/actors";
import { makeFacility, makeProvince } from "../helpers/factories";

const TODAY = "2026-03-31";

function makeCommune(db: Db, code: string, provinceCode: string) {
  db.insert(communes).values({ code, name: `Xã ${code}`, nameEn: `Commune ${code}`, fullName: `Xã ${code}`, fullNameEn: `Commune ${code}`, provinceCode, unitType: "Commune" }).run();
  return code;
}

const station = { name: "Trạm Y tế xã Bảo Hà", shortName: "TYT Bảo Hà", kind: "commune_station", level: "D" } as const;

function auditCount(db: Db, id: number) {
  return db.get<{ n: number }>(sql`select count(*) as n from audit_events where entity_type = 'facility' and entity_id = ${String(id)}`)!.n;
}

test("a department registers a facility of its province with a commune of that province, both classifications dated from opening", () => {
  const { db, p, department } = departmentWorld();
  const commune = makeCommune(db, "90001", p.code);
  const f = createFacility(db, { ...station, code: "TYT-BH", provinceCode: p.code, communeCode: commune, openedOn: "2015-03-01", competence: "initial" }, department);
  expect(f).toMatchObject({ level: "D", competence: "initial", provinceCode: p.code, communeCode: commune });
  expect(facilityCompetenceOn(db, f.id, "2015-02-28")).toBeNull();
  expect(facilityCompetenceOn(db, f.id, "2015-03-01")).toBe("initial");
  expect(auditCount(db, f.id)).toBe(1);
});

test("bad registrations are refused next to their field and write nothing", () => {
  const { db, p, department } = departmentWorld();
  const other = makeProvince(db);
  const outside = makeCommune(db, "90002", other.code);
  makeFacility(db, { code: "TAKEN", provinceCode: p.code });
  const before = db.get<{ n: number }>(sql`select count(*) as n from facilities`)!.n;
  const attempt = (input: Partial<Parameters<typeof createFacility>[1]>) => () =>
    createFacility(db, { ...station, code: "NEW-1", provinceCode: p.code, ...input }, department);

  expect(attempt({ code: "TAKEN" })).toThrowError(expect.objectContaining({ status: 409, field: "code" }));
  expect(attempt({ communeCode: outside })).toThrowError(expect.objectContaining({ status: 400, field: "communeCode", message: "facilities:errors.communeOutsideProvince" }));
  expect(attempt({ openedOn: "2020-05-01", closedOn: "2020-04-30" })).toThrowError(expect.objectContaining({ status: 400, field: "closedOn" }));
  expect(attempt({ kind: "health_department", level: "B" })).toThrowError(expect.objectContaining({ status: 400, field: "level", message: "facilities:errors.nonCareLevel" }));
  expect(attempt({ kind: "other_organisation", level: null, competence: "basic" })).toThrowError(expect.objectContaining({ field: "competence" }));
  // Another province: the department may not register there.
  expect(attempt({ provinceCode: other.code })).toThrowError(expect.objectContaining({ status: 403 }));
  expect(db.get<{ n: number }>(sql`select count(*) as n from facilities`)!.n).toBe(before);
});

test("an edit at a stale version is a 409 naming the changed field; another province's facility is a 403", () => {
  const { db, p, department } = departmentWorld();
  const f = createFacility(db, { ...station, code: "TYT-1", provinceCode: p.code }, department);
  const input = { ...station, code: "TYT-1", provinceCode: p.code, beds: 10, version: f.version };
  const saved = updateFacility(db, department, f.id, input);
  expect(saved).toMatchObject({ beds: 10, version: f.version + 1 });
  expect(() => updateFacility(db, department, f.id, { ...input, beds: 12 })).toThrowError(
    expect.objectContaining({ status: 409, changedFields: ["beds"] }),
  );
  const elsewhere = makeFacility(db);
  expect(() => updateFacility(db, department, elsewhere.id, { ...input, code: elsewhere.code, version: elsewhere.version })).toThrowError(
    expect.objectContaining({ status: 403 }),
  );
  // Nor can it move its own facility out of the province.
  expect(() => updateFacility(db, department, f.id, { ...input, version: saved.version, provinceCode: elsewhere.provinceCode })).toThrowError(
    expect.objectContaining({ status: 403 }),
  );
  expect(auditCount(db, f.id)).toBe(2);
});

test("deactivation keeps the facility and is audited; a director cannot deactivate", () => {
  const { db, p, department } = departmentWorld();
  const f = createFacility(db, { ...station, code: "TYT-2", provinceCode: p.code }, department);
  const director = userActor(db, "director", f.id, p.code);
  expect(() => setFacilityActive(db, director, f.id, false, f.version)).toThrowError(expect.objectContaining({ status: 403 }));
  const off = setFacilityActive(db, department, f.id, false, f.version);
  expect(off).toMatchObject({ active: false, version: f.version + 1 });
  expect(() => setFacilityActive(db, department, f.id, true, f.version)).toThrowError(expect.objectContaining({ status: 409 }));
});

test("a reclassification records both levels with the decision; before opening or twice on a date is refused", () => {
  const { db, p, department } = departmentWorld();
  const f = createFacility(db, { ...station, name: "Trung tâm Y tế huyện Bảo Thắng", kind: "regional_centre", level: "C", code: "TTYT-BT", provinceCode: p.code, openedOn: "2005-01-01" }, department);
  const decision = { level: "B" as const, competence: "basic" as const, validFrom: "2025-07-01", decisionNumber: "1234/QĐ-UBND", note: null };
  const after = reclassifyFacility(db, department, f.id, decision, TODAY);
  expect(after).toMatchObject({ level: "B", competence: "basic", version: f.version + 1 });
  expect(facilityLevelOn(db, f.id, "2025-06-30")).toBe("C");
  expect(facilityLevelOn(db, f.id, "2025-07-01")).toBe("B");
  expect(db.get(sql`select ${competenceOnDateSql(sql`${f.id}`, sql`'2025-06-30'`)} as c`)).toEqual({ c: null });

  expect(() => reclassifyFacility(db, department, f.id, decision, TODAY)).toThrowError(expect.objectContaining({ status: 409, field: "validFrom" }));
  expect(() => reclassifyFacility(db, department, f.id, { ...decision, validFrom: "2004-12-31" }, TODAY)).toThrowError(
    expect.objectContaining({ status: 400, field: "validFrom", message: "facilities:errors.beforeOpening" }),
  );
  const detail = getFacility(db, f.id)!;
  expect(detail.levelHistory[0]).toEqual({ level: "B", validFrom: "2025-07-01", decisionNumber: "1234/QĐ-UBND", note: null });
  expect(detail.competenceHistory).toEqual([{ competence: "basic", validFrom: "2025-07-01", decisionNumber: "1234/QĐ-UBND", note: null }]);
});

test("a decision dated in the future is stored now and cached only from its date", () => {
  const { db, p, department } = departmentWorld();
  const f = createFacility(db, { ...station, code: "TYT-3", provinceCode: p.code, competence: "initial" }, department);
  const later = reclassifyFacility(db, department, f.id, { competence: "basic", validFrom: "2026-07-01", decisionNumber: "9/QĐ" }, TODAY);
  expect(later.competence).toBe("initial");
  expect(facilityCompetenceOn(db, f.id, "2026-07-01")).toBe("basic");
});

test("bodies that deliver no care cannot be reclassified, and a department cannot reclassify another province", () => {
  const { db, p, department } = departmentWorld();
  const dept = createFacility(db, { name: "Sở Y tế", shortName: "SYT", kind: "health_department", level: null, code: "SYT-X", provinceCode: p.code }, department);
  expect(() => reclassifyFacility(db, department, dept.id, { level: "B", validFrom: "2025-07-01", decisionNumber: "1/QĐ" }, TODAY)).toThrowError(
    expect.objectContaining({ status: 400, field: "level" }),
  );
  const elsewhere = makeFacility(db);
  expect(() => reclassifyFacility(db, department, elsewhere.id, { level: "C", validFrom: "2025-07-01", decisionNumber: "1/QĐ" }, TODAY)).toThrowError(
    expect.objectContaining({ status: 403 }),
  );
});

test("the batch records one decision for many facilities, or nothing when one of them is refused", () => {
  const { db, p, department } = departmentWorld();
  const a = createFacility(db, { ...station, code: "B-1", provinceCode: p.code, openedOn: "2000-01-01" }, department);
  const b = createFacility(db, { ...station, code: "B-2", provinceCode: p.code, openedOn: "2025-08-01" }, department);
  const c = createFacility(db, { ...station, code: "B-3", provinceCode: p.code }, department);
  makeFacility(db); // another province: not listed
  expect(listClassifiableFacilities(db, department, p.code).map((f) => f.code)).toEqual(["B-1", "B-2", "B-3"]);

  const decision = { competence: "initial" as const, validFrom: "2025-07-01", decisionNumber: "2345/QĐ-UBND" };
  expect(() => reclassifyFacilities(db, department, [a.id, b.id, c.id], decision, TODAY)).toThrowError(
    expect.objectContaining({ status: 400, field: "facilityIds", message: "facilities:errors.batch.beforeOpening", params: expect.objectContaining({ name: station.name }) }),
  );
  expect(db.get(sql`select count(*) as n from facility_competence_levels`)).toEqual({ n: 0 });

  const done = reclassifyFacilities(db, department, [a.id, c.id], decision, TODAY);
  expect(done.map((f) => f.competence)).toEqual(["initial", "initial"]);
  expect(auditCount(db, a.id)).toBe(2);
});

test("an administrator manages every province; a director manages none", () => {
  const { db, p } = departmentWorld();
  const admin = userActor(db, "admin", null, null);
  const f = createFacility(db, { ...station, code: "ADM-1", provinceCode: p.code }, admin);
  expect(reclassifyFacility(db, admin, f.id, { competence: "initial", validFrom: "2025-07-01", decisionNumber: "1/QĐ" }, TODAY).competence).toBe("initial");
  const director = userActor(db, "director", f.id, p.code);
  expect(() => createFacility(db, { ...station, code: "DIR-1", provinceCode: p.code }, director)).toThrowError(expect.objectContaining({ status: 403 }));
  expect(listClassifiableFacilities(db, director, p.code)).toEqual([]);
  expect(listClassifiableFacilities(db, departmentActor(db, makeProvince(db).code), p.code)).toEqual([]);
});
