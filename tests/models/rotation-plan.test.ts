// Rotation plans on the real database: the demo seeded on 2026-12-02, Lào Cai số 2 planning
// 2027 under 126/HĐ-BVĐK2. The input the solver is handed, a plan, adopting part of it,
// re-planning after a person becomes unavailable, the refusals (400, 403, 409) and a facility
// whose staff are all away.
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import type { Db } from "~/db/client.server";
import { agreements, auditEvents, facilities, rotationPlanEntries, rotationPlans, rotations, staff, staffUnavailability, transferItems, users } from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import { DomainError } from "~/models/errors";
import { changeRotationStatus } from "~/models/rotations/commands.server";
import { addDaysIso, addMonthsIso } from "~/models/dates";
import { loadSolverInput } from "~/models/rotations/solver/input.server";
import type { SolverInput, SolverResult } from "~/models/rotations/solver/types";
import { adoptEntries, createPlan, draftLayer, getPlan, rejectEntries, replan } from "~/models/rotations/solver/plans.server";
import { createUnavailability } from "~/models/staff/unavailability.server";
import { DEMO_STEPS, seedDemo } from "../../seeds/demo";
import { createTestDb } from "../helpers/db";

const TODAY = "2026-12-02";
const STEPS = DEMO_STEPS.slice(0, DEMO_STEPS.findIndex((s) => s.name === "unavailability") + 1);
const FAST = { timeLimitSeconds: 5 };

let template: Buffer;
beforeAll(async () => {
  const db = createTestDb();
  await seedDemo(db, { today: TODAY, steps: STEPS });
  template = db.$client.serialize();
}, 120_000);

async function world() {
  const { openDb } = await import("~/db/client.server");
  const db = openDb(template);
  const trainer = db.select().from(users).where(eq(users.username, "daotao.laocai2")).get()!;
  const facility = db.select().from(facilities).where(eq(facilities.id, trainer.facilityId!)).get()!;
  const actor: Actor = { userId: trainer.id, role: "trainer", facilityId: facility.id, provinceCode: facility.provinceCode };
  const agreement = db.select().from(agreements).where(eq(agreements.number, "126/HĐ-BVĐK2")).get()!;
  return { db, actor, facility, agreement };
}

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error("expected a refusal");
}

async function refusalAsync(run: () => Promise<unknown>): Promise<DomainError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error("expected a refusal");
}

describe("the solver's input", () => {
  test("Lào Cai số 2 over 2027: the open lines of 126/HĐ-BVĐK2, its staff and a limit of 2", async () => {
    const { db, actor, facility, agreement } = await world();
    const input = loadSolverInput(db, actor, { facilityId: facility.id, firstMonth: "2027-01", months: 12 });
    expect(input.period).toEqual({ start: "2027-01-01", end: "2027-12-31" });
    expect(input.facility.limit).toBe(2);
    expect(input.staff).toHaveLength(8);
    const codes = input.lines.filter((l) => l.agreementId === agreement.id).map((l) => l.code).sort();
    expect(codes).toEqual(expect.arrayContaining(["10.10", "10.12", "10.930", "12.201", "13.19", "13.47"]));
    const mai = input.staff.find((s) => s.fullName === "Phạm Thị Mai")!;
    expect(mai.performs.length).toBeGreaterThanOrEqual(3);
    expect(input.agreements.find((a) => a.id === agreement.id)?.parties.some((p) => p.facilityId === facility.id && p.role === "supporting")).toBe(true);
    expect(input.sites.length).toBeGreaterThan(0);
  });
});


/** Rotations of the facility that are confirmed (or under way), as they stand. */
function confirmedOf(db: Db, facilityId: number) {
  return db
    .select({ id: rotations.id, startOn: rotations.startOn, endOn: rotations.endOn, version: rotations.version, status: rotations.status })
    .from(rotations)
    .where(and(eq(rotations.fromFacilityId, facilityId), eq(rotations.status, "confirmed")))
    .orderBy(rotations.id)
    .all();
}

