// Readiness of a receiving facility to take over a technique, computed from what is recorded:
// trained staff, supervised cases, the checklist of conditions and how recently the team
// practised. Pure: no clock, no database (`today` is an argument).

/**
 * Weights of the four parts (they add up to 1). Trained staff and supervised cases carry most:
 * they are what the acceptance checks. The checklist (equipment, rooms, supplies) comes next;
 * recency least, since it only says whether the skill is kept up.
 */
export const READINESS_WEIGHTS = { trained: 0.3, cases: 0.3, checklist: 0.25, recency: 0.15 } as const;

/** Trained staff for a full "trained" part: a performer and a second who can stand in. */
export const TRAINED_STAFF_TARGET = 2;

/** Days after which the last case no longer counts as recent practice (recency 0). */
export const RECENCY_DAYS = 180;

export type ReadinessPart = keyof typeof READINESS_WEIGHTS;
export const READINESS_PARTS = Object.keys(READINESS_WEIGHTS) as ReadinessPart[];

export type ReadinessInput = {
  /** Staff of the receiving facility who completed a course teaching the technique or attended remote training on the line. */
  trainedStaff: number;
  supervisedCases: number;
  requiredCases: number;
  checksConfirmed: number;
  checksTotal: number;
  /** Date of the latest case logged on the line (`yyyy-MM-dd`), null when none. */
  lastCaseOn: string | null;
  today: string;
};

export type Readiness = {
  /** 0–100, rounded. */
  score: number;
  /** Each part 0–1, shown beside the score so a director sees what is missing. */
  parts: Record<ReadinessPart, number>;
  /** Days since the last case (0 on the day), null when none. */
  daysSinceLastCase: number | null;
};

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

const DAY_MS = 86_400_000;

/** Whole days from `from` to `to`, both `yyyy-MM-dd` (0 on the same day; a date after `to` counts as 0). */
function daysSince(from: string, to: string): number {
  // Calendar dates as UTC midnights: no time zone or daylight saving shifts a day. Kept free of
  // the date library because the line page's script imports this module.
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
  return Math.max(0, days);
}

/**
 * Each part 0–1, then their weighted mean as 0–100:
 * - trained: trained staff / TRAINED_STAFF_TARGET, at most 1;
 * - cases: supervised / required cases, at most 1 (nothing required: 1);
 * - checklist: confirmed / total items (an empty checklist: 0, nothing is confirmed);
 * - recency: 1 on the day of the last case, falling linearly to 0 after RECENCY_DAYS; no case: 0.
 */
export function readiness(input: ReadinessInput): Readiness {
  const days = input.lastCaseOn ? daysSince(input.lastCaseOn, input.today) : null;
  const parts: Record<ReadinessPart, number> = {
    trained: clamp01(input.trainedStaff / TRAINED_STAFF_TARGET),
    cases: input.requiredCases > 0 ? clamp01(input.supervisedCases / input.requiredCases) : 1,
    checklist: input.checksTotal > 0 ? clamp01(input.checksConfirmed / input.checksTotal) : 0,
    recency: days === null ? 0 : clamp01(1 - days / RECENCY_DAYS),
  };
  const weighted = READINESS_PARTS.reduce((sum, part) => sum + READINESS_WEIGHTS[part] * parts[part], 0);
  return { score: Math.round(weighted * 100), parts, daysSinceLastCase: days };
}

/** A phase's readiness: the mean score of its lines, deferred lines left out; null when none is left. */
export function phaseReadiness(lines: { score: number; deferred: boolean }[]): number | null {
  const counted = lines.filter((l) => !l.deferred);
  if (counted.length === 0) return null;
  return Math.round(counted.reduce((sum, l) => sum + l.score, 0) / counted.length);
}

/** Most checklist items one line may hold: a checklist, not a log. */
export const MAX_CHECKS_PER_LINE = 30;

/** Labels offered (translated) while a line's checklist is empty: keys under `planning:readiness.defaults`. */
export const DEFAULT_CHECK_LABELS = ["equipment", "room", "supplies", "staffing", "protocol"] as const;

export type DeferralRefusal = "planning:readiness.errors.deferAccepted" | "planning:readiness.errors.alreadyDeferred";

/** A line is deferred while it is not accepted (an accepted line is signed) and not deferred already. */
export function checkDeferral(item: { stage: string; deferredOn: string | null }): DeferralRefusal | null {
  if (item.stage === "accepted") return "planning:readiness.errors.deferAccepted";
  if (item.deferredOn !== null) return "planning:readiness.errors.alreadyDeferred";
  return null;
}

/** Only a deferred line is resumed. */
export function checkResume(item: { deferredOn: string | null }): "planning:readiness.errors.notDeferred" | null {
  return item.deferredOn === null ? "planning:readiness.errors.notDeferred" : null;
}
