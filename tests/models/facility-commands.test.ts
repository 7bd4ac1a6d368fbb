import { sql } from "drizzle-orm";
import { expect, test } from "vitest";
import { changeFacilityLevel, createFacility } from "~/models/facilities/commands.server";
import { createTestDb } from "../helpers/db";
import { makeProvince, makeUser } from "../helpers/factories";

const base = { name: "Trung tâm Y tế khu vực Bảo Thắng", shortName: "TTYT KV Bảo Thắng", nameEn: "Bao Thang Regional Medical Centre", kind: "regional_centre", level: "C" } as const;

test("a new facility is searchable without diacritics and starts its level history", () => {
  const db = createTestDb();
  const province = makeProvince(db);
  const f = createFacility(db, { ...base, code: "LC-BT", provinceCode: province.code }, null);
  expect(f.searchText).toContain("trung tam y te khu vuc bao thang");
  expect(f.searchText).toContain("bao thang regional");
  expect(db.all(sql`select level, valid_from from facility_levels where facility_id = ${f.id}`)).toEqual([{ level: "C", valid_from: "2000-01-01" }]);
  expect(() => createFacility(db, { ...base, code: "LC-BT" }, null)).toThrowError(expect.objectContaining({ status: 409, field: "code" }));
});

test("a level change takes effect on its date: the current level follows today", () => {
  const db = createTestDb();
  const f = createFacility(db, { ...base, code: "X1", openedOn: "2010-01-01" }, null);
  const future = changeFacilityLevel(db, f.id, "B", "2026-07-01", "Nâng hạng", null, "2026-03-31");
  expect(future.level).toBe("C");
  const now = changeFacilityLevel(db, f.id, "D", "2026-01-01", null, null, "2026-03-31");
  expect(now.level).toBe("D");
  expect(now.version).toBe(f.version + 1);
  expect(() => changeFacilityLevel(db, f.id, "B", "2026-07-01", null, null, "2026-03-31")).toThrowError(expect.objectContaining({ status: 409 }));
  expect(() => changeFacilityLevel(db, f.id, "B", "2009-12-31", null, null, "2026-03-31")).toThrowError(expect.objectContaining({ field: "validFrom" }));
});

test("only administrators create facilities; their changes are audited", () => {
  const db = createTestDb();
  const admin = makeUser(db, { role: "admin" });
  const f = createFacility(db, { ...base, code: "X2" }, { userId: admin.id, role: "admin", facilityId: null, provinceCode: null });
  expect(db.get(sql`select user_id, action from audit_events where entity_type = 'facility' and entity_id = ${String(f.id)}`)).toEqual({ user_id: admin.id, action: "create" });
  expect(() => createFacility(db, { ...base, code: "X3" }, { userId: admin.id, role: "director", facilityId: f.id, provinceCode: null })).toThrowError(
    expect.objectContaining({ status: 403 }),
  );
});
