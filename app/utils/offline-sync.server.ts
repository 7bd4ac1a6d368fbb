// The outbox's batch: submissions queued in a browser that lost its connection, sent together
// once it returns. Each item goes through the same schema and model command as its page's
// action (one definition of each form's rules) and gets its own answer: sent (with the page
// its first outcome leads to, also for a replay), refused (the messages by field, as the page
// would show them) or retry (the server could not decide now; the browser keeps it waiting).
import { z } from "zod";
import type { Db } from "~/db/client.server";
import { hasCapability, type Actor } from "~/models/access/policy";
import { saveAttendanceSheet, attendanceLocation } from "~/models/courses/results.server";
import { attendanceSheetSchema } from "~/models/courses/schemas";
import { OFFLINE_FORMS, type OfflineForm } from "~/models/enums";
import { DomainError } from "~/models/errors";
import { isIdempotencyKey } from "~/models/offline/keys";
import { keyApplied } from "~/models/offline/receipts.server";
import { consultationSchema } from "~/models/tele/sessions-schemas";
import { recordConsultation } from "~/models/tele/sessions.server";
import { caseLogSchema } from "~/models/transfers/schemas";
import { caseLogLocation, logCase } from "~/models/transfers/stages.server";
import { parseSubmission } from "./form.server";
import { encodeMessage } from "./messages";
import { mediaTypeOf, readBytes } from "./request-body.server";

/** Items in one batch: the browser sends this many at a time; more is refused (400). */
export const SYNC_MAX_ITEMS = 100;
/** Bytes of one batch; more is a 413. A full attendance sheet is some 20 KB. */
export const SYNC_MAX_BYTES = 2 * 1024 * 1024;
/** Fields of one queued form (the same ceiling as a posted form). */
const MAX_FIELDS = 1000;

/** A form as the outbox keeps it: its key, which form, the page it was filled on, its fields in order. */
export type QueuedSubmission = { key: string; form: OfflineForm; path: string; fields: [string, string][] };

export type SyncOutcome =
  | { key: string; status: "sent"; replayed: boolean; location: string }
  | { key: string; status: "refused"; httpStatus: number; errors: Record<string, string[]> }
  | { key: string; status: "retry" };

const itemSchema = z.object({
  key: z.string().max(64),
  form: z.enum(OFFLINE_FORMS),
  path: z.string().max(300),
  fields: z.array(z.tuple([z.string().max(200), z.string().max(20_000)])).max(MAX_FIELDS),
});

