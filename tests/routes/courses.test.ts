import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { getDb } from "~/db/client.server";
import { courses, rotations } from "~/db/schema";
import { addDaysIso, vietnamToday } from "~/models/dates";
import { action as courseAction, loader as courseLoader } from "~/routes/courses.$courseId._index";
import { action as editAction, loader as editLoader } from "~/routes/courses.$courseId.edit";
import { action as newAction, loader as newLoader } from "~/routes/courses.new";
import { loader as listLoader } from "~/routes/courses._index";
import { loader as exportLoader } from "~/routes/courses.export";
import { loader as verifyLoader } from "~/routes/certificates.verify";
import { authedRequest, createSignedInUser, responseOf } from "../helpers/auth";
import { makeFacility, makeStaff } from "../helpers/factories";

const courseForm = (overrides: Record<string, string> = {}) => ({
  title: "Cấp cứu sản khoa",
  mode: "at_host",
  status: "open",
  startOn: "2026-04-06",
  endOn: "2026-04-10",
  capacity: "2",
  creditHours: "12",
  minAttendancePercent: "80",
  "sessions[0].heldOn": "2026-04-06",
  "sessions[0].startsAt": "08:00",
  "sessions[0].endsAt": "11:00",
  "sessions[0].topic": "Băng huyết sau sinh",
  "sessions[0].periods": "4",
  ...overrides,
});

async function trainerWithCourse() {
  const db = getDb();
  const facility = makeFacility(db);
  const { user, cookie } = await createSignedInUser(db, { role: "trainer", facilityId: facility.id });
  const res = (await newAction({ request: authedRequest("/courses/new", { cookie, form: courseForm() }), params: {}, context: {} })) as Response;
  expect(res.status).toBe(302);
  const courseId = Number(res.headers.get("Location")!.split("/").pop());
  return { db, facility, user, cookie, courseId };
}

test("a trainer creates a course and is sent to its page", async () => {
  const { courseId, cookie } = await trainerWithCourse();
  const res = (await courseLoader({ request: authedRequest(`/courses/${courseId}`, { cookie }), params: { courseId: String(courseId) }, context: {} })) as Response;
  const data = await res.json();
  expect(data.course).toMatchObject({ title: "Cấp cứu sản khoa", capacity: 2, canManage: true });
  expect(data.course.sessions).toHaveLength(1);
});

test("capacity 0, end before start and a session outside the dates answer 400 with messages by field", async () => {
  const db = getDb();
  const { cookie } = await createSignedInUser(db, { role: "trainer" });
  const res = (await newAction({
    request: authedRequest("/courses/new", { cookie, form: courseForm({ capacity: "0", endOn: "2026-04-01", "sessions[0].heldOn": "2026-05-01" }) }),
    params: {},
    context: {},
  })) as Response;
  expect(res.status).toBe(400);
  const { result } = await res.json();
  expect(result.error.capacity).toEqual(["courses:errors.capacity"]);
  expect(result.error.endOn).toEqual(["common:validation.endBeforeStart"]);
  expect(result.error["sessions[0].heldOn"]).toEqual(["courses:errors.sessionOutside"]);
});

test("a viewer cannot open the new-course form", async () => {
  const { cookie } = await createSignedInUser(getDb(), { role: "viewer" });
  await expect(newLoader({ request: authedRequest("/courses/new", { cookie }), params: {}, context: {} })).rejects.toMatchObject({ status: 403 });
});

test("a stale edit answers 409 and keeps the stored title", async () => {
  const { courseId, cookie } = await trainerWithCourse();
  const params = { courseId: String(courseId) };
  const first = (await editAction({ request: authedRequest(`/courses/${courseId}/edit`, { cookie, form: courseForm({ version: "1", title: "Lần một" }) }), params, context: {} })) as Response;
  expect(first.status).toBe(302);
  const stale = (await editAction({ request: authedRequest(`/courses/${courseId}/edit`, { cookie, form: courseForm({ version: "1", title: "Lần hai" }) }), params, context: {} })) as Response;
  expect(stale.status).toBe(409);
  const body = await stale.json();
  expect(body.result.error[""][0]).toMatch(/^common:stale.message/);
  const page = await ((await courseLoader({ request: authedRequest(`/courses/${courseId}`, { cookie }), params, context: {} })) as Response).json();
  expect(page.course.title).toBe("Lần một");
});

