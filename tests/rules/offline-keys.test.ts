import { expect, test } from "vitest";
import { idempotencyKeyField, isIdempotencyKey, newIdempotencyKey } from "~/models/offline/keys";

test("a key is 16 to 64 hex digits and dashes; an empty field is no key, anything else is refused", () => {
  expect(isIdempotencyKey(newIdempotencyKey())).toBe(true);
  expect(isIdempotencyKey("0123456789abcdef")).toBe(true);
  for (const bad of ["0123456789abcde", "x".repeat(20), "a".repeat(65), "0b6f3c1e-8a3e-4d7b-9a55-6f0d2c1b9e7'", 42, null]) expect(isIdempotencyKey(bad)).toBe(false);
  expect(idempotencyKeyField.parse("")).toBeUndefined();
  expect(idempotencyKeyField.parse(undefined)).toBeUndefined();
  expect(idempotencyKeyField.safeParse("not a key").success).toBe(false);
});

test("keys come from getRandomValues alone, in the UUID v4 layout", () => {
  let calls = 0;
  const source = {
    getRandomValues<T extends ArrayBufferView | null>(array: T): T {
      calls += 1;
      (array as unknown as Uint8Array).fill(0xff);
      return array;
    },
  };
  expect(newIdempotencyKey(source)).toBe("ffffffff-ffff-4fff-bfff-ffffffffffff");
  expect(calls).toBe(1);
});
