import { eq } from "drizzle-orm";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { getDb } from "~/db/client.server";
import { agreementDocuments, agreementMeetings, transferItems } from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import { saveDocument, uploadsDir } from "~/models/agreements/documents.server";
import { addMeeting } from "~/models/agreements/meetings.server";
import { addTransferItem } from "~/models/transfers/plan.server";
import { logCase, moveStage } from "~/models/transfers/stages.server";
import * as itemPageRoute from "~/routes/agreements.$id.items.$itemId";
import * as itemEditRoute from "~/routes/agreements.$id.items.$itemId_.edit";
import * as documentDeleteRoute from "~/routes/agreements.$id.documents.$documentId_.delete";
import * as meetingEditRoute from "~/routes/agreements.$id.meetings.$meetingId.edit";
import { todayInVietnam } from "~/utils/domain-response.server";
import { makeActiveAgreement, makeSignedInTransferNetwork } from "../helpers/agreements";
import { authedRequest, createSignedInUser } from "../helpers/auth";
import { makeTechnique } from "../helpers/factories";
import { call, useTemporaryUploadsDir } from "../helpers/routes";

useTemporaryUploadsDir("corrections-uploads-");

async function setup() {
  const db = getDb();
  const today = todayInVietnam();
  const { province, hub, spokeA, spokeB, cookie, user, stranger } = await makeSignedInTransferNetwork(db);
  const trainer = await createSignedInUser(db, { role: "trainer", facilityId: spokeA.id });
  const director: Actor = { userId: user.id, role: "director", facilityId: hub.id, provinceCode: province.code };
  const agreement = makeActiveAgreement(db, director, { supporting: [hub], receiving: [spokeA, spokeB] }, { number: `HĐ-${Math.random().toString(36).slice(2, 7)}`, endOn: undefined });
  const id = String(agreement.id);
  const item = (toFacilityId = spokeA.id) =>
    addTransferItem(db, director, agreement.id, { techniqueCode: makeTechnique(db, { minLevel: "B" }).code, fromFacilityId: hub.id, toFacilityId, phase: 1, priority: 1, requiredCases: 3 }, { today });
  const stored = (itemId: number) => db.select().from(transferItems).where(eq(transferItems.id, itemId)).get();
  const itemForm = (itemId: number, overrides: Record<string, string> = {}) => {
    const row = stored(itemId)!;
    return {
      fromFacilityId: String(row.fromFacilityId),
      toFacilityId: String(row.toFacilityId),
      phase: String(row.phase),
      priority: String(row.priority),
      targetDate: row.targetDate ?? "",
      requiredCases: String(row.requiredCases),
      version: String(row.version),
      ...overrides,
    };
  };
  const editItem = (itemId: number, form: Record<string, string>, who = cookie) =>
    call(itemEditRoute.action, { request: authedRequest(`/agreements/${id}/items/${itemId}/edit`, { cookie: who, form }), params: { id, itemId: String(itemId) } });
  const editPage = (itemId: number, who = cookie) =>
    call(itemEditRoute.loader, { request: authedRequest(`/agreements/${id}/items/${itemId}/edit`, { cookie: who }), params: { id, itemId: String(itemId) } });
  return { db, today, hub, spokeA, spokeB, cookie, stranger, trainer, director, agreement, id, item, stored, itemForm, editItem, editPage };
}

test("a director corrects a line of the plan through the edit page and is sent back to the line", async () => {
  const s = await setup();
  const line = s.item();
  const page = await s.editPage(line.id);
  expect(page.status).toBe(200);
  expect((await page.json()).deletion).toBeNull();
  const res = await s.editItem(line.id, s.itemForm(line.id, { phase: "2", priority: "4", targetDate: "2027-03-31", requiredCases: "6", toFacilityId: String(s.spokeB.id) }));
  expect(res.status).toBe(302);
  expect(res.headers.get("Location")).toBe(`/agreements/${s.id}/items/${line.id}`);
  expect(s.stored(line.id)).toEqual(expect.objectContaining({ phase: 2, priority: 4, targetDate: "2027-03-31", requiredCases: 6, toFacilityId: s.spokeB.id, version: 2 }));
  const itemPage = await (await call(itemPageRoute.loader, { request: authedRequest(`/agreements/${s.id}/items/${line.id}`, { cookie: s.cookie }), params: { id: s.id, itemId: String(line.id) } })).json();
  expect(itemPage.detail.canEdit).toBe(true);
});

