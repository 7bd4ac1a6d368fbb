// One zod schema per form of the courses area, used by the action (parseWithZod) and the form
// (getZodConstraint). Messages are translation keys.
import { z } from "zod";
import { isIsoDate } from "~/models/dates";
import { COURSE_MODES, COURSE_STATUSES } from "~/models/enums";
import { blankToUndefined, choice, date as isoDate, id, LIMITS, MAX_ID, numberWithDefault, optionalDate, optionalId, optionalNumber, optionalText, optionalVersion, REQUIRED, requiredNumber, requiredText } from "~/models/fields";
import { isClockTime, SCORE_MAX, SCORE_MIN } from "./rules";
import { idempotencyKeyField } from "~/models/offline/keys";

const required = REQUIRED;
const invalid = "common:validation.invalid";
const blank = (v: unknown) => blankToUndefined(v) === undefined;

/** Sessions of one course: the form adds rows up to this many; the action refuses more. */
export const MAX_SESSION_ROWS = 100;

export const sessionSchema = z
  .object({
    heldOn: isoDate,
    startsAt: z.string({ required_error: required }).refine(isClockTime, "courses:errors.time"),
    endsAt: z.string({ required_error: required }).refine(isClockTime, "courses:errors.time"),
    topic: requiredText(LIMITS.title),
    trainerId: optionalId,
    periods: numberWithDefault(0, (n) => n.int(invalid).min(0, invalid).max(24, invalid)),
  })
  .superRefine((s, ctx) => {
    if (isClockTime(s.startsAt) && isClockTime(s.endsAt) && s.endsAt <= s.startsAt) {
      ctx.addIssue({ code: "custom", path: ["endsAt"], message: "courses:errors.endsBeforeStarts" });
    }
  });

export type SessionInput = z.infer<typeof sessionSchema>;

/** Rows of the sessions table the user left entirely blank are not sessions. */
function dropBlankRows(value: unknown): unknown {
  if (!Array.isArray(value)) return value ?? [];
  return value.filter(
    (row) => row && typeof row === "object" && !Object.values(row as Record<string, unknown>).every(blank),
  );
}

export const courseSchema = z
  .object({
    version: optionalVersion,
    /** Administrators choose the host of a new course; for trainers the session decides and this is ignored. */
    hostFacilityId: optionalId,
    title: requiredText(LIMITS.title),
    chapterNumber: optionalNumber((n) => n.int().min(1).max(28)),
    agreementId: optionalId,
    techniqueCodes: optionalText(LIMITS.codeList),
    mode: choice(COURSE_MODES),
    status: choice(COURSE_STATUSES).default("open"),
    startOn: isoDate,
    endOn: isoDate,
    capacity: requiredNumber((n) => n.int(invalid).min(1, "courses:errors.capacity").max(10_000, invalid)),
    creditHours: requiredNumber((n) => n.min(0, invalid).max(1000, invalid)),
    /** Entered as a percentage, stored as a share. */
    minAttendancePercent: requiredNumber((n) => n.min(0, "courses:errors.percent").max(100, "courses:errors.percent")),
    passScore: optionalNumber((n) => n.min(SCORE_MIN, "courses:errors.score").max(SCORE_MAX, "courses:errors.score")),
    location: optionalText(LIMITS.title),
    description: optionalText(LIMITS.notes),
    sessions: z.preprocess(dropBlankRows, z.array(sessionSchema).max(MAX_SESSION_ROWS, "common:validation.invalid")),
  })
  .superRefine((c, ctx) => {
    if (isIsoDate(c.startOn) && isIsoDate(c.endOn) && c.endOn < c.startOn) {
      ctx.addIssue({ code: "custom", path: ["endOn"], message: "common:validation.endBeforeStart" });
    }
    c.sessions.forEach((s, i) => {
      if (isIsoDate(s.heldOn) && (s.heldOn < c.startOn || s.heldOn > c.endOn)) {
        ctx.addIssue({ code: "custom", path: ["sessions", i, "heldOn"], message: "courses:errors.sessionOutside" });
      }
    });
  });

export type CourseInput = z.infer<typeof courseSchema>;

export const enrolmentRequestSchema = z.object({
  intent: z.literal("request"),
  staffId: requiredNumber((n) => n.int().positive(required).max(MAX_ID), { invalid: required }),
});

/** Decisions on one enrolment: the host approves or rejects; either side withdraws. */
export const enrolmentDecisionSchema = z.object({
  intent: z.enum(["approve", "reject", "withdraw"]),
  enrolmentId: id,
});

/**
 * The attendance sheet: one checkbox per trainee and session (`present` = "enrolmentId:sessionId")
 * and one score per trainee (`score.<enrolmentId>`, blank for none).
 */
export const attendanceSheetSchema = z.object({
  intent: z.literal("attendance"),
  rows: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(id),
  ),
  present: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.string().regex(/^\d+:\d+$/, "common:validation.invalid")),
  ),
  score: z
    .record(
      z.string(),
      optionalNumber((n) => n.min(SCORE_MIN, "courses:errors.score").max(SCORE_MAX, "courses:errors.score"), { invalid: "courses:errors.score" }),
    )
    .default({}),
  /** Made when the sheet was filled: a sheet sent again (offline outbox, lost answer) lands once. */
  idempotencyKey: idempotencyKeyField,
});

export type AttendanceSheetInput = z.infer<typeof attendanceSheetSchema>;

export const evaluateSchema = z.object({
  intent: z.literal("evaluate"),
  /** One trainee, or every attending trainee when absent. */
  enrolmentId: optionalId,
});

export const courseFiltersSchema = z.object({
  q: optionalText(LIMITS.search),
  chapter: optionalNumber((n) => n.int().min(1).max(28)),
  host: optionalId,
  status: choice(COURSE_STATUSES).optional(),
  from: optionalDate,
  to: optionalDate,
});

export type CourseFilters = z.infer<typeof courseFiltersSchema>;

/** Filters from a URL; invalid values are dropped rather than failing the page. */
export function courseFiltersFromUrl(url: URL): CourseFilters {
  const out: Record<string, unknown> = {};
  for (const key of ["q", "chapter", "host", "status", "from", "to"] as const) {
    const value = url.searchParams.get(key);
    if (!value) continue;
    const one = courseFiltersSchema.shape[key].safeParse(value);
    if (one.success) out[key] = one.data;
  }
  return out as CourseFilters;
}

/** The host an administrator picked for a new course (`?host=`), or null. */
export function requestedHostFromUrl(url: URL): number | null {
  const parsed = optionalId.safeParse(url.searchParams.get("host") || undefined);
  return parsed.success ? (parsed.data ?? null) : null;
}

/** One tap on the session roster: the trainee and what they become. */
export const rosterMarkSchema = z.object({
  intent: z.literal("mark"),
  enrolmentId: id,
  present: z.enum(["1", "0"]).transform((v) => v === "1"),
});

/** The trainer's check-in actions on the session roster, by intent (the tap itself is `rosterMarkSchema`). */
export const checkInWindowSchema = z.object({ intent: z.enum(["openCheckIn", "closeCheckIn", "confirmAll"]) });
export const checkInDecisionSchema = z.object({
  intent: z.enum(["confirm", "reject"]),
  enrolmentId: id,
});

/** A trainee's own check-in on the public page: their practising-licence number. */
export const selfCheckInSchema = z.object({
  licenceNumber: requiredText(LIMITS.licenceNumber, { required: "courses:checkIn.errors.licence", tooLong: "courses:checkIn.errors.licence" }),
});
