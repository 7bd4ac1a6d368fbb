// Forms of the adoption area (zod; messages are translation keys). Shared by actions and forms.
import { z } from "zod";
import { isIsoDate } from "~/models/dates";
import { ADOPTION_EVENT_KINDS, ADOPTION_SOURCES } from "~/models/enums";

const required = "common:validation.required";
const date = z.string({ required_error: required }).trim().refine(isIsoDate, "common:validation.invalidDate");
const optionalText = (max: number) => z.string().trim().max(max, "common:validation.tooLong").optional();

/** One ledger entry made by hand. */
export const ledgerEventSchema = z.object({
  facilityId: z.number().int().positive().optional(),
  techniqueCode: z.string({ required_error: required }).trim().min(1, required).max(20, "common:validation.tooLong"),
  kind: z.enum(ADOPTION_EVENT_KINDS, { required_error: required }),
  eventOn: date,
  source: z.enum(ADOPTION_SOURCES).optional(),
  decisionNumber: optionalText(60),
  note: optionalText(1000),
});
export type LedgerEventForm = z.infer<typeof ledgerEventSchema>;

/** A line of a request: "10.367 2025-03-15" (the date may be left out). */
export type RequestLine = { techniqueCode: string; startedOn: string | null };

/** Parses the request textarea; returns the 1-based numbers of unreadable lines. */
export function parseRequestLines(text: string): { items: RequestLine[]; badLines: number[] } {
  const items: RequestLine[] = [];
  const badLines: number[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line) return;
    const match = /^([0-9]{1,2}\.[0-9]{1,5})(?:[\s,;\t]+(\d{4}-\d{2}-\d{2}))?$/.exec(line);
    if (!match || (match[2] && !isIsoDate(match[2]))) badLines.push(index + 1);
    else items.push({ techniqueCode: match[1], startedOn: match[2] ?? null });
  });
  return { items, badLines };
}

export const listRequestSchema = z
  .object({
    items: z.string({ required_error: required }).trim().min(1, required).max(20_000, "common:validation.tooLong"),
    comment: optionalText(2000),
    facilityId: z.number().int().positive().optional(),
  })
  .superRefine((value, ctx) => {
    const { badLines } = parseRequestLines(value.items);
    if (badLines.length > 0) {
      ctx.addIssue({ code: "custom", path: ["items"], message: `adoption:errors.badLine|${JSON.stringify({ row: badLines.join(", ") })}` });
    }
  });

export const decisionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("approve"),
    decisionNumber: z.string({ required_error: required }).trim().min(1, required).max(60, "common:validation.tooLong"),
    decisionOn: date,
    version: z.number().int(),
  }),
  z.object({
    intent: z.literal("return"),
    comment: z.string({ required_error: required }).trim().min(1, required).max(2000, "common:validation.tooLong"),
    version: z.number().int(),
  }),
]);
