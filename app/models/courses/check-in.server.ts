// Check-in by code for one course session. The host trainer opens it on the session's day;
// trainees (staff records, not accounts) open the code's public page and give their
// practising-licence number, which records a PENDING check-in. It becomes attendance only when
// the trainer confirms it, through the roster's own attendance command.
//
// The code carries 128 random bits. The database holds a random nonce and the code's sha-256;
// the code is the HMAC of the nonce under the server's secret, so the trainer's page can show
// it again after a reload while a copy of the database alone lets nobody check in.
import crypto from "node:crypto";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import QRCode from "qrcode";
import type { Db } from "~/db/client.server";
import { attendance, courseSessions, courses, enrolments, facilities, selfCheckIns, sessionCheckIns, staff } from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import { recordAudit } from "~/models/audit/audit.server";
import { resolveSessionSecret } from "~/models/auth/secret.server";
import { confirmAttempt, realSleep, reserveAttempt, type Sleep } from "~/models/auth/throttle.server";
import { vietnamToday } from "~/models/dates";
import { ConflictError, DomainError, NotFoundError } from "~/models/errors";
import type { Locale } from "~/models/enums";
import { facilityDisplayName } from "~/models/facilities/names";
import { immediate } from "./enrolments.server";
import { OPEN_RESULT_STATUSES, requireHostCourse } from "./results.server";
import { markSessionAttendance, requireSession } from "./roster.server";
import { checkInExpiry, checkInIsLive, checkInOpenable, encodeCheckInCode, normaliseCheckInCode, normaliseLicenceNumber } from "./rules";

type SessionRef = { courseId: number; sessionId: number };

function deriveCode(secret: string, sessionId: number, nonce: string): string {
  const mac = crypto.createHmac("sha256", secret).update(`session-check-in:${sessionId}:${nonce}`).digest();
  return encodeCheckInCode(mac.subarray(0, 16));
}

export function hashCheckInCode(code: string): string {
  return crypto.createHash("sha256").update(code, "utf8").digest("hex");
}

/** What the audit trail keeps of a check-in window: never the nonce or the hash. */
function auditView(row: typeof sessionCheckIns.$inferSelect) {
  return { sessionId: row.sessionId, expiresAt: row.expiresAt, openedAt: row.openedAt, closedAt: row.closedAt };
}

export type CheckInState =
  | { status: "none" }
  | { status: "open"; code: string; expiresAt: string }
  | { status: "closed" | "expired"; expiresAt: string };

/** The trainer's view of the session's check-in; the caller has already passed the host check. */
export function sessionCheckInState(db: Db, sessionId: number, now = new Date(), secret = resolveSessionSecret()): CheckInState {
  const row = db.select().from(sessionCheckIns).where(eq(sessionCheckIns.sessionId, sessionId)).get();
  if (!row) return { status: "none" };
  if (row.closedAt !== null) return { status: "closed", expiresAt: row.expiresAt };
  if (!checkInIsLive(row, now.toISOString())) return { status: "expired", expiresAt: row.expiresAt };
  return { status: "open", code: deriveCode(secret, row.sessionId, row.nonce), expiresAt: row.expiresAt };
}

/**
 * Opens the session's check-in, or gives it a new code: the previous code stops working at
 * once, check-ins already recorded stay. Only on the session's day (Vietnam time).
 */
export function openCheckIn(db: Db, actor: Actor, ref: SessionRef, now = new Date(), secret = resolveSessionSecret()): { code: string; expiresAt: string } {
  return immediate(db, () => {
    const course = requireHostCourse(db, actor, ref.courseId);
    const session = requireSession(db, course.id, ref.sessionId);
    const when = checkInOpenable(session.heldOn, vietnamToday(now));
    if (when !== "open") throw new ConflictError(when === "notYet" ? "courses:checkIn.errors.notYet" : "courses:checkIn.errors.over");
    const nonce = crypto.randomBytes(16).toString("hex");
    const code = deriveCode(secret, session.id, nonce);
    const values = {
      nonce,
      tokenHash: hashCheckInCode(code),
      expiresAt: checkInExpiry(session.heldOn),
      openedBy: actor.userId,
      openedAt: now.toISOString(),
      closedAt: null,
    };
    const before = db.select().from(sessionCheckIns).where(eq(sessionCheckIns.sessionId, session.id)).get();
    const after = db
      .insert(sessionCheckIns)
      .values({ sessionId: session.id, ...values })
      .onConflictDoUpdate({ target: sessionCheckIns.sessionId, set: values })
      .returning()
      .get();
    recordAudit(db, {
      userId: actor.userId,
      action: before ? "update" : "create",
      entityType: "session_check_in",
      entityId: session.id,
      before: before ? auditView(before) : null,
      after: auditView(after),
      at: values.openedAt,
    });
    return { code, expiresAt: after.expiresAt };
  });
}

