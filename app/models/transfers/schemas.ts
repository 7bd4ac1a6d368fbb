// Forms of the priority-technique list: add or correct an item, move its stage, log a case,
// accept it, delete it.
import { z } from "zod";
import { isTechniqueCodeForm } from "~/models/catalogue/import-rules";
import { CASE_OUTCOMES, TRANSFER_STAGES } from "~/models/enums";
import { idempotencyKeyField } from "~/models/offline/keys";
import {
  checkbox,
  choice,
  date,
  id,
  idFilter,
  idList,
  LIMITS,
  numberWithDefault,
  optionalDate,
  optionalId,
  optionalText,
  requiredNumber,
  requiredText,
  version,
} from "~/models/fields";

export const itemSchema = z.object({
  techniqueCode: requiredText(LIMITS.techniqueCode).refine(isTechniqueCodeForm, "agreements:errors.techniqueCodeFormat"),
  fromFacilityId: id,
  toFacilityId: id,
  phase: requiredNumber((n) => n.int().min(1, "common:validation.positive").max(20)),
  priority: numberWithDefault(1, (n) => n.int().min(1, "common:validation.positive").max(99)),
  targetDate: optionalDate,
  requiredCases: requiredNumber((n) => n.int().min(0).max(1000)),
  notes: optionalText(LIMITS.comment),
});
export type ItemForm = z.infer<typeof itemSchema>;

/** Correcting a line of the plan: the add form's fields and rules, without the technique (delete and add instead). */
export const itemEditSchema = itemSchema.omit({ techniqueCode: true }).extend({ version });
export type ItemEditForm = z.infer<typeof itemEditSchema>;

export const itemDeleteSchema = z.object({ version });

export const stageMoveSchema = z.object({
  intent: z.literal("move"),
  toStage: choice(TRANSFER_STAGES),
  movedOn: date,
  note: optionalText(LIMITS.comment),
  version,
});
export type StageMoveForm = z.infer<typeof stageMoveSchema>;

export const caseLogSchema = z
  .object({
    intent: z.literal("case"),
    performedOn: date,
    performerId: optionalId,
    performerName: optionalText(LIMITS.personName),
    /** A staff member of the supporting facility; a typed name only for an outside expert. */
    supervisorId: optionalId,
    supervisorName: optionalText(LIMITS.personName),
    outcome: choice(CASE_OUTCOMES),
    supervised: checkbox,
    note: optionalText(LIMITS.comment),
    /** Made when the form was filled: a case sent again (offline outbox, lost answer) lands once. */
    idempotencyKey: idempotencyKeyField,
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
  minutesNumber: requiredText(LIMITS.recordNumber),
  staffIds: idList(1000).min(1, "agreements:errors.acceptanceStaffRequired"),
  version,
});
export type AcceptanceForm = z.infer<typeof acceptanceSchema>;

export const planFilterSchema = z.object({
  stage: z.enum(TRANSFER_STAGES).optional().catch(undefined),
  facility: idFilter,
  overdue: z.enum(["1"]).optional().catch(undefined),
});
export type PlanFilter = z.infer<typeof planFilterSchema>;

/** A condition the receiving facility must have in place (equipment, room, supplies), a free label. */
export const checkAddSchema = z.object({
  intent: z.literal("check-add"),
  label: requiredText(LIMITS.title),
});
export type CheckAddForm = z.infer<typeof checkAddSchema>;

/** Confirms (`confirmed: "yes"`) or withdraws the confirmation of one checklist item, at the version read. */
export const checkConfirmSchema = z.object({
  intent: z.literal("check-confirm"),
  checkId: id,
  confirmed: choice(["yes", "no"] as const),
  version,
});
export type CheckConfirmForm = z.infer<typeof checkConfirmSchema>;

/** Deferring a line of the plan: the reason is required (it is what the plan shows). */
export const deferSchema = z.object({
  intent: z.literal("defer"),
  reason: requiredText(LIMITS.note),
  version,
});
export type DeferForm = z.infer<typeof deferSchema>;

export const resumeSchema = z.object({
  intent: z.literal("resume"),
  version,
});
export type ResumeForm = z.infer<typeof resumeSchema>;
