// Enrolment: requests for seats, the waitlist and the host's decisions.
//
// Capacity invariant: the seats held (rules.SEAT_STATUSES) never exceed the course capacity.
// Every command that gives or frees a seat counts and writes inside ONE `BEGIN IMMEDIATE`
// transaction on the better-sqlite3 connection, so writers in other processes wait for the
// write lock (busy_timeout) instead of counting the same free seat twice.
import { and, asc, eq, gt, inArray, notInArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { attendance, courses, enrolments, facilities, staff, type Course, type Enrolment, type Staff } from "~/db/schema";
import { canChange, canRead, hasCapability, type Actor } from "~/models/access/policy";
import { facilityScopeCondition } from "~/models/access/scope-sql.server";
import { recordAudit } from "~/models/audit/audit.server";
import { ConflictError, DomainError, ForbiddenError, NotFoundError } from "~/models/errors";
import type { Locale } from "~/models/enums";
import { facilityShortNameSql } from "~/models/facilities/names.server";
import { notifyEnrolmentChange } from "~/models/notifications/notifications.server";
import { assertPersonFree, listCommitments, listCommitmentsByStaff } from "~/models/schedule/commitments.server";
import { findClashes, type ClashOptions, type Commitment } from "~/models/schedule/rules";
import { paginate, type Page, type PageRequest } from "~/utils/pagination";
import { searchTerms } from "~/utils/search";
import { hostScope } from "./courses.server";
import { canApproveOn, canWithdraw, holdsSeat, placeRequest, SEAT_STATUSES, seatStatusFor } from "./rules";

/** Runs `fn` in a BEGIN IMMEDIATE transaction: concurrent writers queue for the write lock. */
export function immediate<T>(db: Db, fn: () => T): T {
  return db.$client.transaction(fn).immediate();
}

/**
 * The clash check of a seat in a course (request, waitlist promotion, the enrol form's list):
 * the course itself, attended or trained, is not a clash.
 */
function seatClashOptions(courseId: number): ClashOptions {
  return { ignore: { kind: "course_attendance", id: courseId } };
}

function staffScope(db: Db, staffId: number) {
  const row = db
    .select({ id: staff.id, facilityId: staff.facilityId, provinceCode: facilities.provinceCode, fullName: staff.fullName })
    .from(staff)
    .innerJoin(facilities, eq(facilities.id, staff.facilityId))
    .where(eq(staff.id, staffId))
    .get();
  return row ?? null;
}

function countSeats(db: Db, courseId: number): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(enrolments)
      .where(and(eq(enrolments.courseId, courseId), inArray(enrolments.status, [...SEAT_STATUSES])))
      .get()?.n ?? 0
  );
}

function lastWaitlistPosition(db: Db, courseId: number): number {
  return (
    db
      .select({ n: sql<number>`coalesce(max(${enrolments.waitlistPosition}), 0)` })
      .from(enrolments)
      .where(and(eq(enrolments.courseId, courseId), eq(enrolments.status, "waitlisted")))
      .get()?.n ?? 0
  );
}

/** Closes the gap a waitlisted person leaves, so positions stay 1..n in order. */
function closeWaitlistGap(db: Db, courseId: number, position: number | null) {
  if (position === null) return;
  db.update(enrolments)
    .set({ waitlistPosition: sql`${enrolments.waitlistPosition} - 1` })
    .where(
      and(
        eq(enrolments.courseId, courseId),
        eq(enrolments.status, "waitlisted"),
        gt(enrolments.waitlistPosition, position),
      ),
    )
    .run();
}

/**
 * Gives free seats to the waitlist in order. Someone who took another commitment on the
 * course's days meanwhile keeps their place and the next person moves up. Call inside the
 * transaction that freed the seat.
 */
function promoteFromWaitlist(db: Db, actor: Actor | null, course: Course, now: string): Enrolment[] {
  const promoted: Enrolment[] = [];
  let free = course.capacity - countSeats(db, course.id);
  if (free <= 0) return promoted;
  const waiting = db
    .select({ enrolment: enrolments, facilityId: staff.facilityId })
    .from(enrolments)
    .innerJoin(staff, eq(staff.id, enrolments.staffId))
    .where(and(eq(enrolments.courseId, course.id), eq(enrolments.status, "waitlisted")))
    .orderBy(asc(enrolments.waitlistPosition), asc(enrolments.id))
    .all();
  for (const { enrolment, facilityId } of waiting) {
    if (free <= 0) break;
    const range = { start: course.startOn, end: course.endOn };
    const clashes = findClashes(listCommitments(db, enrolment.staffId, range), range, seatClashOptions(course.id));
    if (clashes.length > 0) continue;
    const updated = db
      .update(enrolments)
      .set({
        status: seatStatusFor(facilityId, course.hostFacilityId),
        waitlistPosition: null,
        version: enrolment.version + 1,
        updatedAt: now,
      })
      .where(eq(enrolments.id, enrolment.id))
      .returning()
      .get();
    closeWaitlistGap(db, course.id, enrolment.waitlistPosition);
    recordAudit(db, {
      userId: actor?.userId ?? null,
      action: "update",
      entityType: "enrolment",
      entityId: enrolment.id,
      before: enrolment,
      after: updated,
      at: now,
    });
    notifyEnrolmentChange(db, { enrolmentId: enrolment.id, before: enrolment.status, after: updated.status }, actor?.userId ?? null, now);
    promoted.push(updated);
    free -= 1;
  }
  return promoted;
}

