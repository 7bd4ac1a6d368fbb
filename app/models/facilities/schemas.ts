// One zod schema per form of the facility registry, used by the action (parseWithZod) and the
// form (getZodConstraint). Messages are translation keys. Rules that need the database (code
// taken, commune of another province, reclassification before opening) are model errors.
import { z } from "zod";
import { calendarDate } from "~/models/dates";
import { COMPETENCE_LEVELS, deliversCare, FACILITY_KINDS, GRADES, LEVELS, OWNERSHIPS } from "~/models/enums";

const required = "common:validation.required";
const invalid = "common:validation.invalid";
const date = calendarDate;
const text = (max: number) => z.string({ required_error: required }).trim().min(1, required).max(max, "common:validation.tooLong");
const optionalText = (max: number) => z.string().trim().max(max, "common:validation.tooLong").optional();

/** Facility codes: letters, digits and . - _ / (ministry codes such as 01001, or LC-BVDK2). */
export const FACILITY_CODE_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N}._\-/]*$/u;

const registryFields = {
  code: text(40).refine((v) => FACILITY_CODE_PATTERN.test(v), "facilities:errors.badCode"),
  name: text(300),
  nameEn: optionalText(300),
  shortName: optionalText(80),
  kind: z.enum(FACILITY_KINDS, { required_error: required, invalid_type_error: invalid }),
  grade: z.enum(GRADES, { invalid_type_error: invalid }).default("none"),
  ownership: z.enum(OWNERSHIPS, { invalid_type_error: invalid }).default("public"),
  beds: z.number({ invalid_type_error: invalid }).int(invalid).min(0).max(20_000).default(0),
  provinceCode: z.string().trim().max(10).optional(),
  communeCode: z.string().trim().max(10).optional(),
  /** The directing facility, by its code. */
  directedByCode: z.string().trim().max(40).optional(),
  openedOn: date.optional(),
  closedOn: date.optional(),
};

function datesInOrder(value: { openedOn?: string; closedOn?: string }, ctx: z.RefinementCtx) {
  if (value.openedOn && value.closedOn && value.closedOn < value.openedOn) {
    ctx.addIssue({ code: "custom", path: ["closedOn"], message: "facilities:errors.closedBeforeOpened" });
  }
}

/** Care organisations carry a legacy level (required) and may carry a competence level; others neither. */
function classificationFitsKind(
  value: { kind: (typeof FACILITY_KINDS)[number]; level?: string; competence?: string },
  ctx: z.RefinementCtx,
) {
  if (!deliversCare(value.kind)) {
    if (value.level) ctx.addIssue({ code: "custom", path: ["level"], message: "facilities:errors.nonCareLevel" });
    if (value.competence) ctx.addIssue({ code: "custom", path: ["competence"], message: "facilities:errors.nonCareLevel" });
  } else if (!value.level) {
    ctx.addIssue({ code: "custom", path: ["level"], message: required });
  }
}

export const facilityCreateSchema = z
  .object({
    ...registryFields,
    level: z.enum(LEVELS, { invalid_type_error: invalid }).optional(),
    competence: z.enum(COMPETENCE_LEVELS, { invalid_type_error: invalid }).optional(),
  })
  .superRefine((value, ctx) => {
    datesInOrder(value, ctx);
    classificationFitsKind(value, ctx);
  });
export type FacilityCreateForm = z.infer<typeof facilityCreateSchema>;

/** Editing the register entry; classifications change only through a dated reclassification. */
export const facilityEditSchema = z
  .object({ ...registryFields, intent: z.literal("save").default("save"), version: z.number({ required_error: required }).int() })
  .superRefine(datesInOrder);
export type FacilityEditForm = z.infer<typeof facilityEditSchema>;

/** Deactivating or reactivating, at the version the page was read at. */
export const facilityActiveSchema = z.object({
  intent: z.enum(["deactivate", "reactivate"]),
  version: z.number({ required_error: required }).int(),
});

const classificationFields = {
  level: z.enum(LEVELS, { invalid_type_error: invalid }).optional(),
  competence: z.enum(COMPETENCE_LEVELS, { invalid_type_error: invalid }).optional(),
  validFrom: date,
  decisionNumber: text(60),
  note: optionalText(500),
};

function somethingChanges(value: { level?: string; competence?: string }, ctx: z.RefinementCtx) {
  if (!value.level && !value.competence) {
    ctx.addIssue({ code: "custom", path: ["level"], message: "facilities:errors.nothingToChange" });
  }
}

export const reclassifySchema = z.object(classificationFields).superRefine(somethingChanges);
export type ReclassifyForm = z.infer<typeof reclassifySchema>;

/** The batch form: one decision for many facilities of the province (e.g. 1 July 2025). */
export const batchReclassifySchema = z
  .object({
    ...classificationFields,
    facilityIds: z
      .array(z.number({ invalid_type_error: invalid }).int().positive(), { required_error: "facilities:errors.noFacilitiesChosen" })
      .min(1, "facilities:errors.noFacilitiesChosen")
      .max(5000),
  })
  .superRefine(somethingChanges);
export type BatchReclassifyForm = z.infer<typeof batchReclassifySchema>;