test("another hospital's director gets 403 for the edit page, the correction and the deletion, and nothing changes", async () => {
  const s = await setup();
  const line = s.item();
  expect((await s.editPage(line.id, s.stranger.cookie)).status).toBe(403);
  expect((await s.editItem(line.id, s.itemForm(line.id, { phase: "5" }), s.stranger.cookie)).status).toBe(403);
  expect((await s.editItem(line.id, { intent: "delete", version: "1" }, s.stranger.cookie)).status).toBe(403);
  expect((await s.editItem(line.id, s.itemForm(line.id, { phase: "5" }), s.trainer.cookie)).status).toBe(403);
  expect(s.stored(line.id)).toEqual(expect.objectContaining({ phase: 1, version: 1 }));
  expect((await s.editPage(line.id + 999)).status).toBe(404);
});

test("a stale correction answers 409 with the fields that differ from what is stored now, and their stored values", async () => {
  const s = await setup();
  const line = s.item();
  const opened = s.itemForm(line.id);
  expect((await s.editItem(line.id, { ...opened, phase: "2" })).status).toBe(302);
  const stale = await s.editItem(line.id, { ...opened, priority: "7" });
  expect(stale.status).toBe(409);
  const body = await stale.json();
  expect(body.stale.changedFields).toEqual(["phase", "priority"]);
  expect(body.stale.current).toEqual(expect.objectContaining({ phase: 2, priority: 1, version: 2 }));
  expect(body.result.error[""][0]).toContain("common:stale.message");
  expect(s.stored(line.id)).toEqual(expect.objectContaining({ phase: 2, priority: 1 }));
});

test("bad input answers 400 with the message next to its field; a rule across records answers with its own message", async () => {
  const s = await setup();
  const line = s.item();
  const zero = await s.editItem(line.id, s.itemForm(line.id, { phase: "0" }));
  expect(zero.status).toBe(400);
  expect((await zero.json()).result.error.phase).toEqual(["common:validation.positive"]);
  const badDate = await s.editItem(line.id, s.itemForm(line.id, { targetDate: "2026-02-30" }));
  expect(badDate.status).toBe(400);
  expect((await badDate.json()).result.error.targetDate).toEqual(["common:validation.invalidDate"]);
  const notReceiving = await s.editItem(line.id, s.itemForm(line.id, { toFacilityId: String(s.hub.id) }));
  expect(notReceiving.status).toBe(400);
  expect((await notReceiving.json()).result.error.toFacilityId).toEqual(["agreements:errors.fromIsTo"]);
  expect(s.stored(line.id)!.version).toBe(1);

  for (const toStage of ["surveyed", "training", "supervised"] as const) {
    moveStage(s.db, s.director, s.agreement.id, line.id, { toStage, movedOn: s.today, version: s.stored(line.id)!.version }, { today: s.today });
  }
  const trainer: Actor = { userId: s.trainer.user.id, role: "trainer", facilityId: s.spokeA.id, provinceCode: null };
  for (let i = 0; i < 2; i += 1) {
    logCase(s.db, trainer, s.agreement.id, line.id, { performedOn: s.today, performerName: "BS. Lò Thị B", outcome: "success", supervised: true }, { today: s.today });
  }
  const below = await s.editItem(line.id, s.itemForm(line.id, { requiredCases: "1" }));
  expect(below.status).toBe(409);
  expect((await below.json()).result.error.requiredCases).toEqual(['agreements:errors.requiredBelowLogged|{"logged":2}']);
  const moved = await s.editItem(line.id, s.itemForm(line.id, { toFacilityId: String(s.spokeB.id) }));
  expect(moved.status).toBe(409);
  expect((await moved.json()).result.error.toFacilityId).toEqual(['agreements:errors.partiesFixed|{"stage":"supervised","count":0}']);
});

test("deletion: a started line is 409 telling to move it back, a stale confirmation 409, a planned line goes", async () => {
  const s = await setup();
  const started = s.item();
  moveStage(s.db, s.director, s.agreement.id, started.id, { toStage: "surveyed", movedOn: s.today, version: 1 }, { today: s.today });
  const page = await (await s.editPage(started.id)).json();
  expect(page.deletion).toEqual({ key: "agreements:errors.deleteNotPlanned", params: { stage: "surveyed", count: 0 } });
  const refused = await s.editItem(started.id, { intent: "delete", version: "2" });
  expect(refused.status).toBe(409);
  expect((await refused.json()).result.error[""]).toEqual(['agreements:errors.deleteNotPlanned|{"stage":"surveyed","count":0}']);
  expect(s.stored(started.id)).toBeDefined();

  const planned = s.item(s.spokeB.id);
  const missing = await s.editItem(planned.id, { intent: "delete" });
  expect(missing.status).toBe(400);
  const stale = await s.editItem(planned.id, { intent: "delete", version: "0" });
  expect(stale.status).toBe(409);
  expect((await stale.json()).result.error[""]).toEqual(["agreements:errors.staleDelete"]);
  const deleted = await s.editItem(planned.id, { intent: "delete", version: "1" });
  expect(deleted.status).toBe(302);
  expect(deleted.headers.get("Location")).toBe(`/agreements/${s.id}`);
  expect(s.stored(planned.id)).toBeUndefined();
});

