import { json } from "@remix-run/node";
import type { Submission } from "@conform-to/react";
import { DomainError, StaleRecordError } from "~/models/errors";
import { encodeMessage } from "./messages";

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
