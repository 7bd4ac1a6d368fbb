import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { getDb } from "~/db/client.server";
import { creditEntries, teleLinks, teleSessions } from "~/db/schema";
import { loader as logLoader } from "~/routes/tele.sessions._index";
import { action as newConsultation, loader as newConsultationLoader } from "~/routes/tele.sessions.new-consultation";
import { action as newTraining } from "~/routes/tele.sessions.new-training";
import { action as pageAction, loader as pageLoader } from "~/routes/tele.sessions.$id._index";
import { action as editAction, loader as editLoader } from "~/routes/tele.sessions.$id.edit";
import { authedRequest, createSignedInUser } from "../helpers/auth";
import { makeChapter, makeFacility, makeStaff } from "../helpers/factories";
import { bodyOf, call } from "../helpers/routes";

const DAY = "2026-01-15";

async function setup() {
  const db = getDb();
  makeChapter(db, 10);
  const hub = makeFacility(db, { shortName: "BV Trung tâm" });
  const spoke = makeFacility(db, { shortName: "TTYT Cơ sở", level: "C", provinceCode: hub.provinceCode });
  const stranger = makeFacility(db);
  db.insert(teleLinks).values({ hubFacilityId: hub.id, spokeFacilityId: spoke.id, chapterNumber: 10, startOn: "2026-01-01" }).run();
  const hubDoctor = makeStaff(db, { facilityId: hub.id });
  const spokeDoctor = makeStaff(db, { facilityId: spoke.id });
  const spokeDirector = await createSignedInUser(db, { role: "director", facilityId: spoke.id });
  const hubTrainer = await createSignedInUser(db, { role: "trainer", facilityId: hub.id });
  const viewer = await createSignedInUser(db, { role: "viewer", facilityId: spoke.id });
  const outsider = await createSignedInUser(db, { role: "director", facilityId: stranger.id });
  return { db, hub, spoke, hubDoctor, spokeDoctor, spokeDirector, hubTrainer, viewer, outsider };
}

type Setup = Awaited<ReturnType<typeof setup>>;
const consultation = (s: Setup, over: Record<string, string | string[]> = {}) => ({
  hubFacilityId: String(s.hub.id),
  spokeFacilityId: String(s.spoke.id),
  heldOn: "15/01/2026",
  startTime: "14:00",
  durationMinutes: "40",
  chapterNumber: "10",
  title: "Chấn thương sọ não kín",
  outcome: "advice_only",
  hubStaffIds: [String(s.hubDoctor.id)],
  spokeStaffIds: [String(s.spokeDoctor.id)],
  ...over,
});

