// Dragging a bar on the rotation board posts new dates to the board's action. It must be
// refused exactly when the rotation's edit form would refuse the same dates (same status, same
// messages), accepted otherwise, audited, and refused for a stale version or another
// facility's user without writing anything.
import { and, eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { getDb } from "~/db/client.server";
import { agreementParties, agreements, auditEvents, rotations } from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import { changeRotationStatus, createRotation } from "~/models/rotations/commands.server";
import { action as boardAction, loader as boardLoader } from "~/routes/rotations.board";
import { action as editAction } from "~/routes/rotations.$id.edit";
import { authedRequest, createSignedInUser } from "../helpers/auth";
import { makeFacility, makeStaff } from "../helpers/factories";
import { bodyOf } from "../helpers/routes";

async function setup() {
  const db = getDb();
  // At most one of the sender's staff away at a time.
  const sender = makeFacility(db, { name: "Bệnh viện Đa khoa tỉnh Lào Cai số 2", shortName: "BVĐK LC2", beds: 600, absenceLimit: 1 });
  const receiver = makeFacility(db, { name: "Trung tâm Y tế Bảo Yên", shortName: "TTYT Bảo Yên", level: "C", directedById: sender.id });
  const person = makeStaff(db, { facilityId: sender.id, fullName: "Trần Văn Bình" });
  const colleague = makeStaff(db, { facilityId: sender.id, fullName: "Lê Thị Mai" });
  const { cookie, user } = await createSignedInUser(db, { role: "trainer", facilityId: sender.id });
  const actor: Actor = { userId: user.id, role: "trainer", facilityId: sender.id, provinceCode: sender.provinceCode };
  const agreement = db
    .insert(agreements)
    .values({ number: "126/HĐ-BVĐK2", title: "Hợp tác", searchText: "", type: "technique_transfer", status: "active", startOn: "2030-01-01", endOn: "2031-12-31", minRotationMonths: 3, ownerFacilityId: sender.id })
    .returning()
    .get();
  db.insert(agreementParties).values([
    { agreementId: agreement.id, facilityId: sender.id, role: "supporting" },
    { agreementId: agreement.id, facilityId: receiver.id, role: "receiving" },
  ]).run();
  const base = { staffId: person.id, toFacilityId: receiver.id, agreementId: agreement.id, purpose: "manpower_support" as const };
  const rotation = createRotation(db, actor, { ...base, startOn: "2031-01-01", endOn: "2031-03-31" });
  // The same person later on, and a colleague away in the autumn before.
  createRotation(db, actor, { ...base, startOn: "2031-05-01", endOn: "2031-07-31" });
  createRotation(db, actor, { ...base, staffId: colleague.id, startOn: "2030-09-01", endOn: "2030-11-30" });
  return { db, sender, receiver, person, agreement, rotation, cookie, actor };
}

type S = Awaited<ReturnType<typeof setup>>;

const move = (s: S, dates: { startOn: string; endOn: string }, version: number, cookie = s.cookie) =>
  boardAction({
    request: authedRequest("/rotations/board", { cookie, form: { intent: "move", rotationId: s.rotation.id, ...dates, version } }),
    params: {},
    context: {},
  });

const edit = (s: S, dates: { startOn: string; endOn: string }, version: number) =>
  editAction({
    request: authedRequest(`/rotations/${s.rotation.id}/edit`, {
      cookie: s.cookie,
      form: { staffId: s.person.id, toFacilityId: s.receiver.id, agreementId: s.agreement.id, purpose: "manpower_support", ...dates, version },
    }),
    params: { id: String(s.rotation.id) },
    context: {},
  });

const stored = (s: S) => s.db.select().from(rotations).where(eq(rotations.id, s.rotation.id)).get()!;
const messages = async (r: Response) => (await bodyOf(r)).result.error as Record<string, string[]>;

const CASES: { name: string; startOn: string; endOn: string; status: number; key?: string }[] = [
  { name: "moved ten days later", startOn: "2031-01-11", endOn: "2031-04-10", status: 200 },
  { name: "stretched by a month", startOn: "2031-01-01", endOn: "2031-04-30", status: 200 },
  { name: "shrunk below the three-month minimum", startOn: "2031-01-01", endOn: "2031-02-28", status: 400, key: "rotations:errors.tooShort" },
  { name: "moved onto the person's next rotation", startOn: "2031-03-01", endOn: "2031-05-31", status: 409, key: "rotations:errors.clash.rotation" },
  { name: "moved past the agreement's end", startOn: "2031-11-01", endOn: "2032-01-31", status: 400, key: "rotations:errors.outsideTerm" },
  { name: "moved while a colleague is away (limit 1)", startOn: "2030-10-01", endOn: "2030-12-31", status: 409, key: "rotations:errors.absenceLimit" },
  { name: "stretched with its end before its start", startOn: "2031-01-01", endOn: "2030-12-31", status: 400, key: "common:validation.endBeforeStart" },
  { name: "an impossible date", startOn: "2031-02-30", endOn: "2031-05-29", status: 400, key: "common:validation.invalidDate" },
];

test.each(CASES)("a drag $name is judged as the edit form judges it ($status)", async ({ startOn, endOn, status, key }) => {
  const s = await setup();
  const before = stored(s);
  const dragged = await move(s, { startOn, endOn }, before.version);
  expect(dragged.status).toBe(status);
  if (status === 200) {
    expect((await bodyOf(dragged)).moved).toEqual({ id: s.rotation.id, startOn, endOn, version: before.version + 1, previous: { startOn: before.startOn, endOn: before.endOn } });
    expect(stored(s)).toMatchObject({ startOn, endOn, version: before.version + 1 });
    // The edit form accepts the same dates too (back, then forward again).
    expect((await edit(s, { startOn: before.startOn, endOn: before.endOn }, before.version + 1)).status).toBe(302);
    expect((await edit(s, { startOn, endOn }, before.version + 2)).status).toBe(302);
    return;
  }
  const dragErrors = await messages(dragged);
  expect(Object.values(dragErrors).flat().join(" ")).toContain(key);
  const edited = await edit(s, { startOn, endOn }, before.version);
  expect(edited.status).toBe(status);
  expect(await messages(edited)).toEqual(dragErrors);
  expect(stored(s)).toEqual(before);
});

test("a move and its undo go through the same command, each audited with the user", async () => {
  const s = await setup();
  const moved = await bodyOf(await move(s, { startOn: "2031-01-15", endOn: "2031-04-14" }, 1));
  const undone = await move(s, { startOn: moved.moved.previous.startOn, endOn: moved.moved.previous.endOn }, moved.moved.version);
  expect(undone.status).toBe(200);
  expect(stored(s)).toMatchObject({ startOn: "2031-01-01", endOn: "2031-03-31", version: 3 });
  const events = s.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, "rotation"), eq(auditEvents.entityId, String(s.rotation.id)), eq(auditEvents.action, "update")))
    .orderBy(auditEvents.id)
    .all();
  expect(events).toHaveLength(2);
  expect(events.every((e) => e.userId === s.actor.userId)).toBe(true);
  expect(JSON.parse(events[0].after as string)).toMatchObject({ startOn: "2031-01-15", endOn: "2031-04-14" });
  expect(JSON.parse(events[1].before as string)).toMatchObject({ startOn: "2031-01-15", endOn: "2031-04-14" });
  expect(JSON.parse(events[1].after as string)).toMatchObject({ startOn: "2031-01-01", endOn: "2031-03-31" });
});

