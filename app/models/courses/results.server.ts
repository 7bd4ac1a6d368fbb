// Attendance, scores and completion. Completion is decided by rules.evaluateCompletion; a
// completed trainee gets a certificate number and a credit-hour entry in the SAME transaction,
// so the ledger and the certificates cannot disagree.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { attendance, courseSessions, courses, enrolments, facilities, type Enrolment } from "~/db/schema";
import { canChange, type Actor } from "~/models/access/policy";
import { recordAudit } from "~/models/audit/audit.server";
import { writeRecordedCredit } from "~/models/credits/credits.server";
import { ConflictError, DomainError, ForbiddenError, NotFoundError } from "~/models/errors";
import { newCertificateToken } from "./certificates.server";
import { hostScope } from "./courses.server";
import { immediate } from "./enrolments.server";
import { keyUsedElsewhere, priorReceipt, writeReceipt } from "~/models/offline/receipts.server";
import {
  canEvaluateWholeCourse,
  canIssueCertificate,
  certificatePrefix,
  completionShortfall,
  evaluateCompletion,
  formatCertificateNumber,
  isValidScore,
} from "./rules";

/** Trainees whose attendance and score may still change (a certificate, once issued, stays). */
export const OPEN_RESULT_STATUSES = ["approved", "enrolled", "failed"] as const;

export type AttendanceSheet = {
  /** Enrolment ids shown on the submitted sheet: their unticked boxes mean absent. */
  rows: number[];
  /** "enrolmentId:sessionId" for each tick. */
  present: string[];
  /** Score out of 10 by enrolment id; missing means no score. */
  score: Record<string, number | undefined>;
  /** Made when the sheet was filled: a sheet sent again (offline outbox, lost answer) lands once. */
  idempotencyKey?: string;
};

/** The page an attendance sheet is entered on, and the page a replay of its submission goes back to. */
export function attendanceLocation(courseId: number): string {
  return `/courses/${courseId}`;
}

export function requireHostCourse(db: Db, actor: Actor, courseId: number) {
  const course = db.select().from(courses).where(eq(courses.id, courseId)).get();
  if (!course) throw new NotFoundError();
  if (!canChange(actor, "courses.manage", hostScope(db, course))) throw new ForbiddenError();
  return course;
}

/**
 * Saves the ticks and scores of the trainees on the sheet; approved trainees who attended become
 * enrolled. A replay of a sheet already saved under its key (`replayed`) writes nothing: a newer
 * sheet saved since is not overwritten by an old one sent again.
 */
export function saveAttendanceSheet(db: Db, actor: Actor, courseId: number, sheet: AttendanceSheet, now = new Date().toISOString()) {
  return immediate(db, () => {
    const prior = priorReceipt(db, actor, "attendance", sheet.idempotencyKey);
    if (prior) {
      // The key went with another course's sheet: it is another submission's key.
      if (prior.entityId !== courseId) throw keyUsedElsewhere();
      return { saved: 0, replayed: true };
    }
    const course = requireHostCourse(db, actor, courseId);
    const sessionIds = new Set(
      db.select({ id: courseSessions.id }).from(courseSessions).where(eq(courseSessions.courseId, course.id)).all().map((s) => s.id),
    );
    const rows = sheet.rows.length
      ? db
          .select()
          .from(enrolments)
          .where(and(eq(enrolments.courseId, course.id), inArray(enrolments.id, sheet.rows), inArray(enrolments.status, [...OPEN_RESULT_STATUSES])))
          .all()
      : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const ticks = new Set<string>();
    for (const tick of sheet.present) {
      const [e, s] = tick.split(":").map(Number);
      if (!byId.has(e) || !sessionIds.has(s)) throw new DomainError("courses:errors.badAttendance");
      ticks.add(`${e}:${s}`);
    }
    for (const [key, value] of Object.entries(sheet.score)) {
      if (value !== undefined && !isValidScore(value)) {
        throw new DomainError("courses:errors.score", { field: `score.${key}` });
      }
    }
    for (const row of rows) {
      let attendedAny = false;
      for (const sessionId of sessionIds) {
        const present = ticks.has(`${row.id}:${sessionId}`);
        attendedAny ||= present;
        db.insert(attendance)
          .values({ enrolmentId: row.id, sessionId, present })
          .onConflictDoUpdate({ target: [attendance.enrolmentId, attendance.sessionId], set: { present } })
          .run();
      }
      const score = sheet.score[String(row.id)] ?? null;
      const status = row.status === "approved" && attendedAny ? "enrolled" : row.status;
      if (score !== row.score || status !== row.status) {
        const updated = db
          .update(enrolments)
          .set({ score, status, version: row.version + 1, updatedAt: now })
          .where(eq(enrolments.id, row.id))
          .returning()
          .get();
        recordAudit(db, { userId: actor.userId, action: "update", entityType: "enrolment", entityId: row.id, before: row, after: updated, at: now });
      }
    }
    writeReceipt(db, actor, "attendance", sheet.idempotencyKey, { entityId: course.id, location: attendanceLocation(course.id) }, now);
    return { saved: rows.length, replayed: false };
  });
}

