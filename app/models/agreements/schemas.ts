// One zod schema per form of the agreements area, used by the action (parseWithZod) and the
// form (getZodConstraint). Messages are translation keys.
import { z } from "zod";
import { AGREEMENT_STATUSES, AGREEMENT_TYPES, PARTY_ROLES } from "~/models/enums";
import { choice, date, idFilter, LIMITS, numberWithDefault, optionalDate, optionalId, optionalNumber, optionalText, optionalVersion, regionFilter, REQUIRED, requiredNumber, requiredText, searchFilter, version } from "~/models/fields";
import { DEFAULT_MIN_ROTATION_MONTHS } from "~/models/rotations/rules";
import { MINUTES_MAX_LENGTH } from "./minutes";

const required = REQUIRED;

export const MAX_PARTY_ROWS = 12;

const partyRow = z.object({
  facilityCode: optionalText(LIMITS.facilityCode),
  role: choice(PARTY_ROLES).optional(),
});

export const agreementSchema = z
  .object({
    number: requiredText(LIMITS.recordNumber),
    title: requiredText(LIMITS.title),
    type: choice(AGREEMENT_TYPES),
    signedOn: optionalDate,
    startOn: date,
    endOn: optionalDate,
    minRotationMonths: numberWithDefault(DEFAULT_MIN_ROTATION_MONTHS, (n) => n.int().min(1, "common:validation.positive").max(60)),
    notes: optionalText(LIMITS.notes),
    chapters: z.array(requiredNumber((n) => n.int().min(1).max(99))).max(40).default([]),
    parties: z.array(partyRow).max(MAX_PARTY_ROWS).default([]),
    /** Administrators choose the managing facility (one of the parties); directors never do. */
    ownerFacilityCode: optionalText(LIMITS.facilityCode),
    version: optionalVersion,
  })
  .superRefine((value, ctx) => {
    if (value.endOn && value.endOn < value.startOn) {
      ctx.addIssue({ code: "custom", path: ["endOn"], message: "common:validation.endBeforeStart" });
    }
    value.parties.forEach((p, i) => {
      if (p.facilityCode && !p.role) {
        ctx.addIssue({ code: "custom", path: ["parties", i, "role"], message: "agreements:errors.partyRoleMissing" });
      }
      if (!p.facilityCode && p.role) {
        ctx.addIssue({ code: "custom", path: ["parties", i, "facilityCode"], message: required });
      }
    });
  });
export type AgreementForm = z.infer<typeof agreementSchema>;

export const statusSchema = z
  .object({
    intent: z.literal("status"),
    toStatus: choice(AGREEMENT_STATUSES),
    signedOn: optionalDate,
    terminatedOn: optionalDate,
    terminationReason: optionalText(LIMITS.comment),
    version,
  })
  .superRefine((value, ctx) => {
    if (value.toStatus === "terminated" && !value.terminationReason) {
      ctx.addIssue({ code: "custom", path: ["terminationReason"], message: required });
    }
    if (value.toStatus === "terminated" && !value.terminatedOn) {
      ctx.addIssue({ code: "custom", path: ["terminatedOn"], message: required });
    }
  });

export const renewSchema = z
  .object({
    intent: z.literal("renew"),
    number: requiredText(LIMITS.recordNumber),
    startOn: date,
    endOn: optionalDate,
  })
  .superRefine((value, ctx) => {
    if (value.endOn && value.endOn < value.startOn) {
      ctx.addIssue({ code: "custom", path: ["endOn"], message: "common:validation.endBeforeStart" });
    }
  });

const meetingFields = z.object({
  title: requiredText(LIMITS.title),
  heldOn: date,
  hostFacilityId: optionalId,
  participants: optionalText(LIMITS.notes),
  decisions: optionalText(LIMITS.longText),
  minutesNumber: optionalText(LIMITS.recordNumber),
  minutesSignedOn: optionalDate,
  /** The minutes' full text in each language (the annual review's are generated, then edited). */
  minutesVi: optionalText(MINUTES_MAX_LENGTH),
  minutesEn: optionalText(MINUTES_MAX_LENGTH),
});

function minutesAfterMeeting(value: { heldOn: string; minutesSignedOn?: string }, ctx: z.RefinementCtx) {
  if (value.minutesSignedOn && value.minutesSignedOn < value.heldOn) {
    ctx.addIssue({ code: "custom", path: ["minutesSignedOn"], message: "agreements:errors.minutesBeforeMeeting" });
  }
}

export const meetingSchema = meetingFields.superRefine(minutesAfterMeeting);
export type MeetingForm = z.infer<typeof meetingSchema>;

/** Correcting a meeting record: the same fields and rule, at the version the form was read at. */
export const meetingEditSchema = meetingFields.extend({ version }).superRefine(minutesAfterMeeting);
export type MeetingEditForm = z.infer<typeof meetingEditSchema>;

/** Saving an annual review's minutes: a meeting record of the year under review, with both texts. */
export const minutesSaveSchema = meetingFields
  .extend({
    year: requiredNumber((n) => n.int().min(1900).max(9999)),
    minutesVi: requiredText(MINUTES_MAX_LENGTH),
    minutesEn: requiredText(MINUTES_MAX_LENGTH),
  })
  .superRefine(minutesAfterMeeting);
export type MinutesSaveForm = z.infer<typeof minutesSaveSchema>;

export const documentSchema = z.object({
  title: requiredText(LIMITS.title),
  meetingId: optionalId,
});

/** List filters from the query string; unknown values fall back to "no filter". */
export const listFilterSchema = z.object({
  q: searchFilter,
  status: z.enum([...AGREEMENT_STATUSES, "expiring"]).optional().catch(undefined),
  type: z.enum(AGREEMENT_TYPES).optional().catch(undefined),
  party: idFilter,
  province: regionFilter,
  expiringDays: optionalNumber((n) => n.int().min(1).max(3650)).catch(undefined),
});
export type ListFilter = z.infer<typeof listFilterSchema>;
