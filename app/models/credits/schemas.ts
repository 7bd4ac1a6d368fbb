// Forms of the credit-hour ledger. Messages are translation keys.
import { z } from "zod";
import { calendarDate } from "~/models/dates";
import { CREDIT_KINDS } from "~/models/enums";

const required = "common:validation.required";

/** Kinds entered by hand: course hours come only from a completed enrolment. */
export const MANUAL_CREDIT_KINDS = CREDIT_KINDS.filter((k) => k !== "course") as Exclude<
  (typeof CREDIT_KINDS)[number],
  "course"
>[];

export const creditEntrySchema = z.object({
  kind: z.enum(MANUAL_CREDIT_KINDS as [string, ...string[]], { errorMap: () => ({ message: required }) }),
  activityOn: calendarDate,
  hours: z.coerce
    .number({ required_error: required, invalid_type_error: "common:validation.invalid" })
    .positive("common:validation.positive")
    .max(200, "courses:credits.errors.tooManyHours"),
  title: z.string({ required_error: required }).trim().min(1, required).max(300, "common:validation.tooLong"),
  evidence: z.string({ required_error: "courses:credits.errors.evidence" }).trim().min(1, "courses:credits.errors.evidence").max(1000, "common:validation.tooLong"),
});

export type CreditEntryInput = z.infer<typeof creditEntrySchema>;

export const CREDIT_STANDING_FILTERS = ["all", "short", "below", "at_risk"] as const;
export type CreditStandingFilter = (typeof CREDIT_STANDING_FILTERS)[number];