/** Attendance ticks of some enrolments, as a set of "enrolmentId:sessionId". */
export function attendanceTicks(db: Db, enrolmentIds: number[]): string[] {
  if (enrolmentIds.length === 0) return [];
  return db
    .select({ e: attendance.enrolmentId, s: attendance.sessionId })
    .from(attendance)
    .where(and(inArray(attendance.enrolmentId, enrolmentIds), eq(attendance.present, true)))
    .all()
    .map((r) => `${r.e}:${r.s}`);
}

/** The next certificate number of a host facility for a year (call inside the write transaction). */
function nextCertificateNumber(db: Db, hostCode: string, year: number): string {
  const prefix = certificatePrefix(hostCode, year);
  // A range on the unique index: every number with the prefix sorts between these two.
  const max =
    db
      .select({ n: sql<number>`coalesce(max(cast(substr(${enrolments.certificateNumber}, ${prefix.length + 1}) as integer)), 0)` })
      .from(enrolments)
      .where(sql`${enrolments.certificateNumber} >= ${prefix} and ${enrolments.certificateNumber} < ${prefix + "\uffff"}`)
      .get()?.n ?? 0;
  return formatCertificateNumber(hostCode, year, max + 1);
}

export type EvaluationOutcome = { enrolmentId: number; completed: boolean; certificateNumber: string | null };

/**
 * Applies the course's completion rule on `today`. With an enrolment id it issues that
 * trainee's certificate from the first day on, refusing (409, nothing saved) when the rule is
 * not met; without one it decides every open trainee, completed (certificate + credit hours) or
 * failed, and only from the last day on (409 before: the sessions still to come would count).
 */
export function evaluateCourse(
  db: Db,
  actor: Actor,
  courseId: number,
  today: string,
  enrolmentId?: number,
  now = new Date().toISOString(),
): EvaluationOutcome[] {
  return immediate(db, () => {
    const course = requireHostCourse(db, actor, courseId);
    if (!canIssueCertificate(course, today)) throw new ConflictError("courses:errors.notStarted");
    if (!enrolmentId && !canEvaluateWholeCourse(course, today)) {
      throw new ConflictError("courses:errors.notEnded", { params: { end: course.endOn } });
    }
    const host = db.select({ code: facilities.code }).from(facilities).where(eq(facilities.id, course.hostFacilityId)).get()!;
    const sessions = db.select({ n: sql<number>`count(*)` }).from(courseSessions).where(eq(courseSessions.courseId, course.id)).get()?.n ?? 0;
    const targets = db
      .select({
        enrolment: enrolments,
        attended: sql<number>`(select count(*) from ${attendance} a where a.enrolment_id = ${enrolments.id} and a.present = 1)`,
      })
      .from(enrolments)
      .where(
        and(
          eq(enrolments.courseId, course.id),
          enrolmentId ? eq(enrolments.id, enrolmentId) : sql`1 = 1`,
          inArray(enrolments.status, [...OPEN_RESULT_STATUSES]),
        ),
      )
      .orderBy(asc(enrolments.id))
      .all();
    if (enrolmentId && targets.length === 0) throw new ConflictError("courses:errors.cannotEvaluate");
    // The certificate and the credit hours are dated when the training ended (today, when the
    // results are decided before the last day).
    const completedOn = today < course.endOn ? today : course.endOn;
    const year = Number(completedOn.slice(0, 4));
    const outcomes: EvaluationOutcome[] = [];
    for (const { enrolment, attended } of targets) {
      const rule = { minAttendance: course.minAttendance, passScore: course.passScore };
      const input = { sessions, attended, score: enrolment.score };
      const result = evaluateCompletion(rule, input);
      if (enrolmentId && !result.completed) {
        // The message the participants page shows beside the trainee instead of the button.
        const shortfall = completionShortfall(rule, input)!;
        throw new ConflictError(shortfall.key, { params: shortfall.params });
      }
      const after: Partial<Enrolment> = result.completed
        ? { status: "completed", completedOn, certificateNumber: nextCertificateNumber(db, host.code, year), certificateToken: newCertificateToken() }
        : { status: "failed", completedOn: null };
      const updated = db
        .update(enrolments)
        .set({ ...after, version: enrolment.version + 1, updatedAt: now })
        .where(eq(enrolments.id, enrolment.id))
        .returning()
        .get();
      recordAudit(db, { userId: actor.userId, action: "update", entityType: "enrolment", entityId: enrolment.id, before: enrolment, after: updated, at: now });
      if (result.completed) {
        writeRecordedCredit(
          db,
          actor,
          { staffId: enrolment.staffId, kind: "course", activityOn: completedOn, hours: course.creditHours, title: course.title, evidence: updated.certificateNumber, enrolmentId: enrolment.id },
          now,
        );
      }
      outcomes.push({ enrolmentId: enrolment.id, completed: result.completed, certificateNumber: updated.certificateNumber });
    }
    return outcomes;
  });
}
