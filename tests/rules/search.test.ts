import { expect, test } from "vitest";
import { foldSearch, searchTerms } from "~/utils/search";

test("folds Vietnamese diacritics and đ so unaccented queries match", () => {
  expect(foldSearch("Thay khớp háng toàn bộ")).toBe("thay khop hang toan bo");
  expect(foldSearch("Đặt catheter động mạch")).toBe("dat catheter dong mach");
  expect(foldSearch("  Lấy   máu tụ  ")).toBe("lay mau tu");
});

test("splits a query into folded words and drops LIKE wildcards", () => {
  expect(searchTerms("Thay  KHỚP 100%")).toEqual(["thay", "khop", "100"]);
  expect(searchTerms("")).toEqual([]);
  expect(searchTerms(null)).toEqual([]);
});