test("requesting a seat for another hospital's staff answers 403", async () => {
  const { db, courseId } = await trainerWithCourse();
  const { cookie } = await createSignedInUser(db, { role: "director" });
  const stranger = makeStaff(db, { facilityId: makeFacility(db).id });
  const res = (await courseAction({
    request: authedRequest(`/courses/${courseId}`, { cookie, form: { intent: "request", staffId: String(stranger.id) } }),
    params: { courseId: String(courseId) },
    context: {},
  })) as Response;
  expect(res.status).toBe(403);
});

test("a guest director enrols own staff; the third beyond capacity is waitlisted; a duplicate answers 409", async () => {
  const { db, courseId } = await trainerWithCourse();
  const guestFacility = makeFacility(db);
  const { cookie } = await createSignedInUser(db, { role: "director", facilityId: guestFacility.id });
  const params = { courseId: String(courseId) };
  const people = [1, 2, 3].map(() => makeStaff(db, { facilityId: guestFacility.id }));
  const statuses: number[] = [];
  const notices: string[] = [];
  for (const p of people) {
    const res = (await courseAction({ request: authedRequest(`/courses/${courseId}`, { cookie, form: { intent: "request", staffId: String(p.id) } }), params, context: {} })) as Response;
    statuses.push(res.status);
    notices.push((await res.json()).notice.key);
  }
  expect(statuses).toEqual([200, 200, 200]);
  expect(notices).toEqual(["notices.requested", "notices.requested", "notices.waitlisted"]);
  const dup = (await courseAction({ request: authedRequest(`/courses/${courseId}`, { cookie, form: { intent: "request", staffId: String(people[0].id) } }), params, context: {} })) as Response;
  expect(dup.status).toBe(409);
  expect((await dup.json()).result.error.staffId[0]).toMatch(/^courses:errors.duplicate/);
});

test("a score out of range answers 400 next to the trainee's score", async () => {
  const { db, courseId, cookie, facility } = await trainerWithCourse();
  const params = { courseId: String(courseId) };
  const p = makeStaff(db, { facilityId: facility.id });
  await courseAction({ request: authedRequest(`/courses/${courseId}`, { cookie, form: { intent: "request", staffId: String(p.id) } }), params, context: {} });
  const page = await ((await courseLoader({ request: authedRequest(`/courses/${courseId}`, { cookie }), params, context: {} })) as Response).json();
  const enrolmentId = page.participants.rows[0].id;
  const res = (await courseAction({
    request: authedRequest(`/courses/${courseId}`, { cookie, form: { intent: "attendance", rows: [enrolmentId], [`score.${enrolmentId}`]: "12" } }),
    params,
    context: {},
  })) as Response;
  expect(res.status).toBe(400);
  expect((await res.json()).result.error[`score.${enrolmentId}`]).toEqual(["courses:errors.score"]);
});

test("the course list and its XLSX export answer for a signed-in user", async () => {
  const { cookie } = await trainerWithCourse();
  const list = await ((await listLoader({ request: authedRequest("/courses?q=cap+cuu", { cookie }), params: {}, context: {} })) as Response).json();
  expect(list.result.rows.map((r: { title: string }) => r.title)).toContain("Cấp cứu sản khoa");
  const xlsx = (await exportLoader({ request: authedRequest("/courses/export", { cookie }), params: {}, context: {} })) as Response;
  expect(xlsx.headers.get("Content-Type")).toContain("spreadsheetml");
  expect((await xlsx.arrayBuffer()).byteLength).toBeGreaterThan(1000);
});