export type EnrolmentRequest = { courseId: number; staffId: number };

/**
 * A trainer or director requests a seat for a member of their own facility's staff. The
 * result holds a seat while seats are left (approved at once for the host's own staff,
 * otherwise awaiting the host's approval) and goes on the waitlist after that.
 */
export function requestEnrolment(db: Db, actor: Actor, input: EnrolmentRequest, now = new Date().toISOString()): Enrolment {
  const person = staffScope(db, input.staffId);
  if (!person) throw new DomainError("courses:errors.unknownStaff", { field: "staffId", status: 404 });
  if (!canChange(actor, "enrolments.request", { facilityId: person.facilityId, provinceCode: person.provinceCode })) {
    throw new ForbiddenError("courses:errors.notYourStaff");
  }
  return immediate(db, () => {
    const course = db.select().from(courses).where(eq(courses.id, input.courseId)).get();
    if (!course) throw new NotFoundError();
    if (course.status !== "open") throw new ConflictError("courses:errors.notOpen", { field: "staffId" });
    const existing = db
      .select()
      .from(enrolments)
      .where(and(eq(enrolments.courseId, course.id), eq(enrolments.staffId, person.id)))
      .get();
    if (existing && existing.status !== "withdrawn" && existing.status !== "rejected") {
      throw new ConflictError("courses:errors.duplicate", { field: "staffId", params: { name: person.fullName } });
    }
    assertPersonFree(
      db,
      person.id,
      { start: course.startOn, end: course.endOn },
      { ...seatClashOptions(course.id), field: "staffId" },
    );
    const status = placeRequest(countSeats(db, course.id), course.capacity, person.facilityId, course.hostFacilityId);
    const values = {
      status,
      waitlistPosition: status === "waitlisted" ? lastWaitlistPosition(db, course.id) + 1 : null,
      requestedBy: actor.userId,
      requestedAt: now,
      score: null,
      completedOn: null,
      updatedAt: now,
    };
    // Someone who withdrew (or was rejected) may be requested again: the same row is reused.
    const saved = existing
      ? db
          .update(enrolments)
          .set({ ...values, version: existing.version + 1 })
          .where(eq(enrolments.id, existing.id))
          .returning()
          .get()
      : db
          .insert(enrolments)
          .values({ ...values, courseId: course.id, staffId: person.id })
          .returning()
          .get();
    recordAudit(db, {
      userId: actor.userId,
      action: existing ? "update" : "create",
      entityType: "enrolment",
      entityId: saved.id,
      before: existing ?? null,
      after: saved,
      at: now,
    });
    return saved;
  });
}

/** `courseId`, when given, is the course the decision was made on: an enrolment of another course is not found. */
export type EnrolmentDecision = { intent: "approve" | "reject" | "withdraw"; enrolmentId: number; courseId?: number };
export type DecisionResult = { enrolment: Enrolment; promoted: Enrolment[] };

/**
 * The host trainer approves or rejects a request; the host or the trainee's own facility
 * withdraws. A freed seat goes to the first person on the waitlist in the same transaction.
 */
export function decideEnrolment(db: Db, actor: Actor, input: EnrolmentDecision, now = new Date().toISOString()): DecisionResult {
  return immediate(db, () => {
    const current = db.select().from(enrolments).where(eq(enrolments.id, input.enrolmentId)).get();
    if (!current || (input.courseId !== undefined && current.courseId !== input.courseId)) throw new NotFoundError();
    const course = db.select().from(courses).where(eq(courses.id, current.courseId)).get()!;
    const person = staffScope(db, current.staffId)!;
    const isHost = canChange(actor, "courses.manage", hostScope(db, course));
    const isOwn = canChange(actor, "enrolments.request", { facilityId: person.facilityId, provinceCode: person.provinceCode });
    let status: Enrolment["status"];
    if (input.intent === "approve") {
      if (!isHost) throw new ForbiddenError();
      if (current.status !== "requested") throw new ConflictError("courses:errors.cannotApprove");
      if (!canApproveOn(course.status)) {
        throw new ConflictError("courses:errors.approveClosedCourse", { params: { status: course.status } });
      }
      status = "approved";
    } else if (input.intent === "reject") {
      if (!isHost) throw new ForbiddenError();
      if (current.status !== "requested" && current.status !== "waitlisted") {
        throw new ConflictError("courses:errors.cannotReject");
      }
      status = "rejected";
    } else {
      if (!isHost && !isOwn) throw new ForbiddenError();
      if (!canWithdraw(current.status)) throw new ConflictError("courses:errors.cannotWithdraw");
      status = "withdrawn";
    }
    const enrolment = db
      .update(enrolments)
      .set({ status, waitlistPosition: null, version: current.version + 1, updatedAt: now })
      .where(eq(enrolments.id, current.id))
      .returning()
      .get();
    if (current.status === "waitlisted") closeWaitlistGap(db, course.id, current.waitlistPosition);
    recordAudit(db, {
      userId: actor.userId,
      action: "update",
      entityType: "enrolment",
      entityId: current.id,
      before: current,
      after: enrolment,
      at: now,
    });
    notifyEnrolmentChange(db, { enrolmentId: current.id, before: current.status, after: status }, actor.userId, now);
    const promoted =
      holdsSeat(current.status) && !holdsSeat(status) && course.status !== "cancelled"
        ? promoteFromWaitlist(db, actor, course, now)
        : [];
    return { enrolment, promoted };
  });
}

