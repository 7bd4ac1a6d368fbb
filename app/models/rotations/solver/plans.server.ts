// Rotation plans: the solver's drafts for a sending facility and a period, stored with the request
// and the solver's answer, read with names for the plan page and the board, adopted entry by
// entry (each through the rotation form's own command), rejected, and re-planned. A re-plan keeps
// what was adopted (those are rotations now), never moves a confirmed rotation, hands the solver
// the draft's open proposals to keep, and frees a planned rotation whose person has since become
// unavailable, so the new draft may propose a replacement for it.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { agreements, facilities, rotationItems, rotationPlanEntries, rotationPlans, rotations, staff, staffUnavailability, type RotationPlan } from "~/db/schema";
import { getFixedT } from "~/i18n/i18n";
import { canChange, canRead, type Actor } from "~/models/access/policy";
import { assertVersion, recordAudit, recordAuditBatch, type Tx } from "~/models/audit/audit.server";
import type { DateRange } from "~/models/dates";
import type { Locale, PlanEntryStatus, RotationPlanStatus, RotationStatus } from "~/models/enums";
import { ConflictError, DomainError, ForbiddenError, NotFoundError } from "~/models/errors";
import { facilityShortNameSql } from "~/models/facilities/names.server";
import { encodeMessage } from "~/utils/messages";
import { barPlacement } from "../board";
import { changeRotationStatus, createRotation, facilityAbsences } from "../commands.server";
import { absenceLimit, checkAbsenceLimit, isDownward } from "../rules";
import { loadSolverInput, type PlannableLine, type PlanRequest } from "./input.server";
import { isOnTime } from "./model";
import { matchReplacements } from "./plans";
import { solveRotationPlan } from "./run.server";
import type { Proposal, SolverInput, SolverResult } from "./types";

/** The solver the plans call; tests hand in their own. */
export type Solve = (input: SolverInput) => Promise<SolverResult>;

/** A planned rotation a re-plan freed because its person became unavailable. */
export type ReleasedRotation = { rotationId: number; staffId: number; staffName: string; startOn: string; endOn: string };

/** What a plan was asked (kept as the plan's `options`): the request and the lines it covered. */
export type PlanOptions = {
  firstMonth: string;
  months: number;
  /** The lines the trainer ticked; null when the plan took every open line. */
  transferItemIds: number[] | null;
  overrideExtra: number;
  overrideReason: string | null;
  timeLimitSeconds?: number;
  /** The lines handed to the solver, with their codes and agreements as they were then. */
  lines: PlannableLine[];
  released: ReleasedRotation[];
};

type PlanSettings = { solve?: Solve };

function parseOptions(plan: Pick<RotationPlan, "options">): PlanOptions {
  return JSON.parse(plan.options) as PlanOptions;
}

function parseResult(plan: Pick<RotationPlan, "result">): SolverResult {
  return JSON.parse(plan.result) as SolverResult;
}

/** Proposals that would take over a released rotation: the first one serving one of its lines. */
function replacements(tx: Tx, proposals: readonly Proposal[], released: readonly number[]): Map<number, number> {
  if (released.length === 0) return new Map();
  const items = tx.select({ rotationId: rotationItems.rotationId, itemId: rotationItems.transferItemId }).from(rotationItems).where(inArray(rotationItems.rotationId, [...released])).all();
  return matchReplacements(proposals, new Map(released.map((id) => [id, new Set(items.filter((i) => i.rotationId === id).map((i) => i.itemId))])));
}

