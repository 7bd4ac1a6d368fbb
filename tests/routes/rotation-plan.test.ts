// The plan pages over real requests: the form lists the facility's open lines and refuses bad
// periods and foreign lines next to their fields (400), other facilities' users are refused
// (403) and unreadable plans are not found (404); a plan is computed, adopted in part (the
// rotations appear), a stale decision answers 409, a re-plan redirects to the new draft, and
// the board draws the draft's proposals.
import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { getDb } from "~/db/client.server";
import { agreementParties, agreements, rotationPlanEntries, rotations, transferItems } from "~/db/schema";
import { action as planAction, loader as planLoader } from "~/routes/rotations.plan.$id";
import { action as formAction, loader as formLoader } from "~/routes/rotations.plan._index";
import { loader as boardLoader } from "~/routes/rotations.board";
import { authedRequest, createSignedInUser } from "../helpers/auth";
import { makeFacility, makeStaff, makeTechnique } from "../helpers/factories";
import { bodyOf, call } from "../helpers/routes";

async function setup() {
  const db = getDb();
  const sender = makeFacility(db, { name: "Bệnh viện Đa khoa tỉnh Lào Cai số 2", shortName: "BVĐK LC2", beds: 700, absenceLimit: 2 });
  const receiver = makeFacility(db, { name: "Trung tâm Y tế Bảo Yên", shortName: "TTYT Bảo Yên", kind: "regional_centre", level: "C", provinceCode: sender.provinceCode, directedById: sender.id });
  const stranger = makeFacility(db, { name: "Bệnh viện khác", shortName: "BV khác" });
  const [epidural, amnio] = [makeTechnique(db, { chapterNumber: 13, number: 19 }), makeTechnique(db, { chapterNumber: 13, number: 47 })];
  const person = makeStaff(db, { facilityId: sender.id, fullName: "Nguyễn Đức Nam" }, [epidural.id]);
  makeStaff(db, { facilityId: sender.id, fullName: "Phạm Thị Mai" });
  const agreement = db
    .insert(agreements)
    .values({ number: "126/HĐ-BVĐK2", title: "Hợp tác", searchText: "", type: "technique_transfer", status: "active", startOn: "2026-01-01", endOn: "2028-12-31", minRotationMonths: 3, ownerFacilityId: sender.id })
    .returning()
    .get();
  db.insert(agreementParties).values([
    { agreementId: agreement.id, facilityId: sender.id, role: "supporting" },
    { agreementId: agreement.id, facilityId: receiver.id, role: "receiving" },
  ]).run();
  const [line, unservable] = [epidural, amnio].map((t) =>
    db.insert(transferItems).values({ agreementId: agreement.id, techniqueId: t.id, fromFacilityId: sender.id, toFacilityId: receiver.id }).returning().get(),
  );
  // A line of an agreement the sender is no party to.
  const foreignAgreement = db
    .insert(agreements)
    .values({ number: "9/HĐ", title: "Khác", searchText: "", type: "technique_transfer", status: "active", startOn: "2026-01-01", endOn: null, ownerFacilityId: stranger.id })
    .returning()
    .get();
  const foreign = db.insert(transferItems).values({ agreementId: foreignAgreement.id, techniqueId: epidural.id, fromFacilityId: stranger.id, toFacilityId: receiver.id }).returning().get();
  const { cookie } = await createSignedInUser(db, { role: "trainer", facilityId: sender.id });
  const { cookie: otherCookie } = await createSignedInUser(db, { role: "trainer", facilityId: stranger.id });
  const { cookie: viewerCookie } = await createSignedInUser(db, { role: "viewer", facilityId: sender.id });
  return { db, sender, receiver, person, line, unservable, foreign, cookie, otherCookie, viewerCookie };
}

type S = Awaited<ReturnType<typeof setup>>;

const request = (s: S, form: Record<string, string | number | (string | number)[]>, cookie = s.cookie) =>
  call(formAction, { request: authedRequest("/rotations/plan", { cookie, form }) });

const base = (s: S) => ({ facilityId: s.sender.id, firstMonth: "2027-01", months: 12, overrideExtra: 0, transferItemIds: [s.line.id, s.unservable.id] });

