import { and, eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { auditEvents, caseLogs, transferItems, transferStageEvents } from "~/db/schema";
import { recordAdoptionEvent } from "~/models/adoption/ledger.server";
import { renewAgreement } from "~/models/agreements/commands.server";
import { deleteTransferItem } from "~/models/transfers/item-edits.server";
import { getPlan } from "~/models/transfers/plan.server";
import { acceptTransferItem, getTransferItem, logCase, moveStage } from "~/models/transfers/stages.server";
import { makeTransferWorld } from "../helpers/agreements";
import { createTestDb } from "../helpers/db";
import { makeStaff, makeTechnique } from "../helpers/factories";

const TODAY = "2026-03-15";
const opts = { today: TODAY };
const page = { page: 1, pageSize: 100, offset: 0 };

function walk(w: ReturnType<typeof makeTransferWorld>, itemId: number, stages: ("surveyed" | "training" | "supervised" | "independent")[]) {
  let version = 1;
  for (const toStage of stages) version = moveStage(w.db, w.director, w.agreement.id, itemId, { toStage, movedOn: "2026-02-01", version }, opts).version;
  return version;
}

test("renewal carries the unfinished lines over as planned, linked both ways, and leaves progress and cases on the old line", () => {
  const w = makeTransferWorld(createTestDb());
  const knee = makeTechnique(w.db, { name: "Nội soi khớp gối", minLevel: "B" });
  const spine = makeTechnique(w.db, { name: "Cố định cột sống", minLevel: "B" });
  const started = w.item({ phase: 2, priority: 3, requiredCases: 4, targetDate: "2026-09-30" });
  walk(w, started.id, ["surveyed", "training", "supervised"]);
  logCase(w.db, w.spokeTrainer, w.agreement.id, started.id, { performedOn: "2026-02-10", performerName: "BS. A", outcome: "success", supervised: true }, opts);
  const planned = w.item({ techniqueCode: knee.code, toFacilityId: w.spokeB.id });
  const done = w.item({ techniqueCode: spine.code, requiredCases: 0 });
  const version = walk(w, done.id, ["surveyed", "training", "supervised", "independent"]);
  const doctor = makeStaff(w.db, { facilityId: w.spokeA.id });
  acceptTransferItem(w.db, w.director, w.agreement.id, done.id, { acceptedOn: "2026-03-01", minutesNumber: "NT-1", staffIds: [doctor.id], version }, opts);

  const next = renewAgreement(w.db, w.director, w.agreement.id, { number: "06/HĐ", startOn: "2028-01-01" }, { today: TODAY });
  const carried = w.db.select().from(transferItems).where(eq(transferItems.agreementId, next.id)).all();
  expect(carried.map((c) => c.carriedFromId).sort()).toEqual([started.id, planned.id].sort());
  const fromStarted = carried.find((c) => c.carriedFromId === started.id)!;
  // Phase, priority, target and requirement carry over; the stage starts again.
  expect(fromStarted).toEqual(expect.objectContaining({ stage: "planned", phase: 2, priority: 3, requiredCases: 4, targetDate: "2026-09-30", techniqueId: w.hipReplacement.id, toFacilityId: w.spokeA.id }));
  expect(w.db.select().from(transferStageEvents).where(eq(transferStageEvents.transferItemId, fromStarted.id)).all()).toEqual([
    expect.objectContaining({ fromStage: null, toStage: "planned", movedOn: TODAY, movedBy: w.director.userId }),
  ]);
  expect(w.db.select().from(caseLogs).where(eq(caseLogs.transferItemId, fromStarted.id)).all()).toHaveLength(0);
  expect(w.db.select().from(caseLogs).where(eq(caseLogs.transferItemId, started.id)).all()).toHaveLength(1);
  expect(w.db.select().from(transferItems).where(eq(transferItems.id, started.id)).get()!.stage).toBe("supervised");
  const audits = w.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, "transfer_item"), eq(auditEvents.entityId, String(fromStarted.id)))).all();
  expect(audits).toHaveLength(1);

  // Both pages name the other line.
  const newPage = getTransferItem(w.db, w.director, next.id, fromStarted.id);
  expect(newPage.carriedFrom).toEqual(expect.objectContaining({ id: started.id, agreementId: w.agreement.id, agreementNumber: "05/HĐ", stage: "supervised" }));
  const oldPage = getTransferItem(w.db, w.spokeDirector, w.agreement.id, started.id);
  expect(oldPage.carriedTo).toEqual([expect.objectContaining({ id: fromStarted.id, agreementId: next.id, agreementNumber: "06/HĐ" })]);
  expect(getTransferItem(w.db, w.director, w.agreement.id, done.id).carriedTo).toEqual([]);
  const oldPlan = getPlan(w.db, w.director, w.agreement.id, {}, page, TODAY).items.rows;
  expect(oldPlan.find((r) => r.id === started.id)!.carriedToId).toBe(fromStarted.id);
  expect(oldPlan.find((r) => r.id === done.id)!.carriedToId).toBeNull();
  const newPlan = getPlan(w.db, w.director, next.id, {}, page, TODAY).items.rows;
  expect(newPlan.map((r) => r.carriedFromId).sort()).toEqual([started.id, planned.id].sort());

  // The old planned line may still be deleted: its successor simply loses the backward link.
  deleteTransferItem(w.db, w.director, w.agreement.id, planned.id, { version: 1 });
  expect(w.db.select().from(transferItems).where(eq(transferItems.agreementId, next.id)).all().find((c) => c.techniqueId === knee.id)!.carriedFromId).toBeNull();
});

test("a line whose receiver performs the technique by now is not carried over; a refused renewal carries nothing", () => {
  const w = makeTransferWorld(createTestDb());
  w.item();
  expect(() => renewAgreement(w.db, w.director, w.agreement.id, { number: "06/HĐ", startOn: "2025-01-01" }, { today: TODAY })).toThrow(
    expect.objectContaining({ message: "agreements:errors.renewStartsBefore" }),
  );
  expect(w.db.select().from(transferItems).all()).toHaveLength(1);
  // The receiver started the technique on its own since the line was planned.
  w.db.transaction((tx) =>
    recordAdoptionEvent(tx, { facilityId: w.spokeA.id, techniqueId: w.hipReplacement.id, kind: "started", eventOn: "2026-02-01", source: "in_house" }, null, TODAY),
  );
  const next = renewAgreement(w.db, w.director, w.agreement.id, { number: "06/HĐ", startOn: "2028-01-01" }, { today: TODAY });
  expect(w.db.select().from(transferItems).where(eq(transferItems.agreementId, next.id)).all()).toEqual([]);
});