export type ParticipantRow = {
  id: number;
  staffId: number;
  fullName: string;
  facilityId: number;
  facilityName: string;
  status: Enrolment["status"];
  waitlistPosition: number | null;
  requestedAt: string;
  score: number | null;
  certificateNumber: string | null;
  completedOn: string | null;
  version: number;
  attended: number;
};

/** Status order on the participants list: seats first, then the waitlist in order, then the rest. */
const statusOrder = sql`case ${enrolments.status}
  when 'completed' then 0 when 'failed' then 1 when 'enrolled' then 2 when 'approved' then 3
  when 'requested' then 4 when 'waitlisted' then 5 else 6 end`;

/**
 * Participants of a course. The host (and whoever reads the host's records) sees everyone;
 * another facility sees only its own staff.
 */
export function listParticipants(
  db: Db,
  actor: Actor,
  course: Pick<Course, "id" | "hostFacilityId">,
  page: PageRequest,
  locale: Locale,
): Page<ParticipantRow> {
  const where: SQL[] = [eq(enrolments.courseId, course.id)];
  if (!canRead(actor, hostScope(db, course))) where.push(facilityScopeCondition(actor, staff.facilityId));
  const condition = and(...where);
  return paginate(
    page,
    () =>
      db
        .select({ n: sql<number>`count(*)` })
        .from(enrolments)
        .innerJoin(staff, eq(staff.id, enrolments.staffId))
        .where(condition)
        .get()?.n ?? 0,
    (at) =>
      db
        .select({
          id: enrolments.id,
          staffId: enrolments.staffId,
          fullName: staff.fullName,
          facilityId: staff.facilityId,
          facilityName: facilityShortNameSql(locale),
          status: enrolments.status,
          waitlistPosition: enrolments.waitlistPosition,
          requestedAt: enrolments.requestedAt,
          score: enrolments.score,
          certificateNumber: enrolments.certificateNumber,
          completedOn: enrolments.completedOn,
          version: enrolments.version,
          attended: sql<number>`(select count(*) from ${attendance} a where a.enrolment_id = ${enrolments.id} and a.present = 1)`,
        })
        .from(enrolments)
        .innerJoin(staff, eq(staff.id, enrolments.staffId))
        .innerJoin(facilities, eq(facilities.id, staff.facilityId))
        .where(condition)
        .orderBy(statusOrder, asc(enrolments.waitlistPosition), asc(enrolments.requestedAt), asc(enrolments.id))
        .limit(at.pageSize)
        .offset(at.offset)
        .all(),
  );
}

export type EnrolmentCandidate = {
  id: number;
  fullName: string;
  cadre: Staff["cadre"];
  /** The first commitment that holds the person on one of the course's days (requesting them answers 409), or null. */
  busy: Commitment | null;
};

/**
 * Staff of the actor's facility who could be requested for the course (not already in it),
 * each marked with the first commitment that makes them busy on the course's days, as the
 * request itself would find it. The commitments of the whole list come in one query.
 */
export function listEnrolmentCandidates(
  db: Db,
  actor: Actor,
  course: Pick<Course, "id" | "startOn" | "endOn">,
  query?: string,
  limit = 300,
): EnrolmentCandidate[] {
  if (!hasCapability(actor, "enrolments.request") || actor.facilityId === null) return [];
  const where: SQL[] = [
    eq(staff.facilityId, actor.facilityId),
    eq(staff.active, true),
    notInArray(
      staff.id,
      db
        .select({ id: enrolments.staffId })
        .from(enrolments)
        .where(and(eq(enrolments.courseId, course.id), notInArray(enrolments.status, ["withdrawn", "rejected"]))),
    ),
  ];
  for (const term of searchTerms(query)) where.push(sql`${staff.searchText} like ${`%${term}%`}`);
  const people = db
    .select({ id: staff.id, fullName: staff.fullName, cadre: staff.cadre })
    .from(staff)
    .where(and(...where))
    .orderBy(asc(staff.fullName))
    .limit(limit)
    .all();
  const range = { start: course.startOn, end: course.endOn };
  const commitments = listCommitmentsByStaff(db, { staffIds: people.map((p) => p.id) }, range);
  return people.map((p) => ({
    ...p,
    busy: findClashes(commitments.get(p.id) ?? [], range, seatClashOptions(course.id))[0] ?? null,
  }));
}