/** Closes the session's check-in: its code stops working. Closing a closed one changes nothing. */
export function closeCheckIn(db: Db, actor: Actor, ref: SessionRef, now = new Date()): void {
  immediate(db, () => {
    const course = requireHostCourse(db, actor, ref.courseId);
    const session = requireSession(db, course.id, ref.sessionId);
    const before = db.select().from(sessionCheckIns).where(eq(sessionCheckIns.sessionId, session.id)).get();
    if (!before || before.closedAt !== null) return;
    const after = db
      .update(sessionCheckIns)
      .set({ closedAt: now.toISOString() })
      .where(eq(sessionCheckIns.sessionId, session.id))
      .returning()
      .get();
    recordAudit(db, {
      userId: actor.userId,
      action: "update",
      entityType: "session_check_in",
      entityId: session.id,
      before: auditView(before),
      after: auditView(after),
      at: now.toISOString(),
    });
  });
}

/** The session a live code opens, with what its public page shows (never the roster). */
function liveCheckIn(db: Db, rawCode: string, now: Date) {
  const code = normaliseCheckInCode(rawCode);
  if (!code) throw new NotFoundError("courses:checkIn.errors.unknownCode");
  const row = db
    .select({
      sessionId: sessionCheckIns.sessionId,
      expiresAt: sessionCheckIns.expiresAt,
      closedAt: sessionCheckIns.closedAt,
      courseId: courses.id,
      courseTitle: courses.title,
      hostName: facilities.name,
      hostNameEn: facilities.nameEn,
      heldOn: courseSessions.heldOn,
      startsAt: courseSessions.startsAt,
      endsAt: courseSessions.endsAt,
      topic: courseSessions.topic,
    })
    .from(sessionCheckIns)
    .innerJoin(courseSessions, eq(courseSessions.id, sessionCheckIns.sessionId))
    .innerJoin(courses, eq(courses.id, courseSessions.courseId))
    .innerJoin(facilities, eq(facilities.id, courses.hostFacilityId))
    .where(eq(sessionCheckIns.tokenHash, hashCheckInCode(code)))
    .get();
  if (!row) throw new NotFoundError("courses:checkIn.errors.unknownCode");
  // Gone: the code was real but is closed or its day is over (410, as for a withdrawn resource).
  if (!checkInIsLive(row, now.toISOString())) throw new DomainError("courses:checkIn.errors.closed", { status: 410 });
  return row;
}

export type PublicCheckIn = { courseTitle: string; hostName: string; heldOn: string; startsAt: string; endsAt: string; topic: string };

/** The public page of a code: the course and session it admits to. Unknown → 404, closed or over → 410. */
export function findCheckIn(db: Db, rawCode: string, locale: Locale, now = new Date()): PublicCheckIn {
  const row = liveCheckIn(db, rawCode, now);
  const hostName = facilityDisplayName({ name: row.hostName, nameEn: row.hostNameEn }, locale);
  return { courseTitle: row.courseTitle, hostName, heldOn: row.heldOn, startsAt: row.startsAt, endsAt: row.endsAt, topic: row.topic };
}

export type SelfCheckInResult =
  | { kind: "pending"; checkedInAt: string }
  | { kind: "present" }
  | { kind: "throttled"; retryAfterMinutes: number };

/** The delay between guesses; tests swap `sleep` so they never wait. */
export const checkInTiming: { sleep: Sleep } = { sleep: realSleep };

/**
 * A trainee checks in with their licence number. Guesses are counted before the number is
 * looked at, per session and address, by the sign-in throttle (a success restarts the count).
 * Unknown numbers and people not on this course get the same 404, whoever they are elsewhere.
 * Checking in twice keeps the first time; after a rejection it asks the trainer again.
 */
