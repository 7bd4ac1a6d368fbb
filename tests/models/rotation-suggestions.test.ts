import { expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { agreementParties, agreements, courseTrainers, courses, rotations, transferItems } from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import { getAbsenceSummary, setAbsenceLimit } from "~/models/rotations/absence.server";
import { createRotation } from "~/models/rotations/commands.server";
import { suggestCandidates } from "~/models/rotations/suggestions.server";
import { createTestDb } from "../helpers/db";
import { makeFacility, makeStaff, makeTechnique, makeUser } from "../helpers/factories";

function setup(beds = 500) {
  const db = createTestDb();
  const sender = makeFacility(db, { beds });
  const receiver = makeFacility(db, { shortName: "TTYT Bát Xát", level: "C" });
  const technique = makeTechnique(db, { name: "Phẫu thuật lấy máu tụ trong não thất", chapterNumber: 10 });
  const user = makeUser(db, { role: "trainer", facilityId: sender.id });
  const actor: Actor = { userId: user.id, role: "trainer", facilityId: sender.id, provinceCode: sender.provinceCode };
  const agreement = db
    .insert(agreements)
    .values({ number: "1", title: "HĐ", searchText: "", type: "technique_transfer", status: "active", startOn: "2025-01-01", ownerFacilityId: sender.id })
    .returning()
    .get();
  db.insert(agreementParties).values([
    { agreementId: agreement.id, facilityId: sender.id, role: "supporting" },
    { agreementId: agreement.id, facilityId: receiver.id, role: "receiving" },
  ]).run();
  const item = db.insert(transferItems).values({ agreementId: agreement.id, techniqueId: technique.id, fromFacilityId: sender.id, toFacilityId: receiver.id }).returning().get();
  return { db, sender, receiver, technique, actor, item, agreement };
}

const window = { start: "2026-04-01", end: "2026-06-30" };

test("only free people who perform the technique are suggested; the others are listed with their reasons", () => {
  const s = setup();
  const free = makeStaff(s.db, { facilityId: s.sender.id, fullName: "An Văn Tự Do", chapterNumber: 10 }, [s.technique.id]);
  const busy = makeStaff(s.db, { facilityId: s.sender.id, fullName: "Bùi Văn Bận" }, [s.technique.id]);
  const teaching = makeStaff(s.db, { facilityId: s.sender.id, fullName: "Cao Thị Giảng" }, [s.technique.id]);
  makeStaff(s.db, { facilityId: s.sender.id, fullName: "Dương Văn Khác" });
  s.db.insert(rotations).values({ staffId: busy.id, fromFacilityId: s.sender.id, toFacilityId: s.receiver.id, purpose: "manpower_support", startOn: "2026-06-30", endOn: "2026-09-30" }).run();
  const course = s.db.insert(courses).values({ title: "Hồi sức sơ sinh", searchText: "", hostFacilityId: s.sender.id, mode: "at_host", startOn: "2026-03-30", endOn: "2026-04-01", capacity: 10 }).returning().get();
  s.db.insert(courseTrainers).values({ courseId: course.id, staffId: teaching.id }).run();

  const result = suggestCandidates(s.db, s.actor, { transferItemId: s.item.id, window });
  expect(result.candidates.map((c) => c.staffId)).toEqual([free.id]);
  expect(result.candidates[0].reasons.map((r) => r.key)).toEqual(
    expect.arrayContaining(["rotations:suggestions.reasons.performs", "rotations:suggestions.reasons.free", "rotations:suggestions.reasons.withinLimit", "rotations:suggestions.reasons.neverRotated", "rotations:suggestions.reasons.specialty"]),
  );
  const why = Object.fromEntries(result.excluded.map((c) => [c.fullName, c.reasons]));
  // a clash on the last day of the window excludes, and names the clashing rotation
  expect(why["Bùi Văn Bận"]).toEqual([{ key: "rotations:errors.clash.rotation", params: { kind: "rotation", title: "TTYT Bát Xát", titleEn: "TTYT Bát Xát", start: "2026-06-30", end: "2026-09-30" } }]);
  expect(why["Cao Thị Giảng"][0]).toMatchObject({ key: "rotations:errors.clash.course_training", params: { title: "Hồi sức sơ sinh" } });
  expect(why["Dương Văn Khác"][0].key).toBe("rotations:suggestions.reasons.notPerformed");
  expect(result.canSchedule).toBe(true);
});

test("when the facility is at its absence limit nobody is suggested and the reason says so", () => {
  const s = setup(60); // limit 1
  makeStaff(s.db, { facilityId: s.sender.id }, [s.technique.id]);
  const away = makeStaff(s.db, { facilityId: s.sender.id });
  createRotation(s.db, s.actor, { staffId: away.id, toFacilityId: s.receiver.id, purpose: "manpower_support", startOn: "2026-05-01", endOn: "2026-07-31" });
  const result = suggestCandidates(s.db, s.actor, { transferItemId: s.item.id, window });
  expect(result.candidates).toEqual([]);
  expect(result.excluded.find((c) => c.staffId !== away.id)?.reasons).toEqual([{ key: "rotations:suggestions.reasons.overLimit", params: { limit: 1, peak: 2 } }]);
});

test("the ten best come first, fewest recent rotation days ahead; the rest are listed as further options", () => {
  const s = setup(5000);
  const people = Array.from({ length: 12 }, (_, i) => makeStaff(s.db, { facilityId: s.sender.id, fullName: `Người ${String(i).padStart(2, "0")}` }, [s.technique.id]));
  // Người 00 rotated for three months last year: they go to the end of the queue.
  s.db.insert(rotations).values({ staffId: people[0].id, fromFacilityId: s.sender.id, toFacilityId: s.receiver.id, purpose: "manpower_support", startOn: "2025-10-01", endOn: "2025-12-31", status: "completed" }).run();
  const result = suggestCandidates(s.db, s.actor, { techniqueCode: s.technique.code, toFacilityId: s.receiver.id, window });
  expect(result.candidates).toHaveLength(10);
  expect(result.candidates.map((c) => c.fullName)).not.toContain("Người 00");
  expect(result.excluded.map((c) => c.reasons[0].key)).toEqual(["rotations:suggestions.reasons.notInTop", "rotations:suggestions.reasons.notInTop"]);
  expect(result.excluded.map((c) => c.fullName)).toContain("Người 00");
});

test("another hospital's facility cannot be searched", () => {
  const s = setup();
  const outsider: Actor = { userId: s.actor.userId, role: "trainer", facilityId: makeFacility(s.db).id, provinceCode: null };
  expect(() => suggestCandidates(s.db, outsider, { transferItemId: s.item.id, window })).toThrowError(expect.objectContaining({ status: 403 }));
});

test("the absence limit is set per facility by its own staff, audited, and cleared back to the beds guide", () => {
  const s = setup(700);
  const before = getAbsenceSummary(s.db, s.actor, s.sender.id, "2026-01-01")!;
  expect(before).toMatchObject({ setting: null, guide: 14, limit: 14, canEdit: true });
  setAbsenceLimit(s.db, s.actor, s.sender.id, { limit: 2, version: before.version });
  const after = getAbsenceSummary(s.db, s.actor, s.sender.id, "2026-01-01")!;
  expect(after).toMatchObject({ setting: 2, limit: 2 });
  expect(() => setAbsenceLimit(s.db, s.actor, s.sender.id, { limit: 3, version: before.version })).toThrowError(expect.objectContaining({ status: 409 }));
  const other: Actor = { ...s.actor, facilityId: s.receiver.id };
  expect(() => setAbsenceLimit(s.db, other, s.sender.id, { limit: 9, version: after.version })).toThrowError(expect.objectContaining({ status: 403 }));
  setAbsenceLimit(s.db, s.actor, s.sender.id, { limit: null, version: after.version });
  expect(getAbsenceSummary(s.db, s.actor, s.sender.id, "2026-01-01")?.limit).toBe(14);
});

test("a window outside the item's agreement term is refused before anyone is ranked, naming the agreement", () => {
  const s = setup();
  makeStaff(s.db, { facilityId: s.sender.id }, [s.technique.id]);
  s.db.update(agreements).set({ endOn: "2026-05-31" }).where(eq(agreements.id, s.agreement.id)).run();
  expect(() => suggestCandidates(s.db, s.actor, { transferItemId: s.item.id, window })).toThrowError(
    expect.objectContaining({ status: 400, field: "endOn", message: "rotations:errors.outsideTerm", params: { number: "1", start: "2025-01-01", end: "2026-05-31" } }),
  );
  expect(suggestCandidates(s.db, s.actor, { transferItemId: s.item.id, window: { start: "2026-03-01", end: "2026-05-31" } }).candidates).toHaveLength(1);
  s.db.update(agreements).set({ status: "terminated" }).where(eq(agreements.id, s.agreement.id)).run();
  expect(() => suggestCandidates(s.db, s.actor, { transferItemId: s.item.id, window: { start: "2026-03-01", end: "2026-05-31" } })).toThrowError(
    expect.objectContaining({ message: "rotations:errors.agreementClosed" }),
  );
});

test("another hospital's transfer item is forbidden before its agreement is read", () => {
  const s = setup();
  const other = makeFacility(s.db);
  const outsider: Actor = { userId: s.actor.userId, role: "trainer", facilityId: other.id, provinceCode: other.provinceCode };
  s.db.update(agreements).set({ endOn: "2025-12-31" }).where(eq(agreements.id, s.agreement.id)).run();
  expect(() => suggestCandidates(s.db, outsider, { transferItemId: s.item.id, window })).toThrowError(expect.objectContaining({ status: 403 }));
});

test("a window shorter than the agreement's minimum is refused as the form refuses it, never proposed", () => {
  const s = setup();
  makeStaff(s.db, { facilityId: s.sender.id }, [s.technique.id]);
  s.db.update(agreements).set({ minRotationMonths: 4 }).where(eq(agreements.id, s.agreement.id)).run();
  // Three months fits the default rule but not this agreement's four.
  expect(() => suggestCandidates(s.db, s.actor, { transferItemId: s.item.id, window })).toThrowError(
    expect.objectContaining({ status: 400, field: "endOn", message: "rotations:errors.tooShort", params: { months: 4 } }),
  );
  expect(suggestCandidates(s.db, s.actor, { transferItemId: s.item.id, window: { start: "2026-04-01", end: "2026-07-31" } }).candidates).toHaveLength(1);
  // Without an agreement the form's own three months apply.
  expect(() => suggestCandidates(s.db, s.actor, { techniqueId: s.technique.id, window: { start: "2026-04-01", end: "2026-05-31" } })).toThrowError(
    expect.objectContaining({ message: "rotations:errors.tooShort", params: { months: 3 } }),
  );
});