test("a document attached by mistake: confirmation page, 403 for another hospital, then deleted with its file", async () => {
  const s = await setup();
  const doc = saveDocument(s.db, s.director, s.agreement.id, { title: "Văn bản nhầm", fileName: "nham.pdf", bytes: new TextEncoder().encode("%PDF-1.7 nhầm") });
  const file = path.join(uploadsDir(), doc.storagePath);
  const params = { id: s.id, documentId: String(doc.id) };
  const url = `/agreements/${s.id}/documents/${doc.id}/delete`;
  const confirm = await call(documentDeleteRoute.loader, { request: authedRequest(url, { cookie: s.cookie }), params });
  expect(confirm.status).toBe(200);
  expect((await confirm.json()).document).toEqual(expect.objectContaining({ title: "Văn bản nhầm", fileName: "nham.pdf" }));
  expect((await call(documentDeleteRoute.loader, { request: authedRequest(url, { cookie: s.stranger.cookie }), params })).status).toBe(403);
  expect((await call(documentDeleteRoute.action, { request: authedRequest(url, { cookie: s.stranger.cookie, method: "POST" }), params })).status).toBe(403);
  expect(s.db.select().from(agreementDocuments).where(eq(agreementDocuments.id, doc.id)).get()).toBeDefined();
  expect(fs.existsSync(file)).toBe(true);
  const crossSite = await call(documentDeleteRoute.action, { request: authedRequest(url, { cookie: s.cookie, method: "POST", origin: "https://evil.example" }), params });
  expect(crossSite.status).toBe(403);
  const done = await call(documentDeleteRoute.action, { request: authedRequest(url, { cookie: s.cookie, method: "POST" }), params });
  expect(done.status).toBe(302);
  expect(s.db.select().from(agreementDocuments).where(eq(agreementDocuments.id, doc.id)).get()).toBeUndefined();
  expect(fs.existsSync(file)).toBe(false);
  expect((await call(documentDeleteRoute.action, { request: authedRequest(url, { cookie: s.cookie, method: "POST" }), params })).status).toBe(404);
});

test("a meeting record is corrected; 403 for another hospital, 400 next to the field, 409 when stale", async () => {
  const s = await setup();
  const m = addMeeting(s.db, s.director, s.agreement.id, { title: "Hội nghị giao ban 2025", heldOn: "2025-11-20", hostFacilityId: s.spokeA.id, minutesNumber: "03/BB", minutesSignedOn: "2025-11-21" });
  const params = { id: s.id, meetingId: String(m.id) };
  const url = `/agreements/${s.id}/meetings/${m.id}/edit`;
  const form = (overrides: Record<string, string> = {}) => ({
    title: "Hội nghị giao ban 2025",
    heldOn: "2025-11-20",
    hostFacilityId: String(s.spokeA.id),
    minutesNumber: "03/BB",
    minutesSignedOn: "2025-11-21",
    version: "1",
    ...overrides,
  });
  const post = (body: Record<string, string>, who = s.cookie) => call(meetingEditRoute.action, { request: authedRequest(url, { cookie: who, form: body }), params });
  const page = await call(meetingEditRoute.loader, { request: authedRequest(url, { cookie: s.cookie }), params });
  expect(page.status).toBe(200);
  expect((await page.json()).meeting).toEqual(expect.objectContaining({ title: "Hội nghị giao ban 2025", version: 1 }));
  expect((await call(meetingEditRoute.loader, { request: authedRequest(url, { cookie: s.stranger.cookie }), params })).status).toBe(403);
  expect((await post(form({ title: "Sửa trộm" }), s.stranger.cookie)).status).toBe(403);
  const early = await post(form({ minutesSignedOn: "2025-11-19" }));
  expect(early.status).toBe(400);
  expect((await early.json()).result.error.minutesSignedOn).toEqual(["agreements:errors.minutesBeforeMeeting"]);
  const noTitle = await post(form({ title: "" }));
  expect(noTitle.status).toBe(400);
  expect((await noTitle.json()).result.error.title).toEqual(["common:validation.required"]);
  expect((await post(form({ decisions: "Chuyển giao 3 kỹ thuật", minutesNumber: "04/BB" }))).status).toBe(302);
  const stale = await post(form({ participants: "Hai bệnh viện" }));
  expect(stale.status).toBe(409);
  // Every field where the form differs from what is stored now: theirs and this person's own.
  expect((await stale.json()).stale.changedFields).toEqual(["participants", "decisions", "minutesNumber"]);
  expect(s.db.select().from(agreementMeetings).where(eq(agreementMeetings.id, m.id)).get()).toEqual(
    expect.objectContaining({ title: "Hội nghị giao ban 2025", decisions: "Chuyển giao 3 kỹ thuật", minutesNumber: "04/BB", participants: null, version: 2 }),
  );
});
