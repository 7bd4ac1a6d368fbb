// Loaders run model queries that throw NotFoundError / ForbiddenError; the route throws the
// matching HTTP response instead, so the shared error boundary shows the 404 or 403 page.
import { DomainError } from "~/models/errors";
import { vietnamToday } from "~/models/dates";
import { encodeMessage } from "~/utils/messages";

export function orRespond<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof DomainError) throw new Response(encodeMessage(error.message, error.params), { status: error.status });
    throw error;
  }
}

/** Today's date in Vietnam; routes pass it to the models (tests pass their own). */
export function today(): string {
  return vietnamToday(new Date());
}