/** Stores a computed plan and its entries, with one audit event. */
function storePlan(
  tx: Tx,
  actor: Actor,
  input: { facilityId: number; period: DateRange; options: PlanOptions; result: SolverResult; previousPlanId: number | null },
): RotationPlan {
  const plan = tx
    .insert(rotationPlans)
    .values({
      facilityId: input.facilityId,
      periodStart: input.period.start,
      periodEnd: input.period.end,
      status: "draft",
      previousPlanId: input.previousPlanId,
      options: JSON.stringify(input.options),
      result: JSON.stringify(input.result),
      createdBy: actor.userId,
    })
    .returning()
    .get();
  const replaces = replacements(
    tx,
    input.result.proposals,
    input.options.released.map((r) => r.rotationId),
  );
  if (input.result.proposals.length) {
    tx.insert(rotationPlanEntries)
      .values(
        input.result.proposals.map((p, index) => ({
          planId: plan.id,
          staffId: p.staffId,
          toFacilityId: p.toFacilityId,
          agreementId: p.agreementId,
          startOn: p.startOn,
          endOn: p.endOn,
          transferItemIds: JSON.stringify(p.transferItemIds),
          replacesRotationId: replaces.get(index) ?? null,
        })),
      )
      .run();
  }
  recordAudit(tx, {
    userId: actor.userId,
    action: "create",
    entityType: "rotation_plan",
    entityId: plan.id,
    after: { ...plan, options: input.options, result: { status: input.result.status, gap: input.result.gap, measures: input.result.measures }, proposals: input.result.proposals.length },
  });
  return plan;
}

/** Computes a plan for the request with the solver and stores it as a draft. */
export async function createPlan(db: Db, actor: Actor, request: PlanRequest, settings: PlanSettings = {}): Promise<RotationPlan> {
  const input = loadSolverInput(db, actor, { ...request, previous: undefined, releasedRotationIds: undefined });
  const result = await (settings.solve ?? solveRotationPlan)(input);
  return db.transaction((tx) =>
    storePlan(tx, actor, {
      facilityId: request.facilityId,
      period: input.period,
      options: {
        firstMonth: input.period.start.slice(0, 7),
        months: request.months,
        transferItemIds: request.transferItemIds ? [...new Set(request.transferItemIds)] : null,
        overrideExtra: input.overrideExtra,
        overrideReason: input.overrideReason,
        timeLimitSeconds: request.timeLimitSeconds,
        lines: input.lines,
        released: [],
      },
      result,
      previousPlanId: null,
    }),
  );
}

/** The plan, checked to exist and to be one the actor may change; 404 when the actor may not even read it. */
function requirePlanForChange(tx: Tx, actor: Actor, planId: number) {
  const row = tx
    .select({ plan: rotationPlans, provinceCode: facilities.provinceCode, kind: facilities.kind, level: facilities.level })
    .from(rotationPlans)
    .innerJoin(facilities, eq(facilities.id, rotationPlans.facilityId))
    .where(eq(rotationPlans.id, planId))
    .get();
  if (!row) throw new NotFoundError();
  const scope = { facilityId: row.plan.facilityId, provinceCode: row.provinceCode };
  if (!canRead(actor, scope)) throw new NotFoundError();
  if (!canChange(actor, "rotations.manage", scope)) throw new ForbiddenError();
  return row;
}

function requireDraft(plan: RotationPlan, version: number) {
  if (plan.status !== "draft") throw new ConflictError("solver:errors.notDraft", { params: { status: plan.status } });
  assertVersion(plan, version, {});
}

/**
 * Planned rotations adopted from an earlier plan of the facility, overlapping the period, whose
 * person has since become unavailable on some of their days: a re-plan frees them.
 */
export function releasableRotations(tx: Tx, facilityId: number, period: DateRange): ReleasedRotation[] {
  return tx.all<ReleasedRotation>(sql`
    select distinct r.id as rotationId, r.staff_id as staffId, s.full_name as staffName, r.start_on as startOn, r.end_on as endOn
      from ${rotations} r
      join ${staff} s on s.id = r.staff_id
      join ${rotationPlanEntries} e on e.rotation_id = r.id and e.status = 'adopted'
      join ${rotationPlans} p on p.id = e.plan_id and p.facility_id = ${facilityId}
     where r.status = 'planned' and r.start_on <= ${period.end} and r.end_on >= ${period.start}
       and exists (select 1 from ${staffUnavailability} u where u.staff_id = r.staff_id and u.start_on <= r.end_on and u.end_on >= r.start_on)
     order by r.start_on, r.id`);
}

/**
 * Re-plans a draft: the solver runs again with the draft's still-proposed entries as the ones to
 * keep; adopted entries are rotations now and hold their people like any other; a planned rotation
 * adopted from a plan whose person became unavailable is freed. The draft is superseded by the
 * new one in one transaction, refused (409) if the draft changed while the solver ran.
 */