test("an undo is judged by the same rules: refused when the old dates are taken meanwhile", async () => {
  const s = await setup();
  const moved = (await bodyOf(await move(s, { startOn: "2031-01-15", endOn: "2031-04-14" }, 1))).moved;
  // The person's old first fortnight is given to a short support visit in the meantime.
  createRotation(s.db, s.actor, {
    staffId: s.person.id,
    toFacilityId: s.receiver.id,
    purpose: "manpower_support",
    startOn: "2031-01-01",
    endOn: "2031-01-10",
    shortTerm: true,
    shortTermReason: "Hỗ trợ cấp cứu ngắn ngày",
  });
  const undo = await move(s, { startOn: moved.previous.startOn, endOn: moved.previous.endOn }, moved.version);
  expect(undo.status).toBe(409);
  expect(Object.values(await messages(undo)).flat()).toEqual([expect.stringMatching(/^rotations:errors\.clash\.rotation/)]);
  expect(stored(s)).toMatchObject({ startOn: "2031-01-15", endOn: "2031-04-14", version: 2 });
});

test("a stale version is refused with 409 and the changed record is kept", async () => {
  const s = await setup();
  await move(s, { startOn: "2031-01-11", endOn: "2031-04-10" }, 1);
  const stale = await move(s, { startOn: "2031-02-01", endOn: "2031-04-30" }, 1);
  expect(stale.status).toBe(409);
  const body = await bodyOf(stale);
  expect(body.stale).not.toBeNull();
  expect(Object.values(body.result.error).flat().join(" ")).toMatch(/^common:stale\.message/);
  expect(stored(s)).toMatchObject({ startOn: "2031-01-11", endOn: "2031-04-10", version: 2 });
});

