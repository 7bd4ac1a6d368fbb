// Commands on rotations. Every rule is checked in one synchronous transaction with the write
// and its audit event, so nothing is saved when a rule refuses. The sending facility is the
// staff member's own facility, read from the database; the form never supplies it.
import { and, eq, gte, inArray, lte, ne } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { facilities, rotationItems, rotations, staff, staffTechniques, techniques, transferItems, type Rotation } from "~/db/schema";
import { canChange, type Actor } from "~/models/access/policy";
import { assertVersion, recordAudit, type Tx } from "~/models/audit/audit.server";
import type { DateRange } from "~/models/dates";
import type { RotationPurpose, RotationStatus } from "~/models/enums";
import { DomainError, ForbiddenError, NotFoundError } from "~/models/errors";
import { listCommitments } from "~/models/schedule/commitments.server";
import { clashError, findClashes } from "~/models/schedule/rules";
import { getAgreementTerm } from "./queries.server";
import {
  absenceLimit,
  checkAbsenceLimit,
  checkAgreement,
  checkDates,
  checkDirection,
  checkEditable,
  checkFacilities,
  checkMinimumLength,
  checkTechniques,
  checkReport,
  checkTransition,
  isDownward,
  throwFirst,
} from "./rules";

export type RotationInput = {
  staffId: number;
  toFacilityId: number;
  agreementId?: number | null;
  transferItemIds?: number[];
  purpose: RotationPurpose;
  startOn: string;
  endOn: string;
  shortTerm?: boolean;
  shortTermReason?: string | null;
  /** Required when the placement is not from an upper to a lower level. */
  directionPurpose?: string | null;
  limitOverride?: boolean;
  limitOverrideReason?: string | null;
  notes?: string | null;
};

/** The staff member, checked to exist and to belong to a facility the actor manages. */
function requireManagedStaff(tx: Tx, actor: Actor, staffId: number) {
  const row = tx
    .select({ id: staff.id, facilityId: staff.facilityId, fullName: staff.fullName, provinceCode: facilities.provinceCode, active: staff.active })
    .from(staff)
    .innerJoin(facilities, eq(facilities.id, staff.facilityId))
    .where(eq(staff.id, staffId))
    .get();
  if (!row) throw new NotFoundError();
  if (!canChange(actor, "rotations.manage", { facilityId: row.facilityId, provinceCode: row.provinceCode })) {
    throw new ForbiddenError();
  }
  return row;
}

/** Other non-cancelled rotations away from `facilityId` overlapping `range`. */
export function facilityAbsences(tx: Tx, facilityId: number, range: DateRange, excludeId: number | null): DateRange[] {
  return tx
    .select({ start: rotations.startOn, end: rotations.endOn })
    .from(rotations)
    .where(
      and(
        eq(rotations.fromFacilityId, facilityId),
        ne(rotations.status, "cancelled"),
        lte(rotations.startOn, range.end),
        gte(rotations.endOn, range.start),
        excludeId === null ? undefined : ne(rotations.id, excludeId),
      ),
    )
    .all();
}

type Checked = {
  fromFacilityId: number;
  /** The stated purpose, kept only for a placement that is not downward. */
  directionPurpose: string | null;
  agreementId: number | null;
  transferItemIds: number[];
};

