// Forms of the credit-hour ledger. Messages are translation keys.
import { z } from "zod";
import { CREDIT_KINDS } from "~/models/enums";
import { choice, date, LIMITS, requiredNumber, requiredText } from "~/models/fields";

/** Kinds entered by hand: course hours come only from a completed enrolment. */
export const MANUAL_CREDIT_KINDS = CREDIT_KINDS.filter((k) => k !== "course") as Exclude<
  (typeof CREDIT_KINDS)[number],
  "course"
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
