// Forms of the credit-hour ledger. Messages are translation keys.
import { z } from "zod";
import { CREDIT_KINDS } from "~/models/enums";
import { choice, date, LIMITS, requiredNumber, requiredText } from "~/models/fields";

/** Kinds recorded by the app itself: a completed enrolment's course, a remote training session's attendance. */
const RECORDED_CREDIT_KINDS = ["course", "remote_training"] as const;

/** Kinds entered by hand: course and remote-training hours come only from their own records. */
export const MANUAL_CREDIT_KINDS = CREDIT_KINDS.filter((k) => !(RECORDED_CREDIT_KINDS as readonly string[]).includes(k)) as Exclude<
  (typeof CREDIT_KINDS)[number],
  (typeof RECORDED_CREDIT_KINDS)[number]
>[];

export const creditEntrySchema = z.object({
  kind: choice(MANUAL_CREDIT_KINDS as [string, ...string[]]),
  activityOn: date,
  hours: requiredNumber((n) => n.positive("common:validation.positive").max(200, "courses:credits.errors.tooManyHours")),
  title: requiredText(LIMITS.title),
  evidence: requiredText(LIMITS.note, { required: "courses:credits.errors.evidence" }),
});

export type CreditEntryInput = z.infer<typeof creditEntrySchema>;

export const CREDIT_STANDING_FILTERS = ["all", "short", "below", "at_risk"] as const;
export type CreditStandingFilter = (typeof CREDIT_STANDING_FILTERS)[number];
