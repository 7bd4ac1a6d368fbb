// A staff member's periods away from work (annual leave, sick leave, study, maternity): the
// forms' schemas and the pure rules on their dates. No clock, no database: the commands in
// unavailability.server.ts load the person's other periods and apply these.
import { z } from "zod";
import { addMonthsIso, isIsoDate, overlaps, type DateRange } from "~/models/dates";
import { UNAVAILABILITY_KINDS, type UnavailabilityKind } from "~/models/enums";
import { DomainError } from "~/models/errors";
import { choice, date, id, LIMITS, optionalId, optionalText, optionalVersion, version } from "~/models/fields";

/** Longest single period: longer absences (a long illness, a degree) are entered as several. */
export const MAX_UNAVAILABILITY_YEARS = 3;

/** Whether the inclusive range lasts longer than MAX_UNAVAILABILITY_YEARS (three years to the day before is the most). */
export function isTooLong(range: DateRange): boolean {
  return range.end >= addMonthsIso(range.start, MAX_UNAVAILABILITY_YEARS * 12);
}

/** Strict calendar dates (2026-02-30 is refused), end on or after start, at most three years. */
export function checkUnavailabilityDates(range: DateRange): DomainError | null {
  if (!isIsoDate(range.start)) return new DomainError("common:validation.invalidDate", { field: "startOn" });
  if (!isIsoDate(range.end)) return new DomainError("common:validation.invalidDate", { field: "endOn" });
  if (range.end < range.start) return new DomainError("common:validation.endBeforeStart", { field: "endOn" });
  if (isTooLong(range)) {
    return new DomainError("staff:unavailability.errors.tooLong", { field: "endOn", params: { years: MAX_UNAVAILABILITY_YEARS } });
  }
  return null;
}

export type UnavailabilityPeriod = { id: number; kind: UnavailabilityKind; startOn: string; endOn: string };

/**
 * The first of the person's other periods sharing a day with `range` (earliest first), or null.
 * `ignoreId` leaves out the period being edited.
 */
export function findOverlappingPeriod<T extends UnavailabilityPeriod>(
  periods: readonly T[],
  range: DateRange,
  ignoreId: number | null = null,
): T | null {
  return (
    [...periods]
      .filter((p) => p.id !== ignoreId && overlaps({ start: p.startOn, end: p.endOn }, range))
      .sort((a, b) => (a.startOn < b.startOn ? -1 : a.startOn > b.startOn ? 1 : a.id - b.id))[0] ?? null
  );
}

function refineDates(value: { startOn: string; endOn: string }, ctx: z.RefinementCtx) {
  if (!isIsoDate(value.startOn) || !isIsoDate(value.endOn)) return;
  // The length limit is the command's check: its message names the limit, a schema's cannot.
  if (value.endOn < value.startOn) {
    ctx.addIssue({ code: "custom", path: ["endOn"], message: "common:validation.endBeforeStart" });
  }
}

/** Adding a period (no `id`) or editing one (`id` and the version the form was read at). */
export const unavailabilitySchema = z
  .object({
    intent: z.literal("unavailability-save"),
    id: optionalId,
    version: optionalVersion,
    kind: choice(UNAVAILABILITY_KINDS),
    startOn: date,
    endOn: date,
    note: optionalText(LIMITS.note),
  })
  .superRefine(refineDates);
export type UnavailabilityForm = z.infer<typeof unavailabilitySchema>;

export const deleteUnavailabilitySchema = z.object({
  intent: z.literal("unavailability-delete"),
  id,
  version,
});

export type UnavailabilityInput = { kind: UnavailabilityKind; startOn: string; endOn: string; note?: string | null };
