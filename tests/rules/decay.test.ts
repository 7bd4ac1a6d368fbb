import { describe, expect, test } from "vitest";
import { DEFAULT_DECAY_MONTHS, decayCutoff, decayMonthsFor, hasDecayed, lastActivity, monthsIdle } from "~/models/planning/decay";

describe("skill decay rules", () => {
  test("a chapter without its own threshold takes the default of six months", () => {
    const own = new Map([[10, 3]]);
    expect(decayMonthsFor(10, own)).toBe(3);
    expect(decayMonthsFor(13, own)).toBe(DEFAULT_DECAY_MONTHS);
    expect(DEFAULT_DECAY_MONTHS).toBe(6);
  });

  test("the cutoff is the same calendar day months earlier (month ends clamp)", () => {
    expect(decayCutoff("2026-12-02", 6)).toBe("2026-06-02");
    expect(decayCutoff("2026-08-31", 6)).toBe("2026-02-28");
  });

  test("the last activity is the later of the acceptance and the last case", () => {
    expect(lastActivity({ acceptedOn: "2026-01-10", lastCaseOn: null })).toBe("2026-01-10");
    expect(lastActivity({ acceptedOn: "2026-01-10", lastCaseOn: "2025-12-01" })).toBe("2026-01-10");
    expect(lastActivity({ acceptedOn: "2026-01-10", lastCaseOn: "2026-04-01" })).toBe("2026-04-01");
  });

  test("a pair decays only when its last activity lies before the cutoff", () => {
    const today = "2026-12-02";
    expect(hasDecayed({ acceptedOn: "2026-06-02", lastCaseOn: null }, today, 6)).toBe(false); // exactly six months: not yet
    expect(hasDecayed({ acceptedOn: "2026-06-01", lastCaseOn: null }, today, 6)).toBe(true);
    expect(hasDecayed({ acceptedOn: "2025-01-01", lastCaseOn: "2026-07-01" }, today, 6)).toBe(false);
    expect(hasDecayed({ acceptedOn: "2025-01-01", lastCaseOn: "2026-07-01" }, today, 3)).toBe(true);
  });

  test("idle months are whole months since the last activity", () => {
    expect(monthsIdle({ acceptedOn: "2026-06-02", lastCaseOn: null }, "2026-12-02")).toBe(6);
    expect(monthsIdle({ acceptedOn: "2026-06-03", lastCaseOn: null }, "2026-12-02")).toBe(5);
    expect(monthsIdle({ acceptedOn: "2026-12-01", lastCaseOn: null }, "2026-12-02")).toBe(0);
  });
});
