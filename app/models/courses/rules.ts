// Pure rules of training courses: which enrolments hold a seat, what a new request becomes,
// the completion rule, certificate numbers and the month calendar grid. No clock, no db.
import type { CourseStatus, EnrolmentStatus } from "~/models/enums";

/**
 * Statuses that hold one of the course's seats. A request holds its seat from the moment it
 * is made (so the host's approval can never overbook); a failed trainee keeps the seat they
 * used. Waitlisted, rejected and withdrawn people hold none.
 */
export const SEAT_STATUSES = ["requested", "approved", "enrolled", "completed", "failed"] as const;
export type SeatStatus = (typeof SEAT_STATUSES)[number];

export function holdsSeat(status: EnrolmentStatus): boolean {
  return (SEAT_STATUSES as readonly string[]).includes(status);
}

/** Statuses from which a trainee's results (attendance, score, completion) are recorded. */
export const ATTENDING_STATUSES = ["approved", "enrolled", "completed", "failed"] as const;

export function isAttending(status: EnrolmentStatus): boolean {
  return (ATTENDING_STATUSES as readonly string[]).includes(status);
}

/**
 * Course statuses on which the host can no longer approve a pending request: the course is
 * over or called off, so a new seat there means nothing.
 */
export const NO_APPROVAL_COURSE_STATUSES = ["completed", "cancelled"] as const satisfies readonly CourseStatus[];

export function canApproveOn(courseStatus: CourseStatus): boolean {
  return !(NO_APPROVAL_COURSE_STATUSES as readonly string[]).includes(courseStatus);
}

/**
 * From the first day, the host may issue one trainee's certificate, and only when that trainee
 * already meets the completion rule (counted over all the course's sessions, so meeting it
 * early means the sessions attended already suffice).
 */
export function canIssueCertificate(course: { startOn: string }, today: string): boolean {
  return today >= course.startOn;
}

/**
 * Deciding the whole course fails everyone not yet qualified, so it waits for the last day
 * (inclusive): before it, sessions are still to come.
 */
export function canEvaluateWholeCourse(course: { endOn: string }, today: string): boolean {
  return today >= course.endOn;
}

/** Statuses a person can withdraw from (a finished result stays on record). */
export function canWithdraw(status: EnrolmentStatus): boolean {
  return status === "requested" || status === "approved" || status === "enrolled" || status === "waitlisted";
}

/**
 * What a seat becomes when it is given: staff of the host facility are approved at once (the
 * host is the approver); staff of another facility wait for the host trainer's approval.
 */
export function seatStatusFor(staffFacilityId: number, hostFacilityId: number): "approved" | "requested" {
  return staffFacilityId === hostFacilityId ? "approved" : "requested";
}

/** The status of a new request: a seat while seats are left, else the waitlist. */
export function placeRequest(
  seatsTaken: number,
  capacity: number,
  staffFacilityId: number,
  hostFacilityId: number,
): EnrolmentStatus {
  return seatsTaken < capacity ? seatStatusFor(staffFacilityId, hostFacilityId) : "waitlisted";
}

export type CompletionRule = {
  /** Share of sessions to attend, 0..1. */
  minAttendance: number;
  /** Pass score out of 10, or null when the course has no examination. */
  passScore: number | null;
};

export type CompletionInput = { sessions: number; attended: number; score: number | null };

export type CompletionResult = {
  share: number;
  attendanceMet: boolean;
  scoreMet: boolean;
  completed: boolean;
};

/**
 * A trainee completes when their attendance share reaches the minimum and, when the course
 * has a pass score, their score reaches it (a missing score fails). A course without sessions
 * counts as fully attended.
 */
export function evaluateCompletion(rule: CompletionRule, input: CompletionInput): CompletionResult {
  const share = input.sessions === 0 ? 1 : input.attended / input.sessions;
  // A tiny tolerance keeps 4/5 >= 0.8 true despite floating point.
  const attendanceMet = share + 1e-9 >= rule.minAttendance;
  const scoreMet = rule.passScore === null || (input.score !== null && input.score + 1e-9 >= rule.passScore);
  return { share, attendanceMet, scoreMet, completed: attendanceMet && scoreMet };
}

/** Which part of the completion rule a trainee misses: names the message that says why. */
export type ShortfallKind = "attendance" | "score" | "noScore" | "attendanceAndScore" | "attendanceAndNoScore";

export type CompletionShortfall = {
  /** A translation key (`courses:shortfall.*`) and its parameters: shares in whole percent. */
  key: `courses:shortfall.${ShortfallKind}`;
  params: { attended: number; sessions: number; share: number; min: number; score?: number; pass?: number };
};

/**
 * Why a trainee does not (yet) meet the completion rule, or null when they do: the same
 * evaluation as `evaluateCompletion`, so the page that offers a certificate and the command
 * that issues it agree. Only the parts actually missed are named.
 */
export function completionShortfall(rule: CompletionRule, input: CompletionInput): CompletionShortfall | null {
  const result = evaluateCompletion(rule, input);
  if (result.completed) return null;
  const scorePart = result.scoreMet ? "" : input.score === null ? "NoScore" : "Score";
  const kind = (result.attendanceMet ? scorePart.charAt(0).toLowerCase() + scorePart.slice(1) : `attendance${scorePart ? `And${scorePart}` : ""}`) as ShortfallKind;
  const params: CompletionShortfall["params"] = {
    attended: input.attended,
    sessions: input.sessions,
    // Floored, so 79.9 % never reads as the 80 % it misses.
    share: Math.floor(result.share * 100 + 1e-9),
    min: Math.round(rule.minAttendance * 100),
  };
  if (input.score !== null) params.score = input.score;
  if (rule.passScore !== null) params.pass = rule.passScore;
  return { key: `courses:shortfall.${kind}`, params };
}