const entriesOf = (db: Db, planId: number) => db.select().from(rotationPlanEntries).where(eq(rotationPlanEntries.planId, planId)).orderBy(rotationPlanEntries.id).all();

describe("plan, adopt, re-plan", () => {
  test("2027 for Lào Cai số 2: serves 126/HĐ-BVĐK2's lines, explains 13.47 and 12.201, respects the demo's leave", async () => {
    const { db, actor, facility, agreement } = await world();
    const plan = await createPlan(db, actor, { facilityId: facility.id, firstMonth: "2027-01", months: 12, ...FAST });
    const view = getPlan(db, actor, plan.id);
    expect(view.status).toBe("draft");
    expect(view.entries.length).toBeGreaterThan(0);
    const served = new Set(view.entries.flatMap((e) => e.lines.map((l) => l.code)));
    for (const code of ["10.10", "10.12", "10.930", "13.19"]) expect(served).toContain(code);
    // Each line says whether its rotation ends after the line's due date: 10.12 (due in June) is
    // served in time; the others were due by January or are already overdue.
    const lateness = new Map(view.entries.flatMap((e) => e.lines.map((l) => [l.code, l.late])));
    expect(Object.fromEntries(lateness)).toEqual({ "10.10": true, "10.12": false, "10.930": true, "13.19": true });
    expect(view.result.measures.onTime).toBe(1);
    const unserved = new Map(view.result.unserved.map((u) => [view.lines[u.transferItemId].code, u.reason]));
    expect(unserved.get("13.47")).toBe("noCompetent");
    expect(unserved.get("12.201")).toBe("noCompetent");
    expect(view.entries.every((e) => e.agreementId === agreement.id || e.agreementNumber !== "")).toBe(true);
    // Nobody is proposed on days the demo records them away.
    const away = db.select().from(staffUnavailability).all();
    for (const e of view.entries) {
      for (const u of away.filter((a) => a.staffId === e.staffId)) expect(e.endOn < u.startOn || e.startOn > u.endOn).toBe(true);
    }
    expect(db.select().from(auditEvents).where(and(eq(auditEvents.entityType, "rotation_plan"), eq(auditEvents.entityId, String(plan.id)))).all()).toHaveLength(1);
    // The board's draft layer holds every proposal of the period.
    const layer = draftLayer(db, actor, plan.id, { start: "2027-01-01", end: "2027-12-31" }, "person");
    expect(layer.groups.flatMap((g) => g.bars)).toHaveLength(view.entries.length);
  }, 60_000);

  test("adopting part creates planned rotations; a re-plan after an unavailability moves no confirmed or adopted rotation and keeps the open proposals", async () => {
    const { db, actor, facility } = await world();
    const confirmedBefore = confirmedOf(db, facility.id);
    const plan = await createPlan(db, actor, { facilityId: facility.id, firstMonth: "2027-01", months: 12, ...FAST });
    const entries = entriesOf(db, plan.id);
    const names = new Map(db.select({ id: staff.id, name: staff.fullName }).from(staff).all().map((s) => [s.id, s.name]));
    const nam = entries.find((e) => names.get(e.staffId) === "Nguyễn Đức Nam")!;
    const minhNam = entries.find((e) => names.get(e.staffId) === "Lý Minh Nam")!;
    expect(nam && minhNam).toBeTruthy();

    const { rotationIds } = adoptEntries(db, actor, plan.id, { entryIds: [nam.id, minhNam.id], version: plan.version }, TODAY);
    expect(rotationIds).toHaveLength(2);
    const adopted = db.select().from(rotations).where(sql`${rotations.id} in (${sql.raw(rotationIds.join(","))})`).all();
    expect(adopted.every((r) => r.status === "planned" && r.purpose === "technique_transfer")).toBe(true);
    // Số 3 is level B like số 2: that placement states its purpose, naming the agreement.
    const toSo3 = adopted.find((r) => r.staffId === minhNam.staffId)!;
    expect(toSo3.directionPurpose).toContain("126/HĐ-BVĐK2");
    expect(entriesOf(db, plan.id).filter((e) => e.status === "adopted").map((e) => e.rotationId).sort()).toEqual([...rotationIds].sort());

    // The 13.19 performer becomes unavailable over the adopted rotation.
    const namRotation = adopted.find((r) => r.staffId === nam.staffId)!;
    createUnavailability(db, actor, nam.staffId, { kind: "sick", startOn: namRotation.startOn, endOn: namRotation.endOn, note: null });
    const current = db.select().from(rotationPlans).where(eq(rotationPlans.id, plan.id)).get()!;
    const openBefore = entriesOf(db, plan.id).filter((e) => e.status === "proposed");
    const next = await replan(db, actor, plan.id, { version: current.version }, {});
    expect(db.select().from(rotationPlans).where(eq(rotationPlans.id, plan.id)).get()!.status).toBe("superseded");
    expect(next.previousPlanId).toBe(plan.id);
    const view = getPlan(db, actor, next.id);
    // Nothing confirmed moved; the adopted rotation of Lý Minh Nam is as it was.
    expect(confirmedOf(db, facility.id)).toEqual(confirmedBefore);
    const still = db.select().from(rotations).where(eq(rotations.id, toSo3.id)).get()!;
    expect([still.startOn, still.endOn, still.status, still.version]).toEqual([toSo3.startOn, toSo3.endOn, "planned", toSo3.version]);
    // Nam's planned rotation is released; the open proposals are kept as they were.
    expect(view.options.released.map((r) => r.rotationId)).toEqual([namRotation.id]);
    expect(view.result.measures.keptFromPrevious).toBe(openBefore.length);
    expect(view.result.measures.movedFromPrevious).toBe(0);
    const key = (e: { staffId: number; startOn: string; endOn: string; toFacilityId: number }) => `${e.staffId}:${e.toFacilityId}:${e.startOn}:${e.endOn}`;
    const newKeys = new Set(entriesOf(db, next.id).map(key));
    for (const e of openBefore) expect(newKeys.has(key(e))).toBe(true);

    // If the new draft proposes a replacement for the released rotation, adopting it cancels the old one.
    const replacement = entriesOf(db, next.id).find((e) => e.replacesRotationId === namRotation.id);
    if (replacement) {
      adoptEntries(db, actor, next.id, { entryIds: [replacement.id], version: next.version }, TODAY);
      const old = db.select().from(rotations).where(eq(rotations.id, namRotation.id)).get()!;
      expect(old.status).toBe("cancelled");
      expect(old.cancelReason).toBeTruthy();
    }
  }, 120_000);

  test("rejecting entries; a stale decision is a 409 and a draft that was re-planned is refused", async () => {
    const { db, actor, facility } = await world();
    const plan = await createPlan(db, actor, { facilityId: facility.id, firstMonth: "2027-01", months: 12, ...FAST });
    const [first] = entriesOf(db, plan.id);
    expect(rejectEntries(db, actor, plan.id, { entryIds: [first.id], version: plan.version })).toEqual({ rejected: 1 });
    // The page was read before the rejection: its version is stale.
    const stale = refusal(() => adoptEntries(db, actor, plan.id, { entryIds: null, version: plan.version }, TODAY));
    expect(stale.status).toBe(409);
    const decided = refusal(() => adoptEntries(db, actor, plan.id, { entryIds: [first.id], version: plan.version + 1 }, TODAY));
    expect([decided.status, decided.message]).toEqual([409, "solver:errors.entryDecided"]);
    const next = await replan(db, actor, plan.id, { version: plan.version + 1 });
    const superseded = refusal(() => adoptEntries(db, actor, plan.id, { entryIds: null, version: plan.version + 2 }, TODAY));
    expect([superseded.status, superseded.message]).toEqual([409, "solver:errors.notDraft"]);
    expect(next.status).toBe("draft");
  }, 120_000);

  test("when the world changed since the plan, adopting all adopts nothing and names the entry and the rule (409)", async () => {
    const { db, actor, facility } = await world();
    const plan = await createPlan(db, actor, { facilityId: facility.id, firstMonth: "2027-01", months: 12, ...FAST });
    const entries = entriesOf(db, plan.id);
    const last = entries[entries.length - 1];
    createUnavailability(db, actor, last.staffId, { kind: "leave", startOn: last.startOn, endOn: last.startOn, note: null });
    const before = db.select({ n: sql<number>`count(*)` }).from(rotations).get()!.n;
    const error = refusal(() => adoptEntries(db, actor, plan.id, { entryIds: null, version: plan.version }, TODAY));
    expect(error.status).toBe(409);
    expect(error.message).toBe("solver:errors.adoptRefused");
    expect(error.params.start).toBe(last.startOn);
    expect(String(error.params.ruleMessage)).toMatch(/^rotations:errors\.clash\./);
    expect(db.select({ n: sql<number>`count(*)` }).from(rotations).get()!.n).toBe(before);
    expect(entriesOf(db, plan.id).every((e) => e.status === "proposed")).toBe(true);
    expect(db.select().from(rotationPlans).where(eq(rotationPlans.id, plan.id)).get()!.version).toBe(plan.version);
  }, 60_000);
});

