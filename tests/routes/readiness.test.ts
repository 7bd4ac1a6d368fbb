import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { getDb } from "~/db/client.server";
import { transferItemChecks, transferItems } from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import { addTransferItem } from "~/models/transfers/plan.server";
import * as detailRoute from "~/routes/agreements.$id._index";
import * as itemRoute from "~/routes/agreements.$id.items.$itemId";
import { todayInVietnam } from "~/utils/domain-response.server";
import { makeActiveAgreement, makeSignedInTransferNetwork } from "../helpers/agreements";
import { authedRequest, createSignedInUser } from "../helpers/auth";
import { makeTechnique } from "../helpers/factories";
import { call } from "../helpers/routes";

/**
 * An active agreement of the hub (its director signed in) with spoke A receiving two lines,
 * phase 1 and phase 2; spoke A's director signed in too.
 */
async function setup() {
  const db = getDb();
  const n = await makeSignedInTransferNetwork(db);
  const owner: Actor = { userId: n.user.id, role: "director", facilityId: n.hub.id, provinceCode: n.province.code };
  const receiving = await createSignedInUser(db, { role: "director", facilityId: n.spokeA.id });
  const agreement = makeActiveAgreement(db, owner, { supporting: [n.hub], receiving: [n.spokeA, n.spokeB] }, { number: `HĐ-${Math.random().toString(36).slice(2, 7)}` });
  const today = todayInVietnam();
  const line = (phase: number) =>
    addTransferItem(
      db,
      owner,
      agreement.id,
      { techniqueCode: makeTechnique(db, { minLevel: "B" }).code, fromFacilityId: n.hub.id, toFacilityId: n.spokeA.id, phase, priority: 1, requiredCases: 2, targetDate: undefined },
      { today },
    );
  const phase1 = line(1);
  const phase2 = line(2);
  const post = (cookie: string, itemId: number, form: Record<string, string>) =>
    call(itemRoute.action, {
      request: authedRequest(`/agreements/${agreement.id}/items/${itemId}`, { cookie, form }),
      params: { id: String(agreement.id), itemId: String(itemId) },
    });
  const load = async (cookie: string, itemId: number) =>
    (await call(itemRoute.loader, { request: authedRequest(`/agreements/${agreement.id}/items/${itemId}`, { cookie }), params: { id: String(agreement.id), itemId: String(itemId) } })).json();
  const stored = (id: number) => db.select().from(transferItems).where(eq(transferItems.id, id)).get()!;
  const checks = (itemId: number) => db.select().from(transferItemChecks).where(eq(transferItemChecks.transferItemId, itemId)).all();
  return { db, ...n, receiving, agreement, today, phase1, phase2, post, load, stored, checks };
}

test("the receiving director adds and confirms a checklist item over real requests; the page's readiness follows", async () => {
  const s = await setup();
  const before = await s.load(s.receiving.cookie, s.phase1.id);
  expect(before.readiness).toEqual(expect.objectContaining({ canKeepChecklist: true, canDefer: false, score: 0, checks: [] }));
  expect((await s.load(s.cookie, s.phase1.id)).readiness.canKeepChecklist).toBe(false);

  const blank = await s.post(s.receiving.cookie, s.phase1.id, { intent: "check-add", label: "  " });
  expect(blank.status).toBe(400);
  expect((await blank.json()).result.error.label).toBeDefined();
  expect(s.checks(s.phase1.id)).toEqual([]);

  expect((await s.post(s.receiving.cookie, s.phase1.id, { intent: "check-add", label: "Máy C-arm" })).status).toBe(302);
  const [check] = s.checks(s.phase1.id);
  expect((await s.post(s.receiving.cookie, s.phase1.id, { intent: "check-confirm", checkId: String(check.id), confirmed: "yes", version: "1" })).status).toBe(302);
  const after = await s.load(s.receiving.cookie, s.phase1.id);
  expect(after.readiness.checks).toEqual([expect.objectContaining({ label: "Máy C-arm", confirmedOn: s.today })]);
  expect(after.readiness.parts.checklist).toBe(1);
  expect(after.readiness.score).toBe(25);

  const agreementPage = await (await call(detailRoute.loader, { request: authedRequest(`/agreements/${s.agreement.id}`, { cookie: s.receiving.cookie }), params: { id: String(s.agreement.id) } })).json();
  expect(agreementPage.readiness.lines[s.phase1.id].score).toBe(25);
  expect(agreementPage.readiness.phases).toEqual([expect.objectContaining({ phase: 1, score: 25 }), expect.objectContaining({ phase: 2, score: 0 })]);
});

