// Forms of the targets area (zod; messages are translation keys).
import { z } from "zod";
import { isIsoDate } from "~/models/dates";
import { TARGET_INDICATORS } from "~/models/enums";
import { choice, date, id, LIMITS, numberWithDefault, optionalId, optionalText, requiredNumber, requiredText, version } from "~/models/fields";
import { encodeMessage } from "~/utils/messages";
import { percentOverflow } from "./rules";

const MAX_VALUE = 1_000_000_000;
/** Finite and bounded: "Infinity" or "1e400" in a crafted request is refused, not stored. */
const bounded = (n: z.ZodNumber) => n.max(MAX_VALUE, encodeMessage("common:validation.tooBig", { maximum: MAX_VALUE }));

const targetFields = z.object({
  title: requiredText(LIMITS.title),
  indicator: choice(TARGET_INDICATORS),
  /** Empty: the whole province. */
  facilityId: optionalId,
  /** Administrators choose the province; department officers have theirs. */
  provinceCode: optionalText(LIMITS.regionCode),
  periodStart: date,
  periodEnd: date,
  baseline: numberWithDefault(0, (n) => bounded(n).min(0, "reports:errors.baselineNegative")),
  targetValue: requiredNumber((n) => bounded(n).positive("reports:errors.targetNotPositive")),
  unit: optionalText(LIMITS.unit),
});

function periodInOrder(value: { periodStart: string; periodEnd: string }, ctx: z.RefinementCtx) {
  if (isIsoDate(value.periodStart) && isIsoDate(value.periodEnd) && value.periodEnd < value.periodStart) {
    ctx.addIssue({ code: "custom", path: ["periodEnd"], message: "common:validation.endBeforeStart" });
  }
}

/** A share target (percent) is at most 100, said next to the field that exceeds it. */
function percentWithin100(value: { indicator: string; baseline?: number; targetValue: number }, ctx: z.RefinementCtx) {
  const field = typeof value.targetValue === "number" ? percentOverflow(value) : null;
  if (field) ctx.addIssue({ code: "custom", path: [field], message: "tele:reports.targets.shareMax" });
}

export const targetSchema = targetFields.superRefine(periodInOrder).superRefine(percentWithin100);

/** Editing: the same fields plus the version the form was read at (required: a post without it is refused, not taken as stale). */
export const targetEditSchema = targetFields
  .extend({ version })
  .superRefine(periodInOrder)
  .superRefine(percentWithin100);
export type TargetForm = z.infer<typeof targetSchema>;

export const measurementSchema = z.object({
  measuredOn: date,
  value: requiredNumber((n) => bounded(n).min(0, "reports:errors.valueNegative")),
  note: optionalText(LIMITS.note),
});
export type MeasurementForm = z.infer<typeof measurementSchema>;

/** Deleting a target (with its hand-entered values): the version the page was read at. */
export const deleteTargetSchema = z.object({
  intent: z.literal("delete"),
  version,
});

/** Removing one hand-entered value from a counted milestone. */
export const removeMeasurementSchema = z.object({
  intent: z.literal("removeMeasurement"),
  measurementId: id,
});
