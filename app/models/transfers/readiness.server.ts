// Readiness of the receiving facilities of an agreement, per plan line and per (receiving
// facility, phase), read from the records the score is computed from; and deferring a line
// (it then no longer holds back the next phase) or resuming it.
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { facilities, techniques, transferItems, type TransferItem } from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import { assertVersion, recordAudit, type Tx } from "~/models/audit/audit.server";
import { canManageAgreement, requireReadableAgreement } from "~/models/agreements/access.server";
import { isOpen } from "~/models/agreements/rules";
import type { Locale } from "~/models/enums";
import { ConflictError, ForbiddenError } from "~/models/errors";
import { facilityShortNameSql } from "~/models/facilities/names.server";
import { canKeepChecklist, listChecks } from "./checklist.server";
import { checkDeferral, checkResume, phaseReadiness, readiness, type Readiness } from "./readiness";
import { isPastTraining, phaseGateBlockers } from "./rules";
import type { DeferForm, ResumeForm } from "./schemas";
import { gateLines, requireItem } from "./stages.server";

/**
 * Staff of the receiving facility trained for the line: who completed a course teaching its
 * technique, or attended a remote training session held on the line (each person once). Remote
 * sessions count only here, never as supervised cases.
 */
const trainedStaffSql = sql<number>`(
  select count(*) from (
    select e.staff_id from enrolments e
    join staff s on s.id = e.staff_id
    join course_techniques ct on ct.course_id = e.course_id
    where e.status = 'completed' and s.facility_id = ${transferItems.toFacilityId} and ct.technique_id = ${transferItems.techniqueId}
    union
    select p.staff_id from tele_sessions ts
    join tele_participants p on p.session_id = ts.id
    where ts.transfer_item_id = ${transferItems.id} and ts.kind = 'training' and p.side = 'spoke'
      and p.staff_id is not null and p.facility_id = ${transferItems.toFacilityId}))`;

/** The records behind each line's score, for the lines `where` selects. */
function readinessRows(db: Tx, where: SQL | undefined, locale: Locale) {
  return db
    .select({
      id: transferItems.id,
      phase: transferItems.phase,
      stage: transferItems.stage,
      toFacilityId: transferItems.toFacilityId,
      toName: facilityShortNameSql(locale, facilities),
      techniqueCode: techniques.code,
      requiredCases: transferItems.requiredCases,
      deferredOn: transferItems.deferredOn,
      deferralReason: transferItems.deferralReason,
      trainedStaff: trainedStaffSql,
      supervisedCases: sql<number>`(select count(*) from case_logs c where c.transfer_item_id = ${transferItems.id} and c.supervised = 1)`,
      lastCaseOn: sql<string | null>`(select max(c.performed_on) from case_logs c where c.transfer_item_id = ${transferItems.id})`,
      checksTotal: sql<number>`(select count(*) from transfer_item_checks k where k.transfer_item_id = ${transferItems.id})`,
      checksConfirmed: sql<number>`(select count(*) from transfer_item_checks k where k.transfer_item_id = ${transferItems.id} and k.confirmed_on is not null)`,
    })
    .from(transferItems)
    .innerJoin(techniques, eq(techniques.id, transferItems.techniqueId))
    .innerJoin(facilities, eq(facilities.id, transferItems.toFacilityId))
    .where(where)
    .orderBy(asc(transferItems.toFacilityId), asc(transferItems.phase), asc(transferItems.priority), asc(transferItems.id))
    .all();
}

type Row = ReturnType<typeof readinessRows>[number];

/** A line's score; an accepted line is ready by definition: its acceptance is signed. */
function scoreOf(row: Row, today: string): Readiness {
  const computed = readiness({ ...row, today });
  return row.stage === "accepted" ? { ...computed, score: 100 } : computed;
}

/**
 * Readiness on the agreement page: each line's score (with its deferral), and per receiving
 * facility and phase the mean of its lines that are not deferred.
 */
export function getAgreementReadiness(db: Db, actor: Actor, agreementId: number, today: string, locale: Locale = "vi") {
  requireReadableAgreement(db, actor, agreementId);
  const rows = readinessRows(db, eq(transferItems.agreementId, agreementId), locale);
  const lines = rows.map((row) => ({ id: row.id, phase: row.phase, toFacilityId: row.toFacilityId, deferred: row.deferredOn !== null, deferralReason: row.deferralReason, ...scoreOf(row, today) }));
  const groups = new Map<string, { toFacilityId: number; toName: string; phase: number; lines: typeof lines }>();
  rows.forEach((row, i) => {
    const key = `${row.toFacilityId}:${row.phase}`;
    const group = groups.get(key) ?? { toFacilityId: row.toFacilityId, toName: row.toName, phase: row.phase, lines: [] };
    group.lines.push(lines[i]);
    groups.set(key, group);
  });
  const phases = [...groups.values()].map((g) => ({
    toFacilityId: g.toFacilityId,
    toName: g.toName,
    phase: g.phase,
    score: phaseReadiness(g.lines),
    lineCount: g.lines.length,
    deferredCount: g.lines.filter((l) => l.deferred).length,
  }));
  return { lines: Object.fromEntries(lines.map((l) => [l.id, l])), phases };
}

