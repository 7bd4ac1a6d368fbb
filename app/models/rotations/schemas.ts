// One zod schema per form of the rotations area, used by the action (parseWithZod) and the
// form (getZodConstraint). Messages are translation keys. Cross-record rules (overlap,
// length under the agreement, techniques, absence limit) are model errors, not schema ones.
import { z } from "zod";
import { isIsoDate } from "~/models/dates";
import { ROTATION_PURPOSES } from "~/models/enums";
import { checkbox, choice, date, id, idList, LIMITS, optionalId, optionalNumber, optionalText, optionalVersion, requiredNumber, version } from "~/models/fields";

export const rotationSchema = z
  .object({
    staffId: id,
    toFacilityId: id,
    agreementId: optionalId,
    transferItemIds: idList(50).default([]),
    purpose: choice(ROTATION_PURPOSES),
    startOn: date,
    endOn: date,
    shortTerm: checkbox,
    shortTermReason: optionalText(LIMITS.note),
    directionPurpose: optionalText(LIMITS.note),
    limitOverride: checkbox,
    limitOverrideReason: optionalText(LIMITS.note),
    notes: optionalText(LIMITS.notes),
    /** Present when editing: the version the form was read at. */
    version: optionalVersion,
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
  version,
});

export const statusSchema = z.object({
  intent: z.enum(["confirm", "cancel"]),
  cancelReason: optionalText(LIMITS.note),
  version,
});

export const reportSchema = z.object({
  intent: z.literal("report"),
  reportCases: requiredNumber((n) => n.int().min(0).max(100_000)),
  reportNotes: optionalText(LIMITS.longText),
  version,
});

/** A date window for the suggestions (and a technique when no transfer item is chosen). */
export const suggestionSchema = z
  .object({
    transferItemId: optionalId,
    techniqueId: optionalId,
    /** A catalogue code ("10.12") instead of the technique id. */
    techniqueCode: optionalText(LIMITS.techniqueCode),
    toFacilityId: optionalId,
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
  limit: optionalNumber((n) => n.int("common:validation.invalid").min(0, "common:validation.invalid").max(10_000)),
  version,
});
