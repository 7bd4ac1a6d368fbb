// The staff registry form, used by the action (parseWithZod) and the form (getZodConstraint).
import { z } from "zod";
import { CADRES } from "~/models/enums";

const required = "common:validation.required";
const optionalText = (max: number) => z.string().trim().max(max, "common:validation.tooLong").optional();

/** Technique codes typed as "10.367, 10.800" or one per line. */
export function parseTechniqueCodes(text: string | null | undefined): string[] {
  if (!text) return [];
  return [...new Set(text.split(/[\s,;]+/).map((c) => c.trim()).filter(Boolean))];
}

export const staffSchema = z.object({
  fullName: z.string({ required_error: required }).trim().min(1, required).max(200, "common:validation.tooLong"),
  cadre: z.enum(CADRES, { required_error: required }),
  chapterNumber: z.number({ invalid_type_error: "common:validation.invalid" }).int().min(1).max(99).optional(),
  title: optionalText(120),
  licenceNumber: optionalText(60),
  email: z.string().trim().email("common:validation.invalid").max(200).optional(),
  techniques: optionalText(4000),
  /** Administrators choose the facility; directors never do (their own is used). */
  facilityId: z.number().int().positive().optional(),
  /** Unchecked means inactive (an unchecked box is absent from the form). */
  active: z.boolean().optional(),
  version: z.number().int().optional(),
});
export type StaffForm = z.infer<typeof staffSchema>;

export const importSchema = z.object({
  facilityId: z.number().int().positive().optional(),
});