/**
 * A plan whose 13.19 entry was adopted, its person then ill for the first month of it, and the
 * re-plan a stand-in solver makes: the same person a month later for the freed line.
 */
async function replacedWorld() {
  const { db, actor, facility } = await world();
  const plan = await createPlan(db, actor, { facilityId: facility.id, firstMonth: "2027-01", months: 12, ...FAST });
  const names = new Map(db.select({ id: staff.id, name: staff.fullName }).from(staff).all().map((s) => [s.id, s.name]));
  const nam = entriesOf(db, plan.id).find((e) => names.get(e.staffId) === "Nguyễn Đức Nam")!;
  const [rotationId] = adoptEntries(db, actor, plan.id, { entryIds: [nam.id], version: plan.version }, TODAY).rotationIds;
  const old = db.select().from(rotations).where(eq(rotations.id, rotationId)).get()!;
  createUnavailability(db, actor, nam.staffId, { kind: "sick", startOn: old.startOn, endOn: addDaysIso(addMonthsIso(old.startOn, 1), -1), note: null });
  const line = JSON.parse(nam.transferItemIds) as number[];
  let handed: SolverInput | null = null;
  const solve = async (input: SolverInput): Promise<SolverResult> => {
    handed = input;
    const proposal = { staffId: nam.staffId, toFacilityId: nam.toFacilityId, agreementId: nam.agreementId, startOn: addMonthsIso(old.startOn, 1), endOn: addDaysIso(addMonthsIso(old.startOn, 4), -1), transferItemIds: line };
    return {
      status: "optimal",
      gap: 0,
      seconds: 0.1,
      proposals: [proposal],
      unserved: [],
      whatIfs: [],
      measures: { lines: input.lines.length, served: 1, onTime: 1, personMonths: 3, quotaMonthsOpen: input.quotaMonthsOpen, maxPersonMonths: 3, keptFromPrevious: 0, movedFromPrevious: 0 },
      model: { variables: 1, constraints: 1 },
    };
  };
  const current = db.select().from(rotationPlans).where(eq(rotationPlans.id, plan.id)).get()!;
  const next = await replan(db, actor, plan.id, { version: current.version }, { solve });
  const [replacement] = entriesOf(db, next.id);
  return { db, actor, plan, next, nam, rotationId, line, handed: handed! as SolverInput, replacement };
}