test("verifying an unknown certificate number answers 404 without sign-in", async () => {
  const res = (await verifyLoader({ request: new Request("http://localhost/certificates/verify?number=CC-XX-2026-0001"), params: {}, context: {} })) as Response;
  expect(res.status).toBe(404);
  expect((await res.json()).certificate).toBeNull();
  const link = (await verifyLoader({ request: new Request(`http://localhost/certificates/verify?t=${"a".repeat(32)}`), params: {}, context: {} })) as Response;
  expect(link.status).toBe(404);
  expect(await link.json()).toMatchObject({ certificate: null, byLink: true });
});

async function courseData(cookie: string, courseId: number) {
  const res = (await courseLoader({ request: authedRequest(`/courses/${courseId}`, { cookie }), params: { courseId: String(courseId) }, context: {} })) as Response;
  return (await res.json()).course;
}

test("an administrator picks the host first, then creates a course hosted there with the host's trainer", async () => {
  const db = getDb();
  const host = makeFacility(db, { name: "Bệnh viện Đa khoa tỉnh Thử" });
  const teacher = makeStaff(db, { facilityId: host.id, fullName: "Trần Thị Giảng" });
  const { cookie } = await createSignedInUser(db, { role: "admin" });
  const list = await ((await listLoader({ request: authedRequest("/courses", { cookie }), params: {}, context: {} })) as Response).json();
  expect(list.canCreate).toBe(true);
  const picker = await ((await newLoader({ request: authedRequest("/courses/new", { cookie }), params: {}, context: {} })) as Response).json();
  expect(picker.hosts).toContainEqual({ value: host.id, label: "Bệnh viện Đa khoa tỉnh Thử" });
  expect(picker).toMatchObject({ host: null, options: null });
  const page = await ((await newLoader({ request: authedRequest(`/courses/new?host=${host.id}`, { cookie }), params: {}, context: {} })) as Response).json();
  expect(page.host).toEqual({ id: host.id, name: "Bệnh viện Đa khoa tỉnh Thử" });
  expect(page.options.trainers).toEqual([{ id: teacher.id, fullName: "Trần Thị Giảng" }]);
  const res = (await newAction({
    request: authedRequest(`/courses/new?host=${host.id}`, { cookie, form: courseForm({ hostFacilityId: String(host.id), "sessions[0].trainerId": String(teacher.id) }) }),
    params: {},
    context: {},
  })) as Response;
  expect(res.status).toBe(302);
  const course = await courseData(cookie, Number(res.headers.get("Location")!.split("/").pop()));
  expect(course).toMatchObject({ hostFacilityId: host.id, hostName: "Bệnh viện Đa khoa tỉnh Thử", canManage: true });
  expect(course.sessions[0].trainerName).toBe("Trần Thị Giảng");
});

test("an administrator's course without a host, or hosted by a health department, answers 400 next to the host", async () => {
  const db = getDb();
  const { cookie } = await createSignedInUser(db, { role: "admin" });
  const department = makeFacility(db, { kind: "health_department" });
  const missing = (await newAction({ request: authedRequest("/courses/new", { cookie, form: courseForm() }), params: {}, context: {} })) as Response;
  expect(missing.status).toBe(400);
  expect((await missing.json()).result.error.hostFacilityId).toEqual(["common:validation.required"]);
  const refused = (await newAction({
    request: authedRequest("/courses/new", { cookie, form: courseForm({ hostFacilityId: String(department.id) }) }),
    params: {},
    context: {},
  })) as Response;
  expect(refused.status).toBe(400);
  expect((await refused.json()).result.error.hostFacilityId).toEqual(["courses:errors.unknownHost"]);
  const page = await ((await newLoader({ request: authedRequest(`/courses/new?host=${department.id}`, { cookie }), params: {}, context: {} })) as Response).json();
  expect(page).toMatchObject({ host: null, unknownHost: true, options: null });
});

