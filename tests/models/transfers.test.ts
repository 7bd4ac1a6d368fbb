import { and, eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { adoptionEvents, auditEvents, facilities, staffTechniques, transferItems, transferStageEvents } from "~/db/schema";
import { recordAdoptionEvent } from "~/models/adoption/ledger.server";
import { facilityPerformsTechnique } from "~/models/adoption/facility-techniques.server";
import { getDirectorDashboard } from "~/models/agreements/dashboard.server";
import { addTransferItem, getPlan } from "~/models/transfers/plan.server";
import { acceptTransferItem, getTransferItem, logCase, moveStage } from "~/models/transfers/stages.server";
import { makeTransferWorld } from "../helpers/agreements";
import { createTestDb } from "../helpers/db";
import { makeStaff, makeTechnique } from "../helpers/factories";

const TODAY = "2026-03-15";
const opts = { today: TODAY };
/** Items enter the plan on this date; stage moves come after it. */
const PLANNED_ON = "2026-01-05";
const page = { page: 1, pageSize: 100, offset: 0 };

function world() {
  const w = makeTransferWorld(createTestDb(), { plannedOn: PLANNED_ON });
  const otherTrainer = w.as("trainer", w.spokeB.id);
  const ecmo = makeTechnique(w.db, { name: "Kỹ thuật ECMO", minLevel: "A" });
  return { ...w, otherTrainer, ecmo };
}

function walkTo(w: ReturnType<typeof world>, itemId: number, stages: ("surveyed" | "training" | "supervised" | "independent")[]) {
  let version = w.db.select().from(transferItems).where(eq(transferItems.id, itemId)).get()!.version;
  for (const toStage of stages) {
    version = moveStage(w.db, w.director, w.agreement.id, itemId, { toStage, movedOn: "2026-02-01", version }, opts).version;
  }
  return version;
}

test("an item goes from a supporting party to a receiving party and starts planned, dated and attributed", () => {
  const w = world();
  const item = w.item();
  expect(item.stage).toBe("planned");
  const events = w.db.select().from(transferStageEvents).where(eq(transferStageEvents.transferItemId, item.id)).all();
  expect(events).toEqual([expect.objectContaining({ fromStage: null, toStage: "planned", movedOn: PLANNED_ON, movedBy: w.director.userId })]);
});

test("from and to must be a supporting and a receiving party, and not the same facility", () => {
  const w = world();
  expect(() => w.item({ fromFacilityId: w.spokeA.id, toFacilityId: w.spokeB.id })).toThrow(expect.objectContaining({ message: "agreements:errors.fromNotSupporting", field: "fromFacilityId" }));
  expect(() => w.item({ toFacilityId: w.coordinator.id })).toThrow(expect.objectContaining({ message: "agreements:errors.toNotReceiving", field: "toFacilityId" }));
  expect(() => w.item({ toFacilityId: w.hub.id })).toThrow(expect.objectContaining({ message: "agreements:errors.fromIsTo" }));
  expect(() => w.item({ toFacilityId: w.elsewhere.id })).toThrow(expect.objectContaining({ message: "agreements:errors.toNotReceiving" }));
});

test("a technique code that does not exist is refused next to the technique field", () => {
  const w = world();
  expect(() => w.item({ techniqueCode: "99.99999" })).toThrow(expect.objectContaining({ message: "agreements:errors.techniqueUnknown", field: "techniqueCode", status: 400 }));
});

test("the supporting facility must perform the technique: level B cannot hand over a level-A technique unless it adopted it", () => {
  const w = world();
  expect(() => w.item({ techniqueCode: w.ecmo.code })).toThrow(expect.objectContaining({ message: "agreements:errors.supporterCannotPerform", field: "fromFacilityId" }));
  w.db.transaction((tx) =>
    recordAdoptionEvent(tx, { facilityId: w.hub.id, techniqueId: w.ecmo.id, kind: "started", eventOn: "2025-05-01", source: "in_house" }, null, TODAY),
  );
  expect(w.item({ techniqueCode: w.ecmo.code }).techniqueId).toBe(w.ecmo.id);
});

test("a receiver that already performs the technique, or the same technique twice for one receiver, is refused", () => {
  const w = world();
  w.db.transaction((tx) =>
    recordAdoptionEvent(tx, { facilityId: w.spokeB.id, techniqueId: w.hipReplacement.id, kind: "started", eventOn: "2025-05-01", source: "in_house" }, null, TODAY),
  );
  expect(() => w.item({ toFacilityId: w.spokeB.id })).toThrow(expect.objectContaining({ message: "agreements:errors.receiverPerforms", status: 409 }));
  w.item();
  expect(() => w.item({ phase: 2 })).toThrow(expect.objectContaining({ message: "agreements:errors.itemDuplicate", status: 409 }));
});

test("a crafted request skipping a gate is refused with 409 and changes nothing", () => {
  const w = world();
  const item = w.item();
  expect(() => moveStage(w.db, w.director, w.agreement.id, item.id, { toStage: "supervised", movedOn: TODAY, version: 1 }, opts)).toThrow(
    expect.objectContaining({ message: "agreements:errors.stageSkip", status: 409 }),
  );
  expect(() => moveStage(w.db, w.director, w.agreement.id, item.id, { toStage: "accepted", movedOn: TODAY, version: 1 }, opts)).toThrow(
    expect.objectContaining({ status: 409 }),
  );
  expect(w.db.select().from(transferItems).where(eq(transferItems.id, item.id)).get()!.stage).toBe("planned");
});

test("independence waits for the required supervised cases; unsupervised cases do not count", () => {
  const w = world();
  const item = w.item({ requiredCases: 2 });
  const version = walkTo(w, item.id, ["surveyed", "training", "supervised"]);
  logCase(w.db, w.spokeTrainer, w.agreement.id, item.id, { performedOn: "2026-02-10", performerName: "BS. Lò Văn A", outcome: "success", supervised: true }, opts);
  logCase(w.db, w.spokeTrainer, w.agreement.id, item.id, { performedOn: "2026-02-11", performerName: "BS. Lò Văn A", outcome: "success", supervised: false }, opts);
  expect(() => moveStage(w.db, w.director, w.agreement.id, item.id, { toStage: "independent", movedOn: TODAY, version }, opts)).toThrow(
    expect.objectContaining({ message: "agreements:errors.stageCasesShort", params: expect.objectContaining({ required: 2, logged: 1 }) }),
  );
  logCase(w.db, w.spokeTrainer, w.agreement.id, item.id, { performedOn: "2026-02-12", performerName: "BS. Lò Văn A", outcome: "complication", supervised: true }, opts);
  expect(moveStage(w.db, w.director, w.agreement.id, item.id, { toStage: "independent", movedOn: TODAY, version }, opts).stage).toBe("independent");
});

test("a backward move needs a reason; moves are refused for stale versions, future dates and non-managers", () => {
  const w = world();
  const item = w.item();
  const version = walkTo(w, item.id, ["surveyed", "training"]);
  expect(() => moveStage(w.db, w.director, w.agreement.id, item.id, { toStage: "surveyed", movedOn: TODAY, version }, opts)).toThrow(
    expect.objectContaining({ message: "agreements:errors.stageBackNeedsReason", field: "note" }),
  );
  expect(() => moveStage(w.db, w.director, w.agreement.id, item.id, { toStage: "supervised", movedOn: TODAY, version: version - 1 }, opts)).toThrow(
    expect.objectContaining({ status: 409, message: "common:stale.message" }),
  );
  expect(() => moveStage(w.db, w.director, w.agreement.id, item.id, { toStage: "supervised", movedOn: "2026-03-16", version }, opts)).toThrow(
    expect.objectContaining({ message: "agreements:errors.dateInFuture" }),
  );
  expect(() => moveStage(w.db, w.spokeDirector, w.agreement.id, item.id, { toStage: "supervised", movedOn: TODAY, version }, opts)).toThrow(expect.objectContaining({ status: 403 }));
  expect(() => moveStage(w.db, w.outsider, w.agreement.id, item.id, { toStage: "supervised", movedOn: TODAY, version }, opts)).toThrow(expect.objectContaining({ status: 403 }));
  expect(moveStage(w.db, w.director, w.agreement.id, item.id, { toStage: "surveyed", movedOn: TODAY, version, note: "Chưa đủ thiết bị" }, opts).stage).toBe("surveyed");
});

test("cases are logged by trainers of either end, only from the supervised stage, with a receiving performer", () => {
  const w = world();
  const item = w.item();
  const kase = { performedOn: "2026-02-10", performerName: "BS. A", outcome: "success" as const, supervised: true };
  expect(() => logCase(w.db, w.spokeTrainer, w.agreement.id, item.id, kase, opts)).toThrow(expect.objectContaining({ message: "agreements:errors.casesNotYet", status: 409 }));
  walkTo(w, item.id, ["surveyed", "training", "supervised"]);
  expect(() => logCase(w.db, w.otherTrainer, w.agreement.id, item.id, kase, opts)).toThrow(expect.objectContaining({ status: 403 }));
  const hubStaff = makeStaff(w.db, { facilityId: w.hub.id });
  expect(() => logCase(w.db, w.spokeTrainer, w.agreement.id, item.id, { ...kase, performerId: hubStaff.id }, opts)).toThrow(
    expect.objectContaining({ message: "agreements:errors.performerNotReceiving" }),
  );
  logCase(w.db, w.spokeTrainer, w.agreement.id, item.id, kase, opts);
  expect(getTransferItem(w.db, w.spokeTrainer, w.agreement.id, item.id).supervisedCases).toBe(1);
  expect(() => getTransferItem(w.db, w.outsider, w.agreement.id, item.id)).toThrow(expect.objectContaining({ status: 403 }));
  expect(() => getTransferItem(w.db, w.director, w.agreement.id, item.id + 999)).toThrow(expect.objectContaining({ status: 404 }));
});

test("acceptance writes the stage, the staff's techniques, the ledger's started event and the audit in one transaction", () => {
  const w = world();
  const item = w.item({ requiredCases: 0 });
  const version = walkTo(w, item.id, ["surveyed", "training", "supervised", "independent"]);
  const doctor = makeStaff(w.db, { facilityId: w.spokeA.id });
  const nurse = makeStaff(w.db, { facilityId: w.spokeA.id, cadre: "nurse" });
  const accepted = acceptTransferItem(w.db, w.director, w.agreement.id, item.id, { acceptedOn: "2026-03-10", minutesNumber: "12/BB-NT", staffIds: [doctor.id, nurse.id], version }, opts);
  expect(accepted).toEqual(expect.objectContaining({ stage: "accepted", acceptedOn: "2026-03-10", acceptanceMinutes: "12/BB-NT" }));
  expect(w.db.select().from(staffTechniques).where(eq(staffTechniques.transferItemId, item.id)).all()).toHaveLength(2);
  const events = w.db.select().from(adoptionEvents).where(eq(adoptionEvents.transferItemId, item.id)).all();
  expect(events).toEqual([
    expect.objectContaining({ facilityId: w.spokeA.id, kind: "started", source: "transfer", agreementId: w.agreement.id, eventOn: "2026-03-10" }),
  ]);
  expect(facilityPerformsTechnique(w.db, w.spokeA.id, w.hipReplacement.id)).toBe(true);
  const audit = w.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, "transfer_item"), eq(auditEvents.entityId, String(item.id)))).all();
  expect(audit.at(-1)!.after).toContain("12/BB-NT");
  expect(() => moveStage(w.db, w.director, w.agreement.id, item.id, { toStage: "independent", movedOn: TODAY, version: accepted.version, note: "x" }, opts)).toThrow(
    expect.objectContaining({ message: "agreements:errors.stageAcceptedFinal" }),
  );
});

