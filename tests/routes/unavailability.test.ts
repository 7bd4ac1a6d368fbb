import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { getDb } from "~/db/client.server";
import { rotations, staffUnavailability } from "~/db/schema";
import { action as rotationAction } from "~/routes/rotations.new";
import { action, loader } from "~/routes/staff.$id._index";
import { loader as staffIcs } from "~/routes/staff.$id.calendar[.]ics";
import { authedRequest, createSignedInUser } from "../helpers/auth";
import { makeFacility, makeStaff } from "../helpers/factories";
import { bodyOf, call } from "../helpers/routes";

async function world() {
  const db = getDb();
  const facility = makeFacility(db, { level: "B" });
  const receiver = makeFacility(db, { level: "C", shortName: "TTYT Bát Xát", provinceCode: facility.provinceCode });
  const person = makeStaff(db, { facilityId: facility.id, fullName: "Nguyễn Đức Nam" });
  const trainer = await createSignedInUser(db, { role: "trainer", facilityId: facility.id });
  return { db, facility, receiver, person, trainer };
}

const post = (staffId: number, cookie: string, form: Record<string, string>) =>
  call(action, { request: authedRequest(`/staff/${staffId}`, { cookie, form }), params: { id: String(staffId) } });

const save = (over: Record<string, string> = {}) => ({ intent: "unavailability-save", kind: "leave", startOn: "01/08/2027", endOn: "31/08/2027", note: "Nghỉ phép", ...over });

test("a trainer adds leave on the staff page (dd/mm/yyyy dates), sees it listed, then the rotation form refuses those days next to the start date", async () => {
  const w = await world();
  const res = await post(w.person.id, w.trainer.cookie, save());
  expect(res.status).toBe(200);
  expect(await bodyOf(res)).toMatchObject({ done: "saved", warnings: [] });
  const page = await bodyOf(await call(loader, { request: authedRequest(`/staff/${w.person.id}`, { cookie: w.trainer.cookie }), params: { id: String(w.person.id) } }));
  expect(page.unavailability).toMatchObject({ canManage: true, editing: null, periods: [{ kind: "leave", startOn: "2027-08-01", endOn: "2027-08-31", note: "Nghỉ phép" }] });
  // The person's course list is not where leave shows.
  expect(page.courses).toEqual([]);

  const refused = await call(rotationAction, {
    request: authedRequest("/rotations/new", {
      cookie: w.trainer.cookie,
      form: { staffId: String(w.person.id), toFacilityId: String(w.receiver.id), purpose: "manpower_support", startOn: "01/06/2027", endOn: "31/08/2027" },
    }),
  });
  expect(refused.status).toBe(409);
  expect((await bodyOf(refused)).result.error.startOn[0]).toMatch(/^rotations:errors.clash.unavailability/);
  expect(w.db.select().from(rotations).where(eq(rotations.staffId, w.person.id)).all()).toEqual([]);
});

test("edit opens with ?unavailability=<id>; a stale edit or delete answers 409, a current one saves", async () => {
  const w = await world();
  await post(w.person.id, w.trainer.cookie, save());
  const period = w.db.select().from(staffUnavailability).where(eq(staffUnavailability.staffId, w.person.id)).get()!;
  const page = await bodyOf(await call(loader, { request: authedRequest(`/staff/${w.person.id}?unavailability=${period.id}`, { cookie: w.trainer.cookie }), params: { id: String(w.person.id) } }));
  expect(page.unavailability.editing).toMatchObject({ id: period.id, version: 1 });

  const edited = await post(w.person.id, w.trainer.cookie, save({ id: String(period.id), version: "1", kind: "sick" }));
  expect(edited.status).toBe(200);
  const stale = await post(w.person.id, w.trainer.cookie, save({ id: String(period.id), version: "1", endOn: "20/08/2027" }));
  expect(stale.status).toBe(409);
  expect((await bodyOf(stale)).result.error[""][0]).toMatch(/^common:stale/);
  const staleDelete = await post(w.person.id, w.trainer.cookie, { intent: "unavailability-delete", id: String(period.id), version: "1" });
  expect(staleDelete.status).toBe(409);
  const deleted = await post(w.person.id, w.trainer.cookie, { intent: "unavailability-delete", id: String(period.id), version: "2" });
  expect(deleted.status).toBe(200);
  expect(await bodyOf(deleted)).toMatchObject({ done: "deleted" });
  expect(w.db.select().from(staffUnavailability).where(eq(staffUnavailability.staffId, w.person.id)).all()).toEqual([]);
});

