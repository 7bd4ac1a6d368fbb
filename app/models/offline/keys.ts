// Idempotency keys of the entry forms that survive a lost connection. A key is made in the
// browser when a form is filled, travels with the submission (from the page or from the
// outbox) and makes a resubmission land once. Pure: read by the schemas, the server and the
// browser alike.
import { z } from "zod";

/** Hex digits and dashes, 16 to 64 of them: what a UUID-shaped key is; anything else is refused (400). */
export const IDEMPOTENCY_KEY_PATTERN = /^[0-9a-fA-F-]{16,64}$/;

export function isIdempotencyKey(value: unknown): value is string {
  return typeof value === "string" && IDEMPOTENCY_KEY_PATTERN.test(value);
}

/** The optional form field carrying the key; an empty field is no key (a form posted without scripts). */
export const idempotencyKeyField = z
  .string()
  .trim()
  .regex(IDEMPOTENCY_KEY_PATTERN, "common:validation.invalid")
  .optional()
  .or(z.literal("").transform(() => undefined));

/**
 * A random key in the UUID v4 layout, from `crypto.getRandomValues`: hospital LANs may serve
 * the planner over plain http, where `crypto.randomUUID` does not exist (it needs a secure
 * context) but getRandomValues does.
 */
export function newIdempotencyKey(source: Pick<Crypto, "getRandomValues"> = globalThis.crypto): string {
  const bytes = source.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