test("a replacement for a released rotation: adopting it cancels the old rotation with a reason, then creates the new one", async () => {
  const { db, actor, plan, next, nam, rotationId, line, handed, replacement } = await replacedWorld();
  // The solver was handed the freed line, the person without the freed rotation, and the draft's open proposals.
  expect(handed.lines.map((l) => l.transferItemId)).toEqual(expect.arrayContaining(line));
  expect(handed.staff.find((s) => s.id === nam.staffId)!.commitments.some((c) => c.kind === "rotation" && c.id === rotationId)).toBe(false);
  expect(handed.previous).toHaveLength(entriesOf(db, plan.id).filter((e) => e.status === "proposed").length);
  expect(replacement.replacesRotationId).toBe(rotationId);
  const { rotationIds } = adoptEntries(db, actor, next.id, { entryIds: [replacement.id], version: next.version }, TODAY);
  const cancelled = db.select().from(rotations).where(eq(rotations.id, rotationId)).get()!;
  expect(cancelled.status).toBe("cancelled");
  expect(cancelled.cancelReason).toContain(`#${next.id}`);
  const created = db.select().from(rotations).where(eq(rotations.id, rotationIds[0])).get()!;
  expect([created.status, created.startOn]).toEqual(["planned", replacement.startOn]);
}, 60_000);

