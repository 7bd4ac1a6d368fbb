// Typed domain errors. Models throw them; routes turn them into form messages and statuses.
// `message` is a translation key (namespace-qualified, e.g. "common:validation.endBeforeStart");
// `params` fill its placeholders; `field` names the form field the message belongs next to.

export class DomainError extends Error {
  readonly status: number;
  readonly field: string | null;
  readonly params: Record<string, string | number>;
  constructor(
    key: string,
    options: { field?: string | null; params?: Record<string, string | number>; status?: number } = {},
  ) {
    super(key);
    this.name = "DomainError";
    this.status = options.status ?? 400;
    this.field = options.field ?? null;
    this.params = options.params ?? {};
  }
}

/** A rule refused the change because of other records (overlap, capacity, gate, duplicate). */
export class ConflictError extends DomainError {
  constructor(key: string, options: { field?: string | null; params?: Record<string, string | number> } = {}) {
    super(key, { ...options, status: 409 });
    this.name = "ConflictError";
  }
}

/** The form was based on an older version of the record: nothing was written. */
export class StaleRecordError extends DomainError {
  readonly current: unknown;
  readonly changedFields: string[];
  constructor(current: unknown, changedFields: string[]) {
    super(changedFields.length > 0 ? "common:stale.message" : "common:stale.messageNoFields", {
      status: 409,
      params: changedFields.length > 0 ? { fields: changedFields.join(", ") } : {},
    });
    this.name = "StaleRecordError";
    this.current = current;
    this.changedFields = changedFields;
  }
}

export class NotFoundError extends DomainError {
  constructor(key = "common:errors.notFoundBody") {
    super(key, { status: 404 });
    this.name = "NotFoundError";
  }
}

export class ForbiddenError extends DomainError {
  constructor(key = "common:errors.forbiddenBody") {
    super(key, { status: 403 });
    this.name = "ForbiddenError";
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