export async function selfCheckIn(
  db: Db,
  input: { code: string; licenceNumber: string; ip: string },
  clock: { now?: Date; sleep?: Sleep } = {},
): Promise<SelfCheckInResult> {
  const now = clock.now ?? new Date();
  const checkIn = liveCheckIn(db, input.code, now);
  const reservation = reserveAttempt(db, `check-in:${checkIn.sessionId}@${input.ip}`, input.ip, now);
  if (reservation.kind === "blocked") return { kind: "throttled", retryAfterMinutes: reservation.retryAfterMinutes };
  if (reservation.delayMs > 0) await (clock.sleep ?? checkInTiming.sleep)(reservation.delayMs);
  const licence = normaliseLicenceNumber(input.licenceNumber);
  const at = now.toISOString();
  const result = immediate(db, (): SelfCheckInResult => {
    // The code may have been closed during the delay.
    liveCheckIn(db, input.code, now);
    const trainee = licence
      ? db
          .select({ enrolmentId: enrolments.id })
          .from(enrolments)
          .innerJoin(staff, eq(staff.id, enrolments.staffId))
          .where(
            and(
              eq(enrolments.courseId, checkIn.courseId),
              inArray(enrolments.status, [...OPEN_RESULT_STATUSES]),
              sql`upper(replace(${staff.licenceNumber}, ' ', '')) = ${licence}`,
            ),
          )
          .get()
      : undefined;
    if (!trainee) throw new NotFoundError("courses:checkIn.errors.notOnCourse");
    const key = and(eq(selfCheckIns.enrolmentId, trainee.enrolmentId), eq(selfCheckIns.sessionId, checkIn.sessionId));
    const marked = db
      .select({ present: attendance.present })
      .from(attendance)
      .where(and(eq(attendance.enrolmentId, trainee.enrolmentId), eq(attendance.sessionId, checkIn.sessionId)))
      .get();
    if (marked?.present) return { kind: "present" };
    const before = db.select().from(selfCheckIns).where(key).get();
    if (before?.status === "pending") return { kind: "pending", checkedInAt: before.checkedInAt };
    const values = { status: "pending" as const, checkedInAt: at, decidedBy: null, decidedAt: null };
    const after = db
      .insert(selfCheckIns)
      .values({ enrolmentId: trainee.enrolmentId, sessionId: checkIn.sessionId, ...values })
      .onConflictDoUpdate({ target: [selfCheckIns.enrolmentId, selfCheckIns.sessionId], set: values })
      .returning()
      .get();
    // Nobody is signed in: the trainee is a staff record, not a user.
    recordAudit(db, {
      userId: null,
      action: before ? "update" : "create",
      entityType: "self_check_in",
      entityId: `${trainee.enrolmentId}:${checkIn.sessionId}`,
      before: before ?? null,
      after,
      at,
    });
    return { kind: "pending", checkedInAt: at };
  });
  confirmAttempt(db, reservation.attemptId);
  return result;
}


function decideOne(db: Db, actor: Actor, ref: SessionRef, enrolmentId: number, confirm: boolean, now: string) {
  const key = and(eq(selfCheckIns.enrolmentId, enrolmentId), eq(selfCheckIns.sessionId, ref.sessionId));
  const before = db.select().from(selfCheckIns).where(key).get();
  if (!before || before.status !== "pending") throw new NotFoundError("courses:checkIn.errors.noPending");
  // Present through the roster's own command: the same checks, enrolment and audit as a tap.
  if (confirm) markSessionAttendance(db, actor, { ...ref, enrolmentId, present: true }, now);
  const after = db
    .update(selfCheckIns)
    .set({ status: confirm ? "confirmed" : "rejected", decidedBy: actor.userId, decidedAt: now })
    .where(key)
    .returning()
    .get();
  recordAudit(db, { userId: actor.userId, action: "update", entityType: "self_check_in", entityId: `${enrolmentId}:${ref.sessionId}`, before, after, at: now });
}

/** The trainer confirms (marks present) or rejects one pending check-in. */
export function decideSelfCheckIn(db: Db, actor: Actor, input: SessionRef & { enrolmentId: number; confirm: boolean }, now = new Date().toISOString()): void {
  immediate(db, () => {
    const course = requireHostCourse(db, actor, input.courseId);
    requireSession(db, course.id, input.sessionId);
    decideOne(db, actor, input, input.enrolmentId, input.confirm, now);
  });
}

/** Confirms every pending check-in of the session whose attendance may still change; returns how many. */
export function confirmAllPending(db: Db, actor: Actor, ref: SessionRef, now = new Date().toISOString()): number {
  return immediate(db, () => {
    const course = requireHostCourse(db, actor, ref.courseId);
    requireSession(db, course.id, ref.sessionId);
    const pending = db
      .select({ enrolmentId: selfCheckIns.enrolmentId })
      .from(selfCheckIns)
      .innerJoin(enrolments, eq(enrolments.id, selfCheckIns.enrolmentId))
      .where(
        and(
          eq(selfCheckIns.sessionId, ref.sessionId),
          eq(selfCheckIns.status, "pending"),
          eq(enrolments.courseId, course.id),
          inArray(enrolments.status, [...OPEN_RESULT_STATUSES]),
        ),
      )
      .orderBy(asc(selfCheckIns.checkedInAt))
      .all();
    for (const row of pending) decideOne(db, actor, ref, row.enrolmentId, true, now);
    return pending.length;
  });
}

/** The public page's address as a QR code image (data: URL). */
export function checkInQrDataUrl(url: string): Promise<string> {
  return QRCode.toDataURL(url, { margin: 1, width: 240 });
}

/** The public page that a code opens. */
export function checkInUrl(origin: string, code: string): string {
  return `${origin}/check-in/${code}`;
}
