// Zod schemas of the plan pages: the request form and the decisions on a draft. Messages are
// translation keys; the period's length and the lines' ownership are the model's checks.
import { z } from "zod";
import { id, idList, LIMITS, numberWithDefault, optionalText, requiredNumber, version } from "~/models/fields";
import { DEFAULT_TIME_LIMIT_SECONDS, MAX_PLAN_MONTHS, MAX_TIME_LIMIT_SECONDS } from "./types";

/** Lines a plan may be asked for at once (a province hospital's open lines fit well within it). */
export const MAX_PLAN_LINES = 500;

export const planRequestSchema = z.object({
  facilityId: id,
  /** `yyyy-MM` as the month input sends it. */
  firstMonth: z
    .string({ required_error: "solver:errors.firstMonth" })
    .trim()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "solver:errors.firstMonth"),
  months: requiredNumber((n) => n.int("common:validation.invalid")),
  transferItemIds: idList(MAX_PLAN_LINES).default([]),
  overrideExtra: numberWithDefault(0, (n) => n.int("common:validation.invalid").min(0, "common:validation.invalid").max(50, "common:validation.invalid")),
  overrideReason: optionalText(LIMITS.note),
  timeLimitSeconds: numberWithDefault(DEFAULT_TIME_LIMIT_SECONDS, (n) =>
    n.int("common:validation.invalid").min(1, "solver:errors.timeLimit").max(MAX_TIME_LIMIT_SECONDS, "solver:errors.timeLimit"),
  ),
});
export type PlanRequestForm = z.infer<typeof planRequestSchema>;

export const PLAN_INTENTS = ["adopt", "adoptAll", "reject", "replan"] as const;

export const planDecisionSchema = z.object({
  intent: z.enum(PLAN_INTENTS),
  entryIds: idList(MAX_PLAN_LINES).default([]),
  version,
});

export { MAX_PLAN_MONTHS, MAX_TIME_LIMIT_SECONDS };