export const SCORE_MIN = 0;
export const SCORE_MAX = 10;

export function isValidScore(score: number): boolean {
  return Number.isFinite(score) && score >= SCORE_MIN && score <= SCORE_MAX;
}

/** Certificate numbers: `CC-<host code>-<year>-<seq>`, the sequence per host and year, 4 digits. */
export function certificatePrefix(hostCode: string, year: number): string {
  return `CC-${hostCode}-${year}-`;
}

export function formatCertificateNumber(hostCode: string, year: number, seq: number): string {
  return `${certificatePrefix(hostCode, year)}${String(seq).padStart(4, "0")}`;
}

/** The sequence after the highest one issued (given the numbers already issued with the prefix). */
export function nextCertificateSeq(prefix: string, issued: readonly string[]): number {
  let max = 0;
  for (const number of issued) {
    if (!number.startsWith(prefix)) continue;
    const seq = Number(number.slice(prefix.length));
    if (Number.isInteger(seq) && seq > max) max = seq;
  }
  return max + 1;
}

/** Sessions must lie within the course's inclusive dates. */
export function sessionWithinCourse(heldOn: string, course: { startOn: string; endOn: string }): boolean {
  return heldOn >= course.startOn && heldOn <= course.endOn;
}

/** `HH:mm` wall-clock time. */
export function isClockTime(value: string): boolean {
  const m = /^(\d{2}):(\d{2})$/.exec(value);
  return !!m && Number(m[1]) < 24 && Number(m[2]) < 60;
}

// ---------------------------------------------------------------- month calendar

export type CalendarCourse = { id: number; title: string; startOn: string; endOn: string };
export type CalendarDay = { date: string; inMonth: boolean; courses: CalendarCourse[] };

/** `yyyy-MM` for a valid month, or null. */
export function parseMonth(value: string | null | undefined): { year: number; month: number } | null {
  const m = /^(\d{4})-(\d{2})$/.exec(value ?? "");
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12 || year < 1900 || year > 2200) return null;
  return { year, month };
}

const pad = (n: number) => String(n).padStart(2, "0");
const iso = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

export function monthRange(year: number, month: number): { start: string; end: string } {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { start: `${year}-${pad(month)}-01`, end: `${year}-${pad(month)}-${pad(last)}` };
}

export function shiftMonth(year: number, month: number, delta: number): string {
  const d = new Date(Date.UTC(year, month - 1 + delta, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
}

/**
 * Weeks (Monday first) covering the month; each day lists the courses running that day
 * (inclusive dates). Days of the neighbouring months fill the first and last week.
 */
export function monthGrid(year: number, month: number, courses: readonly CalendarCourse[]): CalendarDay[][] {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const offset = (first.getUTCDay() + 6) % 7; // Monday = 0
  const cursor = new Date(first.getTime() - offset * 86_400_000);
  const weeks: CalendarDay[][] = [];
  do {
    const week: CalendarDay[] = [];
    for (let i = 0; i < 7; i++) {
      const date = iso(cursor);
      week.push({
        date,
        inMonth: cursor.getUTCMonth() === month - 1,
        courses: courses.filter((c) => c.startOn <= date && c.endOn >= date),
      });
      cursor.setUTCDate(cursor.getUTCDate() + 1);
    }
    weeks.push(week);
  } while (cursor.getUTCMonth() === month - 1);
  return weeks;
}

// ---------------------------------------------------------------- session check-in

/** Crockford's base-32 alphabet: no I, L, O or U, so a typed code cannot be misread. */
const CHECK_IN_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
/** 26 characters carry the code's 128 random bits. */
export const CHECK_IN_CODE_LENGTH = 26;

/** The 16 bytes of a check-in code as its 26 characters. */
export function encodeCheckInCode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += CHECK_IN_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += CHECK_IN_ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/**
 * A code as typed or scanned, in its stored spelling, or null when it cannot be one: case,
 * spaces and dashes are ignored and the letters people confuse with digits are read as them.
 * Anything longer than a code with generous separators is refused before it is looked at.
 */
export function normaliseCheckInCode(raw: string): string | null {
  if (raw.length > 64) return null;
  const code = raw
    .toLowerCase()
    .replace(/[\s-]/g, "")
    .replace(/[il]/g, "1")
    .replace(/o/g, "0");
  if (code.length !== CHECK_IN_CODE_LENGTH) return null;
  for (const c of code) if (!CHECK_IN_ALPHABET.includes(c)) return null;
  return code;
}

/** The code as shown to be typed: upper case, four groups of five and a last of six. */
export function displayCheckInCode(code: string): string {
  const upper = code.toUpperCase();
  return [0, 5, 10, 15].map((i) => upper.slice(i, i + 5)).concat(upper.slice(20)).join("-");
}

/** The instant a session's check-in ends: midnight after its day in Vietnam (UTC+7), as UTC. */
export function checkInExpiry(heldOn: string): string {
  const [y, m, d] = heldOn.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1) - 7 * 3600_000).toISOString();
}

/** Check-in opens only on the session's own day: before it, a code could be passed around early. */
export function checkInOpenable(heldOn: string, today: string): "open" | "notYet" | "over" {
  return heldOn === today ? "open" : heldOn > today ? "notYet" : "over";
}

/** A check-in code still admits trainees: not closed and its day not over. */
export function checkInIsLive(checkIn: { closedAt: string | null; expiresAt: string }, now: string): boolean {
  return checkIn.closedAt === null && now < checkIn.expiresAt;
}

/** A practising-licence number as people type it: spaces ignored, letters in any case. */
export function normaliseLicenceNumber(raw: string): string {
  return raw.normalize("NFC").replace(/\s+/g, "").toUpperCase();
}
