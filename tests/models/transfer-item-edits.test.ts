import { and, eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { auditEvents, rotationItems, rotations, transferItems, transferStageEvents } from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import { recordAdoptionEvent } from "~/models/adoption/ledger.server";
import { changeAgreementStatus, createAgreement } from "~/models/agreements/commands.server";
import { deleteTransferItem, getItemEdit, updateTransferItem } from "~/models/transfers/item-edits.server";
import { addTransferItem } from "~/models/transfers/plan.server";
import type { ItemEditForm } from "~/models/transfers/schemas";
import { acceptTransferItem, logCase, moveStage } from "~/models/transfers/stages.server";
import { makeTransferWorld } from "../helpers/agreements";
import { createTestDb } from "../helpers/db";
import { makeFacility, makeStaff } from "../helpers/factories";

const TODAY = "2026-03-15";
const opts = { today: TODAY };
const AT = "2026-03-15T03:00:00.000Z";

function world() {
  const base = makeTransferWorld(createTestDb(), { number: "07/HĐ", levelCSupporter: true });
  const { db, director, agreement } = base;
  const admin = base.as("admin", null);
  const stored = (id: number) => db.select().from(transferItems).where(eq(transferItems.id, id)).get();
  /** The form as the edit page sends it: the stored values, overridden. */
  const form = (id: number, overrides: Partial<ItemEditForm> = {}): ItemEditForm => {
    const row = stored(id)!;
    return {
      fromFacilityId: row.fromFacilityId,
      toFacilityId: row.toFacilityId,
      phase: row.phase,
      priority: row.priority,
      targetDate: row.targetDate ?? undefined,
      requiredCases: row.requiredCases,
      notes: row.notes ?? undefined,
      version: row.version,
      ...overrides,
    };
  };
  const walkTo = (itemId: number, stages: ("surveyed" | "training" | "supervised" | "independent")[]) => {
    for (const toStage of stages) moveStage(db, director, agreement.id, itemId, { toStage, movedOn: "2026-02-01", version: stored(itemId)!.version }, opts);
  };
  const moveBack = (itemId: number, toStage: "planned" | "surveyed" | "training") =>
    moveStage(db, director, agreement.id, itemId, { toStage, movedOn: "2026-02-20", note: "Nhập nhầm", version: stored(itemId)!.version }, opts);
  const audit = (id: number) =>
    db.select().from(auditEvents).where(and(eq(auditEvents.entityType, "transfer_item"), eq(auditEvents.entityId, String(id)))).all();
  /** Walks a line to independent and accepts it, with one of spoke A's staff. */
  const accept = (itemId: number) => {
    walkTo(itemId, ["surveyed", "training", "supervised", "independent"]);
    acceptTransferItem(
      db,
      director,
      agreement.id,
      itemId,
      { acceptedOn: "2026-03-10", minutesNumber: "BB-01", staffIds: [makeStaff(db, { facilityId: base.spokeA.id }).id], version: stored(itemId)!.version },
      opts,
    );
  };
  return { ...base, smallHub: base.smallHub!, admin, stored, form, walkTo, moveBack, audit, accept };
}

const supervisedCase = { performedOn: "2026-02-10", performerName: "BS. Lò Văn A", outcome: "success" as const, supervised: true };

test("a director corrects phase, priority, target date, required cases and notes; the version moves on and the audit keeps before and after", () => {
  const w = world();
  const item = w.item();
  const row = updateTransferItem(w.db, w.director, w.agreement.id, item.id, w.form(item.id, { phase: 2, priority: 3, targetDate: "2026-09-30", requiredCases: 8, notes: "Đợt 2" }), { at: AT });
  expect(row).toEqual(expect.objectContaining({ phase: 2, priority: 3, targetDate: "2026-09-30", requiredCases: 8, notes: "Đợt 2", version: 2, updatedAt: AT }));
  const events = w.audit(item.id);
  expect(events.map((e) => e.action)).toEqual(["create", "update"]);
  expect(JSON.parse(events[1].before!)).toEqual(expect.objectContaining({ phase: 1, requiredCases: 3 }));
  expect(JSON.parse(events[1].after!)).toEqual(expect.objectContaining({ phase: 2, requiredCases: 8 }));
});

test("an empty target date or note clears it", () => {
  const w = world();
  const item = w.item({ notes: "Ghi chú" });
  const row = updateTransferItem(w.db, w.director, w.agreement.id, item.id, w.form(item.id, { targetDate: undefined, notes: undefined }));
  expect(row.targetDate).toBeNull();
  expect(row.notes).toBeNull();
});

test("a planned line can change its ends under the rules of adding: receiving and supporting parties, not the same facility", () => {
  const w = world();
  const item = w.item();
  const edit = (overrides: Partial<ItemEditForm>) => () => updateTransferItem(w.db, w.director, w.agreement.id, item.id, w.form(item.id, overrides));
  expect(edit({ toFacilityId: w.coordinator.id })).toThrow(expect.objectContaining({ message: "agreements:errors.toNotReceiving", field: "toFacilityId", status: 400 }));
  expect(edit({ fromFacilityId: w.spokeB.id })).toThrow(expect.objectContaining({ message: "agreements:errors.fromNotSupporting", field: "fromFacilityId" }));
  expect(edit({ toFacilityId: w.hub.id })).toThrow(expect.objectContaining({ message: "agreements:errors.fromIsTo" }));
  expect(edit({ fromFacilityId: w.smallHub.id })).toThrow(expect.objectContaining({ message: "agreements:errors.supporterCannotPerform", field: "fromFacilityId" }));
  expect(w.stored(item.id)).toEqual(expect.objectContaining({ fromFacilityId: w.hub.id, toFacilityId: w.spokeA.id, version: 1 }));
  expect(edit({ toFacilityId: w.spokeB.id })()).toEqual(expect.objectContaining({ toFacilityId: w.spokeB.id, version: 2 }));
});

test("a new receiver must not perform the technique already nor have it in the plan twice", () => {
  const w = world();
  const item = w.item();
  w.item({ toFacilityId: w.spokeB.id });
  expect(() => updateTransferItem(w.db, w.director, w.agreement.id, item.id, w.form(item.id, { toFacilityId: w.spokeB.id }))).toThrow(
    expect.objectContaining({ message: "agreements:errors.itemDuplicate", field: "toFacilityId", status: 409 }),
  );
  const third = makeFacility(w.db, { level: "C" });
  const other = createAgreement(w.db, w.director, {
    number: "08/HĐ",
    title: "Khác",
    type: "technique_transfer",
    startOn: "2026-01-01",
    minRotationMonths: 3,
    chapters: [],
    parties: [
      { facilityCode: w.hub.code, role: "supporting" },
      { facilityCode: w.spokeA.code, role: "receiving" },
      { facilityCode: third.code, role: "receiving" },
    ],
  });
  const line = addTransferItem(w.db, w.director, other.id, { techniqueCode: w.hipReplacement.code, fromFacilityId: w.hub.id, toFacilityId: w.spokeA.id, phase: 1, priority: 1, requiredCases: 0 }, opts);
  w.db.transaction((tx) =>
    recordAdoptionEvent(tx, { facilityId: third.id, techniqueId: w.hipReplacement.id, kind: "started", eventOn: "2025-05-01", source: "in_house" }, null, TODAY),
  );
  expect(() => updateTransferItem(w.db, w.director, other.id, line.id, w.form(line.id, { toFacilityId: third.id }))).toThrow(
    expect.objectContaining({ message: "agreements:errors.receiverPerforms", field: "toFacilityId", status: 409 }),
  );
});

test("once the transfer has started the ends are fixed, but the plan's other fields can still be corrected", () => {
  const w = world();
  const item = w.item();
  w.walkTo(item.id, ["surveyed"]);
  expect(() => updateTransferItem(w.db, w.director, w.agreement.id, item.id, w.form(item.id, { toFacilityId: w.spokeB.id }))).toThrow(
    expect.objectContaining({ message: "agreements:errors.partiesFixed", field: "toFacilityId", status: 409, params: { stage: "surveyed", count: 0 } }),
  );
  expect(updateTransferItem(w.db, w.director, w.agreement.id, item.id, w.form(item.id, { phase: 3 })).phase).toBe(3);
  expect(getItemEdit(w.db, w.director, w.agreement.id, item.id).partiesLocked).toBe(true);
});

test("the requirement cannot drop below the supervised cases already logged; unsupervised cases do not count", () => {
  const w = world();
  const item = w.item({ requiredCases: 5 });
  w.walkTo(item.id, ["surveyed", "training", "supervised"]);
  logCase(w.db, w.spokeTrainer, w.agreement.id, item.id, supervisedCase, opts);
  logCase(w.db, w.spokeTrainer, w.agreement.id, item.id, { ...supervisedCase, performedOn: "2026-02-11" }, opts);
  logCase(w.db, w.spokeTrainer, w.agreement.id, item.id, { ...supervisedCase, performedOn: "2026-02-12", supervised: false }, opts);
  expect(() => updateTransferItem(w.db, w.director, w.agreement.id, item.id, w.form(item.id, { requiredCases: 1 }))).toThrow(
    expect.objectContaining({ message: "agreements:errors.requiredBelowLogged", field: "requiredCases", status: 409, params: { logged: 2 } }),
  );
  expect(w.stored(item.id)!.requiredCases).toBe(5);
  expect(updateTransferItem(w.db, w.director, w.agreement.id, item.id, w.form(item.id, { requiredCases: 2 })).requiredCases).toBe(2);
});

test("a stale form is refused with 409 naming what changed, and overwrites nothing", () => {
  const w = world();
  const item = w.item();
  updateTransferItem(w.db, w.director, w.agreement.id, item.id, w.form(item.id, { phase: 2 }));
  expect(() => updateTransferItem(w.db, w.director, w.agreement.id, item.id, { ...w.form(item.id, { priority: 5 }), phase: 1, version: 1 })).toThrow(
    expect.objectContaining({ status: 409, message: "common:stale.message", changedFields: ["phase", "priority"] }),
  );
  expect(w.stored(item.id)).toEqual(expect.objectContaining({ phase: 2, priority: 1, version: 2 }));
  expect(w.audit(item.id)).toHaveLength(2);
});

test("only the agreement's managers correct a line: a receiving party's director and another hospital's get 403; unknown lines 404", () => {
  const w = world();
  const item = w.item();
  const edit = (actor: Actor, itemId = item.id, agreementId = w.agreement.id) => () => updateTransferItem(w.db, actor, agreementId, itemId, w.form(item.id, { phase: 4 }));
  expect(edit(w.spokeDirector)).toThrow(expect.objectContaining({ status: 403 }));
  expect(edit(w.outsider)).toThrow(expect.objectContaining({ status: 403 }));
  expect(edit(w.director, item.id + 99)).toThrow(expect.objectContaining({ status: 404 }));
  expect(edit(w.director, item.id, w.agreement.id + 99)).toThrow(expect.objectContaining({ status: 404 }));
  expect(() => getItemEdit(w.db, w.spokeDirector, w.agreement.id, item.id)).toThrow(expect.objectContaining({ status: 403 }));
  expect(w.stored(item.id)!.phase).toBe(1);
  expect(edit(w.admin)().phase).toBe(4);
});

test("an accepted line and a closed agreement's plan are records: correcting them is 409", () => {
  const w = world();
  const accepted = w.item({ requiredCases: 0 });
  w.accept(accepted.id);
  expect(() => updateTransferItem(w.db, w.director, w.agreement.id, accepted.id, w.form(accepted.id, { phase: 2 }))).toThrow(
    expect.objectContaining({ message: "agreements:errors.itemAcceptedFinal", status: 409 }),
  );
  expect(() => getItemEdit(w.db, w.director, w.agreement.id, accepted.id)).toThrow(expect.objectContaining({ status: 409 }));
  const planned = w.item({ toFacilityId: w.spokeB.id });
  changeAgreementStatus(w.db, w.director, w.agreement.id, { toStatus: "ended", version: 2 });
  expect(() => updateTransferItem(w.db, w.director, w.agreement.id, planned.id, w.form(planned.id, { phase: 2 }))).toThrow(
    expect.objectContaining({ message: "agreements:errors.closed", status: 409 }),
  );
  expect(() => deleteTransferItem(w.db, w.director, w.agreement.id, planned.id, { version: 1 })).toThrow(
    expect.objectContaining({ message: "agreements:errors.closed", status: 409 }),
  );
});

test("deleting a planned line removes it with its stage history in one transaction, and the audit keeps the whole line", () => {
  const w = world();
  const item = w.item();
  expect(getItemEdit(w.db, w.director, w.agreement.id, item.id).deletion).toBeNull();
  deleteTransferItem(w.db, w.director, w.agreement.id, item.id, { version: 1 }, { at: AT });
  expect(w.stored(item.id)).toBeUndefined();
  expect(w.db.select().from(transferStageEvents).where(eq(transferStageEvents.transferItemId, item.id)).all()).toEqual([]);
  const removal = w.audit(item.id).at(-1)!;
  expect(removal).toEqual(expect.objectContaining({ action: "delete", userId: w.director.userId, at: AT, after: null }));
  expect(JSON.parse(removal.before!)).toEqual(expect.objectContaining({ techniqueId: w.hipReplacement.id, stageEvents: [expect.objectContaining({ toStage: "planned" })] }));
  // The technique can be planned again for the same receiver.
  expect(w.item().id).not.toBe(item.id);
});

test("a started line is not deleted: 409 says to move it back; once planned again without cases it can go", () => {
  const w = world();
  const item = w.item();
  w.walkTo(item.id, ["surveyed", "training"]);
  expect(() => deleteTransferItem(w.db, w.director, w.agreement.id, item.id, { version: w.stored(item.id)!.version })).toThrow(
    expect.objectContaining({ message: "agreements:errors.deleteNotPlanned", status: 409, params: expect.objectContaining({ stage: "training" }) }),
  );
  expect(getItemEdit(w.db, w.director, w.agreement.id, item.id).deletion).toEqual({ key: "agreements:errors.deleteNotPlanned", params: { stage: "training", count: 0 } });
  w.moveBack(item.id, "surveyed");
  w.moveBack(item.id, "planned");
  deleteTransferItem(w.db, w.director, w.agreement.id, item.id, { version: w.stored(item.id)!.version });
  expect(w.stored(item.id)).toBeUndefined();
});

test("a line with logged cases or a rotation serving it is not deleted, even back at planned, and a served line keeps its ends; nothing is removed", () => {
  const w = world();
  const item = w.item();
  w.walkTo(item.id, ["surveyed", "training", "supervised"]);
  logCase(w.db, w.spokeTrainer, w.agreement.id, item.id, { ...supervisedCase, supervised: false }, opts);
  w.moveBack(item.id, "training");
  w.moveBack(item.id, "surveyed");
  w.moveBack(item.id, "planned");
  expect(() => deleteTransferItem(w.db, w.director, w.agreement.id, item.id, { version: w.stored(item.id)!.version })).toThrow(
    expect.objectContaining({ message: "agreements:errors.deleteHasCases", status: 409, params: expect.objectContaining({ count: 1 }) }),
  );
  const served = w.item({ toFacilityId: w.spokeB.id });
  const doctor = makeStaff(w.db, { facilityId: w.hub.id });
  const rotation = w.db
    .insert(rotations)
    .values({ staffId: doctor.id, fromFacilityId: w.hub.id, toFacilityId: w.spokeB.id, agreementId: w.agreement.id, purpose: "technique_transfer", startOn: "2026-04-01", endOn: "2026-06-30" })
    .returning()
    .get();
  w.db.insert(rotationItems).values({ rotationId: rotation.id, transferItemId: served.id }).run();
  expect(() => deleteTransferItem(w.db, w.director, w.agreement.id, served.id, { version: 1 })).toThrow(
    expect.objectContaining({ message: "agreements:errors.deleteHasRotations", status: 409, params: expect.objectContaining({ count: 1 }) }),
  );
  // The rotation runs between the line's two facilities: they stay as they are.
  expect(() => updateTransferItem(w.db, w.director, w.agreement.id, served.id, w.form(served.id, { toFacilityId: w.spokeA.id, phase: 2 }))).toThrow(
    expect.objectContaining({ message: "agreements:errors.partiesServedByRotation", field: "toFacilityId", status: 409, params: expect.objectContaining({ count: 1 }) }),
  );
  expect(getItemEdit(w.db, w.director, w.agreement.id, served.id).partiesLocked).toBe(true);
  expect(w.stored(item.id)).toBeDefined();
  expect(w.stored(served.id)).toBeDefined();
  expect(w.db.select().from(transferStageEvents).where(eq(transferStageEvents.transferItemId, item.id)).all().length).toBeGreaterThan(1);
});

test("an accepted line is never deleted; a stale confirmation or another hospital's director deletes nothing", () => {
  const w = world();
  const accepted = w.item({ requiredCases: 0 });
  w.accept(accepted.id);
  expect(() => deleteTransferItem(w.db, w.director, w.agreement.id, accepted.id, { version: w.stored(accepted.id)!.version })).toThrow(
    expect.objectContaining({ message: "agreements:errors.deleteAccepted", status: 409 }),
  );
  const planned = w.item({ toFacilityId: w.spokeB.id });
  updateTransferItem(w.db, w.director, w.agreement.id, planned.id, w.form(planned.id, { phase: 2 }));
  expect(() => deleteTransferItem(w.db, w.director, w.agreement.id, planned.id, { version: 1 })).toThrow(
    expect.objectContaining({ message: "agreements:errors.staleDelete", status: 409 }),
  );
  expect(() => deleteTransferItem(w.db, w.outsider, w.agreement.id, planned.id, { version: 2 })).toThrow(expect.objectContaining({ status: 403 }));
  expect(() => deleteTransferItem(w.db, w.spokeDirector, w.agreement.id, planned.id, { version: 2 })).toThrow(expect.objectContaining({ status: 403 }));
  expect(w.stored(planned.id)).toBeDefined();
  expect(w.audit(planned.id).map((e) => e.action)).toEqual(["create", "update"]);
});