/** Every rotation rule (person, agreement, length, direction, overlaps, absence limit), in the order a user would fix them. Throws the first refusal. */
function checkRotation(tx: Tx, actor: Actor, input: RotationInput, existingId: number | null): Checked {
  const person = requireManagedStaff(tx, actor, input.staffId);
  if (!person.active) throw new DomainError("rotations:errors.staffInactive", { field: "staffId" });
  const range = { start: input.startOn, end: input.endOn };
  throwFirst(checkDates(range), checkFacilities(person.facilityId, input.toFacilityId));

  const receiving = tx.select({ id: facilities.id, kind: facilities.kind, level: facilities.level }).from(facilities).where(eq(facilities.id, input.toFacilityId)).get();
  if (!receiving) throw new DomainError("rotations:errors.unknownFacility", { field: "toFacilityId" });
  const from = tx.select({ kind: facilities.kind, level: facilities.level }).from(facilities).where(eq(facilities.id, person.facilityId)).get()!;
  throwFirst(checkDirection(from, receiving, input.directionPurpose ?? null));

  // Transfer items fix the agreement; each must run from the person's facility to the receiving one.
  const itemIds = [...new Set(input.transferItemIds ?? [])];
  const items = itemIds.length
    ? tx
        .select({
          id: transferItems.id,
          agreementId: transferItems.agreementId,
          fromFacilityId: transferItems.fromFacilityId,
          toFacilityId: transferItems.toFacilityId,
          techniqueId: transferItems.techniqueId,
          code: techniques.code,
          name: techniques.name,
        })
        .from(transferItems)
        .innerJoin(techniques, eq(techniques.id, transferItems.techniqueId))
        .where(inArray(transferItems.id, itemIds))
        .all()
    : [];
  if (items.length !== itemIds.length) throw new DomainError("rotations:errors.unknownItem", { field: "transferItemIds" });
  let agreementId = input.agreementId ?? null;
  for (const item of items) {
    if (agreementId === null) agreementId = item.agreementId;
    if (item.agreementId !== agreementId) {
      throw new DomainError("rotations:errors.itemOtherAgreement", { field: "transferItemIds", params: { code: item.code } });
    }
    if (item.fromFacilityId !== person.facilityId || item.toFacilityId !== input.toFacilityId) {
      throw new DomainError("rotations:errors.itemOtherFacilities", { field: "transferItemIds", params: { code: item.code } });
    }
  }

  let minMonths: number | null = null;
  if (agreementId !== null) {
    const agreement = getAgreementTerm(tx, agreementId);
    if (!agreement) throw new DomainError("rotations:errors.unknownAgreement", { field: "agreementId" });
    throwFirst(checkAgreement(agreement, { fromFacilityId: person.facilityId, toFacilityId: input.toFacilityId, startOn: input.startOn, endOn: input.endOn }));
    minMonths = agreement.minRotationMonths;
  }

  const performed = new Set(
    tx
      .select({ techniqueId: staffTechniques.techniqueId })
      .from(staffTechniques)
      .where(eq(staffTechniques.staffId, person.id))
      .all()
      .map((r) => r.techniqueId),
  );
  throwFirst(
    checkMinimumLength(range, { minMonths, shortTerm: input.shortTerm ?? false, shortTermReason: input.shortTermReason ?? null }),
    checkTechniques(items, performed),
  );

  const clashes = findClashes(listCommitments(tx, person.id, range), range, {
    ignore: existingId === null ? null : { kind: "rotation", id: existingId },
  });
  if (clashes.length > 0) throw clashError(clashes[0], "startOn");

  const sending = tx
    .select({ absenceLimit: facilities.absenceLimit, beds: facilities.beds })
    .from(facilities)
    .where(eq(facilities.id, person.facilityId))
    .get()!;
  throwFirst(
    checkAbsenceLimit({
      othersAway: facilityAbsences(tx, person.facilityId, range, existingId),
      range,
      limit: absenceLimit(sending),
      override: input.limitOverride ?? false,
      overrideReason: input.limitOverrideReason ?? null,
    }),
  );
  const directionPurpose = isDownward(from, receiving) ? null : input.directionPurpose?.trim() || null;
  return { fromFacilityId: person.facilityId, directionPurpose, agreementId, transferItemIds: itemIds };
}

function values(input: RotationInput, checked: Checked) {
  return {
    staffId: input.staffId,
    fromFacilityId: checked.fromFacilityId,
    toFacilityId: input.toFacilityId,
    agreementId: checked.agreementId,
    purpose: input.purpose,
    startOn: input.startOn,
    endOn: input.endOn,
    shortTerm: input.shortTerm ?? false,
    shortTermReason: input.shortTerm ? input.shortTermReason?.trim() || null : null,
    directionPurpose: checked.directionPurpose,
    // The reason is kept only when the limit was actually overridden.
    limitOverrideReason: input.limitOverride ? input.limitOverrideReason?.trim() || null : null,
    notes: input.notes?.trim() || null,
  };
}

function writeItems(tx: Tx, rotationId: number, itemIds: number[]) {
  tx.delete(rotationItems).where(eq(rotationItems.rotationId, rotationId)).run();
  if (itemIds.length) {
    tx.insert(rotationItems).values(itemIds.map((transferItemId) => ({ rotationId, transferItemId }))).run();
  }
}

export function createRotation(db: Db, actor: Actor, input: RotationInput): Rotation {
  return db.transaction((tx) => {
    const checked = checkRotation(tx, actor, input, null);
    const row = tx.insert(rotations).values(values(input, checked)).returning().get();
    writeItems(tx, row.id, checked.transferItemIds);
    recordAudit(tx, {
      userId: actor.userId,
      action: "create",
      entityType: "rotation",
      entityId: row.id,
      after: { ...row, transferItemIds: checked.transferItemIds },
    });
    return row;
  });
}

function requireRotationForChange(tx: Tx, actor: Actor, id: number): Rotation {
  const row = tx.select().from(rotations).where(eq(rotations.id, id)).get();
  if (!row) throw new NotFoundError();
  const from = tx.select({ provinceCode: facilities.provinceCode }).from(facilities).where(eq(facilities.id, row.fromFacilityId)).get();
  if (!canChange(actor, "rotations.manage", { facilityId: row.fromFacilityId, provinceCode: from?.provinceCode ?? null })) {
    throw new ForbiddenError();
  }
  return row;
}

