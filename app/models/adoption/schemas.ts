// Forms of the adoption area (zod; messages are translation keys). Shared by actions and forms.
import { z } from "zod";
import { isIsoDate } from "~/models/dates";
import { ADOPTION_EVENT_KINDS, ADOPTION_SOURCES } from "~/models/enums";
import { choice, date, id, LIMITS, optionalDate, optionalId, optionalText, REQUIRED, requiredText, version } from "~/models/fields";

const required = REQUIRED;

/** Longest technique code (a billing code CC.SSSS.GGGG is 12) and decision number, in every form and import. */
export const TECHNIQUE_CODE_MAX = LIMITS.techniqueCode;
export const DECISION_NUMBER_MAX = LIMITS.recordNumber;
const techniqueCode = requiredText(TECHNIQUE_CODE_MAX);
const decisionNumber = optionalText(DECISION_NUMBER_MAX);

/** One ledger entry made by hand. */
export const ledgerEventSchema = z.object({
  facilityId: optionalId,
  techniqueCode,
  kind: choice(ADOPTION_EVENT_KINDS),
  eventOn: date,
  source: choice(ADOPTION_SOURCES).optional(),
  decisionNumber,
  note: optionalText(LIMITS.note),
});

/** The text fields of one row of a ledger file, with the hand form's limits (dates are read by `readLedgerDate`). */
export const ledgerImportRowSchema = z.object({
  techniqueCode,
  decisionNumber,
  facilityCode: optionalText(LIMITS.facilityCode),
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

const requestLines = requiredText(LIMITS.requestLines);
function refineLines(value: { items: string }, ctx: z.RefinementCtx) {
  const { badLines } = parseRequestLines(value.items);
  if (badLines.length > 0) {
    ctx.addIssue({ code: "custom", path: ["items"], message: `adoption:errors.badLine|${JSON.stringify({ row: badLines.join(", ") })}` });
  }
}

export const listRequestSchema = z
  .object({
    items: requestLines,
    comment: optionalText(LIMITS.comment),
    facilityId: optionalId,
  })
  .superRefine(refineLines);

/** The facility corrects a returned request's lines (same textarea as a new request) and sends it again. */
export const resubmitSchema = z
  .object({
    intent: z.literal("resubmit"),
    items: requestLines,
    note: optionalText(LIMITS.comment),
    version,
  })
  .superRefine(refineLines);

/** The textarea's text for stored lines, so a correction starts from what was sent. */
export function formatRequestLines(lines: readonly RequestLine[]): string {
  return lines.map((l) => (l.startedOn ? `${l.techniqueCode} ${l.startedOn}` : l.techniqueCode)).join("\n");
}

export const decisionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("approve"),
    decisionNumber: requiredText(DECISION_NUMBER_MAX),
    decisionOn: date,
    version,
  }),
  z.object({
    intent: z.literal("return"),
    comment: requiredText(LIMITS.comment),
    version,
  }),
]);

/** The department decides a request line by line: approve, return with a reason, or leave waiting. */
export const lineDecisionSchema = z
  .object({
    intent: z.literal("decideLines"),
    lines: z
      .array(
        z.object({
          techniqueId: id,
          outcome: choice(["approve", "return"]).optional(),
          reason: optionalText(LIMITS.note),
        }),
      )
      .max(1000),
    decisionNumber: decisionNumber,
    decisionOn: optionalDate,
    comment: optionalText(LIMITS.comment),
    version,
  })
  .superRefine((value, ctx) => {
    const decided = value.lines.filter((l) => l.outcome);
    if (decided.length === 0) ctx.addIssue({ code: "custom", path: ["lines"], message: "adoption:errors.noLineDecided" });
    value.lines.forEach((l, i) => {
      if (l.outcome === "return" && !l.reason && !value.comment) {
        ctx.addIssue({ code: "custom", path: ["lines", i, "reason"], message: "adoption:errors.returnReasonRequired" });
      }
    });
    if (decided.some((l) => l.outcome === "approve")) {
      if (!value.decisionNumber) ctx.addIssue({ code: "custom", path: ["decisionNumber"], message: required });
      if (!value.decisionOn) ctx.addIssue({ code: "custom", path: ["decisionOn"], message: required });
    }
  });
