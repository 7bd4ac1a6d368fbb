import { expect, test } from "vitest";
import {
  checkInExpiry,
  checkInIsLive,
  checkInOpenable,
  displayCheckInCode,
  encodeCheckInCode,
  normaliseCheckInCode,
  normaliseLicenceNumber,
} from "~/models/courses/rules";

test("a code is 26 characters of the unambiguous alphabet and reads back as typed", () => {
  const code = encodeCheckInCode(new Uint8Array(16).fill(0xff));
  expect(code).toHaveLength(26);
  expect(encodeCheckInCode(new Uint8Array(16))).toBe("0".repeat(26));
  const mixed = encodeCheckInCode(Uint8Array.from({ length: 16 }, (_, i) => i * 17));
  expect(mixed).toMatch(/^[0-9a-hjkmnp-tv-z]{26}$/);
  const shown = displayCheckInCode(mixed);
  expect(shown).toMatch(/^([0-9A-Z]{5}-){4}[0-9A-Z]{6}$/);
  expect(normaliseCheckInCode(shown)).toBe(mixed);
  expect(normaliseCheckInCode(` ${shown.toLowerCase().replace(/-/g, " ")} `)).toBe(mixed);
});

test("letters read as digits are accepted; wrong lengths, other letters and huge input are not", () => {
  expect(normaliseCheckInCode("O".repeat(13) + "I".repeat(13))).toBe("0".repeat(13) + "1".repeat(13));
  expect(normaliseCheckInCode("0".repeat(25))).toBeNull();
  expect(normaliseCheckInCode("0".repeat(27))).toBeNull();
  expect(normaliseCheckInCode("u" + "0".repeat(25))).toBeNull();
  expect(normaliseCheckInCode("%2e" + "0".repeat(23))).toBeNull();
  expect(normaliseCheckInCode("-".repeat(10_000_000))).toBeNull();
});

test("check-in ends at midnight after the session's day in Vietnam and opens only that day", () => {
  expect(checkInExpiry("2026-03-02")).toBe("2026-03-02T17:00:00.000Z");
  expect(checkInExpiry("2026-12-31")).toBe("2026-12-31T17:00:00.000Z");
  expect(checkInOpenable("2026-03-02", "2026-03-02")).toBe("open");
  expect(checkInOpenable("2026-03-03", "2026-03-02")).toBe("notYet");
  expect(checkInOpenable("2026-03-01", "2026-03-02")).toBe("over");
  const window = { closedAt: null, expiresAt: "2026-03-02T17:00:00.000Z" };
  expect(checkInIsLive(window, "2026-03-02T16:59:59.999Z")).toBe(true);
  expect(checkInIsLive(window, "2026-03-02T17:00:00.000Z")).toBe(false);
  expect(checkInIsLive({ ...window, closedAt: "2026-03-02T03:00:00.000Z" }, "2026-03-02T04:00:00.000Z")).toBe(false);
});

test("licence numbers compare without spaces and case", () => {
  expect(normaliseLicenceNumber(" 001234/lc-cchn ")).toBe("001234/LC-CCHN");
  expect(normaliseLicenceNumber("0012 34")).toBe("001234");
});
