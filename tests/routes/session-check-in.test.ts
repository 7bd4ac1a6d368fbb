import { eq } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { getDb } from "~/db/client.server";
import { attendance, courseSessions, selfCheckIns } from "~/db/schema";
import { checkInTiming } from "~/models/courses/check-in.server";
import { requestEnrolment } from "~/models/courses/enrolments.server";
import { vietnamToday } from "~/models/dates";
import { action as checkInAction, loader as checkInLoader } from "~/routes/check-in.$code";
import { loader as enterLoader } from "~/routes/check-in._index";
import { action, loader } from "~/routes/courses.$courseId.sessions.$sessionId";
import { authedRequest, createSignedInUser } from "../helpers/auth";
import { makeCourse } from "../helpers/course-fixtures";
import { makeStaff } from "../helpers/factories";
import { bodyOf, call } from "../helpers/routes";

beforeAll(() => {
  checkInTiming.sleep = async () => {};
});

let next = 0;
async function world() {
  const db = getDb();
  const host = await createSignedInUser(db, { role: "trainer" });
  const actor = { userId: host.user.id, role: "trainer" as const, facilityId: host.user.facilityId, provinceCode: null };
  const today = vietnamToday(new Date());
  const course = makeCourse(db, actor, {
    capacity: 3,
    startOn: today,
    endOn: today,
    sessions: [{ heldOn: today, startsAt: "08:00", endsAt: "11:00", topic: "Sơ cứu", periods: 3 }],
  });
  const session = db.select().from(courseSessions).where(eq(courseSessions.courseId, course.id)).get()!;
  const licence = `R-${++next}-${Date.now()}/CCHN`;
  const person = makeStaff(db, { facilityId: host.user.facilityId!, fullName: "Thào Thị Dợ", licenceNumber: licence });
  const enrolment = requestEnrolment(db, actor, { courseId: course.id, staffId: person.id });
  const url = `/courses/${course.id}/sessions/${session.id}`;
  const params = { courseId: String(course.id), sessionId: String(session.id) };
  const post = (form: Record<string, string | number>, cookie = host.cookie) => call(action, { request: authedRequest(url, { cookie, form }), params });
  const roster = async () => bodyOf(await call(loader, { request: authedRequest(url, { cookie: host.cookie }), params }));
  return { db, host, course, session, enrolment, licence, url, params, post, roster };
}

function publicCheckIn(code: string, form?: Record<string, string>, ip = "198.51.100.20") {
  const request = authedRequest(`/check-in/${encodeURIComponent(code)}`, { form, headers: { "X-Forwarded-For": ip } });
  return call(form ? checkInAction : checkInLoader, { request, params: { code } });
}

test("the host opens check-in, a trainee checks in without signing in, the host confirms and the trainee is present", async () => {
  const w = await world();
  expect((await w.roster()).checkIn).toEqual({ status: "none" });
  expect((await w.post({ intent: "openCheckIn" })).status).toBe(200);
  const { checkIn } = await w.roster();
  expect(checkIn).toMatchObject({ status: "open", url: `http://localhost/check-in/${checkIn.code}`, qr: expect.stringMatching(/^data:image\/png;base64,/) });
  // The public page names the course and session, not the roster.
  const page = await publicCheckIn(checkIn.code);
  expect(page.status).toBe(200);
  const shown = JSON.stringify(await bodyOf(page));
  expect(shown).toContain(w.course.title);
  expect(shown).not.toContain("Thào Thị Dợ");
  // Typed from the screen: groups, dashes and lower case are fine.
  const res = await publicCheckIn(checkIn.display.toLowerCase(), { licenceNumber: w.licence.toLowerCase() });
  expect(res.status).toBe(200);
  expect((await bodyOf(res)).outcome).toMatchObject({ kind: "pending" });
  expect((await w.roster()).rows[0]).toMatchObject({ present: null, checkedInAt: expect.any(String) });
  expect((await w.post({ intent: "confirm", enrolmentId: w.enrolment.id })).status).toBe(200);
  expect((await w.roster()).rows[0]).toMatchObject({ present: true, checkedInAt: null, status: "enrolled" });
  // Nothing left to confirm.
  expect((await w.post({ intent: "reject", enrolmentId: w.enrolment.id })).status).toBe(404);
});

