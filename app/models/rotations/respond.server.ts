// Loaders call queries that throw NotFoundError / ForbiddenError; they become the matching
// HTTP response so the shared error boundary shows the 404 or 403 page.
import { vietnamToday } from "~/models/dates";
import { DomainError } from "~/models/errors";

export function orRespond<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof DomainError) throw new Response(error.message, { status: error.status });
    throw error;
  }
}

/** Today's date in Vietnam; routes pass it to the models (tests pass their own). */
export function todayInVietnam(): string {
  return vietnamToday(new Date());
}