export async function replan(db: Db, actor: Actor, planId: number, input: { version: number }, settings: PlanSettings = {}): Promise<RotationPlan> {
  const { plan } = requirePlanForChange(db, actor, planId);
  requireDraft(plan, input.version);
  const options = parseOptions(plan);
  const previous: Proposal[] = db
    .select()
    .from(rotationPlanEntries)
    .where(and(eq(rotationPlanEntries.planId, planId), eq(rotationPlanEntries.status, "proposed")))
    .orderBy(asc(rotationPlanEntries.startOn), asc(rotationPlanEntries.id))
    .all()
    .map((e) => ({ staffId: e.staffId, toFacilityId: e.toFacilityId, agreementId: e.agreementId, startOn: e.startOn, endOn: e.endOn, transferItemIds: JSON.parse(e.transferItemIds) as number[] }));
  const period = { start: plan.periodStart, end: plan.periodEnd };
  const released = releasableRotations(db, plan.facilityId, period);
  const solverInput = loadSolverInput(db, actor, {
    facilityId: plan.facilityId,
    firstMonth: options.firstMonth,
    months: options.months,
    transferItemIds: options.transferItemIds,
    overrideExtra: options.overrideExtra,
    overrideReason: options.overrideReason,
    timeLimitSeconds: options.timeLimitSeconds,
    previous,
    releasedRotationIds: released.map((r) => r.rotationId),
  });
  const result = await (settings.solve ?? solveRotationPlan)(solverInput);
  return db.transaction((tx) => {
    const current = tx.select().from(rotationPlans).where(eq(rotationPlans.id, planId)).get()!;
    requireDraft(current, input.version);
    const superseded = tx
      .update(rotationPlans)
      .set({ status: "superseded", version: current.version + 1, updatedAt: new Date().toISOString() })
      .where(eq(rotationPlans.id, planId))
      .returning()
      .get();
    recordAudit(tx, { userId: actor.userId, action: "update", entityType: "rotation_plan", entityId: planId, before: { status: current.status, version: current.version }, after: { status: superseded.status, version: superseded.version } });
    return storePlan(tx, actor, {
      facilityId: plan.facilityId,
      period,
      options: { ...options, lines: solverInput.lines, released },
      result,
      previousPlanId: planId,
    });
  });
}

/** Which entries a decision applies to: the ones named, or (null) every entry still proposed. */
function chosenEntries(tx: Tx, planId: number, entryIds: readonly number[] | null) {
  const entries = tx
    .select()
    .from(rotationPlanEntries)
    .where(and(eq(rotationPlanEntries.planId, planId), entryIds ? inArray(rotationPlanEntries.id, [...new Set(entryIds)]) : undefined))
    .orderBy(asc(rotationPlanEntries.startOn), asc(rotationPlanEntries.id))
    .all();
  if (entryIds && entries.length !== new Set(entryIds).size) throw new DomainError("solver:errors.unknownEntry", { field: "entryIds" });
  const decided = entryIds ? entries.find((e) => e.status !== "proposed") : undefined;
  if (decided) throw new ConflictError("solver:errors.entryDecided", { field: "entryIds", params: { status: decided.status } });
  const open = entries.filter((e) => e.status === "proposed");
  if (open.length === 0) throw new DomainError("solver:errors.nothingChosen", { field: "entryIds" });
  return open;
}

function touchPlan(tx: Tx, plan: RotationPlan) {
  tx.update(rotationPlans)
    .set({ version: plan.version + 1, updatedAt: new Date().toISOString() })
    .where(eq(rotationPlans.id, plan.id))
    .run();
}

/**
 * Adopts entries of a draft (all still proposed when `entryIds` is null). Each becomes a rotation
 * through the rotation form's command, with every rule it checks; an entry that replaces a freed
 * rotation first cancels it through the status command. All or nothing: if a rule now refuses
 * one (the world changed since the plan), nothing is adopted and the 409 names the entry and
 * the rule's message.
 */
