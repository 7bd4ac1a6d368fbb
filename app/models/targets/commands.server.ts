// Changes to targets by the department of the province (or an administrator): set, edit and
// delete a target, enter and remove the hand-entered values of a counted milestone. Each
// change writes its audit event in the same transaction; edits and deletes check the version.
import { and, count, eq } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { facilities, provinces, targetMeasurements, targets, type Target } from "~/db/schema";
import { canChange, readsEverything, type Actor, type RecordScope } from "~/models/access/policy";
import { assertVersion, recordAudit } from "~/models/audit/audit.server";
import { findDateViolation } from "~/models/adoption/rules";
import { ConflictError, DomainError, ForbiddenError, NotFoundError } from "~/models/errors";
import { percentOverflow } from "./rules";
import type { MeasurementForm, TargetForm } from "./schemas";

type Reader = Pick<Db, "select">;
type TargetScope = { facilityId: number | null; provinceCode: string };

function scopeOfTarget(target: Target): RecordScope {
  return { facilityId: target.facilityId, provinceCode: target.provinceCode };
}

/** The values a target must hold, checked again here for callers that skip the form. */
function assertTargetValues(input: TargetForm): void {
  if (!(input.targetValue > 0)) throw new DomainError("reports:errors.targetNotPositive", { field: "targetValue" });
  if (input.periodEnd < input.periodStart) throw new DomainError("common:validation.endBeforeStart", { field: "periodEnd" });
  const overflow = percentOverflow(input);
  if (overflow) throw new DomainError("tele:reports.targets.shareMax", { field: overflow });
}

/**
 * The scope a target form asks for: one facility (its province follows) or a whole province.
 * Department officers always get their own province; administrators name one. The actor must
 * manage the resulting scope, so an officer cannot aim a target at another province's facility.
 */
function resolveScope(db: Reader, actor: Actor, input: TargetForm): TargetScope {
  const namesProvince = readsEverything(actor);
  const provinceCode = namesProvince ? input.provinceCode || null : actor.provinceCode;
  if (namesProvince && !input.facilityId) {
    // Administrators name the province: refuse a missing or unknown code next to the field.
    if (!provinceCode) throw new DomainError("common:validation.required", { field: "provinceCode" });
    const known = db.select({ code: provinces.code }).from(provinces).where(eq(provinces.code, provinceCode)).get();
    if (!known) throw new DomainError("reports:errors.unknownProvince", { field: "provinceCode", params: { code: provinceCode } });
  }
  let scope: { facilityId: number | null; provinceCode: string | null } = { facilityId: null, provinceCode };
  if (input.facilityId) {
    const f = db.select({ id: facilities.id, provinceCode: facilities.provinceCode }).from(facilities).where(eq(facilities.id, input.facilityId)).get();
    if (!f) throw new DomainError("adoption:errors.unknownFacility", { field: "facilityId" });
    if (provinceCode && f.provinceCode !== provinceCode) throw new ForbiddenError();
    scope = { facilityId: f.id, provinceCode: f.provinceCode };
  }
  if (!scope.provinceCode || !canChange(actor, "targets.manage", scope)) throw new ForbiddenError();
  return { facilityId: scope.facilityId, provinceCode: scope.provinceCode };
}

/** The stored values of a target form (the scope already resolved). */
function targetValues(input: TargetForm, scope: TargetScope) {
  return {
    title: input.title,
    indicator: input.indicator,
    provinceCode: scope.provinceCode,
    facilityId: scope.facilityId,
    periodStart: input.periodStart,
    periodEnd: input.periodEnd,
    baseline: input.baseline ?? 0,
    targetValue: input.targetValue,
    unit: input.unit || null,
  };
}

/** A target of the actor's change scope, or 404 / 403. */
function loadManagedTarget(db: Reader, actor: Actor, targetId: number): Target {
  const target = db.select().from(targets).where(eq(targets.id, targetId)).get();
  if (!target) throw new NotFoundError();
  if (!canChange(actor, "targets.manage", scopeOfTarget(target))) throw new ForbiddenError();
  return target;
}

