// One zod schema per form of the facility registry, used by the action (parseWithZod) and the
// form (getZodConstraint). Messages are translation keys. Rules that need the database (code
// taken, commune of another province, reclassification before opening) are model errors.
import { z } from "zod";
import { COMPETENCE_LEVELS, deliversCare, FACILITY_KINDS, GRADES, LEVELS, OWNERSHIPS } from "~/models/enums";
import { choice, date, id, INVALID, LIMITS, numberWithDefault, optionalDate, optionalText, REQUIRED, requiredText, version } from "~/models/fields";

const required = REQUIRED;
const invalid = INVALID;

/** Facility codes: letters, digits and . - _ / (ministry codes such as 01001, or LC-BVDK2). */
export const FACILITY_CODE_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N}._\-/]*$/u;

const registryFields = {
  code: requiredText(LIMITS.facilityCode).refine((v) => FACILITY_CODE_PATTERN.test(v), "facilities:errors.badCode"),
  name: requiredText(LIMITS.title),
  nameEn: optionalText(LIMITS.title),
  shortName: optionalText(LIMITS.shortName),
  kind: choice(FACILITY_KINDS),
  grade: choice(GRADES).default("none"),
  ownership: choice(OWNERSHIPS).default("public"),
  beds: numberWithDefault(0, (n) => n.int(invalid).min(0).max(20_000)),
  provinceCode: optionalText(LIMITS.regionCode),
  communeCode: optionalText(LIMITS.regionCode),
  /** The directing facility, by its code. */
  directedByCode: optionalText(LIMITS.facilityCode),
  openedOn: optionalDate,
  closedOn: optionalDate,
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
    level: choice(LEVELS).optional(),
    competence: choice(COMPETENCE_LEVELS).optional(),
  })
  .superRefine((value, ctx) => {
    datesInOrder(value, ctx);
    classificationFitsKind(value, ctx);
  });
export type FacilityCreateForm = z.infer<typeof facilityCreateSchema>;

/** Editing the register entry; classifications change only through a dated reclassification. */
export const facilityEditSchema = z
  .object({ ...registryFields, intent: z.literal("save").default("save"), version })
  .superRefine(datesInOrder);
export type FacilityEditForm = z.infer<typeof facilityEditSchema>;

/** Deactivating or reactivating, at the version the page was read at. */
export const facilityActiveSchema = z.object({
  intent: z.enum(["deactivate", "reactivate"]),
  version,
});

const classificationFields = {
  level: choice(LEVELS).optional(),
  competence: choice(COMPETENCE_LEVELS).optional(),
  validFrom: date,
  decisionNumber: requiredText(LIMITS.recordNumber),
  note: optionalText(LIMITS.note),
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
      .array(id, { required_error: "facilities:errors.noFacilitiesChosen" })
      .min(1, "facilities:errors.noFacilitiesChosen")
      .max(5000),
  })
  .superRefine(somethingChanges);
export type BatchReclassifyForm = z.infer<typeof batchReclassifySchema>;