test("bad input answers 400 next to the field, an overlap 409, never a 500", async () => {
  const w = await world();
  const badDate = await post(w.person.id, w.trainer.cookie, save({ startOn: "30/02/2027" }));
  expect(badDate.status).toBe(400);
  expect(Object.keys((await bodyOf(badDate)).result.error)).toEqual(["startOn"]);
  const reversed = await post(w.person.id, w.trainer.cookie, save({ endOn: "01/07/2027" }));
  expect(reversed.status).toBe(400);
  expect((await bodyOf(reversed)).result.error.endOn[0]).toBe("common:validation.endBeforeStart");
  const tooLong = await post(w.person.id, w.trainer.cookie, save({ endOn: "01/08/2030" }));
  expect(tooLong.status).toBe(400);
  expect((await bodyOf(tooLong)).result.error.endOn[0]).toMatch(/^staff:unavailability.errors.tooLong/);
  const kind = await post(w.person.id, w.trainer.cookie, save({ kind: "holiday" }));
  expect(kind.status).toBe(400);
  expect((await bodyOf(kind)).result.error.kind).toHaveLength(1);
  expect((await post(w.person.id, w.trainer.cookie, save())).status).toBe(200);
  const overlap = await post(w.person.id, w.trainer.cookie, save({ kind: "sick", startOn: "31/08/2027", endOn: "05/09/2027" }));
  expect(overlap.status).toBe(409);
  expect((await bodyOf(overlap)).result.error.startOn[0]).toMatch(/^staff:unavailability.errors.overlap/);
  const unknownIntent = await post(w.person.id, w.trainer.cookie, { intent: "__proto__" });
  expect(unknownIntent.status).toBe(400);
});

test("a viewer sees the list read-only and is refused 403; another hospital's trainer 403; an unknown person 404", async () => {
  const w = await world();
  await post(w.person.id, w.trainer.cookie, save());
  const viewer = await createSignedInUser(w.db, { role: "viewer", facilityId: w.facility.id });
  const page = await bodyOf(await call(loader, { request: authedRequest(`/staff/${w.person.id}`, { cookie: viewer.cookie }), params: { id: String(w.person.id) } }));
  expect(page.unavailability).toMatchObject({ canManage: false, editing: null });
  expect(page.unavailability.periods).toHaveLength(1);
  expect((await post(w.person.id, viewer.cookie, save({ startOn: "01/10/2027", endOn: "05/10/2027" }))).status).toBe(403);
  const stranger = await createSignedInUser(w.db, { role: "trainer", facilityId: makeFacility(w.db).id });
  expect((await post(w.person.id, stranger.cookie, save({ startOn: "01/10/2027", endOn: "05/10/2027" }))).status).toBe(403);
  expect((await post(999_999, w.trainer.cookie, save())).status).toBe(404);
  expect(w.db.select().from(staffUnavailability).where(eq(staffUnavailability.staffId, w.person.id)).all()).toHaveLength(1);
});

test("the person's calendar file carries the leave as a busy all-day event", async () => {
  const w = await world();
  await post(w.person.id, w.trainer.cookie, save({ kind: "maternity" }));
  const ics = await (await call(staffIcs, { request: authedRequest(`/staff/${w.person.id}/calendar.ics`, { cookie: w.trainer.cookie }), params: { id: String(w.person.id) } })).text();
  expect(ics).toContain("SUMMARY:Vắng mặt: Nghỉ thai sản");
  expect(ics).toMatch(/DTSTART;VALUE=DATE:20270801/);
  expect(ics).toMatch(/DTEND;VALUE=DATE:20270901/);
});
