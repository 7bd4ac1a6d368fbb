import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { auditEvents, sessions, users } from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import { listAuditEvents } from "~/models/audit/audit-list.server";
import { recordAudit } from "~/models/audit/audit.server";
import { verifyPassword } from "~/models/auth/password.server";
import { createSession } from "~/models/auth/session.server";
import { StaleRecordError } from "~/models/errors";
import { createUser, endSessionsOfUser, listUsers, resetUserPassword, setUserActive, updateUser } from "~/models/users/users.server";
import { createTestDb } from "../helpers/db";
import { makeFacility, makeProvince, makeUser } from "../helpers/factories";

const page = { page: 1, pageSize: 25, offset: 0 };

function adminOf(db: ReturnType<typeof createTestDb>): Actor {
  const admin = makeUser(db, { role: "admin", username: `admin${Math.random()}` });
  return { userId: admin.id, role: "admin", facilityId: null, provinceCode: null };
}

test("an administrator creates a director of a facility by its code; the audit keeps no password", async () => {
  const db = createTestDb();
  const admin = adminOf(db);
  const facility = makeFacility(db, { code: "LC-BVDK2" });
  const user = await createUser(db, admin, {
    username: "gd.moi",
    displayName: "Nguyễn Văn Mới",
    password: "mật khẩu đủ dài",
    role: "director",
    facilityCode: "LC-BVDK2",
    provinceCode: "99",
  });
  expect(user).toMatchObject({ role: "director", facilityId: facility.id, provinceCode: null });
  expect(await verifyPassword(user.passwordHash, "mật khẩu đủ dài")).toBe(true);
  const event = db.select().from(auditEvents).where(eq(auditEvents.entityId, String(user.id))).get()!;
  expect(event).toMatchObject({ action: "create", entityType: "user", userId: admin.userId });
  expect(event.after).not.toContain("argon2");
  await expect(
    createUser(db, admin, { username: "gd.moi", displayName: "x", password: "0123456789", role: "viewer", facilityCode: "LC-BVDK2" }),
  ).rejects.toThrow("admin:users.errors.usernameTaken");
});

test("only administrators manage users", async () => {
  const db = createTestDb();
  const facility = makeFacility(db);
  const director: Actor = { userId: makeUser(db, { role: "director", facilityId: facility.id }).id, role: "director", facilityId: facility.id, provinceCode: facility.provinceCode };
  expect(() => listUsers(db, director, {}, page, "vi")).toThrow("common:errors.forbiddenBody");
  await expect(
    createUser(db, director, { username: "sneaky", displayName: "x", password: "0123456789", role: "admin" }),
  ).rejects.toThrow("common:errors.forbiddenBody");
  expect(db.select().from(users).where(eq(users.username, "sneaky")).get()).toBeUndefined();
});

test("the user list searches names without diacritics", () => {
  const db = createTestDb();
  const admin = adminOf(db);
  makeUser(db, { role: "viewer", username: "xem1", displayName: "Lê Minh Đức" });
  makeUser(db, { role: "viewer", username: "xem2", displayName: "Phạm Thị Lan" });
  expect(listUsers(db, admin, { q: "duc" }, page, "vi").rows.map((r) => r.username)).toEqual(["xem1"]);
  expect(listUsers(db, admin, { q: "pham lan" }, page, "vi").rows.map((r) => r.username)).toEqual(["xem2"]);
});