test("a checklist item confirmed by someone outside the receiving facility is 403; a stale form 409; nothing is saved", async () => {
  const s = await setup();
  await s.post(s.receiving.cookie, s.phase1.id, { intent: "check-add", label: "Phòng mổ" });
  const [check] = s.checks(s.phase1.id);
  const confirm = (cookie: string, version = "1") => s.post(cookie, s.phase1.id, { intent: "check-confirm", checkId: String(check.id), confirmed: "yes", version });
  // The agreement's owner is the supporting side: it does not answer for the receiving hospital.
  expect((await confirm(s.cookie)).status).toBe(403);
  expect((await confirm(s.stranger.cookie)).status).toBe(403);
  const spokeB = await createSignedInUser(s.db, { role: "director", facilityId: s.spokeB.id });
  expect((await confirm(spokeB.cookie)).status).toBe(403);
  expect((await s.post(s.cookie, s.phase1.id, { intent: "check-add", label: "Khác" })).status).toBe(403);
  expect(s.checks(s.phase1.id)).toEqual([expect.objectContaining({ confirmedOn: null, version: 1 })]);

  const stale = await confirm(s.receiving.cookie, "7");
  expect(stale.status).toBe(409);
  expect(s.checks(s.phase1.id)).toEqual([expect.objectContaining({ confirmedOn: null, version: 1 })]);
  const badChoice = await s.post(s.receiving.cookie, s.phase1.id, { intent: "check-confirm", checkId: String(check.id), confirmed: "maybe", version: "1" });
  expect(badChoice.status).toBe(400);
});

test("the phase gate answers 409 next to the stage control; deferral needs a reason (400), is the owner's (403), then the move goes through", async () => {
  const s = await setup();
  let version = 1;
  for (const toStage of ["surveyed", "training"]) {
    expect((await s.post(s.cookie, s.phase2.id, { intent: "move", toStage, movedOn: s.today, version: String(version) })).status).toBe(302);
    version += 1;
  }
  const held = await s.post(s.cookie, s.phase2.id, { intent: "move", toStage: "supervised", movedOn: s.today, version: String(version) });
  expect(held.status).toBe(409);
  const heldBody = await held.json();
  expect(heldBody.intent).toBe("move");
  expect(heldBody.result.error.toStage[0]).toContain("planning:readiness.errors.gateBlocked");
  expect(heldBody.result.error.toStage[0]).toContain('"phases":"1"');
  expect(s.stored(s.phase2.id)).toEqual(expect.objectContaining({ stage: "training", version }));

  const blank = await s.post(s.cookie, s.phase1.id, { intent: "defer", reason: " ", version: "1" });
  expect(blank.status).toBe(400);
  expect((await blank.json()).result.error.reason).toBeDefined();
  const tooLong = await s.post(s.cookie, s.phase1.id, { intent: "defer", reason: "x".repeat(1001), version: "1" });
  expect(tooLong.status).toBe(400);
  expect((await s.post(s.receiving.cookie, s.phase1.id, { intent: "defer", reason: "Chờ thiết bị", version: "1" })).status).toBe(403);
  expect((await s.post(s.cookie, s.phase1.id, { intent: "defer", reason: "Chờ thiết bị", version: "9" })).status).toBe(409);
  expect(s.stored(s.phase1.id)).toEqual(expect.objectContaining({ deferredOn: null, deferralReason: null, version: 1 }));

  expect((await s.post(s.cookie, s.phase1.id, { intent: "defer", reason: "Chờ thiết bị", version: "1" })).status).toBe(302);
  expect(s.stored(s.phase1.id)).toEqual(expect.objectContaining({ deferredOn: s.today, deferralReason: "Chờ thiết bị" }));
  expect((await s.post(s.cookie, s.phase2.id, { intent: "move", toStage: "supervised", movedOn: s.today, version: String(version) })).status).toBe(302);
  expect(s.stored(s.phase2.id).stage).toBe("supervised");

  expect((await s.post(s.cookie, s.phase1.id, { intent: "resume", version: "2" })).status).toBe(302);
  expect(s.stored(s.phase1.id)).toEqual(expect.objectContaining({ deferredOn: null, deferralReason: null, version: 3 }));
  expect((await s.post(s.cookie, s.phase1.id, { intent: "resume", version: "3" })).status).toBe(409);
});