test("the receiving facility's trainer sees the bar without a handle and is refused with 403; a viewer too", async () => {
  const s = await setup();
  const other = await createSignedInUser(s.db, { role: "trainer", facilityId: s.receiver.id });
  const board = await bodyOf(await boardLoader({ request: authedRequest("/rotations/board?period=year&from=2031-01-01", { cookie: other.cookie }), params: {}, context: {} }));
  const bars = board.board.groups.rows.flatMap((g: { bars: unknown[] }) => g.bars) as { id: number; canMove: boolean }[];
  expect(bars.find((b) => b.id === s.rotation.id)).toMatchObject({ canMove: false });
  const refused = await move(s, { startOn: "2031-01-11", endOn: "2031-04-10" }, 1, other.cookie);
  expect(refused.status).toBe(403);
  expect(Object.values((await bodyOf(refused)).result.error).flat()).toEqual(["common:errors.forbiddenBody"]);
  const viewer = await createSignedInUser(s.db, { role: "viewer", facilityId: s.sender.id });
  expect((await move(s, { startOn: "2031-01-11", endOn: "2031-04-10" }, 1, viewer.cookie)).status).toBe(403);
  expect(stored(s)).toMatchObject({ startOn: "2031-01-01", endOn: "2031-03-31", version: 1 });

  const own = await bodyOf(await boardLoader({ request: authedRequest("/rotations/board?period=year&from=2031-01-01", { cookie: s.cookie }), params: {}, context: {} }));
  const ownBars = own.board.groups.rows.flatMap((g: { bars: unknown[] }) => g.bars) as { id: number; canMove: boolean; version: number }[];
  expect(ownBars.find((b) => b.id === s.rotation.id)).toMatchObject({ canMove: true, version: 1 });
});

test("a cancelled rotation is not draggable and a move is refused with 409, as its edit page is", async () => {
  const s = await setup();
  changeRotationStatus(s.db, s.actor, s.rotation.id, { to: "cancelled", version: 1 }, "2030-06-01");
  const own = await bodyOf(await boardLoader({ request: authedRequest("/rotations/board?period=year&from=2031-01-01", { cookie: s.cookie }), params: {}, context: {} }));
  const bar = own.board.groups.rows.flatMap((g: { bars: { id: number }[] }) => g.bars).find((b: { id: number }) => b.id === s.rotation.id);
  expect(bar).toMatchObject({ canMove: false });
  const refused = await move(s, { startOn: "2031-01-11", endOn: "2031-04-10" }, 2);
  expect(refused.status).toBe(409);
  expect(Object.values((await bodyOf(refused)).result.error).flat()).toEqual([expect.stringMatching(/^rotations:errors\.notEditable/)]);
});

test("a move of an unknown rotation is 404 and a body without dates is 400", async () => {
  const s = await setup();
  const unknown = await boardAction({
    request: authedRequest("/rotations/board", { cookie: s.cookie, form: { intent: "move", rotationId: 999_999, startOn: "2031-01-01", endOn: "2031-03-31", version: 1 } }),
    params: {},
    context: {},
  });
  expect(unknown.status).toBe(404);
  const empty = await boardAction({ request: authedRequest("/rotations/board", { cookie: s.cookie, form: { intent: "move", rotationId: s.rotation.id, version: 1 } }), params: {}, context: {} });
  expect(empty.status).toBe(400);
  expect((await bodyOf(empty)).result.error.startOn).toEqual(["common:validation.required"]);
});