function fail(status: 400 | 413 | 415, key: string, params?: Record<string, string | number>): Response {
  return new Response(encodeMessage(key, params), { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

/** The batch's items, read within the limits: 415 unless JSON, 413 over the byte limit, 400 when malformed or over the item limit. */
export async function readSyncBatch(request: Request): Promise<QueuedSubmission[]> {
  if (mediaTypeOf(request) !== "application/json") throw fail(415, "offline:errors.jsonOnly");
  const bytes = await readBytes(request, SYNC_MAX_BYTES);
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw fail(400, "offline:errors.malformedBatch");
  }
  const items = (body as { items?: unknown } | null)?.items;
  if (!Array.isArray(items)) throw fail(400, "offline:errors.malformedBatch");
  if (items.length > SYNC_MAX_ITEMS) throw fail(400, "offline:errors.batchTooLong", { max: SYNC_MAX_ITEMS });
  const parsed = z.array(itemSchema).safeParse(items);
  if (!parsed.success) throw fail(400, "offline:errors.malformedBatch");
  return parsed.data as QueuedSubmission[];
}

const PATHS: Record<OfflineForm, RegExp> = {
  case_log: /^\/agreements\/(\d{1,15})\/items\/(\d{1,15})\/?$/,
  attendance: /^\/courses\/(\d{1,15})\/?$/,
  tele_consultation: /^\/tele\/sessions\/new-consultation\/?$/,
};

function refused(key: string, httpStatus: number, errors: Record<string, string[]>): SyncOutcome {
  return { key, status: "refused", httpStatus, errors };
}

function formDataOf(item: QueuedSubmission, intent?: string): FormData {
  const form = new FormData();
  for (const [name, value] of item.fields) if (name !== "intent" && name !== "idempotencyKey") form.append(name, value);
  if (intent) form.set("intent", intent);
  // The key the outbox holds is the submission's, whatever the fields say.
  form.set("idempotencyKey", item.key);
  return form;
}

/** Parses the item by its form's schema; the refusal by field when it does not pass. */
function parsed<S extends z.ZodTypeAny>(item: QueuedSubmission, schema: S, intent?: string) {
  const submission = parseSubmission(formDataOf(item, intent), schema);
  if (submission.status !== "success") return { refusal: refused(item.key, 400, (submission.reply().error ?? {}) as Record<string, string[]>) };
  return { value: submission.value as z.infer<S> };
}

function run(db: Db, actor: Actor, item: QueuedSubmission, ids: number[], today: string): string | SyncOutcome {
  switch (item.form) {
    case "case_log": {
      const { value, refusal } = parsed(item, caseLogSchema, "case");
      if (refusal) return refusal;
      logCase(db, actor, ids[0], ids[1], value, { today });
      return caseLogLocation(ids[0], ids[1]);
    }
    case "attendance": {
      const { value, refusal } = parsed(item, attendanceSheetSchema, "attendance");
      if (refusal) return refusal;
      saveAttendanceSheet(db, actor, ids[0], { rows: value.rows, present: value.present, score: value.score, idempotencyKey: value.idempotencyKey });
      return attendanceLocation(ids[0]);
    }
    case "tele_consultation": {
      if (!hasCapability(actor, "telehealth.manage")) return refused(item.key, 403, { "": ["common:errors.forbiddenBody"] });
      const { value, refusal } = parsed(item, consultationSchema);
      if (refusal) return refusal;
      return `/tele/sessions/${recordConsultation(db, actor, value, { today }).id}`;
    }
  }
}

/** One queued submission through its form's schema and command: sent, refused with its messages, or retry. */
export function runQueued(db: Db, actor: Actor, item: QueuedSubmission, today: string): SyncOutcome {
  if (!isIdempotencyKey(item.key)) return refused(item.key, 400, { idempotencyKey: ["common:validation.invalid"] });
  const match = PATHS[item.form].exec(item.path);
  if (!match) return refused(item.key, 400, { "": ["offline:errors.badPath"] });
  const ids = match.slice(1).map(Number);
  if (ids.some((n) => !Number.isSafeInteger(n) || n < 1)) return refused(item.key, 404, { "": ["common:errors.notFoundBody"] });
  try {
    const replayed = keyApplied(db, item.key);
    const outcome = run(db, actor, item, ids, today);
    if (typeof outcome !== "string") return outcome;
    return { key: item.key, status: "sent", replayed, location: outcome };
  } catch (error) {
    if (error instanceof DomainError) {
      const message = encodeMessage(error.message, error.params);
      return refused(item.key, error.status, error.field ? { [error.field]: [message] } : { "": [message] });
    }
    // A list index above the schema's maximum: parseSubmission's 400.
    if (error instanceof Response && error.status === 400) return refused(item.key, 400, { "": ["common:errors.listTooLong"] });
    console.error("outbox item failed", item.form, error);
    return { key: item.key, status: "retry" };
  }
}

/**
 * Runs a batch in order. The first item the server cannot decide stops it (the rest are answered
 * retry), so the browser's order is kept; the event loop gets a turn every few items, so a
 * large outbox arriving does not hold up other requests.
 */
export async function runBatch(db: Db, actor: Actor, items: QueuedSubmission[], today: string): Promise<SyncOutcome[]> {
  const results: SyncOutcome[] = [];
  let stopped = false;
  for (const [i, item] of items.entries()) {
    if (stopped) {
      results.push({ key: item.key, status: "retry" });
      continue;
    }
    const outcome = runQueued(db, actor, item, today);
    if (outcome.status === "retry") stopped = true;
    results.push(outcome);
    if (i % 10 === 9) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return results;
}
