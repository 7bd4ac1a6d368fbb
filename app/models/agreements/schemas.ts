// One zod schema per form of the agreements area, used by the action (parseWithZod) and the
// form (getZodConstraint). Messages are translation keys.
import { z } from "zod";
import { calendarDate } from "~/models/dates";
import { AGREEMENT_STATUSES, AGREEMENT_TYPES, PARTY_ROLES } from "~/models/enums";
import { DEFAULT_MIN_ROTATION_MONTHS } from "~/models/rotations/rules";

const required = "common:validation.required";
const date = calendarDate;
const optionalDate = date.optional();
const text = (max: number) => z.string({ required_error: required }).trim().min(1, required).max(max, "common:validation.tooLong");
const optionalText = (max: number) => z.string().trim().max(max, "common:validation.tooLong").optional();

export const MAX_PARTY_ROWS = 12;

const partyRow = z.object({
  facilityCode: z.string().trim().max(40).optional(),
  role: z.enum(PARTY_ROLES, { invalid_type_error: "common:validation.invalid" }).optional(),
});

export const agreementSchema = z
  .object({
    number: text(60),
    title: text(300),
    type: z.enum(AGREEMENT_TYPES, { required_error: required }),
    signedOn: optionalDate,
    startOn: date,
    endOn: optionalDate,
    minRotationMonths: z.number({ invalid_type_error: "common:validation.invalid" }).int().min(1, "common:validation.positive").max(60).default(DEFAULT_MIN_ROTATION_MONTHS),
    notes: optionalText(4000),
    chapters: z.array(z.number().int().min(1).max(99)).max(40).default([]),
    parties: z.array(partyRow).max(MAX_PARTY_ROWS).default([]),
    /** Administrators choose the managing facility (one of the parties); directors never do. */
    ownerFacilityCode: z.string().trim().max(40).optional(),
    version: z.number().int().optional(),
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
    toStatus: z.enum(AGREEMENT_STATUSES),
    signedOn: optionalDate,
    terminatedOn: optionalDate,
    terminationReason: optionalText(2000),
    version: z.number().int(),
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
    number: text(60),
    startOn: date,
    endOn: optionalDate,
  })
  .superRefine((value, ctx) => {
    if (value.endOn && value.endOn < value.startOn) {
      ctx.addIssue({ code: "custom", path: ["endOn"], message: "common:validation.endBeforeStart" });
    }
  });

const meetingFields = z.object({
  title: text(300),
  heldOn: date,
  hostFacilityId: z.number().int().optional(),
  participants: optionalText(4000),
  decisions: optionalText(8000),
  minutesNumber: optionalText(60),
  minutesSignedOn: optionalDate,
});

function minutesAfterMeeting(value: { heldOn: string; minutesSignedOn?: string }, ctx: z.RefinementCtx) {
  if (value.minutesSignedOn && value.minutesSignedOn < value.heldOn) {
    ctx.addIssue({ code: "custom", path: ["minutesSignedOn"], message: "agreements:errors.minutesBeforeMeeting" });
  }
}

export const meetingSchema = meetingFields.superRefine(minutesAfterMeeting);
export type MeetingForm = z.infer<typeof meetingSchema>;

/** Correcting a meeting record: the same fields and rule, at the version the form was read at. */
export const meetingEditSchema = meetingFields.extend({ version: z.number().int() }).superRefine(minutesAfterMeeting);
export type MeetingEditForm = z.infer<typeof meetingEditSchema>;

export const documentSchema = z.object({
  title: text(300),
  meetingId: z.number().int().optional(),
});

/** List filters from the query string; unknown values fall back to "no filter". */
export const listFilterSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  status: z.enum([...AGREEMENT_STATUSES, "expiring"]).optional().catch(undefined),
  type: z.enum(AGREEMENT_TYPES).optional().catch(undefined),
  party: z.coerce.number().int().positive().optional().catch(undefined),
  province: z.string().trim().max(10).optional().catch(undefined),
  expiringDays: z.coerce.number().int().min(1).max(3650).optional().catch(undefined),
});
export type ListFilter = z.infer<typeof listFilterSchema>;
