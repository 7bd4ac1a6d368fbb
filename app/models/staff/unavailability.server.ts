// A staff member's periods away (leave, illness, study): listed on the person's page, entered by
// whoever changes that facility's staff or rotations. Each write is checked (dates, overlap with
// the person's other periods, version) and audited in one transaction. A period may cover
// rotations or courses already planned (illness is not scheduled); the answer then lists them
// as warnings so the trainer re-plans them. The clash rule reads these periods through
// schedule/commitments.server.ts, so every scheduling form refuses those days afterwards.
import { and, asc, eq, inArray, ne } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { courses, facilities, rotations, staff, staffUnavailability, users, type StaffUnavailability } from "~/db/schema";
import { canChange, type Actor, type RecordScope } from "~/models/access/policy";
import { assertVersion, recordAudit, type Tx } from "~/models/audit/audit.server";
import type { DateRange } from "~/models/dates";
import type { UnavailabilityKind } from "~/models/enums";
import { ConflictError, ForbiddenError, NotFoundError } from "~/models/errors";
import { listCommitments } from "~/models/schedule/commitments.server";
import type { CommitmentKind } from "~/models/schedule/rules";
import { checkUnavailabilityDates, findOverlappingPeriod, type UnavailabilityInput } from "./unavailability";
import { unavailabilityTitles } from "./unavailability-titles.server";

/** Whether the actor may enter a person's unavailability: staff or rotation managers of their facility. */
export function canManageUnavailability(actor: Actor, scope: RecordScope): boolean {
  return canChange(actor, "staff.manage", scope) || canChange(actor, "rotations.manage", scope);
}

function personScope(tx: Tx, staffId: number): (RecordScope & { facilityId: number }) | null {
  return (
    tx
      .select({ facilityId: staff.facilityId, provinceCode: facilities.provinceCode })
      .from(staff)
      .innerJoin(facilities, eq(facilities.id, staff.facilityId))
      .where(eq(staff.id, staffId))
      .get() ?? null
  );
}

/** The person, checked to exist (404) and to be within the actor's change scope (403). */
function requireManagedPerson(tx: Tx, actor: Actor, staffId: number) {
  const scope = personScope(tx, staffId);
  if (!scope) throw new NotFoundError();
  if (!canManageUnavailability(actor, scope)) throw new ForbiddenError();
  return scope;
}

export type UnavailabilityRow = {
  id: number;
  kind: UnavailabilityKind;
  startOn: string;
  endOn: string;
  note: string | null;
  version: number;
  enteredBy: string | null;
};

/**
 * A person's periods away, earliest first, with who entered each. The caller has checked that
 * the actor reads the person (the staff page's own loader); `canManage` says whether the page
 * offers the forms.
 */
export function listUnavailability(db: Db, actor: Actor, staffId: number): { periods: UnavailabilityRow[]; canManage: boolean } {
  const scope = personScope(db, staffId);
  if (!scope) throw new NotFoundError();
  const periods = db
    .select({
      id: staffUnavailability.id,
      kind: staffUnavailability.kind,
      startOn: staffUnavailability.startOn,
      endOn: staffUnavailability.endOn,
      note: staffUnavailability.note,
      version: staffUnavailability.version,
      enteredBy: users.displayName,
    })
    .from(staffUnavailability)
    .leftJoin(users, eq(users.id, staffUnavailability.createdBy))
    .where(eq(staffUnavailability.staffId, staffId))
    .orderBy(asc(staffUnavailability.startOn), asc(staffUnavailability.id))
    .all();
  return { periods, canManage: canManageUnavailability(actor, scope) };
}

/** A planned or running commitment the new period covers: the page links it for re-planning. */
export type UnavailabilityWarning = {
  kind: Exclude<CommitmentKind, "unavailability">;
  id: number;
  title: string;
  titleEn: string;
  start: string;
  end: string;
  href: string;
};

/**
 * The person's rotations (planned or confirmed) and courses (not yet completed) sharing a day
 * with `range`: what the period makes impossible and someone must re-plan.
 */