test("a trainer's course is hosted by the trainer's own facility whatever host the form sends", async () => {
  const db = getDb();
  const own = makeFacility(db);
  const foreign = makeFacility(db);
  const { cookie } = await createSignedInUser(db, { role: "trainer", facilityId: own.id });
  const page = await ((await newLoader({ request: authedRequest(`/courses/new?host=${foreign.id}`, { cookie }), params: {}, context: {} })) as Response).json();
  expect(page).toMatchObject({ hosts: null, host: { id: own.id }, unknownHost: false });
  const res = (await newAction({
    request: authedRequest("/courses/new", { cookie, form: courseForm({ hostFacilityId: String(foreign.id) }) }),
    params: {},
    context: {},
  })) as Response;
  expect(res.status).toBe(302);
  const course = await courseData(cookie, Number(res.headers.get("Location")!.split("/").pop()));
  expect(course.hostFacilityId).toBe(own.id);
});

test("viewers, directors and department officers get 403 from the new-course page and its action", async () => {
  const db = getDb();
  const host = makeFacility(db);
  for (const role of ["viewer", "director", "department"] as const) {
    const { cookie } = await createSignedInUser(db, { role });
    const page = await responseOf(newLoader({ request: authedRequest("/courses/new", { cookie }), params: {}, context: {} }));
    expect(page.status).toBe(403);
    const post = await responseOf(
      newAction({ request: authedRequest("/courses/new", { cookie, form: courseForm({ hostFacilityId: String(host.id) }) }), params: {}, context: {} }),
    );
    expect(post.status).toBe(403);
  }
});

test("an administrator edits a trainer's course; the host stays the course's own", async () => {
  const { db, courseId, facility } = await trainerWithCourse();
  const { cookie } = await createSignedInUser(db, { role: "admin" });
  const params = { courseId: String(courseId) };
  const page = await ((await editLoader({ request: authedRequest(`/courses/${courseId}/edit`, { cookie }), params, context: {} })) as Response).json();
  expect(page.course.hostName).toBe(facility.name);
  const other = makeFacility(db);
  const res = (await editAction({
    request: authedRequest(`/courses/${courseId}/edit`, { cookie, form: courseForm({ version: "1", title: "Sửa bởi quản trị", hostFacilityId: String(other.id) }) }),
    params,
    context: {},
  })) as Response;
  expect(res.status).toBe(302);
  expect(await courseData(cookie, courseId)).toMatchObject({ title: "Sửa bởi quản trị", hostFacilityId: facility.id });
});

/** A trainer's course running from yesterday to five days ahead, whatever day the test runs. */
async function runningCourse() {
  const today = vietnamToday(new Date());
  const startOn = addDaysIso(today, -1);
  const endOn = addDaysIso(today, 5);
  const db = getDb();
  const facility = makeFacility(db);
  const { cookie } = await createSignedInUser(db, { role: "trainer", facilityId: facility.id });
  const form = courseForm({ startOn, endOn, "sessions[0].heldOn": startOn, minAttendancePercent: "100" });
  const res = (await newAction({ request: authedRequest("/courses/new", { cookie, form }), params: {}, context: {} })) as Response;
  expect(res.status).toBe(302);
  const courseId = Number(res.headers.get("Location")!.split("/").pop());
  return { db, facility, cookie, courseId, startOn, endOn, params: { courseId: String(courseId) } };
}

test("mid-course the whole course cannot be decided (409, button withheld); a trainee who meets the rule gets a certificate", async () => {
  const { db, facility, cookie, courseId, endOn, params } = await runningCourse();
  const person = makeStaff(db, { facilityId: facility.id });
  await courseAction({ request: authedRequest(`/courses/${courseId}`, { cookie, form: { intent: "request", staffId: String(person.id) } }), params, context: {} });
  const page = await ((await courseLoader({ request: authedRequest(`/courses/${courseId}`, { cookie }), params, context: {} })) as Response).json();
  expect(page).toMatchObject({ started: true, ended: false });
  const enrolmentId = page.participants.rows[0].id;
  const sessionId = page.course.sessions[0].id;

  const all = (await courseAction({ request: authedRequest(`/courses/${courseId}`, { cookie, form: { intent: "evaluate" } }), params, context: {} })) as Response;
  expect(all.status).toBe(409);
  expect((await all.json()).result.error[""]).toEqual([`courses:errors.notEnded|${JSON.stringify({ end: endOn })}`]);

  await courseAction({
    request: authedRequest(`/courses/${courseId}`, { cookie, form: { intent: "attendance", rows: [enrolmentId], present: [`${enrolmentId}:${sessionId}`] } }),
    params,
    context: {},
  });
  const one = (await courseAction({
    request: authedRequest(`/courses/${courseId}`, { cookie, form: { intent: "evaluate", enrolmentId: String(enrolmentId) } }),
    params,
    context: {},
  })) as Response;
  expect(one.status).toBe(200);
  expect((await one.json()).notice.key).toBe("notices.certificateIssued");
});