test("a released rotation confirmed since is never replaced: adopting its replacement is a 409 and changes nothing", async () => {
  const { db, actor, next, rotationId, replacement } = await replacedWorld();
  const old = db.select().from(rotations).where(eq(rotations.id, rotationId)).get()!;
  changeRotationStatus(db, actor, rotationId, { to: "confirmed", version: old.version }, TODAY);
  const error = refusal(() => adoptEntries(db, actor, next.id, { entryIds: [replacement.id], version: next.version }, TODAY));
  expect([error.status, error.message]).toEqual([409, "solver:errors.adoptRefused"]);
  expect(String(error.params.ruleMessage)).toMatch(/^solver:errors\.replacedNotPlanned/);
  expect(db.select().from(rotations).where(eq(rotations.id, rotationId)).get()!.status).toBe("confirmed");
  expect(entriesOf(db, next.id).find((e) => e.id === replacement.id)!.status).toBe("proposed");
}, 60_000);

test("a re-plan drops a line accepted since the plan instead of refusing it", async () => {
  const { db, actor, facility, agreement } = await world();
  const lines = loadSolverInput(db, actor, { facilityId: facility.id, firstMonth: "2027-01", months: 12 }).lines.filter((l) => l.agreementId === agreement.id);
  const plan = await createPlan(db, actor, { facilityId: facility.id, firstMonth: "2027-01", months: 12, transferItemIds: lines.map((l) => l.transferItemId), ...FAST });
  const accepted = lines.find((l) => l.code === "13.47")!;
  db.update(transferItems).set({ stage: "accepted", acceptedOn: "2026-12-01" }).where(eq(transferItems.id, accepted.transferItemId)).run();
  // Asked afresh, the closed line is refused by its code; the re-plan leaves it out.
  const closed = refusal(() => loadSolverInput(db, actor, { facilityId: facility.id, firstMonth: "2027-01", months: 12, transferItemIds: [accepted.transferItemId] }));
  expect([closed.status, closed.message, closed.params.code]).toEqual([400, "solver:errors.lineClosed", "13.47"]);
  const next = await replan(db, actor, plan.id, { version: plan.version }, {});
  const view = getPlan(db, actor, next.id);
  expect(view.options.lines.map((l) => l.code)).not.toContain("13.47");
  expect(view.options.lines).toHaveLength(lines.length - 1);
}, 60_000);

