import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { getDb } from "~/db/client.server";
import { courseSessions } from "~/db/schema";
import { requestEnrolment } from "~/models/courses/enrolments.server";
import { action, loader } from "~/routes/courses.$courseId.sessions.$sessionId";
import { authedRequest, createSignedInUser } from "../helpers/auth";
import { makeCourse } from "../helpers/course-fixtures";
import { makeStaff } from "../helpers/factories";
import { bodyOf, call } from "../helpers/routes";

async function world() {
  const db = getDb();
  const host = await createSignedInUser(db, { role: "trainer" });
  const actor = { userId: host.user.id, role: "trainer" as const, facilityId: host.user.facilityId, provinceCode: null };
  const course = makeCourse(db, actor, { capacity: 3 });
  const session = db.select().from(courseSessions).where(eq(courseSessions.courseId, course.id)).get()!;
  const person = makeStaff(db, { facilityId: host.user.facilityId!, fullName: "Thào Thị Dợ" });
  const enrolment = requestEnrolment(db, actor, { courseId: course.id, staffId: person.id });
  const url = `/courses/${course.id}/sessions/${session.id}`;
  const params = { courseId: String(course.id), sessionId: String(session.id) };
  return { db, host, course, session, enrolment, url, params };
}

test("the host taps a trainee present and the roster shows it", async () => {
  const w = await world();
  const res = await call(action, { request: authedRequest(w.url, { cookie: w.host.cookie, form: { intent: "mark", enrolmentId: w.enrolment.id, present: "1" } }), params: w.params });
  expect(res.status).toBe(200);
  expect((await bodyOf(res)).present).toBe(true);
  const roster = await bodyOf(await call(loader, { request: authedRequest(w.url, { cookie: w.host.cookie }), params: w.params }));
  expect(roster.rows).toEqual([expect.objectContaining({ fullName: "Thào Thị Dợ", present: true, status: "enrolled" })]);
});

test("bad input is 400, another host 403, a session of another course 404", async () => {
  const w = await world();
  const bad = await call(action, { request: authedRequest(w.url, { cookie: w.host.cookie, form: { intent: "mark", enrolmentId: w.enrolment.id, present: "yes" } }), params: w.params });
  expect(bad.status).toBe(400);
  const stranger = await createSignedInUser(w.db, { role: "trainer" });
  const forbidden = await call(action, { request: authedRequest(w.url, { cookie: stranger.cookie, form: { intent: "mark", enrolmentId: w.enrolment.id, present: "1" } }), params: w.params });
  expect(forbidden.status).toBe(403);
  expect((await call(loader, { request: authedRequest(w.url, { cookie: stranger.cookie }), params: w.params })).status).toBe(403);
  const other = await world();
  const crossed = await call(loader, { request: authedRequest(w.url, { cookie: w.host.cookie }), params: { courseId: String(w.course.id), sessionId: String(other.session.id) } });
  expect(crossed.status).toBe(404);
});