export function adoptEntries(
  db: Db,
  actor: Actor,
  planId: number,
  input: { entryIds: readonly number[] | null; version: number },
  today: string,
  locale: Locale = "vi",
): { rotationIds: number[] } {
  const t = getFixedT(locale, "solver");
  return db.transaction(() => {
    const { plan, kind, level } = requirePlanForChange(db, actor, planId);
    requireDraft(plan, input.version);
    const options = parseOptions(plan);
    const entries = chosenEntries(db, planId, input.entryIds);
    const names = new Map(
      db
        .select({ id: staff.id, name: staff.fullName })
        .from(staff)
        .where(inArray(staff.id, [...new Set(entries.map((e) => e.staffId))]))
        .all()
        .map((s) => [s.id, s.name]),
    );
    const sites = new Map(
      db
        .select({ id: facilities.id, kind: facilities.kind, level: facilities.level })
        .from(facilities)
        .where(inArray(facilities.id, [...new Set(entries.map((e) => e.toFacilityId))]))
        .all()
        .map((f) => [f.id, f]),
    );
    const numbers = new Map(
      db
        .select({ id: agreements.id, number: agreements.number })
        .from(agreements)
        .where(inArray(agreements.id, [...new Set(entries.map((e) => e.agreementId))]))
        .all()
        .map((a) => [a.id, a.number]),
    );
    const sending = db.select({ absenceLimit: facilities.absenceLimit, beds: facilities.beds }).from(facilities).where(eq(facilities.id, plan.facilityId)).get()!;
    const now = new Date().toISOString();
    const rotationIds: number[] = [];
    for (const entry of entries) {
      const person = names.get(entry.staffId) ?? String(entry.staffId);
      const refused = (error: unknown): never => {
        if (!(error instanceof DomainError) || error.status === 403 || error.status === 404) throw error;
        throw new ConflictError("solver:errors.adoptRefused", {
          field: "entryIds",
          params: { name: person, start: entry.startOn, end: entry.endOn, ruleMessage: encodeMessage(error.message, error.params) },
        });
      };
      try {
        if (entry.replacesRotationId !== null) {
          const old = db.select({ version: rotations.version, status: rotations.status }).from(rotations).where(eq(rotations.id, entry.replacesRotationId)).get();
          // Only a rotation still planned is replaced: one confirmed since the plan is never moved,
          // one cancelled meanwhile needs nothing more.
          if (old && old.status !== "planned" && old.status !== "cancelled") {
            throw new ConflictError("solver:errors.replacedNotPlanned", { params: { id: entry.replacesRotationId, statusMessage: `enums:rotationStatus.${old.status}` } });
          }
          if (old?.status === "planned") {
            changeRotationStatus(
              db,
              actor,
              entry.replacesRotationId,
              { to: "cancelled", version: old.version, cancelReason: t("adopt.replacedReason", { plan: planId }) },
              today,
            );
          }
        }
        const range = { start: entry.startOn, end: entry.endOn };
        // The plan's override allowance is used only where this rotation actually exceeds the limit.
        const over =
          options.overrideExtra > 0 &&
          checkAbsenceLimit({ othersAway: facilityAbsences(db, plan.facilityId, range, null), range, limit: absenceLimit(sending), override: false, overrideReason: null }) !== null;
        const site = sites.get(entry.toFacilityId)!;
        const number = numbers.get(entry.agreementId) ?? "";
        const rotation = createRotation(db, actor, {
          staffId: entry.staffId,
          toFacilityId: entry.toFacilityId,
          agreementId: entry.agreementId,
          transferItemIds: JSON.parse(entry.transferItemIds) as number[],
          purpose: "technique_transfer",
          startOn: entry.startOn,
          endOn: entry.endOn,
          directionPurpose: isDownward({ kind, level }, site) ? null : t("adopt.directionPurpose", { number }),
          limitOverride: over,
          limitOverrideReason: over ? options.overrideReason : null,
          notes: t("adopt.note", { plan: planId }),
        });
        rotationIds.push(rotation.id);
        db.update(rotationPlanEntries)
          .set({ status: "adopted", rotationId: rotation.id, decidedBy: actor.userId, decidedAt: now })
          .where(eq(rotationPlanEntries.id, entry.id))
          .run();
      } catch (error) {
        refused(error);
      }
    }
    touchPlan(db, plan);
    recordAuditBatch(
      db,
      entries.map((entry, index) => ({
        userId: actor.userId,
        action: "update" as const,
        entityType: "rotation_plan_entry",
        entityId: entry.id,
        before: { status: entry.status },
        after: { status: "adopted", rotationId: rotationIds[index] },
      })),
    );
    return { rotationIds };
  });
}

