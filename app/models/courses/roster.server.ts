// The roster of one session: the attending trainees as a list with a tap each, for the
// trainer on a phone. One tick is one write, audited, under the same rules as the sheet.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { attendance, courseSessions, enrolments, facilities, selfCheckIns, staff, type Enrolment } from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import type { Locale } from "~/models/enums";
import { facilityShortNameSql } from "~/models/facilities/names.server";
import { recordAudit } from "~/models/audit/audit.server";
import { ConflictError, NotFoundError } from "~/models/errors";
import { immediate } from "./enrolments.server";
import { OPEN_RESULT_STATUSES, requireHostCourse } from "./results.server";
import { ATTENDING_STATUSES } from "./rules";

export type RosterRow = {
  enrolmentId: number;
  fullName: string;
  facilityName: string;
  status: Enrolment["status"];
  /** null: not yet marked for this session. */
  present: boolean | null;
  /** A trainee with a certificate keeps their attendance as it was. */
  locked: boolean;
  /** When the trainee checked themself in by code, while the trainer has not yet decided. */
  checkedInAt: string | null;
};

export function requireSession(db: Db, courseId: number, sessionId: number) {
  const session = db
    .select()
    .from(courseSessions)
    .where(and(eq(courseSessions.id, sessionId), eq(courseSessions.courseId, courseId)))
    .get();
  if (!session) throw new NotFoundError();
  return session;
}

/** The session with its number in the course (1-based, in date order) and its attending trainees by name. */
export function getSessionRoster(db: Db, actor: Actor, courseId: number, sessionId: number, locale: Locale) {
  const course = requireHostCourse(db, actor, courseId);
  const session = requireSession(db, course.id, sessionId);
  const number =
    db
      .select({ n: sql<number>`count(*)` })
      .from(courseSessions)
      .where(
        and(
          eq(courseSessions.courseId, course.id),
          sql`(${courseSessions.heldOn}, ${courseSessions.startsAt}, ${courseSessions.id}) <= (${session.heldOn}, ${session.startsAt}, ${session.id})`,
        ),
      )
      .get()?.n ?? 1;
  const rows = db
    .select({
      enrolmentId: enrolments.id,
      fullName: staff.fullName,
      facilityName: facilityShortNameSql(locale),
      status: enrolments.status,
      present: attendance.present,
      checkedInAt: selfCheckIns.checkedInAt,
    })
    .from(enrolments)
    .innerJoin(staff, eq(staff.id, enrolments.staffId))
    .innerJoin(facilities, eq(facilities.id, staff.facilityId))
    .leftJoin(attendance, and(eq(attendance.enrolmentId, enrolments.id), eq(attendance.sessionId, session.id)))
    .leftJoin(
      selfCheckIns,
      and(eq(selfCheckIns.enrolmentId, enrolments.id), eq(selfCheckIns.sessionId, session.id), eq(selfCheckIns.status, "pending")),
    )
    .where(and(eq(enrolments.courseId, course.id), inArray(enrolments.status, [...ATTENDING_STATUSES])))
    .orderBy(asc(staff.fullName), asc(enrolments.id))
    .all()
    .map((r): RosterRow => ({ ...r, present: r.present ?? null, locked: !(OPEN_RESULT_STATUSES as readonly string[]).includes(r.status) }));
  return { course: { id: course.id, title: course.title }, session: { ...session, number }, rows };
}

/**
 * Marks one trainee present or absent at one session. An approved trainee marked present
 * becomes enrolled, as on the sheet; a trainee with a certificate is not changed (409).
 */
export function markSessionAttendance(
  db: Db,
  actor: Actor,
  input: { courseId: number; sessionId: number; enrolmentId: number; present: boolean },
  now = new Date().toISOString(),
): { present: boolean } {
  return immediate(db, () => {
    const course = requireHostCourse(db, actor, input.courseId);
    const session = requireSession(db, course.id, input.sessionId);
    const row = db
      .select()
      .from(enrolments)
      .where(and(eq(enrolments.id, input.enrolmentId), eq(enrolments.courseId, course.id)))
      .get();
    if (!row || !(ATTENDING_STATUSES as readonly string[]).includes(row.status)) throw new NotFoundError();
    if (!(OPEN_RESULT_STATUSES as readonly string[]).includes(row.status)) throw new ConflictError("courses:errors.attendanceLocked");
    const before = db
      .select()
      .from(attendance)
      .where(and(eq(attendance.enrolmentId, row.id), eq(attendance.sessionId, session.id)))
      .get();
    if (before?.present === input.present) return { present: input.present };
    const after = db
      .insert(attendance)
      .values({ enrolmentId: row.id, sessionId: session.id, present: input.present })
      .onConflictDoUpdate({ target: [attendance.enrolmentId, attendance.sessionId], set: { present: input.present } })
      .returning()
      .get();
    recordAudit(db, {
      userId: actor.userId,
      action: before ? "update" : "create",
      entityType: "attendance",
      entityId: `${row.id}:${session.id}`,
      before: before ?? null,
      after,
      at: now,
    });
    if (row.status === "approved" && input.present) {
      const updated = db
        .update(enrolments)
        .set({ status: "enrolled", version: row.version + 1, updatedAt: now })
        .where(eq(enrolments.id, row.id))
        .returning()
        .get();
      recordAudit(db, { userId: actor.userId, action: "update", entityType: "enrolment", entityId: row.id, before: row, after: updated, at: now });
    }
    return { present: input.present };
  });
}
