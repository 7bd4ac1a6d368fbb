// Forms of the catalogue area: the edition an import loads, and a crosswalk upload.
import { z } from "zod";
import { checkbox, date, LIMITS, optionalDate, optionalText, REQUIRED, requiredNumber, requiredText } from "~/models/fields";
import { CHAPTER_COUNT, isTechniqueCodeForm } from "./import-rules";

const required = REQUIRED;

export const catalogueImportSchema = z
  .object({
    editionCode: z
      .string({ required_error: required })
      .trim()
      .regex(/^[a-z0-9][a-z0-9-]{1,39}$/, "imports:catalogue.badEditionCode"),
    editionName: requiredText(LIMITS.personName),
    effectiveFrom: date,
    effectiveTo: optionalDate.transform((v) => v ?? null),
    complete: checkbox,
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
  name: requiredText(LIMITS.techniqueName).min(3, required),
  chapterNumber: requiredNumber((n) => n.int().min(1).max(CHAPTER_COUNT)),
  permissionDecision: requiredText(LIMITS.permissionDecision),
  transferringPartner: optionalText(LIMITS.title),
});
export type NewTechniqueForm = z.infer<typeof newTechniqueSchema>;

export const linkNewTechniqueSchema = z.object({
  listedCode: requiredText(LIMITS.techniqueCode).refine(isTechniqueCodeForm, "agreements:errors.techniqueCodeFormat"),
});

