import { expect, test } from "vitest";
import { clampPage, paginate, pageFromUrl, toPage, type PageRequest } from "~/utils/pagination";

const request = (page: number, pageSize = 25): PageRequest => ({ page, pageSize, offset: (page - 1) * pageSize });

test("a page past the end moves to the last page and its offset", () => {
  expect(clampPage(request(9), 6)).toEqual({ page: 1, pageSize: 25, offset: 0 });
  expect(clampPage(request(9), 51)).toEqual({ page: 3, pageSize: 25, offset: 50 });
  // Exactly full pages: the last page is the second, not an empty third.
  expect(clampPage(request(3), 50)).toEqual({ page: 2, pageSize: 25, offset: 25 });
});

test("a page within the list, and any page of an empty list, stays or becomes the first", () => {
  const second = request(2);
  expect(clampPage(second, 26)).toBe(second);
  expect(clampPage(request(4), 0)).toEqual({ page: 1, pageSize: 25, offset: 0 });
});

test("paginate counts first and reads the rows at the clamped offset", () => {
  const all = ["a", "b", "c", "d", "e", "f"];
  const seen: PageRequest[] = [];
  const page = paginate(
    pageFromUrl(new URL("http://x/courses?page=9&size=4")),
    () => all.length,
    (at) => {
      seen.push(at);
      return all.slice(at.offset, at.offset + at.pageSize);
    },
  );
  expect(seen).toEqual([{ page: 2, pageSize: 4, offset: 4 }]);
  expect(page).toEqual({ rows: ["e", "f"], total: 6, page: 2, pageSize: 4, pageCount: 2 });
});

test("an empty list has one empty page", () => {
  expect(toPage([], 0, request(1))).toMatchObject({ page: 1, pageCount: 1, total: 0 });
});

test("huge, infinite or odd page numbers stay finite: the first page or, past the end, the last", () => {
  expect(pageFromUrl(new URL("http://x/?page=1e309"))).toEqual({ page: 1, pageSize: 25, offset: 0 });
  expect(pageFromUrl(new URL("http://x/?page=-1e309&size=1e309"))).toEqual({ page: 1, pageSize: 25, offset: 0 });
  const huge = pageFromUrl(new URL("http://x/?page=99999999999999999999"));
  expect(Number.isSafeInteger(huge.offset)).toBe(true);
  expect(clampPage(huge, 30)).toEqual({ page: 2, pageSize: 25, offset: 25 });
  expect(pageFromUrl(new URL("http://x/?page=abc&size=0"))).toEqual({ page: 1, pageSize: 25, offset: 0 });
});
