import { expect, test } from "vitest";
import { safeRedirect } from "~/utils/http.server";

// Each of these ends on another site in at least one browser, or breaks the Location header.
const BYPASSES = [
  "//evil.example",
  "/\t/evil.example",
  "/%09/evil.example",
  "%2F%09%2Fevil.example",
  "/\\evil.example",
  "/%5cevil.example",
  "\\\\evil.example",
  "/%2Fevil.example",
  "/%2f%2fevil.example",
  "/\r/x",
  "/%0d/x",
  "/%0a/evil.example",
  "/\n/evil.example",
  "/\u0000/evil.example",
  "/%00/x",
  "/..//evil.example",
  "/.//evil.example",
  "/%E2%80%A8/x",
  "https://evil.example/",
  "http:/evil.example",
  "javascript:alert(1)",
  " /x",
  "evil.example",
  "/%zz",
  "",
];

test("every known bypass is sent home", () => {
  for (const to of BYPASSES) expect(safeRedirect(to), JSON.stringify(to)).toBe("/");
  expect(safeRedirect(null)).toBe("/");
  expect(safeRedirect("//evil.example", "/login")).toBe("/login");
});

test("a decoded tab-slash redirect as the login page reads it is refused", () => {
  // /login?redirectTo=%2F%09%2Fevil.example: the loader sees "/\t/evil.example".
  const url = new URL("http://localhost/login?redirectTo=%2F%09%2Fevil.example");
  expect(safeRedirect(url.searchParams.get("redirectTo"))).toBe("/");
});

test("same-site paths keep their query and fragment, non-ASCII percent-encoded", () => {
  expect(safeRedirect("/agreements/12")).toBe("/agreements/12");
  expect(safeRedirect("/agreements?status=active&page=2#list")).toBe("/agreements?status=active&page=2#list");
  expect(safeRedirect("/staff?q=a%2Fb")).toBe("/staff?q=a%2Fb");
  expect(safeRedirect("/techniques?q=Thay khớp háng")).toBe("/techniques?q=Thay%20kh%E1%BB%9Bp%20h%C3%A1ng");
  expect(safeRedirect("/")).toBe("/");
});
