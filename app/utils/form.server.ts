import { json } from "@remix-run/node";
import type { Submission } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ZodTypeAny } from "zod";
import { DomainError, StaleRecordError } from "~/models/errors";
import { cutToSchema } from "./form-shape";
import { encodeMessage } from "./messages";
import { readFormData, type BodyLimits } from "./request-body.server";

/**
 * Runs a model command for a validated form; a DomainError becomes the form's reply with the
 * message next to its field (or above the form) and the error's status (400/403/404/409).
 * Anything else is rethrown to the error boundary.
 */
export function replyWithDomainError(submission: Submission<unknown>, error: unknown) {
  if (!(error instanceof DomainError)) throw error;
  const message = encodeMessage(error.message, error.params);
  const reply = error.field
    ? submission.reply({ fieldErrors: { [error.field]: [message] } })
    : submission.reply({ formErrors: [message] });
  const stale = error instanceof StaleRecordError ? { changedFields: error.changedFields, current: error.current } : null;
  return json({ result: reply, stale }, { status: error.status });
}

/** The reply for a form that failed schema validation: 400 with the messages by field. */
export function replyInvalid(submission: Submission<unknown>) {
  return json({ result: submission.reply(), stale: null }, { status: 400 });
}

/** The reply for a list index above its schema's maximum (`rows[999999999]`): refused before anything is built. */
function listTooLong(): Response {
  return new Response(encodeMessage("common:errors.listTooLong"), { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/**
 * A form already read (by `readForm`), or a query string, validated by its schema: only the fields the schema
 * reads reach Conform, so the reply echoes nothing else, and a list index above the schema's
 * maximum throws a 400 Response.
 */
export function parseSubmission<Schema extends ZodTypeAny>(formData: FormData | URLSearchParams, schema: Schema) {
  const { form, outOfRange } = cutToSchema(formData, schema);
  if (outOfRange) throw listTooLong();
  return parseWithZod(form, { schema });
}

/** Reads the request's form within the limits (413/415/400 Responses are thrown), then validates it by `schema`. */
export async function parseForm<Schema extends ZodTypeAny>(request: Request, schema: Schema, limits?: BodyLimits) {
  return parseSubmission(await readForm(request, limits), schema);
}

/** The request's form, read within the limits; for pages whose schema depends on the intent. */
export function readForm(request: Request, limits?: BodyLimits): Promise<FormData> {
  return readFormData(request, limits);
}

/**
 * The entry of a table keyed by intent, looking only at the table's own keys: `__proto__`,
 * `constructor` or a missing intent give null, never a prototype's member.
 */
export function byIntent<T extends Record<string, unknown>>(table: T, intent: FormDataEntryValue | null | undefined): T[keyof T] | null {
  return typeof intent === "string" && Object.prototype.hasOwnProperty.call(table, intent) ? table[intent as keyof T] : null;
}