test("acceptance is refused before independence, for staff of another facility, and rolls back when the ledger refuses", () => {
  const w = world();
  const item = w.item({ requiredCases: 0 });
  const doctor = makeStaff(w.db, { facilityId: w.spokeA.id });
  const accept = (version: number, staffIds = [doctor.id], acceptedOn = "2026-03-10") =>
    acceptTransferItem(w.db, w.director, w.agreement.id, item.id, { acceptedOn, minutesNumber: "BB", staffIds, version }, opts);
  expect(() => accept(1)).toThrow(expect.objectContaining({ message: "agreements:errors.acceptNotIndependent", status: 409 }));
  const version = walkTo(w, item.id, ["surveyed", "training", "supervised", "independent"]);
  expect(() => accept(version, [makeStaff(w.db, { facilityId: w.spokeB.id }).id])).toThrow(
    expect.objectContaining({ message: "agreements:errors.acceptanceStaffNotReceiving", field: "staffIds" }),
  );
  // The receiving facility opened after the acceptance date: the ledger refuses, nothing is half-saved.
  w.db.update(facilities).set({ openedOn: "2026-03-12" }).where(eq(facilities.id, w.spokeA.id)).run();
  expect(() => accept(version)).toThrow(expect.objectContaining({ message: "adoption:errors.beforeFacilityOpened" }));
  expect(w.db.select().from(transferItems).where(eq(transferItems.id, item.id)).get()!.stage).toBe("independent");
  expect(w.db.select().from(staffTechniques).all()).toHaveLength(0);
  expect(w.db.select().from(adoptionEvents).where(eq(adoptionEvents.facilityId, w.spokeA.id)).all()).toHaveLength(0);
});

