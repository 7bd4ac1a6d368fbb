// Forms of the priority-technique list: add or correct an item, move its stage, log a case,
// accept it, delete it.
import { z } from "zod";
import { isTechniqueCodeForm } from "~/models/catalogue/import-rules";
import { calendarDate } from "~/models/dates";
import { CASE_OUTCOMES, TRANSFER_STAGES } from "~/models/enums";

const required = "common:validation.required";
const date = calendarDate;
const optionalText = (max: number) => z.string().trim().max(max, "common:validation.tooLong").optional();
const id = z.number({ required_error: required, invalid_type_error: "common:validation.invalid" }).int().positive();

export const itemSchema = z.object({
  techniqueCode: z
    .string({ required_error: required })
    .trim()
    .max(20, "common:validation.tooLong")
    .refine(isTechniqueCodeForm, "agreements:errors.techniqueCodeFormat"),
  fromFacilityId: id,
  toFacilityId: id,
  phase: z.number({ required_error: required }).int().min(1, "common:validation.positive").max(20),
  priority: z.number().int().min(1, "common:validation.positive").max(99).default(1),
  targetDate: date.optional(),
  requiredCases: z.number({ required_error: required }).int().min(0).max(1000),
  notes: optionalText(2000),
});
export type ItemForm = z.infer<typeof itemSchema>;

/** Correcting a line of the plan: the add form's fields and rules, without the technique (delete and add instead). */
export const itemEditSchema = itemSchema.omit({ techniqueCode: true }).extend({ version: z.number().int() });
export type ItemEditForm = z.infer<typeof itemEditSchema>;

export const itemDeleteSchema = z.object({ version: z.number({ required_error: required }).int() });

export const stageMoveSchema = z.object({
  intent: z.literal("move"),
  toStage: z.enum(TRANSFER_STAGES, { required_error: required }),
  movedOn: date,
  note: optionalText(2000),
  version: z.number().int(),
});
export type StageMoveForm = z.infer<typeof stageMoveSchema>;

export const caseLogSchema = z
  .object({
    intent: z.literal("case"),
    performedOn: date,
    performerId: z.number().int().positive().optional(),
    performerName: optionalText(200),
    /** A staff member of the supporting facility; a typed name only for an outside expert. */
    supervisorId: z.number().int().positive().optional(),
    supervisorName: optionalText(200),
    outcome: z.enum(CASE_OUTCOMES, { required_error: required }),
    supervised: z.boolean().default(false),
    note: optionalText(2000),
  })
  .superRefine((value, ctx) => {
    if (!value.performerId && !value.performerName) {
      ctx.addIssue({ code: "custom", path: ["performerId"], message: "agreements:errors.performerRequired" });
    }
    if (value.supervisorId && value.supervisorName) {
      ctx.addIssue({ code: "custom", path: ["supervisorName"], message: "agreements:errors.supervisorEither" });
    }
  });
export type CaseLogForm = z.infer<typeof caseLogSchema>;

export const acceptanceSchema = z.object({
  intent: z.literal("accept"),
  acceptedOn: date,
  minutesNumber: z.string({ required_error: required }).trim().min(1, required).max(60, "common:validation.tooLong"),
  staffIds: z.array(z.number().int().positive()).min(1, "agreements:errors.acceptanceStaffRequired"),
  version: z.number().int(),
});
export type AcceptanceForm = z.infer<typeof acceptanceSchema>;

export const planFilterSchema = z.object({
  stage: z.enum(TRANSFER_STAGES).optional().catch(undefined),
  facility: z.coerce.number().int().positive().optional().catch(undefined),
  overdue: z.enum(["1"]).optional().catch(undefined),
});
export type PlanFilter = z.infer<typeof planFilterSchema>;