test("the form, its refusals, a plan, adoption, a stale decision, re-planning and the board", async () => {
  const s = await setup();
  const page = await bodyOf(await call(formLoader, { request: authedRequest("/rotations/plan", { cookie: s.cookie }) }));
  expect(page.facilityId).toBe(s.sender.id);
  expect(page.lines.map((l: { transferItemId: number }) => l.transferItemId).sort()).toEqual([s.line.id, s.unservable.id].sort());

  // 400 next to the field: too long a period, a foreign line, no line.
  const long = await request(s, { ...base(s), months: 37 });
  expect(long.status).toBe(400);
  expect((await bodyOf(long)).result.error.months[0]).toMatch(/^solver:errors\.periodTooLong/);
  const foreign = await request(s, { ...base(s), transferItemIds: [s.foreign.id] });
  expect(foreign.status).toBe(400);
  expect((await bodyOf(foreign)).result.error.transferItemIds[0]).toMatch(/^solver:errors\.lineNotOwn\|.*9\/HĐ/);
  const none = await request(s, { ...base(s), transferItemIds: [] });
  expect(none.status).toBe(400);
  const badMonth = await request(s, { ...base(s), firstMonth: "2027-13" });
  expect(badMonth.status).toBe(400);
  for (const timeLimitSeconds of [0, 61, 2.5]) {
    const badLimit = await request(s, { ...base(s), timeLimitSeconds });
    expect(badLimit.status).toBe(400);
    expect((await bodyOf(badLimit)).result.error.timeLimitSeconds[0]).toMatch(/^(solver:errors\.timeLimit|common:validation\.invalid)/);
  }
  // 403: another facility's trainer, a viewer.
  expect((await request(s, base(s), s.otherCookie)).status).toBe(403);
  expect((await call(formLoader, { request: authedRequest("/rotations/plan", { cookie: s.viewerCookie }) })).status).toBe(403);

  const created = await request(s, base(s));
  expect(created.status).toBe(302);
  const location = created.headers.get("Location")!;
  const id = location.split("/").pop()!;
  const view = (await bodyOf(await call(planLoader, { request: authedRequest(location, { cookie: s.cookie }), params: { id } }))).plan;
  expect(view.entries).toHaveLength(1);
  expect(view.entries[0].staffName).toBe("Nguyễn Đức Nam");
  expect(view.result.unserved.map((u: { transferItemId: number; reason: string }) => [u.transferItemId, u.reason])).toEqual([[s.unservable.id, "noCompetent"]]);
  // Not found for another facility's user (outside its scope); 404 for a plan that does not exist.
  expect((await call(planLoader, { request: authedRequest(location, { cookie: s.otherCookie }), params: { id } })).status).toBe(404);
  expect((await call(planLoader, { request: authedRequest("/rotations/plan/999999", { cookie: s.cookie }), params: { id: "999999" } })).status).toBe(404);

  // The board draws the draft.
  const board = await bodyOf(await call(boardLoader, { request: authedRequest(`/rotations/board?plan=${id}&period=year&from=2027-01`, { cookie: s.cookie }) }));
  expect(board.draft.groups[0].bars).toHaveLength(1);
  expect(board.draft.groups[0].key).toBe(s.person.id);
  const bySite = await bodyOf(await call(boardLoader, { request: authedRequest(`/rotations/board?plan=${id}&view=facility&period=year&from=2027-01`, { cookie: s.cookie }) }));
  expect(bySite.draft.groups.map((g: { key: number }) => g.key)).toEqual([s.receiver.id]);
  // Another year's board holds none of the draft.
  const before = await bodyOf(await call(boardLoader, { request: authedRequest(`/rotations/board?plan=${id}&period=year&from=2025-01`, { cookie: s.cookie }) }));
  expect(before.draft.groups).toEqual([]);
  expect((await call(boardLoader, { request: authedRequest(`/rotations/board?plan=${id}`, { cookie: s.otherCookie }) })).status).toBe(404);

  const decide = (form: Record<string, string | number | (string | number)[]>, cookie = s.cookie) =>
    call(planAction, { request: authedRequest(location, { cookie, form }), params: { id } });
  // Nothing chosen: 400 next to the proposals. The viewer may not decide: 403.
  expect((await decide({ intent: "adopt", version: view.version })).status).toBe(400);
  expect((await decide({ intent: "adoptAll", version: view.version }, s.viewerCookie)).status).toBe(403);
  const adopted = await decide({ intent: "adopt", entryIds: [view.entries[0].id], version: view.version });
  expect(adopted.status).toBe(200);
  expect((await bodyOf(adopted)).done).toEqual({ kind: "adopted", count: 1 });
  const entry = s.db.select().from(rotationPlanEntries).where(eq(rotationPlanEntries.id, view.entries[0].id)).get()!;
  const rotation = s.db.select().from(rotations).where(eq(rotations.id, entry.rotationId!)).get()!;
  expect([rotation.status, rotation.staffId, rotation.startOn]).toEqual(["planned", s.person.id, view.entries[0].startOn]);
  // The same page sent again is stale: 409, nothing written.
  const stale = await decide({ intent: "adoptAll", version: view.version });
  expect(stale.status).toBe(409);
  // Re-plan: a redirect to the new draft, which keeps the adopted rotation as it is.
  const replanned = await decide({ intent: "replan", version: view.version + 1 });
  expect(replanned.status).toBe(302);
  const nextId = replanned.headers.get("Location")!.split("/").pop()!;
  expect(nextId).not.toBe(id);
  expect(s.db.select().from(rotations).where(eq(rotations.id, rotation.id)).get()).toEqual(rotation);
  // The superseded plan refuses decisions.
  expect((await decide({ intent: "replan", version: view.version + 2 })).status).toBe(409);
}, 120_000);
