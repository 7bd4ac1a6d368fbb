import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { DEMO_ACCOUNTS } from "../../seeds/accounts";
import { launchBrowser, newPage } from "./browser";

// The least-privileged demo account: every signed-in user may read the catalogue.
const viewer = DEMO_ACCOUNTS.find((a) => a.role === "viewer");
if (!viewer) throw new Error("the demo seed has no viewer account");

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test("a user signs in, searches the catalogue without diacritics and opens the technique", async () => {
  const page = await newPage(browser, inject("baseUrl"));

  // The catalogue is for signed-in users: the visit goes through the sign-in page and back.
  await page.goto("/techniques");
  expect(new URL(page.url()).pathname).toBe("/login");
  await page.fill("input[name=username]", viewer.username);
  await page.fill("input[name=password]", viewer.password);
  await Promise.all([
    page.waitForURL((url) => url.pathname === "/techniques"),
    page.click("form:has(input[name=password]) button[type=submit]"),
  ]);

  const search = page.getByRole("searchbox");
  await search.fill("thay khop hang");
  await Promise.all([
    page.waitForURL((url) => url.searchParams.get("q") === "thay khop hang"),
    search.press("Enter"),
  ]);

  // The real catalogue's name for total hip replacement (10.929), diacritics and all.
  const hit = page.getByRole("link", { name: "Phẫu thuật thay toàn bộ khớp háng", exact: true });
  await hit.waitFor({ state: "visible" });
  const names = await page.locator("tbody tr td:nth-child(2) a").allTextContents();
  expect(names).toContain("Phẫu thuật thay khớp háng bán phần");
  expect(names.every((name) => /thay/i.test(name) && /khớp háng/i.test(name))).toBe(true);

  await hit.click();
  await page.waitForURL((url) => url.pathname === "/techniques/10.929");
  // The URL changes before the new page renders: wait for its heading, not the old one.
  await page.getByRole("heading", { level: 1, name: "Phẫu thuật thay toàn bộ khớp háng" }).waitFor();
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Phẫu thuật thay toàn bộ khớp háng");
  expect(await page.getByRole("cell", { name: "10.0929.0547" }).isVisible()).toBe(true);
});
