import { expect, test } from "vitest";
import { getDb } from "~/db/client.server";
import { requestEnrolment } from "~/models/courses/enrolments.server";
import { action as courseAction } from "~/routes/courses.$courseId._index";
import { action, loader } from "~/routes/notifications";
import { loader as overviewLoader } from "~/routes/_index";
import { loader as rootLoader } from "~/root";
import { authedRequest, createSignedInUser } from "../helpers/auth";
import { makeCourse } from "../helpers/course-fixtures";
import { makeStaff } from "../helpers/factories";
import { bodyOf, call } from "../helpers/routes";

/** A host trainer with an open course, and a guest trainer whose nurse requested a seat in it. */
async function world() {
  const db = getDb();
  const host = await createSignedInUser(db, { role: "trainer" });
  const guest = await createSignedInUser(db, { role: "trainer" });
  const hostActor = { userId: host.user.id, role: "trainer" as const, facilityId: host.user.facilityId, provinceCode: null };
  const guestActor = { userId: guest.user.id, role: "trainer" as const, facilityId: guest.user.facilityId, provinceCode: null };
  const course = makeCourse(db, hostActor, { capacity: 3, startOn: "2099-03-02", endOn: "2099-03-06", sessions: [] });
  const nurse = makeStaff(db, { facilityId: guest.user.facilityId!, fullName: "Hoàng Thị Lan", cadre: "nurse" });
  const enrolment = requestEnrolment(db, guestActor, { courseId: course.id, staffId: nurse.id });
  return { db, host, guest, course, enrolment };
}

async function unread(cookie: string) {
  return (await bodyOf(await call(rootLoader, { request: authedRequest("/", { cookie }) }))).user.unread;
}

test("the host's approval reaches the guest's header count, list and overview; marking read clears it", async () => {
  const { host, guest, course, enrolment } = await world();
  expect(await unread(guest.cookie)).toBe(0);
  const decided = await call(courseAction, {
    request: authedRequest(`/courses/${course.id}`, { cookie: host.cookie, form: { intent: "approve", enrolmentId: enrolment.id } }),
    params: { courseId: String(course.id) },
  });
  expect(decided.status).toBe(200);
  expect(await unread(guest.cookie)).toBe(1);
  expect(await unread(host.cookie)).toBe(0);

  const list = await bodyOf(await call(loader, { request: authedRequest("/notifications", { cookie: guest.cookie }) }));
  expect(list.list.rows).toHaveLength(1);
  expect(list.list.rows[0]).toMatchObject({ kind: "seat_approved", staffName: "Hoàng Thị Lan", courseId: course.id, readAt: null });
  const overview = await bodyOf(await call(overviewLoader, { request: authedRequest("/", { cookie: guest.cookie }) }));
  expect(overview.notifications.map((n: { id: number }) => n.id)).toEqual([list.list.rows[0].id]);

  // The host cannot mark the guest's notification: 404, and it stays unread.
  const foreign = await call(action, {
    request: authedRequest("/notifications", { cookie: host.cookie, form: { intent: "read", id: list.list.rows[0].id } }),
  });
  expect(foreign.status).toBe(404);
  expect(await unread(guest.cookie)).toBe(1);

  const own = await call(action, {
    request: authedRequest("/notifications", { cookie: guest.cookie, form: { intent: "read", id: list.list.rows[0].id } }),
  });
  expect(own.status).toBe(200);
  expect(await unread(guest.cookie)).toBe(0);
});

test("a malformed id answers 400 and mark-all clears every unread notification", async () => {
  const { host, guest, course, enrolment } = await world();
  await call(courseAction, {
    request: authedRequest(`/courses/${course.id}`, { cookie: host.cookie, form: { intent: "reject", enrolmentId: enrolment.id } }),
    params: { courseId: String(course.id) },
  });
  const bad = await call(action, { request: authedRequest("/notifications", { cookie: guest.cookie, form: { intent: "read", id: "abc" } }) });
  expect(bad.status).toBe(400);
  const unknownIntent = await call(action, { request: authedRequest("/notifications", { cookie: guest.cookie, form: { intent: "delete" } }) });
  expect(unknownIntent.status).toBe(400);
  expect(await unread(guest.cookie)).toBe(1);
  const all = await call(action, { request: authedRequest("/notifications", { cookie: guest.cookie, form: { intent: "readAll" } }) });
  expect(all.status).toBe(200);
  expect(await unread(guest.cookie)).toBe(0);
});

test("signed out, the list redirects to sign-in", async () => {
  const res = await call(loader, { request: authedRequest("/notifications") });
  expect(res.status).toBe(302);
});