test("a spoke director logs a consultation, a replay with the same key lands on the same page, and the log finds it", async () => {
  const s = await setup();
  const form = await bodyOf(await call(newConsultationLoader, { request: authedRequest("/tele/sessions/new-consultation", { cookie: s.spokeDirector.cookie }) }));
  expect(form.options.hubs).toEqual([{ value: s.hub.id, label: "BV Trung tâm" }]);
  expect(form.defaults.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
  const fields = consultation(s, { idempotencyKey: form.defaults.idempotencyKey });
  const first = await call(newConsultation, { request: authedRequest("/tele/sessions/new-consultation", { cookie: s.spokeDirector.cookie, form: fields }) });
  expect(first.status).toBe(302);
  const again = await call(newConsultation, { request: authedRequest("/tele/sessions/new-consultation", { cookie: s.spokeDirector.cookie, form: fields }) });
  expect(again.headers.get("Location")).toBe(first.headers.get("Location"));
  const ids = s.db.select({ id: teleSessions.id }).from(teleSessions).where(eq(teleSessions.hubFacilityId, s.hub.id)).all();
  expect(ids).toHaveLength(1);
  expect(first.headers.get("Location")).toBe(`/tele/sessions/${ids[0].id}`);

  const log = await bodyOf(await call(logLoader, { request: authedRequest("/tele/sessions?q=sọ&kind=consultation", { cookie: s.spokeDirector.cookie }) }));
  expect(log.result.rows.map((r: { title: string }) => r.title)).toEqual(["Chấn thương sọ não kín"]);
  expect(log.canRecord).toBe(true);
  const outsiderLog = await bodyOf(await call(logLoader, { request: authedRequest("/tele/sessions", { cookie: s.outsider.cookie }) }));
  expect(outsiderLog.result.rows).toEqual([]);

  const page = await bodyOf(await call(pageLoader, { request: authedRequest(`/tele/sessions/${ids[0].id}`, { cookie: s.viewer.cookie }), params: { id: String(ids[0].id) } }));
  expect(page.canChange).toBe(false);
  expect(page.participants).toHaveLength(2);
  const hidden = await call(pageLoader, { request: authedRequest(`/tele/sessions/${ids[0].id}`, { cookie: s.outsider.cookie }), params: { id: String(ids[0].id) } });
  expect(hidden.status).toBe(404);
});

test("refusals answer 400 next to the field, 403 for a viewer or an outsider, 409 for a stale edit", async () => {
  const s = await setup();
  const post = (cookie: string, form: Record<string, string | string[]>) => call(newConsultation, { request: authedRequest("/tele/sessions/new-consultation", { cookie, form }) });
  const future = await post(s.spokeDirector.cookie, consultation(s, { heldOn: "01/01/2099" }));
  expect(future.status).toBe(400);
  expect((await bodyOf(future)).result.error.heldOn).toEqual(["tele:sessions.errors.future"]);
  const noLink = await post(s.spokeDirector.cookie, consultation(s, { heldOn: "15/12/2025" }));
  expect(noLink.status).toBe(400);
  expect((await bodyOf(noLink)).result.error.spokeFacilityId[0]).toMatch(/^tele:sessions\.errors\.noLink\|/);
  const short = await post(s.spokeDirector.cookie, consultation(s, { durationMinutes: "3" }));
  expect(short.status).toBe(400);
  expect((await post(s.viewer.cookie, consultation(s))).status).toBe(403);
  expect((await post(s.outsider.cookie, consultation(s))).status).toBe(403);

  const created = await post(s.spokeDirector.cookie, consultation(s));
  const id = created.headers.get("Location")!.split("/").pop()!;
  const edit = await bodyOf(await call(editLoader, { request: authedRequest(`/tele/sessions/${id}/edit`, { cookie: s.hubTrainer.cookie }), params: { id } }));
  expect(edit.kind).toBe("consultation");
  const fields = { ...consultation(s), version: edit.defaults.version, outcome: "referred_up" };
  const saved = await call(editAction, { request: authedRequest(`/tele/sessions/${id}/edit`, { cookie: s.hubTrainer.cookie, form: fields }), params: { id } });
  expect(saved.status).toBe(302);
  const stale = await call(editAction, { request: authedRequest(`/tele/sessions/${id}/edit`, { cookie: s.spokeDirector.cookie, form: fields }), params: { id } });
  expect(stale.status).toBe(409);
  const staleDelete = await call(pageAction, { request: authedRequest(`/tele/sessions/${id}`, { cookie: s.spokeDirector.cookie, form: { intent: "delete", version: "1" } }), params: { id } });
  expect(staleDelete.status).toBe(409);
  const deleted = await call(pageAction, { request: authedRequest(`/tele/sessions/${id}`, { cookie: s.spokeDirector.cookie, form: { intent: "delete", version: "2" } }), params: { id } });
  expect(deleted.status).toBe(302);
  expect(s.db.select().from(teleSessions).where(eq(teleSessions.id, Number(id))).get()).toBeUndefined();
});

test("the hub's trainer records a remote training session and the attendee gets credit hours", async () => {
  const s = await setup();
  const response = await call(newTraining, {
    request: authedRequest("/tele/sessions/new-training", {
      cookie: s.hubTrainer.cookie,
      form: {
        hubFacilityId: String(s.hub.id),
        spokeFacilityIds: [String(s.spoke.id)],
        heldOn: DAY,
        startTime: "08:00",
        durationMinutes: "150",
        title: "Cấp cứu đa chấn thương",
        attendeeStaffIds: [String(s.spokeDoctor.id)],
      },
    }),
  });
  expect(response.status).toBe(302);
  expect(s.db.select().from(creditEntries).where(eq(creditEntries.staffId, s.spokeDoctor.id)).all()).toEqual([
    expect.objectContaining({ kind: "remote_training", hours: 2.5, title: "Cấp cứu đa chấn thương", activityOn: DAY }),
  ]);
});
