// One zod schema per form of the rotations area, used by the action (parseWithZod) and the
// form (getZodConstraint). Messages are translation keys. Cross-record rules (overlap,
// length under the agreement, techniques, absence limit) are model errors, not schema ones.
import { z } from "zod";
import { calendarDate, isIsoDate } from "~/models/dates";
import { ROTATION_PURPOSES } from "~/models/enums";

const required = "common:validation.required";
const date = calendarDate;
const id = z.number({ required_error: required, invalid_type_error: "common:validation.invalid" }).int().positive();
const optionalText = (max: number) => z.string().trim().max(max, "common:validation.tooLong").optional();

export const rotationSchema = z
  .object({
    staffId: id,
    toFacilityId: id,
    agreementId: id.optional(),
    transferItemIds: z.array(id).max(50).default([]),
    purpose: z.enum(ROTATION_PURPOSES, { required_error: required }),
    startOn: date,
    endOn: date,
    shortTerm: z.boolean().default(false),
    shortTermReason: optionalText(1000),
    directionPurpose: optionalText(1000),
    limitOverride: z.boolean().default(false),
    limitOverrideReason: optionalText(1000),
    notes: optionalText(4000),
    /** Present when editing: the version the form was read at. */
    version: z.number().int().optional(),
  })
  .superRefine((value, ctx) => {
    if (isIsoDate(value.startOn) && isIsoDate(value.endOn) && value.endOn < value.startOn) {
      ctx.addIssue({ code: "custom", path: ["endOn"], message: "common:validation.endBeforeStart" });
    }
  });
export type RotationForm = z.infer<typeof rotationSchema>;

/**
 * New dates for a rotation dragged on the board (or put back by its undo), with the version
 * the board showed. Every rule is the edit form's, applied by the command.
 */
export const moveSchema = z.object({
  intent: z.literal("move"),
  rotationId: id,
  startOn: date,
  endOn: date,
  version: z.number({ required_error: required, invalid_type_error: "common:validation.invalid" }).int(),
});

export const statusSchema = z.object({
  intent: z.enum(["confirm", "cancel"]),
  cancelReason: optionalText(1000),
  version: z.number().int(),
});

export const reportSchema = z.object({
  intent: z.literal("report"),
  reportCases: z.number({ required_error: required, invalid_type_error: "common:validation.invalid" }).int().min(0).max(100_000),
  reportNotes: optionalText(8000),
  version: z.number().int(),
});

/** A date window for the suggestions (and a technique when no transfer item is chosen). */
export const suggestionSchema = z
  .object({
    transferItemId: id.optional(),
    techniqueId: id.optional(),
    /** A catalogue code ("10.12") instead of the technique id. */
    techniqueCode: z.string().trim().max(20).optional(),
    toFacilityId: id.optional(),
    startOn: date,
    endOn: date,
  })
  .superRefine((value, ctx) => {
    if (isIsoDate(value.startOn) && isIsoDate(value.endOn) && value.endOn < value.startOn) {
      ctx.addIssue({ code: "custom", path: ["endOn"], message: "common:validation.endBeforeStart" });
    }
    if (!value.transferItemId && !value.techniqueId && !value.techniqueCode) {
      ctx.addIssue({ code: "custom", path: ["techniqueCode"], message: "rotations:errors.chooseTechnique" });
    }
  });

/** A facility's concurrent-absence limit; empty means the 1-per-50-beds guide. */
export const absenceLimitSchema = z.object({
  intent: z.literal("limit"),
  limit: z.number({ invalid_type_error: "common:validation.invalid" }).int("common:validation.invalid").min(0, "common:validation.invalid").max(10_000).optional(),
  version: z.number().int(),
});
