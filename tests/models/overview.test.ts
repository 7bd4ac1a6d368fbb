import { expect, test } from "vitest";
import { agreementParties, agreements, courses, rotations, techniqueListRequests } from "~/db/schema";
import { getGlance } from "~/models/overview.server";
import { createTestDb } from "../helpers/db";
import { makeFacility, makeProvince, makeStaff } from "../helpers/factories";

const today = "2026-03-15";

function network() {
  const db = createTestDb();
  const province = makeProvince(db);
  const hub = makeFacility(db, { provinceCode: province.code });
  const spoke = makeFacility(db, { provinceCode: province.code, level: "C" });
  const elsewhere = makeFacility(db);
  const people = [1, 2, 3].map(() => makeStaff(db, { facilityId: hub.id }));
  makeStaff(db, { facilityId: hub.id, active: false });
  makeStaff(db, { facilityId: elsewhere.id });
  const rotation = (staffId: number, from: number, to: number, startOn: string, endOn: string, status: "planned" | "cancelled" = "planned") =>
    db.insert(rotations).values({ staffId, fromFacilityId: from, toFacilityId: to, purpose: "manpower_support", startOn, endOn, status }).run();
  rotation(people[0].id, hub.id, spoke.id, "2026-01-01", "2026-03-31"); // away today
  rotation(people[1].id, hub.id, spoke.id, "2026-03-15", "2026-06-14"); // starts today
  rotation(people[2].id, hub.id, spoke.id, "2026-03-16", "2026-06-15"); // starts tomorrow
  rotation(people[2].id, hub.id, spoke.id, "2026-01-01", "2026-03-31", "cancelled");
  const agreement = (status: "active" | "draft") =>
    db.insert(agreements).values({ number: `HĐ-${status}`, title: "Hợp tác", searchText: "hop tac", type: "technique_transfer", status, startOn: "2025-01-01", ownerFacilityId: hub.id }).returning().get();
  for (const a of [agreement("active"), agreement("draft")]) {
    db.insert(agreementParties).values([{ agreementId: a.id, facilityId: hub.id, role: "supporting" }, { agreementId: a.id, facilityId: spoke.id, role: "receiving" }]).run();
  }
  const course = (startOn: string, status: "open" | "cancelled" = "open") =>
    db.insert(courses).values({ title: "Hồi sức", searchText: "hoi suc", hostFacilityId: hub.id, mode: "at_host", status, startOn, endOn: startOn, capacity: 10 }).run();
  course("2026-03-20");
  course("2026-04-14");
  course("2026-04-15"); // 31 days ahead
  course("2026-03-21", "cancelled");
  db.insert(techniqueListRequests).values([{ facilityId: spoke.id, status: "submitted" }, { facilityId: spoke.id, status: "approved" }, { facilityId: elsewhere.id, status: "submitted" }]).run();
  return { db, province, hub, spoke };
}

test("a facility's users see their own people, who is away or hosted today, agreements and courses ahead", () => {
  const { db, hub, spoke } = network();
  expect(getGlance(db, { userId: 1, role: "director", facilityId: hub.id, provinceCode: null }, today)).toEqual({
    kind: "facility",
    staff: 3,
    awayToday: 2,
    hostedToday: 0,
    activeAgreements: 1,
    coursesNext30Days: 2,
  });
  expect(getGlance(db, { userId: 1, role: "viewer", facilityId: spoke.id, provinceCode: null }, today)).toMatchObject({ staff: 0, awayToday: 0, hostedToday: 2 });
});

test("the department sees its province: facilities, active agreements, rotations into it today, lists waiting", () => {
  const { db, province } = network();
  expect(getGlance(db, { userId: 1, role: "department", facilityId: null, provinceCode: province.code }, today)).toEqual({
    kind: "province",
    facilities: 2,
    activeAgreements: 1,
    rotationsToday: 2,
    listRequestsWaiting: 1,
  });
});

test("the administrator sees the whole network", () => {
  const { db } = network();
  expect(getGlance(db, { userId: 1, role: "admin", facilityId: null, provinceCode: null }, today)).toMatchObject({ kind: "national", facilities: 3, staff: 5 });
});

test("an account without its facility or province sees no figures, not the whole network's", () => {
  const { db } = network();
  expect(getGlance(db, { userId: 1, role: "director", facilityId: null, provinceCode: null }, today)).toEqual({ kind: "none" });
  expect(getGlance(db, { userId: 1, role: "department", facilityId: null, provinceCode: null }, today)).toEqual({ kind: "none" });
});
