// Loaders and actions call model functions that throw DomainError (NotFoundError,
// ForbiddenError, ...). Here they become the matching HTTP response, so the shared error
// boundary shows the 404 or 403 page with the model's message and its parameters.
import { vietnamToday } from "~/models/dates";
import { DomainError } from "~/models/errors";
import { forbidden } from "~/utils/http.server";
import { encodeMessage } from "~/utils/messages";

/** A model's DomainError becomes the HTTP response the error boundary shows; anything else is rethrown unchanged. */
export function throwDomainResponse(error: unknown): never {
  if (error instanceof DomainError) {
    if (error.status === 403) throw forbidden(error.message, error.params);
    throw new Response(encodeMessage(error.message, error.params), { status: error.status });
  }
  throw error;
}

/**
 * THE way a loader turns a model's refusal into a response: runs the model calls; a DomainError
 * becomes the matching HTTP response for the error boundary, except a 400 (the request's own
 * values refused, e.g. a report's filter) when `onInvalid` is given: the page then answers
 * with it, so the refusal shows next to the filter instead of on an error page.
 */
export function orRespond<T, R = never>(run: () => T, onInvalid?: (error: DomainError) => R): T | R {
  const handle = (error: unknown): R => {
    if (onInvalid && error instanceof DomainError && error.status === 400) return onInvalid(error);
    throwDomainResponse(error);
  };
  try {
    const result = run();
    // An async model call (an import reading its file) refuses by rejecting: the same answers.
    return result instanceof Promise ? (result.catch(handle) as T) : result;
  } catch (error) {
    return handle(error);
  }
}

/** Today's date in Vietnam; routes pass it to the models (tests pass their own). */
export function todayInVietnam(): string {
  return vietnamToday(new Date());
}
