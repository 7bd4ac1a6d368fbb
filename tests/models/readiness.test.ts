import { and, asc, eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { auditEvents, courseTechniques, enrolments, transferItemChecks, transferItems, transferStageEvents } from "~/db/schema";
import { addCheck, setCheckConfirmed } from "~/models/transfers/checklist.server";
import { deferTransferItem, getAgreementReadiness, getItemReadiness, resumeTransferItem } from "~/models/transfers/readiness.server";
import { deferSchema } from "~/models/transfers/schemas";
import { getPlan } from "~/models/transfers/plan.server";
import { acceptTransferItem, logCase, moveStage } from "~/models/transfers/stages.server";
import { makeTransferWorld } from "../helpers/agreements";
import { makeActor, makeCourse } from "../helpers/course-fixtures";
import { createTestDb } from "../helpers/db";
import { makeStaff, makeTechnique } from "../helpers/factories";

const TODAY = "2026-03-15";
const opts = { today: TODAY };

/**
 * The transfer world with two lines to spoke A: phase 1 (the hip replacement) and phase 2 (a
 * second technique), and a phase-2 line to spoke B, which spoke A's phase 1 does not hold.
 */
function world() {
  const w = makeTransferWorld(createTestDb());
  const second = makeTechnique(w.db, { name: "Nội soi khớp gối" });
  const phase1 = w.item();
  const phase2 = w.item({ techniqueCode: second.code, phase: 2 });
  const otherSpoke = w.item({ toFacilityId: w.spokeB.id, phase: 2 });
  const spokeBDirector = w.as("director", w.spokeB.id);
  const stored = (id: number) => w.db.select().from(transferItems).where(eq(transferItems.id, id)).get()!;
  const walk = (itemId: number, stages: ("surveyed" | "training" | "supervised" | "independent")[]) => {
    for (const toStage of stages) moveStage(w.db, w.director, w.agreement.id, itemId, { toStage, movedOn: "2026-02-01", version: stored(itemId).version }, opts);
    return stored(itemId);
  };
  const audits = (entityType: string) => w.db.select().from(auditEvents).where(eq(auditEvents.entityType, entityType)).orderBy(asc(auditEvents.id)).all();
  return { ...w, second, phase1, phase2, otherSpoke, spokeBDirector, stored, walk, audits };
}

test("the receiving facility's director adds and confirms a checklist item: dated, attributed, audited, and the score moves", () => {
  const w = world();
  const before = getItemReadiness(w.db, w.spokeDirector, w.agreement.id, w.phase1.id, TODAY);
  expect(before.canKeepChecklist).toBe(true);
  expect(before.parts.checklist).toBe(0);
  const check = addCheck(w.db, w.spokeDirector, w.agreement.id, w.phase1.id, { label: "Bàn mổ chỉnh hình" }, opts);
  addCheck(w.db, w.spokeDirector, w.agreement.id, w.phase1.id, { label: "Phòng mổ vô khuẩn" }, opts);
  const confirmed = setCheckConfirmed(w.db, w.spokeDirector, w.agreement.id, w.phase1.id, { checkId: check.id, confirmed: "yes", version: check.version }, opts);
  expect(confirmed).toEqual(expect.objectContaining({ confirmedOn: TODAY, confirmedBy: w.spokeDirector.userId, version: 2 }));
  const after = getItemReadiness(w.db, w.spokeDirector, w.agreement.id, w.phase1.id, TODAY);
  expect(after.parts.checklist).toBe(0.5);
  expect(after.score).toBeGreaterThan(before.score);
  expect(after.checks.map((c) => [c.label, c.confirmedOn])).toEqual([["Bàn mổ chỉnh hình", TODAY], ["Phòng mổ vô khuẩn", null]]);
  expect(w.audits("transfer_item_check").map((e) => e.action)).toEqual(["create", "create", "update"]);

  const withdrawn = setCheckConfirmed(w.db, w.spokeDirector, w.agreement.id, w.phase1.id, { checkId: check.id, confirmed: "no", version: 2 }, opts);
  expect(withdrawn).toEqual(expect.objectContaining({ confirmedOn: null, confirmedBy: null, version: 3 }));
});

test("anyone outside the receiving facility is refused with 403 and nothing is written", () => {
  const w = world();
  const check = addCheck(w.db, w.spokeDirector, w.agreement.id, w.phase1.id, { label: "Bàn mổ" }, opts);
  // The agreement's owner (supporting side), the other receiving centre, a trainer of the receiving centre.
  for (const actor of [w.director, w.spokeBDirector, w.spokeTrainer]) {
    expect(() => setCheckConfirmed(w.db, actor, w.agreement.id, w.phase1.id, { checkId: check.id, confirmed: "yes", version: 1 }, opts)).toThrow(
      expect.objectContaining({ status: 403 }),
    );
    expect(() => addCheck(w.db, actor, w.agreement.id, w.phase1.id, { label: "Khác" }, opts)).toThrow(expect.objectContaining({ status: 403 }));
  }
  // A director of a hospital that is no party cannot even read the line.
  expect(() => setCheckConfirmed(w.db, w.outsider, w.agreement.id, w.phase1.id, { checkId: check.id, confirmed: "yes", version: 1 }, opts)).toThrow(
    expect.objectContaining({ status: 403 }),
  );
  expect(getItemReadiness(w.db, w.director, w.agreement.id, w.phase1.id, TODAY).canKeepChecklist).toBe(false);
  expect(w.db.select().from(transferItemChecks).all()).toEqual([expect.objectContaining({ id: check.id, confirmedOn: null, version: 1 })]);
  expect(w.audits("transfer_item_check")).toHaveLength(1);
});

test("a confirmation from a stale form is 409 and writes nothing; a check of another line is 404; a repeated label 409", () => {
  const w = world();
  const check = addCheck(w.db, w.spokeDirector, w.agreement.id, w.phase1.id, { label: "Bàn mổ" }, opts);
  setCheckConfirmed(w.db, w.spokeDirector, w.agreement.id, w.phase1.id, { checkId: check.id, confirmed: "yes", version: 1 }, opts);
  expect(() => setCheckConfirmed(w.db, w.spokeDirector, w.agreement.id, w.phase1.id, { checkId: check.id, confirmed: "no", version: 1 }, opts)).toThrow(
    expect.objectContaining({ status: 409, message: "common:stale.message" }),
  );
  expect(w.db.select().from(transferItemChecks).where(eq(transferItemChecks.id, check.id)).get()).toEqual(expect.objectContaining({ confirmedOn: TODAY, version: 2 }));
  expect(() => setCheckConfirmed(w.db, w.spokeDirector, w.agreement.id, w.phase2.id, { checkId: check.id, confirmed: "yes", version: 2 }, opts)).toThrow(
    expect.objectContaining({ status: 404 }),
  );
  expect(() => addCheck(w.db, w.spokeDirector, w.agreement.id, w.phase1.id, { label: "BÀN MỔ" }, opts)).toThrow(
    expect.objectContaining({ status: 409, message: "planning:readiness.errors.checkDuplicate", field: "label" }),
  );
});

test("a phase-2 line cannot move past training while phase 1 of the same receiving facility is open; deferring phase 1 lets it through", () => {
  const w = world();
  const atTraining = w.walk(w.phase2.id, ["surveyed", "training"]);
  const move = (version: number) => moveStage(w.db, w.director, w.agreement.id, w.phase2.id, { toStage: "supervised", movedOn: TODAY, version }, opts);
  expect(() => move(atTraining.version)).toThrow(
    expect.objectContaining({
      status: 409,
      message: "planning:readiness.errors.gateBlocked",
      field: "toStage",
      params: expect.objectContaining({ phases: "1", lines: w.hipReplacement.code }),
    }),
  );
  expect(w.stored(w.phase2.id)).toEqual(expect.objectContaining({ stage: "training", version: atTraining.version }));
  expect(w.db.select().from(transferStageEvents).where(and(eq(transferStageEvents.transferItemId, w.phase2.id), eq(transferStageEvents.toStage, "supervised"))).all()).toEqual([]);
  // The page says so before the director tries.
  expect(getItemReadiness(w.db, w.director, w.agreement.id, w.phase2.id, TODAY).heldBy).toEqual({ phases: "1", lines: [expect.objectContaining({ id: w.phase1.id, techniqueCode: w.hipReplacement.code })] });
  // Another receiving facility's phase 2 is not held by spoke A's phase 1.
  expect(w.walk(w.otherSpoke.id, ["surveyed", "training", "supervised"]).stage).toBe("supervised");

  deferTransferItem(w.db, w.director, w.agreement.id, w.phase1.id, { reason: "Chưa có bàn mổ chỉnh hình", version: w.stored(w.phase1.id).version }, opts);
  expect(getItemReadiness(w.db, w.director, w.agreement.id, w.phase2.id, TODAY).heldBy).toBeNull();
  expect(move(atTraining.version).stage).toBe("supervised");

  // Resumed, phase 1 holds again: the next step forward is refused, a step back is not.
  resumeTransferItem(w.db, w.director, w.agreement.id, w.phase1.id, { version: w.stored(w.phase1.id).version }, opts);
  expect(() => moveStage(w.db, w.director, w.agreement.id, w.phase2.id, { toStage: "independent", movedOn: TODAY, version: w.stored(w.phase2.id).version }, opts)).toThrow(
    expect.objectContaining({ message: "planning:readiness.errors.gateBlocked" }),
  );
  expect(moveStage(w.db, w.director, w.agreement.id, w.phase2.id, { toStage: "training", movedOn: TODAY, note: "Đợt 1 tiếp tục", version: w.stored(w.phase2.id).version }, opts).stage).toBe("training");
});

test("the acceptance is held by the gate too", () => {
  const w = world();
  // Phase 2 reaches independent while phase 1 is deferred, then phase 1 is taken up again.
  deferTransferItem(w.db, w.director, w.agreement.id, w.phase1.id, { reason: "Tạm hoãn", version: 1 }, opts);
  const independent = w.walk(w.phase2.id, ["surveyed", "training", "supervised"]);
  logCase(w.db, w.spokeTrainer, w.agreement.id, w.phase2.id, { performedOn: "2026-03-01", performerName: "BS. A", outcome: "success", supervised: true }, opts);
  logCase(w.db, w.spokeTrainer, w.agreement.id, w.phase2.id, { performedOn: "2026-03-02", performerName: "BS. A", outcome: "success", supervised: true }, opts);
  logCase(w.db, w.spokeTrainer, w.agreement.id, w.phase2.id, { performedOn: "2026-03-03", performerName: "BS. A", outcome: "success", supervised: true }, opts);
  moveStage(w.db, w.director, w.agreement.id, w.phase2.id, { toStage: "independent", movedOn: TODAY, version: independent.version }, opts);
  resumeTransferItem(w.db, w.director, w.agreement.id, w.phase1.id, { version: w.stored(w.phase1.id).version }, opts);
  const doctor = makeStaff(w.db, { facilityId: w.spokeA.id });
  expect(() =>
    acceptTransferItem(w.db, w.director, w.agreement.id, w.phase2.id, { acceptedOn: TODAY, minutesNumber: "BB-1", staffIds: [doctor.id], version: w.stored(w.phase2.id).version }, opts),
  ).toThrow(expect.objectContaining({ status: 409, message: "planning:readiness.errors.gateBlocked" }));
  expect(w.stored(w.phase2.id).stage).toBe("independent");
});

test("deferral needs a reason, is the agreement manager's, refuses an accepted line and a stale form, and is audited", () => {
  const w = world();
  expect(deferSchema.safeParse({ intent: "defer", reason: "   ", version: 1 }).success).toBe(false);
  expect(deferSchema.safeParse({ intent: "defer", reason: "x".repeat(1001), version: 1 }).success).toBe(false);
  expect(() => deferTransferItem(w.db, w.spokeDirector, w.agreement.id, w.phase1.id, { reason: "Lý do", version: 1 }, opts)).toThrow(expect.objectContaining({ status: 403 }));
  expect(() => deferTransferItem(w.db, w.director, w.agreement.id, w.phase1.id, { reason: "Lý do", version: 7 }, opts)).toThrow(expect.objectContaining({ status: 409 }));
  expect(w.stored(w.phase1.id)).toEqual(expect.objectContaining({ deferredOn: null, deferralReason: null, version: 1 }));

  const deferred = deferTransferItem(w.db, w.director, w.agreement.id, w.phase1.id, { reason: "Chờ trang thiết bị", version: 1 }, opts);
  expect(deferred).toEqual(expect.objectContaining({ deferredOn: TODAY, deferralReason: "Chờ trang thiết bị", version: 2 }));
  // The plan (its page, print and exports read getPlan) carries the deferral with its reason.
  const planRow = getPlan(w.db, w.director, w.agreement.id, {}, { page: 1, pageSize: 50, offset: 0 }, TODAY, "vi").items.rows.find((r) => r.id === w.phase1.id);
  expect(planRow).toEqual(expect.objectContaining({ deferredOn: TODAY, deferralReason: "Chờ trang thiết bị" }));
  // A deferred line is parked: its stage does not move until it is resumed.
  expect(() => moveStage(w.db, w.director, w.agreement.id, w.phase1.id, { toStage: "surveyed", movedOn: TODAY, version: 2 }, opts)).toThrow(
    expect.objectContaining({ status: 409, message: "planning:readiness.errors.stageDeferred" }),
  );
  expect(w.stored(w.phase1.id)).toEqual(expect.objectContaining({ stage: "planned", version: 2 }));
  expect(() => deferTransferItem(w.db, w.director, w.agreement.id, w.phase1.id, { reason: "Lần nữa", version: 2 }, opts)).toThrow(
    expect.objectContaining({ status: 409, message: "planning:readiness.errors.alreadyDeferred" }),
  );
  const resumed = resumeTransferItem(w.db, w.director, w.agreement.id, w.phase1.id, { version: 2 }, opts);
  expect(resumed).toEqual(expect.objectContaining({ deferredOn: null, deferralReason: null, version: 3 }));
  expect(() => resumeTransferItem(w.db, w.director, w.agreement.id, w.phase1.id, { version: 3 }, opts)).toThrow(
    expect.objectContaining({ status: 409, message: "planning:readiness.errors.notDeferred" }),
  );
  const audited = w.audits("transfer_item").filter((e) => e.entityId === String(w.phase1.id) && e.action === "update");
  expect(audited.map((e) => JSON.parse(e.after!).deferralReason)).toEqual(["Chờ trang thiết bị", null]);

  // An accepted line is signed: it cannot be deferred.
  const doctor = makeStaff(w.db, { facilityId: w.spokeA.id });
  w.walk(w.phase1.id, ["surveyed", "training", "supervised"]);
  for (const day of ["2026-03-01", "2026-03-02", "2026-03-03"]) {
    logCase(w.db, w.spokeTrainer, w.agreement.id, w.phase1.id, { performedOn: day, performerId: doctor.id, outcome: "success", supervised: true }, opts);
  }
  w.walk(w.phase1.id, ["independent"]);
  acceptTransferItem(w.db, w.director, w.agreement.id, w.phase1.id, { acceptedOn: TODAY, minutesNumber: "BB-1", staffIds: [doctor.id], version: w.stored(w.phase1.id).version }, opts);
  expect(() => deferTransferItem(w.db, w.director, w.agreement.id, w.phase1.id, { reason: "Lý do", version: w.stored(w.phase1.id).version }, opts)).toThrow(
    expect.objectContaining({ status: 409, message: "planning:readiness.errors.deferAccepted" }),
  );
});

test("the score reads trained staff, supervised cases, the checklist and the latest case; phases average their lines without deferred ones", () => {
  const w = world();
  const trainer = makeActor(w.db, "trainer", w.hub.id);
  const course = makeCourse(w.db, trainer);
  w.db.insert(courseTechniques).values({ courseId: course.id, techniqueId: w.hipReplacement.id }).run();
  const trained = makeStaff(w.db, { facilityId: w.spokeA.id });
  const stillEnrolled = makeStaff(w.db, { facilityId: w.spokeA.id });
  const elsewhere = makeStaff(w.db, { facilityId: w.spokeB.id });
  const enrol = (staffId: number, status: "completed" | "enrolled") =>
    w.db.insert(enrolments).values({ courseId: course.id, staffId, status, requestedAt: "2026-02-20T00:00:00Z", completedOn: status === "completed" ? "2026-03-06" : null }).run();
  enrol(trained.id, "completed");
  enrol(stillEnrolled.id, "enrolled");
  enrol(elsewhere.id, "completed");

  w.walk(w.phase1.id, ["surveyed", "training", "supervised"]);
  logCase(w.db, w.spokeTrainer, w.agreement.id, w.phase1.id, { performedOn: "2026-02-13", performerId: trained.id, outcome: "success", supervised: true }, opts);
  const check = addCheck(w.db, w.spokeDirector, w.agreement.id, w.phase1.id, { label: "Bàn mổ" }, opts);
  setCheckConfirmed(w.db, w.spokeDirector, w.agreement.id, w.phase1.id, { checkId: check.id, confirmed: "yes", version: 1 }, opts);

  const r = getItemReadiness(w.db, w.director, w.agreement.id, w.phase1.id, TODAY);
  // 1 of 2 trained, 1 of 3 cases, 1 of 1 item, 30 days ago: 0.3*0.5 + 0.3/3 + 0.25 + 0.15*(150/180) = 0.625 -> 63
  expect(r).toEqual(expect.objectContaining({ trainedStaff: 1, supervisedCases: 1, requiredCases: 3, checksConfirmed: 1, checksTotal: 1, lastCaseOn: "2026-02-13", daysSinceLastCase: 30, score: 63 }));

  const agreementView = getAgreementReadiness(w.db, w.director, w.agreement.id, TODAY);
  expect(agreementView.lines[w.phase1.id].score).toBe(63);
  expect(agreementView.lines[w.phase2.id].score).toBe(0);
  expect(agreementView.phases).toEqual([
    expect.objectContaining({ toFacilityId: w.spokeA.id, phase: 1, score: 63, lineCount: 1 }),
    expect.objectContaining({ toFacilityId: w.spokeA.id, phase: 2, score: 0, lineCount: 1 }),
    // Spoke B's line has a trained member too (the course's other graduate): 0.3 * 1/2 -> 15.
    expect.objectContaining({ toFacilityId: w.spokeB.id, phase: 2, score: 15, lineCount: 1 }),
  ]);
  deferTransferItem(w.db, w.director, w.agreement.id, w.phase2.id, { reason: "Hoãn", version: 1 }, opts);
  const deferredView = getAgreementReadiness(w.db, w.director, w.agreement.id, TODAY);
  expect(deferredView.lines[w.phase2.id]).toEqual(expect.objectContaining({ deferred: true, deferralReason: "Hoãn" }));
  expect(deferredView.phases[1]).toEqual(expect.objectContaining({ phase: 2, score: null, deferredCount: 1 }));
  // A reader outside the agreement gets 403.
  expect(() => getAgreementReadiness(w.db, w.outsider, w.agreement.id, TODAY)).toThrow(expect.objectContaining({ status: 403 }));
});
