import { DomainError } from "~/models/errors";

/**
 * For loaders: a model's DomainError becomes the HTTP response the error boundary shows
 * (403, 404, 400 with the message key); anything else is rethrown unchanged.
 */
export function throwDomainResponse(error: unknown): never {
  if (error instanceof DomainError) throw new Response(error.message, { status: error.status });
  throw error;
}
