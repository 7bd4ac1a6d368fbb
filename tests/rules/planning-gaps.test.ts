import { describe, expect, test } from "vitest";
import { compareGaps, gapLevels, levelAbove, loadShare, pickPartners, type PartnerCandidate } from "~/models/planning/gaps";

describe("gap levels", () => {
  test("a facility's gaps come from its own level and the one above; a central facility has none above", () => {
    expect(levelAbove("D")).toBe("C");
    expect(levelAbove("C")).toBe("B");
    expect(levelAbove("B")).toBe("A");
    expect(levelAbove("A")).toBeNull();
    expect(gapLevels("B")).toEqual(["B", "A"]);
    expect(gapLevels("D")).toEqual(["D", "C"]);
    expect(gapLevels("A")).toEqual(["A"]);
  });
});

describe("gap ranking", () => {
  test("by chapter, then most same-level peers first, then catalogue number", () => {
    const lines = [
      { chapterNumber: 10, number: 8, code: "10.8", peers: 4 },
      { chapterNumber: 2, number: 365, code: "2.365", peers: 0 },
      { chapterNumber: 10, number: 280, code: "10.280", peers: 5 },
      { chapterNumber: 10, number: 12, code: "10.12", peers: 4 },
      { chapterNumber: 10, number: 3, code: "10.3", peers: 1 },
    ];
    expect([...lines].sort(compareGaps).map((l) => l.code)).toEqual(["2.365", "10.280", "10.8", "10.12", "10.3"]);
  });
});

describe("partners shown", () => {
  const partner = (facilityId: number, name: string, agreementIds: number[], awayNow: number, limit: number): PartnerCandidate => ({
    facilityId,
    name,
    agreementIds,
    awayNow,
    limit,
  });

  test("agreement partners first, then the least loaded, then by name; three shown and the rest counted", () => {
    const central = partner(1, "BV Bạch Mai", [], 0, 40);
    const busy = partner(2, "BV Việt Đức", [], 30, 40);
    const agreed = partner(3, "BVĐK Lào Cai số 2", [126], 2, 2);
    const alsoIdle = partner(4, "BV Nhi TW", [], 0, 20);
    const full = partner(5, "BV Zero", [], 0, 0);
    const { shown, others } = pickPartners([busy, central, full, alsoIdle, agreed]);
    expect(shown.map((p) => p.facilityId)).toEqual([3, 1, 4]);
    expect(others).toBe(2);
  });

  test("a limit of 0 counts as full; fewer than three leave no others", () => {
    expect(loadShare({ awayNow: 0, limit: 0 })).toBe(Number.POSITIVE_INFINITY);
    expect(loadShare({ awayNow: 1, limit: 4 })).toBe(0.25);
    const { shown, others } = pickPartners([partner(1, "A", [], 0, 0), partner(2, "B", [], 3, 4)]);
    expect(shown.map((p) => p.facilityId)).toEqual([2, 1]);
    expect(others).toBe(0);
  });
});