export type AgreementReadiness = ReturnType<typeof getAgreementReadiness>;

/**
 * Readiness on the plan line page: score and parts, the checklist, the deferral, the lines of
 * earlier phases that hold this one back (if it is still to move past training), and what the
 * actor may do about each.
 */
export function getItemReadiness(db: Db, actor: Actor, agreementId: number, itemId: number, today: string, locale: Locale = "vi") {
  const { item, agreement } = requireItem(db, actor, agreementId, itemId);
  const row = readinessRows(db, eq(transferItems.id, itemId), locale)[0];
  const open = isOpen(agreement.status);
  const manage = open && canManageAgreement(db, actor, agreement);
  const upcoming = isPastTraining(item.stage) ? null : phaseGateBlockers({ to: "supervised", phase: item.phase, lines: gateLines(db, item) });
  return {
    ...scoreOf(row, today),
    /** The line's version, for the deferral forms. */
    version: item.version,
    trainedStaff: row.trainedStaff,
    supervisedCases: row.supervisedCases,
    requiredCases: row.requiredCases,
    checksConfirmed: row.checksConfirmed,
    checksTotal: row.checksTotal,
    lastCaseOn: row.lastCaseOn,
    checks: listChecks(db, itemId),
    canKeepChecklist: open && canKeepChecklist(db, actor, item),
    deferral: item.deferredOn ? { on: item.deferredOn, reason: item.deferralReason ?? "" } : null,
    canDefer: manage && checkDeferral(item) === null,
    canResume: manage && checkResume(item) === null,
    /** Earlier-phase lines still open: the move past training waits for them. */
    heldBy: upcoming ? { phases: upcoming.phases.join(", "), lines: upcoming.lines.map((l) => ({ id: l.id, techniqueCode: l.techniqueCode, phase: l.phase })) } : null,
  };
}

export type ItemReadiness = ReturnType<typeof getItemReadiness>;

type Options = { today: string; at?: string };

/** The line when the actor may change the agreement and it is open: 404, 403, then 409. */
function requireChangeableItem(db: Tx, actor: Actor, agreementId: number, itemId: number) {
  const found = requireItem(db, actor, agreementId, itemId);
  if (!canManageAgreement(db, actor, found.agreement)) throw new ForbiddenError();
  if (!isOpen(found.agreement.status)) throw new ConflictError("agreements:errors.closed");
  return found;
}

function writeDeferral(tx: Tx, actor: Actor, item: TransferItem, values: Pick<TransferItem, "deferredOn" | "deferralReason">, at: string | undefined) {
  const row = tx
    .update(transferItems)
    .set({ ...values, version: item.version + 1, updatedAt: at ?? new Date().toISOString() })
    .where(and(eq(transferItems.id, item.id), eq(transferItems.version, item.version)))
    .returning()
    .get();
  recordAudit(tx, { userId: actor.userId, action: "update", entityType: "transfer_item", entityId: item.id, before: item, after: row, at });
  return row;
}

/** Defers a line not yet accepted, today, with its reason: it stays on the plan, shown as deferred. */
export function deferTransferItem(db: Db, actor: Actor, agreementId: number, itemId: number, input: Omit<DeferForm, "intent">, options: Options): TransferItem {
  return db.transaction((tx) => {
    const { item } = requireChangeableItem(tx, actor, agreementId, itemId);
    const values = { deferredOn: options.today, deferralReason: input.reason };
    assertVersion(item, input.version, values);
    const refusal = checkDeferral(item);
    if (refusal) throw new ConflictError(refusal, { field: "reason" });
    return writeDeferral(tx, actor, item, values, options.at);
  });
}

/** Takes a deferred line up again: both deferral fields are cleared. */
export function resumeTransferItem(db: Db, actor: Actor, agreementId: number, itemId: number, input: Omit<ResumeForm, "intent">, options: Options): TransferItem {
  return db.transaction((tx) => {
    const { item } = requireChangeableItem(tx, actor, agreementId, itemId);
    const values = { deferredOn: null, deferralReason: null };
    assertVersion(item, input.version, values);
    const refusal = checkResume(item);
    if (refusal) throw new ConflictError(refusal);
    return writeDeferral(tx, actor, item, values, options.at);
  });
}
