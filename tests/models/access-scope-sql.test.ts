import { sql } from "drizzle-orm";
import { expect, test } from "vitest";
import { auditEvents } from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import { accountScopeCondition, facilityScopeCondition, partiesScopeCondition, provinceRecordScopeCondition } from "~/models/access/scope-sql.server";
import { recordAudit } from "~/models/audit/audit.server";
import { ForbiddenError } from "~/models/errors";
import { dashboardProvince } from "~/models/reports/dashboard.server";
import { departmentActor, userActor } from "../helpers/actors";
import { createTestDb } from "../helpers/db";
import { makeFacility, makeProvince, makeUser } from "../helpers/factories";

function world() {
  const db = createTestDb();
  const north = makeProvince(db);
  const south = makeProvince(db);
  const hub = makeFacility(db, { provinceCode: north.code });
  const spoke = makeFacility(db, { provinceCode: north.code, level: "C", kind: "regional_centre" });
  const far = makeFacility(db, { provinceCode: south.code });
  const admin: Actor = { userId: makeUser(db, { role: "admin" }).id, role: "admin", facilityId: null, provinceCode: null };
  const department = departmentActor(db, north.code);
  const director = userActor(db, "director", spoke.id, north.code);
  const unscoped: Actor = { userId: makeUser(db, { role: "trainer" }).id, role: "trainer", facilityId: null, provinceCode: null };
  return { db, north, south, hub, spoke, far, admin, department, director, unscoped };
}

test("one facility column: everything, the province's facilities, the own facility, or nothing", () => {
  const w = world();
  const ids = (actor: Actor) =>
    w.db.all<{ id: number }>(sql`select id from facilities where ${facilityScopeCondition(actor, sql`id`)} order by id`).map((r) => r.id);
  expect(ids(w.admin)).toEqual([w.hub.id, w.spoke.id, w.far.id]);
  expect(ids(w.department)).toEqual([w.hub.id, w.spoke.id]);
  expect(ids(w.director)).toEqual([w.spoke.id]);
  expect(ids(w.unscoped)).toEqual([]);
});

test("a record of several facilities is readable when any one of them is", () => {
  const w = world();
  // Three records by their facilities: north only, north and south, south only.
  const records = [
    { id: 1, parties: [w.hub.id] },
    { id: 2, parties: [w.far.id, w.spoke.id] },
    { id: 3, parties: [w.far.id] },
  ];
  const values = sql.join(
    records.flatMap((r) => r.parties.map((f) => sql`(${r.id}, ${f})`)),
    sql`, `,
  );
  const readable = (actor: Actor) =>
    w.db
      .all<{ id: number }>(sql`with party(record_id, facility_id) as (values ${values}),
        record(id) as (select distinct record_id from party)
        select id from record where ${partiesScopeCondition(actor, sql`select facility_id from party where party.record_id = record.id`)} order by id`)
      .map((r) => r.id);
  expect(readable(w.admin)).toEqual([1, 2, 3]);
  expect(readable(w.department)).toEqual([1, 2]);
  expect(readable(w.director)).toEqual([2]);
  expect(readable(w.unscoped)).toEqual([]);
});

test("province-wide records are read by the province's department and its facilities' users, all by administrators", () => {
  const w = world();
  const provinces = (actor: Actor) =>
    w.db.all<{ code: string }>(sql`select code from provinces where ${provinceRecordScopeCondition(actor, sql`code`)} order by code`).map((r) => r.code);
  expect(provinces(w.admin)).toEqual([w.north.code, w.south.code].sort());
  expect(provinces(w.department)).toEqual([w.north.code]);
  expect(provinces(w.director)).toEqual([w.north.code]);
  expect(provinces(w.unscoped)).toEqual([]);
});

test("the audit trail by account: a department reads its province's accounts and its own, not another province's", () => {
  const w = world();
  const southDirector = userActor(w.db, "director", w.far.id, w.south.code);
  const write = (actor: Actor, id: string) =>
    recordAudit(w.db, { userId: actor.userId, action: "update", entityType: "probe", entityId: id, before: null, after: { id } });
  write(w.department, "own");
  write(w.director, "north-facility");
  write(southDirector, "south-facility");
  write(w.admin, "admin");
  const seen = (actor: Actor) =>
    w.db
      .select({ id: auditEvents.entityId })
      .from(auditEvents)
      .where(accountScopeCondition(actor, auditEvents.userId, "audit.read"))
      .all()
      .map((r) => r.id)
      .sort();
  expect(seen(w.admin)).toEqual(["admin", "north-facility", "own", "south-facility"]);
  expect(seen(w.department)).toEqual(["north-facility", "own"]);
  // Without the capability, only one's own events.
  expect(seen(w.director)).toEqual(["north-facility"]);
});

test("the dashboard opens on the province asked for, else the reader's own; an administrator's comes from the data", () => {
  const w = world();
  // North has two care facilities, south one; a third province has a health department only.
  const third = makeProvince(w.db);
  makeFacility(w.db, { provinceCode: third.code, kind: "health_department", level: null });
  makeFacility(w.db, { provinceCode: third.code, kind: "health_department", level: null });
  makeFacility(w.db, { provinceCode: third.code, kind: "health_department", level: null });
  expect(dashboardProvince(w.db, w.admin, null)).toBe(w.north.code);
  expect(dashboardProvince(w.db, w.admin, w.south.code)).toBe(w.south.code);
  expect(dashboardProvince(w.db, w.department, null)).toBe(w.north.code);
  // Another province is passed on: the dashboard itself refuses it (403) for this officer.
  expect(dashboardProvince(w.db, w.department, w.south.code)).toBe(w.south.code);
  // The largest network moves with the data, not with a code written in the program.
  makeFacility(w.db, { provinceCode: w.south.code });
  makeFacility(w.db, { provinceCode: w.south.code });
  expect(dashboardProvince(w.db, w.admin, null)).toBe(w.south.code);
  expect(() => dashboardProvince(w.db, w.unscoped, null)).toThrow(ForbiddenError);
});
