// Forms of the catalogue area: the edition an import loads, and a crosswalk upload.
import { z } from "zod";
import { isIsoDate } from "~/models/dates";

const required = "common:validation.required";

export const catalogueImportSchema = z
  .object({
    editionCode: z
      .string({ required_error: required })
      .trim()
      .regex(/^[a-z0-9][a-z0-9-]{1,39}$/, "imports:catalogue.badEditionCode"),
    editionName: z.string({ required_error: required }).trim().min(1, required).max(200, "common:validation.tooLong"),
    effectiveFrom: z.string({ required_error: required }).refine(isIsoDate, "common:validation.invalidDate"),
    effectiveTo: z
      .string()
      .optional()
      .transform((v) => (v ? v : null))
      .refine((v) => v === null || isIsoDate(v), "common:validation.invalidDate"),
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