/** Edits a planned or confirmed rotation; all rules are checked again, ignoring itself. */
export function updateRotation(db: Db, actor: Actor, id: number, input: RotationInput & { version: number }): Rotation {
  return db.transaction((tx) => updateChecked(tx, actor, id, input, requireRotationForChange(tx, actor, id)));
}

function updateChecked(tx: Tx, actor: Actor, id: number, input: RotationInput & { version: number }, current: Rotation): Rotation {
  throwFirst(checkEditable(current));
  const checked = checkRotation(tx, actor, input, id);
  const next = values(input, checked);
  assertVersion(current, input.version, next);
  const row = tx
    .update(rotations)
    .set({ ...next, version: current.version + 1, updatedAt: new Date().toISOString() })
    .where(eq(rotations.id, id))
    .returning()
    .get();
  writeItems(tx, id, checked.transferItemIds);
  recordAudit(tx, { userId: actor.userId, action: "update", entityType: "rotation", entityId: id, before: current, after: row });
  return row;
}

/**
 * New dates for a rotation, as the board's drag (and its undo) proposes them: the edit form's
 * save with every other field as stored, so exactly the edit form's rules judge it (length,
 * overlaps, absence limit, direction, agreement term) and a stale version is refused.
 */
export function moveRotation(
  db: Db,
  actor: Actor,
  id: number,
  input: { startOn: string; endOn: string; version: number },
): { before: Rotation; after: Rotation } {
  return db.transaction((tx) => {
    const current = requireRotationForChange(tx, actor, id);
    const itemIds = tx
      .select({ id: rotationItems.transferItemId })
      .from(rotationItems)
      .where(eq(rotationItems.rotationId, id))
      .all()
      .map((r) => r.id);
    const after = updateChecked(tx, actor, id, { ...storedInput(current, itemIds), ...input }, current);
    return { before: current, after };
  });
}

type StoredRotation = Pick<
  Rotation,
  "staffId" | "toFacilityId" | "agreementId" | "purpose" | "startOn" | "endOn" | "shortTerm" | "shortTermReason" | "directionPurpose" | "limitOverrideReason" | "notes"
>;

/** A stored rotation as the edit form submits it unchanged: the edit page's defaults and the board's moves. */
export function storedInput(r: StoredRotation, transferItemIds: number[]): RotationInput {
  return {
    staffId: r.staffId,
    toFacilityId: r.toFacilityId,
    agreementId: r.agreementId,
    transferItemIds,
    purpose: r.purpose,
    startOn: r.startOn,
    endOn: r.endOn,
    shortTerm: r.shortTerm,
    shortTermReason: r.shortTermReason,
    directionPurpose: r.directionPurpose,
    limitOverride: r.limitOverrideReason !== null,
    limitOverrideReason: r.limitOverrideReason,
    notes: r.notes,
  };
}

/** planned -> confirmed, and planned|confirmed -> cancelled (with an optional reason). */
export function changeRotationStatus(
  db: Db,
  actor: Actor,
  id: number,
  input: { to: Extract<RotationStatus, "confirmed" | "cancelled">; version: number; cancelReason?: string | null },
  today: string,
): Rotation {
  return db.transaction((tx) => {
    const current = requireRotationForChange(tx, actor, id);
    // The status first: a second "cancel" is told the rotation is already cancelled, not that
    // the form is stale.
    throwFirst(checkTransition(current, input.to, today));
    assertVersion(current, input.version, { status: input.to });
    const row = tx
      .update(rotations)
      .set({
        status: input.to,
        cancelReason: input.to === "cancelled" ? input.cancelReason?.trim() || null : current.cancelReason,
        version: current.version + 1,
        updatedAt: new Date().toISOString(),
      })
      .where(eq(rotations.id, id))
      .returning()
      .get();
    recordAudit(tx, { userId: actor.userId, action: "update", entityType: "rotation", entityId: id, before: current, after: row });
    return row;
  });
}

/**
 * The end-of-rotation report. Filing it completes a confirmed rotation from its last day on;
 * a completed rotation's report can be corrected.
 */
export function saveRotationReport(
  db: Db,
  actor: Actor,
  id: number,
  input: { reportCases: number; reportNotes?: string | null; version: number },
  today: string,
  now: Date = new Date(),
): Rotation {
  return db.transaction((tx) => {
    const current = requireRotationForChange(tx, actor, id);
    assertVersion(current, input.version, { reportCases: input.reportCases });
    throwFirst(checkReport(current, today));
    const row = tx
      .update(rotations)
      .set({
        status: "completed",
        reportCases: input.reportCases,
        reportNotes: input.reportNotes?.trim() || null,
        reportedAt: now.toISOString(),
        version: current.version + 1,
        updatedAt: now.toISOString(),
      })
      .where(eq(rotations.id, id))
      .returning()
      .get();
    recordAudit(tx, { userId: actor.userId, action: "update", entityType: "rotation", entityId: id, before: current, after: row });
    return row;
  });
}
