import { sql } from "drizzle-orm";
import { expect, test } from "vitest";
import { createStaffMember } from "~/models/staff/create.server";
import { createTestDb } from "../helpers/db";
import { makeFacility, makeTechnique, makeUser } from "../helpers/factories";

test("a staff member is created with the techniques they perform independently, by code or id", () => {
  const db = createTestDb();
  const facility = makeFacility(db);
  const a = makeTechnique(db, { code: "10.8", number: 8, chapterNumber: 10 });
  const b = makeTechnique(db, { code: "13.19", number: 19, chapterNumber: 13 });
  const s = createStaffMember(
    db,
    { facilityId: facility.id, fullName: "  Nguyễn  Văn Đức ", cadre: "doctor", chapterNumber: 10, licenceNumber: "001234/LCA-CCHN", techniqueCodes: ["10.8"], techniqueIds: [b.id, a.id] },
    null,
  );
  expect(s.fullName).toBe("Nguyễn Văn Đức");
  expect(s.searchText).toContain("nguyen van duc");
  expect(db.all(sql`select technique_id from staff_techniques where staff_id = ${s.id} order by technique_id`)).toEqual([
    { technique_id: a.id },
    { technique_id: b.id },
  ]);
});

test("a licence number already registered and an unknown technique are refused, writing nothing", () => {
  const db = createTestDb();
  const facility = makeFacility(db);
  createStaffMember(db, { facilityId: facility.id, fullName: "Trần Thị Lan", cadre: "nurse", licenceNumber: "L-1" }, null);
  expect(() => createStaffMember(db, { facilityId: facility.id, fullName: "Lê Văn Nam", cadre: "doctor", licenceNumber: "L-1" }, null)).toThrowError(
    expect.objectContaining({ status: 409, field: "licenceNumber" }),
  );
  expect(() => createStaffMember(db, { facilityId: facility.id, fullName: "Lê Văn Nam", cadre: "doctor", techniqueCodes: ["99.1"] }, null)).toThrowError(
    expect.objectContaining({ field: "techniques", params: { code: "99.1" } }),
  );
  expect(db.get(sql`select count(*) as n from staff`)).toEqual({ n: 1 });
});

test("a director adds staff to their own facility only", () => {
  const db = createTestDb();
  const own = makeFacility(db);
  const other = makeFacility(db);
  const user = makeUser(db, { role: "director", facilityId: own.id });
  const director = { userId: user.id, role: "director" as const, facilityId: own.id, provinceCode: own.provinceCode };
  const s = createStaffMember(db, { facilityId: own.id, fullName: "Phạm Minh Hùng", cadre: "doctor" }, director);
  expect(db.get(sql`select user_id from audit_events where entity_type = 'staff' and entity_id = ${String(s.id)}`)).toEqual({ user_id: user.id });
  expect(() => createStaffMember(db, { facilityId: other.id, fullName: "Phạm Minh Hùng", cadre: "doctor" }, director)).toThrowError(
    expect.objectContaining({ status: 403 }),
  );
});
