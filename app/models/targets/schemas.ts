// Forms of the targets area (zod; messages are translation keys).
import { z } from "zod";
import { calendarDate, isIsoDate } from "~/models/dates";
import { TARGET_INDICATORS } from "~/models/enums";
import { encodeMessage } from "~/utils/messages";

const required = "common:validation.required";
const MAX_VALUE = 1_000_000_000;
const date = calendarDate;
/** Finite and bounded: "Infinity" or "1e400" in a crafted request is refused, not stored. */
const number = z
  .number({ required_error: required, invalid_type_error: "common:validation.invalid" })
  .max(MAX_VALUE, encodeMessage("common:validation.tooBig", { maximum: MAX_VALUE }));

const targetFields = z.object({
  title: z.string({ required_error: required }).trim().min(1, required).max(300, "common:validation.tooLong"),
  indicator: z.enum(TARGET_INDICATORS, { required_error: required }),
  /** Empty: the whole province. */
  facilityId: z.number().int().positive().optional(),
  /** Administrators choose the province; department officers have theirs. */
  provinceCode: z.string().trim().max(10).optional(),
  periodStart: date,
  periodEnd: date,
  baseline: number.min(0, "reports:errors.baselineNegative").default(0),
  targetValue: number.positive("reports:errors.targetNotPositive"),
  unit: z.string().trim().max(60, "common:validation.tooLong").optional(),
});

function periodInOrder(value: { periodStart: string; periodEnd: string }, ctx: z.RefinementCtx) {
  if (isIsoDate(value.periodStart) && isIsoDate(value.periodEnd) && value.periodEnd < value.periodStart) {
    ctx.addIssue({ code: "custom", path: ["periodEnd"], message: "common:validation.endBeforeStart" });
  }
}

export const targetSchema = targetFields.superRefine(periodInOrder);

/** Editing: the same fields plus the version the form was read at (required: a post without it is refused, not taken as stale). */
export const targetEditSchema = targetFields
  .extend({ version: z.number({ required_error: required, invalid_type_error: "common:validation.invalid" }).int() })
  .superRefine(periodInOrder);
export type TargetForm = z.infer<typeof targetSchema>;

export const measurementSchema = z.object({
  measuredOn: date,
  value: number.min(0, "reports:errors.valueNegative"),
  note: z.string().trim().max(1000, "common:validation.tooLong").optional(),
});
export type MeasurementForm = z.infer<typeof measurementSchema>;

/** Deleting a target (with its hand-entered values): the version the page was read at. */
export const deleteTargetSchema = z.object({
  intent: z.literal("delete"),
  version: z.number({ required_error: required, invalid_type_error: "common:validation.invalid" }).int(),
});

/** Removing one hand-entered value from a counted milestone. */
export const removeMeasurementSchema = z.object({
  intent: z.literal("removeMeasurement"),
  measurementId: z.number({ required_error: required, invalid_type_error: "common:validation.invalid" }).int().positive(),
});
