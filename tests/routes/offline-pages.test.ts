// The entry pages' own actions take the idempotency key too: a form sent twice (a retry after a
// lost answer) lands once, and a malformed key is a 400 next to the form.
import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { getDb } from "~/db/client.server";
import { caseLogs, courseSessions, submissionReceipts } from "~/db/schema";
import { requestEnrolment } from "~/models/courses/enrolments.server";
import { newIdempotencyKey } from "~/models/offline/keys";
import { moveStage } from "~/models/transfers/stages.server";
import { action as itemAction } from "~/routes/agreements.$id.items.$itemId";
import { action as courseAction } from "~/routes/courses.$courseId._index";
import { makeTransferWorld } from "../helpers/agreements";
import { authedRequest, cookieFor } from "../helpers/auth";
import { makeActor, makeCourse } from "../helpers/course-fixtures";
import { makeStaff } from "../helpers/factories";
import { bodyOf, call } from "../helpers/routes";

test("a case form and an attendance sheet posted twice with their key land once", async () => {
  const w = makeTransferWorld(getDb());
  const line = w.item();
  let version = 1;
  for (const toStage of ["surveyed", "training", "supervised"] as const) version = moveStage(w.db, w.director, w.agreement.id, line.id, { toStage, movedOn: "2026-02-01", version }, { today: "2026-03-15" }).version;
  const cookie = await cookieFor(w.db, w.spokeTrainer.userId);
  const params = { id: String(w.agreement.id), itemId: String(line.id) };
  const key = newIdempotencyKey();
  const form = { intent: "case", performedOn: "12/03/2026", performerName: "BS. Lò Văn Sáng", outcome: "success", supervised: "on", idempotencyKey: key };
  const url = `/agreements/${w.agreement.id}/items/${line.id}`;
  for (let i = 0; i < 2; i++) {
    const response = await call(itemAction, { request: authedRequest(url, { cookie, form }), params });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(url);
  }
  expect(w.db.select().from(caseLogs).where(eq(caseLogs.transferItemId, line.id)).all()).toHaveLength(1);
  const bad = await call(itemAction, { request: authedRequest(url, { cookie, form: { ...form, idempotencyKey: "<script>" } }), params });
  expect(bad.status).toBe(400);
  expect((await bodyOf(bad)).result.error.idempotencyKey).toEqual(["common:validation.invalid"]);
  const stolen = await call(itemAction, { request: authedRequest(url, { cookie: await cookieFor(w.db, w.spokeDirector.userId), form }), params });
  expect(stolen.status).toBe(409);
  expect((await bodyOf(stolen)).result.error[""]).toEqual(["offline:errors.keyUsed"]);

  const host = makeActor(w.db, "trainer", w.hub.id);
  const course = makeCourse(w.db, host, { capacity: 3 });
  const session = w.db.select().from(courseSessions).where(eq(courseSessions.courseId, course.id)).get()!;
  const enrolment = requestEnrolment(w.db, host, { courseId: course.id, staffId: makeStaff(w.db, { facilityId: w.hub.id }).id });
  const sheetKey = newIdempotencyKey();
  const sheet = { intent: "attendance", rows: String(enrolment.id), present: `${enrolment.id}:${session.id}`, idempotencyKey: sheetKey };
  for (let i = 0; i < 2; i++) {
    const response = await call(courseAction, { request: authedRequest(`/courses/${course.id}`, { cookie: await cookieFor(w.db, host.userId), form: sheet }), params: { courseId: String(course.id) } });
    expect(response.status).toBe(200);
    expect((await bodyOf(response)).notice.key).toBe("notices.attendanceSaved");
  }
  expect(w.db.select().from(submissionReceipts).where(eq(submissionReceipts.key, sheetKey)).all()).toHaveLength(1);
});