test("the plan shows progress per phase and overall from SQL, flags overdue items and filters by stage and facility", () => {
  const w = world();
  const first = w.item({ requiredCases: 0, targetDate: "2026-03-01" });
  w.item({ toFacilityId: w.spokeB.id, targetDate: "2026-03-14" });
  const third = addTransferItem(w.db, w.director, w.agreement.id, { techniqueCode: makeTechnique(w.db, { minLevel: "C" }).code, fromFacilityId: w.hub.id, toFacilityId: w.spokeA.id, phase: 2, priority: 1, requiredCases: 0, targetDate: "2026-12-31" }, opts);
  const version = walkTo(w, first.id, ["surveyed", "training", "supervised", "independent"]);
  acceptTransferItem(w.db, w.director, w.agreement.id, first.id, { acceptedOn: "2026-03-10", minutesNumber: "BB", staffIds: [makeStaff(w.db, { facilityId: w.spokeA.id }).id], version }, opts);
  const plan = getPlan(w.db, w.director, w.agreement.id, {}, page, TODAY);
  expect(plan.phases).toEqual([
    expect.objectContaining({ phase: 1, planned: 2, accepted: 1, overdue: 1, share: 0.5 }),
    expect.objectContaining({ phase: 2, planned: 1, accepted: 0, overdue: 0 }),
  ]);
  expect(plan.overall).toEqual(expect.objectContaining({ planned: 3, accepted: 1, overdue: 1 }));
  expect(plan.items.rows.filter((r) => r.overdue).map((r) => r.toId)).toEqual([w.spokeB.id]);
  expect(getPlan(w.db, w.director, w.agreement.id, { stage: "accepted" }, page, TODAY).items.rows.map((r) => r.id)).toEqual([first.id]);
  expect(getPlan(w.db, w.director, w.agreement.id, { facility: w.spokeB.id }, page, TODAY).items.total).toBe(1);
  expect(getPlan(w.db, w.director, w.agreement.id, { overdue: "1" }, page, TODAY).items.total).toBe(1);
  expect(third.phase).toBe(2);
});

test("the dashboard shows overdue items and items waiting for acceptance at the user's facility", () => {
  const w = world();
  const waiting = w.item({ requiredCases: 0, targetDate: "2026-12-31" });
  walkTo(w, waiting.id, ["surveyed", "training", "supervised", "independent"]);
  const late = w.item({ toFacilityId: w.spokeB.id, targetDate: "2026-01-31" });
  const mine = getDirectorDashboard(w.db, w.director, TODAY, "vi");
  expect(mine.awaiting.rows.map((r) => r.id)).toEqual([waiting.id]);
  expect(mine.overdue.rows.map((r) => r.id)).toEqual([late.id]);
  expect(getDirectorDashboard(w.db, w.outsider, TODAY, "vi").overdue.total).toBe(0);
});

