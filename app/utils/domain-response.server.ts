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

/** Runs a model call; its DomainError becomes the matching HTTP response. */
export function orRespond<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    throwDomainResponse(error);
  }
}

/** Today's date in Vietnam; routes pass it to the models (tests pass their own). */
export function todayInVietnam(): string {
  return vietnamToday(new Date());
}
