// Forms of the adoption area (zod; messages are translation keys). Shared by actions and forms.
import { z } from "zod";
import { calendarDate, isIsoDate } from "~/models/dates";
import { ADOPTION_EVENT_KINDS, ADOPTION_SOURCES } from "~/models/enums";

const required = "common:validation.required";
const date = calendarDate;
const optionalText = (max: number) => z.string().trim().max(max, "common:validation.tooLong").optional();

/** Longest technique code (a billing code CC.SSSS.GGGG is 12) and decision number, in every form and import. */
export const TECHNIQUE_CODE_MAX = 20;
export const DECISION_NUMBER_MAX = 60;
const techniqueCode = z.string({ required_error: required }).trim().min(1, required).max(TECHNIQUE_CODE_MAX, "common:validation.tooLong");
const decisionNumber = optionalText(DECISION_NUMBER_MAX);

/** One ledger entry made by hand. */
export const ledgerEventSchema = z.object({
  facilityId: z.number().int().positive().optional(),
  techniqueCode,
  kind: z.enum(ADOPTION_EVENT_KINDS, { required_error: required }),
  eventOn: date,
  source: z.enum(ADOPTION_SOURCES).optional(),
  decisionNumber,
  note: optionalText(1000),
});

/** The text fields of one row of a ledger file, with the hand form's limits (dates are read by `readLedgerDate`). */
export const ledgerImportRowSchema = z.object({
  techniqueCode,
  decisionNumber,
  facilityCode: optionalText(40),
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
    decisionNumber: z.string({ required_error: required }).trim().min(1, required).max(DECISION_NUMBER_MAX, "common:validation.tooLong"),
    decisionOn: date,
    version: z.number().int(),
  }),
  z.object({
    intent: z.literal("return"),
    comment: z.string({ required_error: required }).trim().min(1, required).max(2000, "common:validation.tooLong"),
    version: z.number().int(),
  }),
]);