/** Rejects entries of a draft (all still proposed when `entryIds` is null). */
export function rejectEntries(db: Db, actor: Actor, planId: number, input: { entryIds: readonly number[] | null; version: number }): { rejected: number } {
  return db.transaction((tx) => {
    const { plan } = requirePlanForChange(tx, actor, planId);
    requireDraft(plan, input.version);
    const entries = chosenEntries(tx, planId, input.entryIds);
    const now = new Date().toISOString();
    tx.update(rotationPlanEntries)
      .set({ status: "rejected", decidedBy: actor.userId, decidedAt: now })
      .where(inArray(rotationPlanEntries.id, entries.map((e) => e.id)))
      .run();
    touchPlan(tx, plan);
    recordAuditBatch(
      tx,
      entries.map((entry) => ({ userId: actor.userId, action: "update" as const, entityType: "rotation_plan_entry", entityId: entry.id, before: { status: entry.status }, after: { status: "rejected" } })),
    );
    return { rejected: entries.length };
  });
}

export type PlanEntryView = {
  id: number;
  staffId: number;
  staffName: string;
  toFacilityId: number;
  toName: string;
  agreementId: number;
  agreementNumber: string;
  startOn: string;
  endOn: string;
  /** The lines served, each with its due date and whether the rotation ends after it. */
  lines: { id: number; code: string; name: string; dueOn: string | null; late: boolean }[];
  status: PlanEntryStatus;
  rotationId: number | null;
  rotationStatus: RotationStatus | null;
  replacesRotationId: number | null;
};

export type PlanView = {
  id: number;
  facilityId: number;
  facilityName: string;
  periodStart: string;
  periodEnd: string;
  status: RotationPlanStatus;
  version: number;
  createdAt: string;
  previousPlanId: number | null;
  /** The plan that superseded this one, if any. */
  nextPlanId: number | null;
  options: PlanOptions;
  result: SolverResult;
  entries: PlanEntryView[];
  /** The lines handed to the solver, by id, with the receiving site's name. */
  lines: Record<number, PlannableLine & { toName: string }>;
  canManage: boolean;
};

/** A plan as its page shows it; 404 when absent or outside the actor's read scope. */
export function getPlan(db: Tx, actor: Actor, planId: number, locale: Locale = "vi"): PlanView {
  const row = db
    .select({ plan: rotationPlans, facilityName: facilityShortNameSql(locale), provinceCode: facilities.provinceCode })
    .from(rotationPlans)
    .innerJoin(facilities, eq(facilities.id, rotationPlans.facilityId))
    .where(eq(rotationPlans.id, planId))
    .get();
  if (!row) throw new NotFoundError();
  const scope = { facilityId: row.plan.facilityId, provinceCode: row.provinceCode };
  if (!canRead(actor, scope)) throw new NotFoundError();
  const plan = row.plan;
  const options = parseOptions(plan);
  const result = parseResult(plan);
  const siteIds = [...new Set(options.lines.map((l) => l.toFacilityId))];
  const siteNames = new Map(
    siteIds.length
      ? db
          .select({ id: facilities.id, name: facilityShortNameSql(locale) })
          .from(facilities)
          .where(inArray(facilities.id, siteIds))
          .all()
          .map((f) => [f.id, f.name])
      : [],
  );
  const lines: PlanView["lines"] = {};
  for (const line of options.lines) lines[line.transferItemId] = { ...line, toName: siteNames.get(line.toFacilityId) ?? "" };
  const entries = db
    .select({
      entry: rotationPlanEntries,
      staffName: staff.fullName,
      toName: facilityShortNameSql(locale),
      agreementNumber: agreements.number,
      rotationStatus: rotations.status,
    })
    .from(rotationPlanEntries)
    .innerJoin(staff, eq(staff.id, rotationPlanEntries.staffId))
    .innerJoin(facilities, eq(facilities.id, rotationPlanEntries.toFacilityId))
    .innerJoin(agreements, eq(agreements.id, rotationPlanEntries.agreementId))
    .leftJoin(rotations, eq(rotations.id, rotationPlanEntries.rotationId))
    .where(eq(rotationPlanEntries.planId, planId))
    .orderBy(asc(staff.fullName), asc(rotationPlanEntries.startOn), asc(rotationPlanEntries.id))
    .all()
    .map(({ entry, ...names }) => ({
      id: entry.id,
      staffId: entry.staffId,
      staffName: names.staffName,
      toFacilityId: entry.toFacilityId,
      toName: names.toName,
      agreementId: entry.agreementId,
      agreementNumber: names.agreementNumber,
      startOn: entry.startOn,
      endOn: entry.endOn,
      lines: (JSON.parse(entry.transferItemIds) as number[]).map((id) => {
        const dueOn = lines[id]?.dueOn ?? null;
        return { id, code: lines[id]?.code ?? String(id), name: lines[id]?.name ?? "", dueOn, late: !isOnTime({ dueOn }, entry.endOn) };
      }),
      status: entry.status,
      rotationId: entry.rotationId,
      rotationStatus: names.rotationStatus ?? null,
      replacesRotationId: entry.replacesRotationId,
    }));
  const next = db.select({ id: rotationPlans.id }).from(rotationPlans).where(eq(rotationPlans.previousPlanId, planId)).get();
  return {
    id: plan.id,
    facilityId: plan.facilityId,
    facilityName: row.facilityName,
    periodStart: plan.periodStart,
    periodEnd: plan.periodEnd,
    status: plan.status,
    version: plan.version,
    createdAt: plan.createdAt,
    previousPlanId: plan.previousPlanId,
    nextPlanId: next?.id ?? null,
    options,
    result,
    entries,
    lines,
    canManage: plan.status === "draft" && canChange(actor, "rotations.manage", scope),
  };
}