/** The department sets a target for its province (or one facility in it). */
export function createTarget(db: Db, actor: Actor, input: TargetForm): Target {
  assertTargetValues(input);
  const scope = resolveScope(db, actor, input);
  return db.transaction((tx) => {
    const target = tx
      .insert(targets)
      .values({ ...targetValues(input, scope), createdBy: actor.userId || null })
      .returning()
      .get();
    recordAudit(tx, { userId: actor.userId || null, action: "create", entityType: "target", entityId: target.id, after: target });
    return target;
  });
}

/**
 * Edits a target with the create form's rules. A form read at an older version gets 409
 * naming what differs and writes nothing. A target with hand-entered values keeps its
 * indicator: a computed indicator would silently ignore them.
 */
export function updateTarget(db: Db, actor: Actor, targetId: number, input: TargetForm & { version: number }): Target {
  return db.transaction((tx) => {
    const current = loadManagedTarget(tx, actor, targetId);
    assertTargetValues(input);
    const values = targetValues(input, resolveScope(tx, actor, input));
    assertVersion(current, input.version, values);
    if (values.indicator !== current.indicator) {
      const measured = tx.select({ n: count() }).from(targetMeasurements).where(eq(targetMeasurements.targetId, targetId)).get()?.n ?? 0;
      if (measured > 0) throw new ConflictError("reports:errors.indicatorHasMeasurements", { field: "indicator", params: { count: measured } });
    }
    const row = tx
      .update(targets)
      .set({ ...values, version: current.version + 1, updatedAt: new Date().toISOString() })
      .where(eq(targets.id, targetId))
      .returning()
      .get();
    recordAudit(tx, { userId: actor.userId || null, action: "update", entityType: "target", entityId: targetId, before: current, after: row });
    return row;
  });
}

/**
 * Deletes a target and its hand-entered values in one transaction, one audit event per row.
 * The confirmation carries the version the page showed: a target changed since is kept (409).
 */
export function deleteTarget(db: Db, actor: Actor, targetId: number, input: { version: number }): { target: Target; measurements: number } {
  return db.transaction((tx) => {
    const current = loadManagedTarget(tx, actor, targetId);
    if (current.version !== input.version) throw new ConflictError("reports:errors.staleDelete");
    const removed = tx.delete(targetMeasurements).where(eq(targetMeasurements.targetId, targetId)).returning().all();
    for (const m of removed) {
      recordAudit(tx, { userId: actor.userId || null, action: "delete", entityType: "target_measurement", entityId: m.id, before: m });
    }
    tx.delete(targets).where(eq(targets.id, targetId)).run();
    recordAudit(tx, { userId: actor.userId || null, action: "delete", entityType: "target", entityId: targetId, before: current });
    return { target: current, measurements: removed.length };
  });
}

/** A counted milestone's value on a date (e.g. facilities with electronic records). */
export function addMeasurement(db: Db, actor: Actor, targetId: number, input: MeasurementForm, today: string) {
  const target = loadManagedTarget(db, actor, targetId);
  if (target.indicator !== "manual_count") throw new DomainError("reports:errors.computedIndicator", { field: "value" });
  const violation = findDateViolation(input.measuredOn, today, null);
  if (violation) throw new DomainError(`adoption:errors.${violation}`, { field: "measuredOn", params: { today, date: input.measuredOn } });
  if (!(input.value >= 0)) throw new DomainError("reports:errors.valueNegative", { field: "value" });
  return db.transaction((tx) => {
    const row = tx
      .insert(targetMeasurements)
      .values({ targetId, measuredOn: input.measuredOn, value: input.value, note: input.note || null, createdBy: actor.userId || null })
      .returning()
      .get();
    recordAudit(tx, { userId: actor.userId || null, action: "create", entityType: "target_measurement", entityId: row.id, after: row });
    return row;
  });
}

/** Removes one hand-entered value (a typo is corrected by removing it and entering it again). */
export function deleteMeasurement(db: Db, actor: Actor, targetId: number, measurementId: number) {
  return db.transaction((tx) => {
    loadManagedTarget(tx, actor, targetId);
    const row = tx
      .select()
      .from(targetMeasurements)
      .where(and(eq(targetMeasurements.id, measurementId), eq(targetMeasurements.targetId, targetId)))
      .get();
    if (!row) throw new NotFoundError();
    tx.delete(targetMeasurements).where(eq(targetMeasurements.id, measurementId)).run();
    recordAudit(tx, { userId: actor.userId || null, action: "delete", entityType: "target_measurement", entityId: measurementId, before: row });
    return row;
  });
}
