import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { getDb } from "~/db/client.server";
import { attendance, caseLogs, courseSessions, submissionReceipts, teleLinks, teleSessions } from "~/db/schema";
import { requestEnrolment } from "~/models/courses/enrolments.server";
import { newIdempotencyKey } from "~/models/offline/keys";
import { moveStage } from "~/models/transfers/stages.server";
import { action as syncAction, loader as syncLoader } from "~/routes/outbox.sync";
import { SYNC_MAX_BYTES, SYNC_MAX_ITEMS } from "~/utils/offline-sync.server";
import { makeTransferWorld } from "../helpers/agreements";
import { authedRequest, cookieFor, TEST_ORIGIN } from "../helpers/auth";
import { makeActor, makeCourse } from "../helpers/course-fixtures";
import { makeStaff } from "../helpers/factories";
import { bodyOf, call } from "../helpers/routes";

type Item = { key: string; form: string; path: string; fields: [string, string][] };

function post(cookie: string | undefined, body: unknown, headers: Record<string, string> = { "Content-Type": "application/json" }, origin?: string) {
  const request = new Request(new URL("/outbox/sync", TEST_ORIGIN), {
    method: "POST",
    headers: { ...headers, ...(cookie ? { Cookie: cookie } : {}), Origin: origin ?? TEST_ORIGIN },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return call(syncAction, { request });
}

async function setup() {
  const w = makeTransferWorld(getDb());
  const line = w.item();
  let version = 1;
  for (const toStage of ["surveyed", "training", "supervised"] as const) version = moveStage(w.db, w.director, w.agreement.id, line.id, { toStage, movedOn: "2026-02-01", version }, { today: "2026-03-15" }).version;
  w.db.insert(teleLinks).values({ hubFacilityId: w.hub.id, spokeFacilityId: w.spokeA.id, chapterNumber: 10, startOn: "2026-01-01" }).run();
  const host = makeActor(w.db, "trainer", w.hub.id);
  const course = makeCourse(w.db, host, { capacity: 3 });
  const sessions = w.db.select().from(courseSessions).where(eq(courseSessions.courseId, course.id)).all();
  const trainee = makeStaff(w.db, { facilityId: w.hub.id });
  const enrolment = requestEnrolment(w.db, host, { courseId: course.id, staffId: trainee.id });
  const viewer = w.as("viewer", w.spokeA.id);
  const cookies = {
    spokeDirector: await cookieFor(w.db, w.spokeDirector.userId),
    spokeTrainer: await cookieFor(w.db, w.spokeTrainer.userId),
    host: await cookieFor(w.db, host.userId),
    viewer: await cookieFor(w.db, viewer.userId),
  };
  const consultation = (over: Record<string, string> = {}, key = newIdempotencyKey()): Item => ({
    key,
    form: "tele_consultation",
    path: "/tele/sessions/new-consultation",
    fields: Object.entries({
      hubFacilityId: String(w.hub.id),
      spokeFacilityId: String(w.spokeA.id),
      heldOn: "10/03/2026",
      startTime: "14:00",
      durationMinutes: "30",
      chapterNumber: "10",
      title: "Gãy xương đùi ở người cao tuổi",
      outcome: "treated_locally",
      ...over,
    }),
  });
  const caseLog = (over: Record<string, string> = {}, key = newIdempotencyKey()): Item => ({
    key,
    form: "case_log",
    path: `/agreements/${w.agreement.id}/items/${line.id}`,
    fields: Object.entries({ intent: "case", performedOn: "12/03/2026", performerName: "BS. Lò Văn Sáng", outcome: "success", supervised: "on", ...over }),
  });
  const sheet = (key = newIdempotencyKey()): Item => ({
    key,
    form: "attendance",
    path: `/courses/${course.id}`,
    fields: [["intent", "attendance"], ["rows", String(enrolment.id)], ["present", `${enrolment.id}:${sessions[0].id}`], [`score.${enrolment.id}`, "7.5"]],
  });
  return { ...w, line, course, cookies, consultation, caseLog, sheet };
}

test("each form is run through its schema and command: sent with the page it leads to, a replay sent again and written once", async () => {
  const s = await setup();
  const items = [s.consultation(), s.caseLog()];
  const first = await post(s.cookies.spokeDirector, { items });
  expect(first.status).toBe(200);
  expect(first.headers.get("Cache-Control")).toBe("no-store");
  const session = s.db.select().from(teleSessions).get()!;
  expect((await bodyOf(first)).results).toEqual([
    { key: items[0].key, status: "sent", replayed: false, location: `/tele/sessions/${session.id}` },
    { key: items[1].key, status: "sent", replayed: false, location: `/agreements/${s.agreement.id}/items/${s.line.id}` },
  ]);
  // The answer was lost: the outbox sends the same batch again.
  const again = await bodyOf(await post(s.cookies.spokeDirector, { items }));
  expect(again.results.map((r: { status: string; replayed: boolean }) => [r.status, r.replayed])).toEqual([["sent", true], ["sent", true]]);
  expect(again.results[0].location).toBe(`/tele/sessions/${session.id}`);
  expect([s.db.select().from(teleSessions).all().length, s.db.select().from(caseLogs).all().length]).toEqual([1, 1]);

  const sheet = s.sheet();
  expect((await bodyOf(await post(s.cookies.host, { items: [sheet] }))).results[0]).toMatchObject({ status: "sent", location: `/courses/${s.course.id}` });
  expect(s.db.select().from(attendance).where(eq(attendance.present, true)).all()).toHaveLength(1);
  expect(s.db.select().from(submissionReceipts).all().map((r) => r.form).sort()).toEqual(["attendance", "case_log"]);
});

test("refusals come back per item with the messages the page would show, in order, and the rest still land", async () => {
  const s = await setup();
  const future = s.consultation({ heldOn: "01/01/2099" });
  // Another hospital as the hub: no link in force with this spoke.
  const notLinked = s.consultation({ hubFacilityId: String(s.elsewhere.id) });
  const noPerformer = s.caseLog({ performerName: "" });
  const fine = s.caseLog();
  const results = (await bodyOf(await post(s.cookies.spokeDirector, { items: [future, notLinked, noPerformer, fine] }))).results;
  expect(results[0]).toEqual({ key: future.key, status: "refused", httpStatus: 400, errors: { heldOn: ["tele:sessions.errors.future"] } });
  expect(results[1]).toMatchObject({ status: "refused", httpStatus: 400 });
  expect(results[1].errors.spokeFacilityId[0]).toMatch(/^tele:sessions\.errors\.noLink\|/);
  expect(results[2]).toMatchObject({ status: "refused", errors: { performerId: ["agreements:errors.performerRequired"] } });
  expect(results[3]).toMatchObject({ key: fine.key, status: "sent" });
  expect(s.db.select().from(teleSessions).where(eq(teleSessions.spokeFacilityId, s.spokeA.id)).all()).toEqual([]);

  // A viewer may not record sessions; a key used by another user is a 409; a bad key or page a 400.
  const viewer = await bodyOf(await post(s.cookies.viewer, { items: [s.consultation()] }));
  expect(viewer.results[0]).toMatchObject({ status: "refused", httpStatus: 403, errors: { "": ["common:errors.forbiddenBody"] } });
  const stolen = await bodyOf(await post(s.cookies.spokeTrainer, { items: [fine] }));
  expect(stolen.results[0]).toMatchObject({ status: "refused", httpStatus: 409, errors: { "": ["offline:errors.keyUsed"] } });
  const odd = await bodyOf(await post(s.cookies.spokeDirector, { items: [{ ...fine, key: "not a key!" }, { ...s.caseLog(), path: "/admin/users" }, { ...s.sheet() }] }));
  expect(odd.results.map((r: { httpStatus: number }) => r.httpStatus)).toEqual([400, 400, 403]);
  expect(s.db.select().from(caseLogs).where(eq(caseLogs.transferItemId, s.line.id)).all()).toHaveLength(1);
});

test("the batch is refused whole when signed out (401), from another site (403), not JSON (415), malformed or too long (400), too large (413)", async () => {
  const s = await setup();
  const cookie = s.cookies.spokeDirector;
  expect((await post(undefined, { items: [] })).status).toBe(401);
  expect((await post(cookie, { items: [s.caseLog()] }, undefined, "https://evil.example")).status).toBe(403);
  expect((await post(cookie, "items=1", { "Content-Type": "application/x-www-form-urlencoded" })).status).toBe(415);
  for (const body of ["{", "null", '{"items":{}}', '{"items":[{"key":1}]}', JSON.stringify({ items: [{ ...s.caseLog(), form: "payroll" }] })]) {
    const response = await post(cookie, body);
    expect(response.status, body).toBe(400);
    expect(await response.text()).toBe("offline:errors.malformedBatch");
  }
  const tooMany = await post(cookie, { items: Array.from({ length: SYNC_MAX_ITEMS + 1 }, () => s.caseLog()) });
  expect(tooMany.status).toBe(400);
  expect(await tooMany.text()).toBe(`offline:errors.batchTooLong|{"max":${SYNC_MAX_ITEMS}}`);
  const huge = await post(cookie, { items: [s.caseLog({ note: "x".repeat(SYNC_MAX_BYTES) })] });
  expect(huge.status).toBe(413);
  expect((await call(syncLoader, { request: authedRequest("/outbox/sync", { cookie }) })).status).toBe(405);
  expect(s.db.select().from(caseLogs).where(eq(caseLogs.transferItemId, s.line.id)).all()).toEqual([]);
});