/** A draft's still-proposed entries placed on the board's window, grouped by person or by receiving facility. */
export type DraftBar = { entryId: number; staffName: string; toName: string; startOn: string; endOn: string; codes: string[]; left: number; width: number };
export type DraftLayer = { planId: number; status: RotationPlanStatus; groups: { key: number; label: string; bars: DraftBar[] }[] };

export function draftLayer(db: Tx, actor: Actor, planId: number, window: DateRange, view: "person" | "facility", locale: Locale = "vi"): DraftLayer {
  const plan = getPlan(db, actor, planId, locale);
  const groups = new Map<number, DraftLayer["groups"][number]>();
  for (const entry of plan.entries) {
    if (entry.status !== "proposed") continue;
    const place = barPlacement({ start: entry.startOn, end: entry.endOn }, window);
    if (!place) continue;
    const key = view === "person" ? entry.staffId : entry.toFacilityId;
    const group = groups.get(key) ?? { key, label: view === "person" ? entry.staffName : entry.toName, bars: [] };
    group.bars.push({ entryId: entry.id, staffName: entry.staffName, toName: entry.toName, startOn: entry.startOn, endOn: entry.endOn, codes: entry.lines.map((l) => l.code), ...place });
    groups.set(key, group);
  }
  return { planId, status: plan.status, groups: [...groups.values()] };
}

export type PlanListRow = { id: number; periodStart: string; periodEnd: string; status: RotationPlanStatus; createdAt: string; served: number; lines: number; proposals: number };

/** The facility's latest plans (the form's "recent plans"), newest first. */
export function recentPlans(db: Tx, actor: Actor, facilityId: number, limit = 10): PlanListRow[] {
  const facility = db.select({ provinceCode: facilities.provinceCode }).from(facilities).where(eq(facilities.id, facilityId)).get();
  if (!facility || !canRead(actor, { facilityId, provinceCode: facility.provinceCode })) return [];
  return db
    .select({ id: rotationPlans.id, periodStart: rotationPlans.periodStart, periodEnd: rotationPlans.periodEnd, status: rotationPlans.status, createdAt: rotationPlans.createdAt, result: rotationPlans.result })
    .from(rotationPlans)
    .where(eq(rotationPlans.facilityId, facilityId))
    .orderBy(sql`${rotationPlans.id} desc`)
    .limit(limit)
    .all()
    .map(({ result, ...row }) => {
      const parsed = JSON.parse(result) as SolverResult;
      return { ...row, served: parsed.measures.served, lines: parsed.measures.lines, proposals: parsed.proposals.length };
    });
}