function coveredCommitments(tx: Tx, staffId: number, range: DateRange): UnavailabilityWarning[] {
  const found = listCommitments(tx, staffId, range).filter((c) => c.kind !== "unavailability");
  const rotationIds = found.filter((c) => c.kind === "rotation").map((c) => c.id);
  const courseIds = found.filter((c) => c.kind !== "rotation").map((c) => c.id);
  const liveRotations = new Set(
    rotationIds.length
      ? tx.select({ id: rotations.id }).from(rotations).where(and(inArray(rotations.id, rotationIds), inArray(rotations.status, ["planned", "confirmed"]))).all().map((r) => r.id)
      : [],
  );
  const liveCourses = new Set(
    courseIds.length
      ? tx.select({ id: courses.id }).from(courses).where(and(inArray(courses.id, courseIds), ne(courses.status, "completed"))).all().map((r) => r.id)
      : [],
  );
  const seen = new Set<string>();
  const warnings: UnavailabilityWarning[] = [];
  for (const c of found) {
    if (c.kind === "unavailability") continue;
    const live = c.kind === "rotation" ? liveRotations.has(c.id) : liveCourses.has(c.id);
    // A course trained on several single days comes once per day: one warning is enough.
    const key = `${c.kind}-${c.id}`;
    if (!live || seen.has(key)) continue;
    seen.add(key);
    warnings.push({ ...c, kind: c.kind, href: c.kind === "rotation" ? `/rotations/${c.id}` : `/courses/${c.id}` });
  }
  return warnings;
}

function normalize(input: UnavailabilityInput) {
  return { kind: input.kind, startOn: input.startOn, endOn: input.endOn, note: input.note?.trim() || null };
}

/** Refuses bad dates (400) and an overlap with another of the person's periods (409, naming it). */
function checkPeriod(tx: Tx, staffId: number, values: ReturnType<typeof normalize>, ignoreId: number | null) {
  const range = { start: values.startOn, end: values.endOn };
  const invalid = checkUnavailabilityDates(range);
  if (invalid) throw invalid;
  const others = tx
    .select({ id: staffUnavailability.id, kind: staffUnavailability.kind, startOn: staffUnavailability.startOn, endOn: staffUnavailability.endOn })
    .from(staffUnavailability)
    .where(eq(staffUnavailability.staffId, staffId))
    .all();
  const overlap = findOverlappingPeriod(others, range, ignoreId);
  if (overlap) {
    throw new ConflictError("staff:unavailability.errors.overlap", {
      field: "startOn",
      params: { ...unavailabilityTitles(overlap.kind), start: overlap.startOn, end: overlap.endOn },
    });
  }
  return range;
}

export type UnavailabilityResult = { period: StaffUnavailability; warnings: UnavailabilityWarning[] };

export function createUnavailability(db: Db, actor: Actor, staffId: number, input: UnavailabilityInput): UnavailabilityResult {
  return db.transaction((tx) => {
    requireManagedPerson(tx, actor, staffId);
    const values = normalize(input);
    const range = checkPeriod(tx, staffId, values, null);
    const period = tx
      .insert(staffUnavailability)
      .values({ staffId, ...values, createdBy: actor.userId || null })
      .returning()
      .get();
    recordAudit(tx, { userId: actor.userId || null, action: "create", entityType: "staff_unavailability", entityId: period.id, after: period });
    return { period, warnings: coveredCommitments(tx, staffId, range) };
  });
}

/** The period, checked to be this person's (another person's id is as unknown as a missing one). */
function requirePeriod(tx: Tx, staffId: number, id: number): StaffUnavailability {
  const current = tx.select().from(staffUnavailability).where(eq(staffUnavailability.id, id)).get();
  if (!current || current.staffId !== staffId) throw new NotFoundError();
  return current;
}

export function updateUnavailability(
  db: Db,
  actor: Actor,
  staffId: number,
  id: number,
  input: UnavailabilityInput & { version: number },
): UnavailabilityResult {
  return db.transaction((tx) => {
    requireManagedPerson(tx, actor, staffId);
    const current = requirePeriod(tx, staffId, id);
    const values = normalize(input);
    assertVersion(current, input.version, values);
    const range = checkPeriod(tx, staffId, values, id);
    const period = tx
      .update(staffUnavailability)
      .set({ ...values, version: current.version + 1, updatedAt: new Date().toISOString() })
      .where(eq(staffUnavailability.id, id))
      .returning()
      .get();
    recordAudit(tx, { userId: actor.userId || null, action: "update", entityType: "staff_unavailability", entityId: id, before: current, after: period });
    return { period, warnings: coveredCommitments(tx, staffId, range) };
  });
}

export function deleteUnavailability(db: Db, actor: Actor, staffId: number, id: number, input: { version: number }): StaffUnavailability {
  return db.transaction((tx) => {
    requireManagedPerson(tx, actor, staffId);
    const current = requirePeriod(tx, staffId, id);
    assertVersion(current, input.version);
    tx.delete(staffUnavailability).where(eq(staffUnavailability.id, id)).run();
    recordAudit(tx, { userId: actor.userId || null, action: "delete", entityType: "staff_unavailability", entityId: id, before: current });
    return current;
  });
}
