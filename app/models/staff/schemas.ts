// The staff registry form, used by the action (parseWithZod) and the form (getZodConstraint).
import { z } from "zod";
import { CADRES } from "~/models/enums";
import { choice, LIMITS, optionalCheckbox, optionalEmail, optionalId, optionalNumber, optionalText, optionalVersion, requiredText } from "~/models/fields";

/** Technique codes typed as "10.367, 10.800" or one per line. */
export function parseTechniqueCodes(text: string | null | undefined): string[] {
  if (!text) return [];
  return [...new Set(text.split(/[\s,;]+/).map((c) => c.trim()).filter(Boolean))];
}

export const staffSchema = z.object({
  fullName: requiredText(LIMITS.personName),
  cadre: choice(CADRES),
  chapterNumber: optionalNumber((n) => n.int().min(1).max(99)),
  title: optionalText(LIMITS.academicTitle),
  licenceNumber: optionalText(LIMITS.licenceNumber),
  email: optionalEmail(),
  techniques: optionalText(LIMITS.codeList),
  /** Administrators choose the facility; directors never do (their own is used). */
  facilityId: optionalId,
  /** Unchecked means inactive (an unchecked box is absent from the form); the create form has no box. */
  active: optionalCheckbox,
  version: optionalVersion,
});
export type StaffForm = z.infer<typeof staffSchema>;

export const importSchema = z.object({
  facilityId: optionalId,
});
