// Forms of the catalogue area: the edition an import loads, and a crosswalk upload.
import { z } from "zod";
import { calendarDate } from "~/models/dates";
import { CHAPTER_COUNT, isTechniqueCodeForm } from "./import-rules";

const required = "common:validation.required";

export const catalogueImportSchema = z
  .object({
    editionCode: z
      .string({ required_error: required })
      .trim()
      .regex(/^[a-z0-9][a-z0-9-]{1,39}$/, "imports:catalogue.badEditionCode"),
    editionName: z.string({ required_error: required }).trim().min(1, required).max(200, "common:validation.tooLong"),
    effectiveFrom: calendarDate,
    effectiveTo: calendarDate.optional().transform((v) => v ?? null),
    complete: z
      .string()
      .optional()
      .transform((v) => v === "on" || v === "true"),
  })
  .refine((v) => v.effectiveTo === null || v.effectiveTo >= v.effectiveFrom, {
    path: ["effectiveTo"],
    message: "imports:catalogue.editionEndsBeforeStart",
  });

/** Field name -> message keys, from a failed parse (the first message of each field). */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

// ---- new techniques


export const newTechniqueSchema = z.object({
  name: z.string({ required_error: required }).trim().min(3, required).max(500, "common:validation.tooLong"),
  chapterNumber: z.number({ required_error: required, invalid_type_error: "common:validation.invalid" }).int().min(1).max(CHAPTER_COUNT),
  permissionDecision: z.string({ required_error: required }).trim().min(1, required).max(100, "common:validation.tooLong"),
  transferringPartner: z.string().trim().max(300, "common:validation.tooLong").optional(),
});
export type NewTechniqueForm = z.infer<typeof newTechniqueSchema>;

export const linkNewTechniqueSchema = z.object({
  listedCode: z
    .string({ required_error: required })
    .trim()
    .max(20, "common:validation.tooLong")
    .refine(isTechniqueCodeForm, "agreements:errors.techniqueCodeFormat"),
});