test("a stale edit is refused with what changed, and nothing is written", () => {
  const db = createTestDb();
  const admin = adminOf(db);
  const province = makeProvince(db);
  const user = makeUser(db, { role: "department", provinceCode: province.code, displayName: "Tên cũ" });
  updateUser(db, admin, user.id, { intent: "save", version: 1, displayName: "Tên do người A sửa", role: "department", provinceCode: province.code });
  const before = db.select().from(auditEvents).all().length;
  let error: unknown;
  try {
    updateUser(db, admin, user.id, { intent: "save", version: 1, displayName: "Tên do người B sửa", role: "department", provinceCode: province.code });
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(StaleRecordError);
  expect((error as StaleRecordError).status).toBe(409);
  expect((error as StaleRecordError).changedFields).toEqual(["displayName"]);
  expect(db.select().from(users).where(eq(users.id, user.id)).get()).toMatchObject({ displayName: "Tên do người A sửa", version: 2 });
  expect(db.select().from(auditEvents).all()).toHaveLength(before);
});

test("deactivating, resetting a password and ending sessions sign the user out everywhere", async () => {
  const db = createTestDb();
  const admin = adminOf(db);
  const user = makeUser(db, { role: "viewer", facilityId: makeFacility(db).id });
  const countSessions = () => db.select().from(sessions).where(eq(sessions.userId, user.id)).all().length;
  createSession(db, user.id);
  createSession(db, user.id);
  expect(endSessionsOfUser(db, admin, user.id)).toBe(2);
  createSession(db, user.id);
  await resetUserPassword(db, admin, user.id, "mật khẩu mới của bạn");
  expect(countSessions()).toBe(0);
  createSession(db, user.id);
  setUserActive(db, admin, user.id, false);
  expect(countSessions()).toBe(0);
  expect(() => setUserActive(db, admin, admin.userId, false)).toThrow("admin:users.errors.ownAccount");
});

test("audit rows written through the model cannot be altered or deleted", () => {
  const db = createTestDb();
  const admin = adminOf(db);
  recordAudit(db, { userId: admin.userId, action: "update", entityType: "user", entityId: 1, before: { a: 1 }, after: { a: 2 } });
  const row = db.select().from(auditEvents).get()!;
  expect(() => db.update(auditEvents).set({ after: '{"a":3}' }).where(eq(auditEvents.id, row.id)).run()).toThrow();
  expect(() => db.delete(auditEvents).where(eq(auditEvents.id, row.id)).run()).toThrow();
  expect(db.select().from(auditEvents).get()).toEqual(row);
});

test("a department officer's audit page shows its province's users and itself, not other provinces", () => {
  const db = createTestDb();
  const laoCai = makeProvince(db, { code: "15" });
  const bacNinh = makeProvince(db, { code: "24" });
  const lcHospital = makeFacility(db, { provinceCode: laoCai.code });
  const bnHospital = makeFacility(db, { provinceCode: bacNinh.code });
  const officer = makeUser(db, { role: "department", provinceCode: "15" });
  const lcDirector = makeUser(db, { role: "director", facilityId: lcHospital.id });
  const bnDirector = makeUser(db, { role: "director", facilityId: bnHospital.id });
  const write = (userId: number, entityId: number, at: string) =>
    recordAudit(db, { userId, action: "create", entityType: "agreement", entityId, after: { n: entityId }, at });
  write(officer.id, 1, "2025-03-01T02:00:00.000Z");
  write(lcDirector.id, 2, "2025-03-02T02:00:00.000Z");
  write(bnDirector.id, 3, "2025-03-03T02:00:00.000Z");
  const actor: Actor = { userId: officer.id, role: "department", facilityId: null, provinceCode: "15" };
  expect(listAuditEvents(db, actor, {}, page).rows.map((r) => r.entityId)).toEqual(["2", "1"]);
  // Dates are Vietnamese calendar days: 2 March 00:30 in Hà Nội is 1 March 17:30 UTC.
  write(lcDirector.id, 4, "2025-03-01T17:30:00.000Z");
  expect(listAuditEvents(db, actor, { from: "2025-03-02", to: "2025-03-02" }, page).rows.map((r) => r.entityId)).toEqual(["2", "4"]);
  const admin: Actor = { userId: 999, role: "admin", facilityId: null, provinceCode: null };
  const all = listAuditEvents(db, admin, { username: bnDirector.username }, page);
  expect(all.rows.map((r) => r.entityId)).toEqual(["3"]);
  expect(all.rows[0].changes).toEqual([{ field: "n", before: null, after: 3 }]);
  const director: Actor = { userId: lcDirector.id, role: "director", facilityId: lcHospital.id, provinceCode: "15" };
  expect(() => listAuditEvents(db, director, {}, page)).toThrow("common:errors.forbiddenBody");
});