test("approving a pending request of a cancelled course answers 409 with a message", async () => {
  const { db, courseId, cookie } = await trainerWithCourse();
  const params = { courseId: String(courseId) };
  const guestFacility = makeFacility(db);
  const guest = await createSignedInUser(db, { role: "director", facilityId: guestFacility.id });
  const person = makeStaff(db, { facilityId: guestFacility.id });
  await courseAction({ request: authedRequest(`/courses/${courseId}`, { cookie: guest.cookie, form: { intent: "request", staffId: String(person.id) } }), params, context: {} });
  db.update(courses).set({ status: "cancelled" }).where(eq(courses.id, courseId)).run();
  const page = await ((await courseLoader({ request: authedRequest(`/courses/${courseId}`, { cookie }), params, context: {} })) as Response).json();
  const pending = page.participants.rows[0];
  expect(pending.status).toBe("requested");
  const res = (await courseAction({
    request: authedRequest(`/courses/${courseId}`, { cookie, form: { intent: "approve", enrolmentId: String(pending.id) } }),
    params,
    context: {},
  })) as Response;
  expect(res.status).toBe(409);
  expect((await res.json()).result.error[""]).toEqual([`courses:errors.approveClosedCourse|${JSON.stringify({ status: "cancelled" })}`]);
});

test("the enrol form's list marks a person on rotation during the course; requesting them still answers 409", async () => {
  const { db, facility, cookie, courseId, startOn, params } = await runningCourse();
  const away = makeStaff(db, { facilityId: facility.id, fullName: "Hoàng Văn Đi" });
  const home = makeStaff(db, { facilityId: facility.id, fullName: "Hoàng Văn Ở" });
  const to = makeFacility(db, { shortName: "TTYT Bát Xát" });
  db.insert(rotations)
    .values({ staffId: away.id, fromFacilityId: facility.id, toFacilityId: to.id, purpose: "manpower_support", startOn, endOn: addDaysIso(startOn, 90), status: "confirmed" })
    .run();
  const page = await ((await courseLoader({ request: authedRequest(`/courses/${courseId}`, { cookie }), params, context: {} })) as Response).json();
  expect(page.candidates).toEqual([
    { id: away.id, fullName: "Hoàng Văn Đi", cadre: away.cadre, busy: expect.objectContaining({ kind: "rotation", title: "TTYT Bát Xát", start: startOn }) },
    { id: home.id, fullName: "Hoàng Văn Ở", cadre: home.cadre, busy: null },
  ]);
  const res = (await courseAction({ request: authedRequest(`/courses/${courseId}`, { cookie, form: { intent: "request", staffId: String(away.id) } }), params, context: {} })) as Response;
  expect(res.status).toBe(409);
  expect((await res.json()).result.error.staffId[0]).toMatch(/^rotations:errors.clash.rotation/);
});

test("a page number past the end of the course list shows the last page", async () => {
  const { cookie } = await trainerWithCourse();
  const list = await ((await listLoader({ request: authedRequest("/courses?q=cap+cuu+san+khoa&page=9", { cookie }), params: {}, context: {} })) as Response).json();
  expect(list.result.total).toBeGreaterThan(0);
  expect(list.result.pageCount).toBeLessThan(9);
  expect(list.result.page).toBe(list.result.pageCount);
  expect(list.result.rows.length).toBeGreaterThan(0);
});