describe("refusals", () => {
  test("a period of 37 months, or of none, is a 400 next to the months", async () => {
    const { db, actor, facility } = await world();
    const long = refusal(() => loadSolverInput(db, actor, { facilityId: facility.id, firstMonth: "2027-01", months: 37 }));
    expect([long.status, long.field, long.message]).toEqual([400, "months", "solver:errors.periodTooLong"]);
    const none = refusal(() => loadSolverInput(db, actor, { facilityId: facility.id, firstMonth: "2027-01", months: 0 }));
    expect([none.status, none.field]).toEqual([400, "months"]);
    const bad = refusal(() => loadSolverInput(db, actor, { facilityId: facility.id, firstMonth: "2027-13", months: 3 }));
    expect([bad.status, bad.field]).toEqual([400, "firstMonth"]);
    await expect(createPlan(db, actor, { facilityId: facility.id, firstMonth: "2027-01", months: 37 })).rejects.toMatchObject({ status: 400, field: "months" });
  });

  test("a line of an agreement the facility does not support is a 400 naming the line", async () => {
    const { db, actor, facility } = await world();
    const other = db
      .select({ id: transferItems.id })
      .from(transferItems)
      .where(sql`${transferItems.fromFacilityId} <> ${facility.id}`)
      .limit(1)
      .get()!;
    const error = refusal(() => loadSolverInput(db, actor, { facilityId: facility.id, firstMonth: "2027-01", months: 12, transferItemIds: [other.id] }));
    expect([error.status, error.field, error.message]).toEqual([400, "transferItemIds", "solver:errors.lineNotOwn"]);
    expect(error.params.code).toBeTruthy();
  });

  test("another facility's trainer or a viewer is refused (403); a plan outside one's scope is not found", async () => {
    const { db, actor, facility } = await world();
    const viewer = db.select().from(users).where(eq(users.username, "xem.laocai2")).get()!;
    const viewerActor: Actor = { userId: viewer.id, role: "viewer", facilityId: facility.id, provinceCode: facility.provinceCode };
    expect(refusal(() => loadSolverInput(db, viewerActor, { facilityId: facility.id, firstMonth: "2027-01", months: 12 })).status).toBe(403);
    const so3 = db.select().from(facilities).where(eq(facilities.shortName, "BVĐK Lào Cai số 3")).get()!;
    const outsider: Actor = { userId: actor.userId, role: "trainer", facilityId: so3.id, provinceCode: so3.provinceCode };
    expect(refusal(() => loadSolverInput(db, outsider, { facilityId: facility.id, firstMonth: "2027-01", months: 12 })).status).toBe(403);
    const plan = await createPlan(db, actor, { facilityId: facility.id, firstMonth: "2027-01", months: 3, ...FAST });
    const bacNinh = db.select().from(users).where(eq(users.username, "gd.bacninh")).get()!;
    const stranger: Actor = { userId: bacNinh.id, role: "director", facilityId: bacNinh.facilityId, provinceCode: bacNinh.provinceCode };
    expect(refusal(() => getPlan(db, stranger, plan.id)).status).toBe(404);
    expect(refusal(() => rejectEntries(db, viewerActor, plan.id, { entryIds: null, version: plan.version })).status).toBe(403);
  }, 60_000);
});

test("all staff unavailable: a plan with no proposals and every line explained", async () => {
  const { db, actor, facility } = await world();
  const people = db.select({ id: staff.id }).from(staff).where(and(eq(staff.facilityId, facility.id), eq(staff.active, true))).all();
  db.delete(staffUnavailability).run();
  for (const p of people) createUnavailability(db, actor, p.id, { kind: "other", startOn: "2027-01-01", endOn: "2027-12-31", note: null });
  const plan = await createPlan(db, actor, { facilityId: facility.id, firstMonth: "2027-01", months: 12, ...FAST });
  const view = getPlan(db, actor, plan.id);
  expect(view.entries).toHaveLength(0);
  expect(view.result.proposals).toHaveLength(0);
  expect(view.result.unserved.map((u) => u.transferItemId).sort()).toEqual(view.options.lines.map((l) => l.transferItemId).sort());
  expect(view.result.unserved.filter((u) => u.reason !== "noCompetent").every((u) => u.reason === "allBusy")).toBe(true);
}, 60_000);
