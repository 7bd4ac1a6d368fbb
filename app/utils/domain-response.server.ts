import { DomainError } from "~/models/errors";
import { encodeMessage } from "~/utils/messages";

/**
 * For loaders: a model's DomainError becomes the HTTP response the error boundary shows
 * (403, 404, 400 with the message key and its parameters); anything else is rethrown unchanged.
 */
export function throwDomainResponse(error: unknown): never {
  if (error instanceof DomainError) throw new Response(encodeMessage(error.message, error.params), { status: error.status });
  throw error;
}
