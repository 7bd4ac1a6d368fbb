// Forms of the planning settings: a province's skill-decay threshold per chapter and a
// hospital's Project 1816 quota per year. The commands check the same ranges again.
import { z } from "zod";
import { id, optionalNumber, optionalText, optionalVersion, requiredNumber } from "~/models/fields";
import { encodeMessage } from "~/utils/messages";
import { MAX_DECAY_MONTHS, MIN_DECAY_MONTHS } from "./decay";
import { QUOTA_YEARS } from "./quota";

const MONTHS_RANGE = encodeMessage("planning:decay.errors.monthsRange", { min: MIN_DECAY_MONTHS, max: MAX_DECAY_MONTHS });

export const thresholdSchema = z.object({
  provinceCode: optionalText(8),
  chapterNumber: id,
  /** Blank clears the chapter back to the default. */
  months: optionalNumber((n) =>
    n.int("common:validation.notInteger").min(MIN_DECAY_MONTHS, MONTHS_RANGE).max(MAX_DECAY_MONTHS, MONTHS_RANGE),
  ),
});
export type ThresholdForm = z.infer<typeof thresholdSchema>;

export const MAX_STAFF_QUOTA = 10_000;

export const quotaSchema = z.object({
  facilityId: id,
  year: requiredNumber((n) => n.int("common:validation.notInteger").min(QUOTA_YEARS.min, "planning:quota.errors.year").max(QUOTA_YEARS.max, "planning:quota.errors.year")),
  /** Blank returns the hospital to the guide (one per 50 beds). */
  staffQuota: optionalNumber((n) => n.int("common:validation.notInteger").min(0, "planning:quota.errors.negative").max(MAX_STAFF_QUOTA, "planning:quota.errors.tooMany")),
  note: optionalText(500),
  /** The quota's version when the form was read; absent while the hospital was on the guide. */
  version: optionalVersion,
});
export type QuotaForm = z.infer<typeof quotaSchema>;