test("public statuses: unknown and malformed codes 404, closed 410, unknown person 404, no number 400", async () => {
  const w = await world();
  await w.post({ intent: "openCheckIn" });
  const { checkIn } = await w.roster();
  expect((await publicCheckIn("0".repeat(26))).status).toBe(404);
  expect((await publicCheckIn("x".repeat(100_000))).status).toBe(404);
  expect((await publicCheckIn("0".repeat(26), { licenceNumber: w.licence })).status).toBe(404);
  const unknown = await publicCheckIn(checkIn.code, { licenceNumber: "KHONG-CO-AI" });
  expect(unknown.status).toBe(404);
  expect(JSON.stringify(await bodyOf(unknown))).toContain("courses:checkIn.errors.notOnCourse");
  expect((await publicCheckIn(checkIn.code, { licenceNumber: "   " })).status).toBe(400);
  const started = Date.now();
  expect((await publicCheckIn(checkIn.code, { licenceNumber: "9".repeat(200_000) })).status).toBe(400);
  expect(Date.now() - started).toBeLessThan(1000);
  // A new code retires the old one; closing retires the new one.
  await w.post({ intent: "openCheckIn" });
  expect((await publicCheckIn(checkIn.code)).status).toBe(404);
  const renewed = (await w.roster()).checkIn.code;
  await w.post({ intent: "closeCheckIn" });
  expect((await w.roster()).checkIn).toEqual({ status: "closed", expiresAt: expect.any(String) });
  expect((await publicCheckIn(renewed)).status).toBe(410);
  expect((await publicCheckIn(renewed, { licenceNumber: w.licence })).status).toBe(410);
  expect(w.db.select().from(selfCheckIns).where(eq(selfCheckIns.sessionId, w.session.id)).all()).toHaveLength(0);
  // The typed-code page leads to a well-formed code's page.
  const typed = await call(enterLoader, { request: authedRequest(`/check-in?code=${encodeURIComponent(renewed.toUpperCase())}`) });
  expect(typed.status).toBe(302);
  expect(typed.headers.get("Location")).toBe(`/check-in/${renewed}`);
  expect((await call(enterLoader, { request: authedRequest("/check-in?code=abc") })).status).toBe(404);
});

test("guessing licence numbers is throttled with 429 and Retry-After", async () => {
  const w = await world();
  await w.post({ intent: "openCheckIn" });
  const { code } = (await w.roster()).checkIn;
  for (let i = 0; i < 10; i++) expect((await publicCheckIn(code, { licenceNumber: `DOAN-${i}` }, "198.51.100.99")).status).toBe(404);
  const blocked = await publicCheckIn(code, { licenceNumber: w.licence }, "198.51.100.99");
  expect(blocked.status).toBe(429);
  expect(Number(blocked.headers.get("Retry-After"))).toBeGreaterThan(0);
  expect(w.db.select().from(selfCheckIns).where(eq(selfCheckIns.sessionId, w.session.id)).all()).toHaveLength(0);
});

test("only the host trainer opens, closes and confirms: another facility's trainer and a viewer get 403", async () => {
  const w = await world();
  await w.post({ intent: "openCheckIn" });
  const { code } = (await w.roster()).checkIn;
  await publicCheckIn(code, { licenceNumber: w.licence });
  const stranger = await createSignedInUser(w.db, { role: "trainer" });
  const viewer = await createSignedInUser(w.db, { role: "viewer", facilityId: w.host.user.facilityId! });
  for (const cookie of [stranger.cookie, viewer.cookie]) {
    const forms: Record<string, string | number>[] = [{ intent: "openCheckIn" }, { intent: "closeCheckIn" }, { intent: "confirmAll" }, { intent: "confirm", enrolmentId: w.enrolment.id }];
    for (const form of forms) {
      expect((await w.post(form, cookie)).status).toBe(403);
    }
  }
  expect((await w.roster()).checkIn.code).toBe(code);
  expect(w.db.select().from(attendance).where(eq(attendance.sessionId, w.session.id)).all()).toHaveLength(0);
  const all = await w.post({ intent: "confirmAll" });
  expect(await bodyOf(all)).toMatchObject({ confirmed: 1 });
  expect((await w.post({ intent: "nonsense" })).status).toBe(400);
  expect((await w.post({ intent: "confirm", enrolmentId: "x" })).status).toBe(400);
});
