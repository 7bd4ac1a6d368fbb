// On a 390 px phone: the five main lists show their rows as stacked cards, the page
// never scrolls sideways and the header keeps to one line. The screenshots it saves are the
// committed phone layouts (tests/browser/screenshots/).
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { DEMO_ACCOUNTS } from "../../seeds/accounts";
import { launchBrowser, signInAs } from "./browser";

const SCREENSHOTS = path.resolve(__dirname, "screenshots");

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function phoneSignIn(username: string): Promise<Page> {
  const a = DEMO_ACCOUNTS.find((x) => x.username === username);
  if (!a) throw new Error(`the demo seed has no account ${username}`);
  const context = await browser.newContext({
    baseURL: inject("baseUrl"),
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 1,
    isMobile: true,
    hasTouch: true,
    locale: "vi-VN",
  });
  const page = await context.newPage();
  await signInAs(page, a);
  return page;
}

const LISTS = [
  { name: "agreements", path: "/agreements" },
  { name: "staff", path: "/staff" },
  { name: "rotations", path: "/rotations" },
  { name: "courses", path: "/courses" },
  { name: "reports", path: "/reports" },
] as const;

test("on a 390 px phone the five main lists show cards, scroll only downwards, and the header keeps to one line", async () => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const page = await phoneSignIn("admin");
  for (const list of LISTS) {
    await page.goto(list.path);
    const firstRow = page.locator("table.table-cards tbody tr").first();
    await firstRow.waitFor();

    const layout = await page.evaluate(() => {
      const row = document.querySelector("table.table-cards tbody tr") as HTMLElement;
      const head = document.querySelector("table.table-cards thead") as HTMLElement;
      const labelled = row.querySelector("td[data-label]:not(.hidden)") as HTMLElement | null;
      const header = document.querySelector("header") as HTMLElement;
      return {
        scrollWidth: document.documentElement.scrollWidth,
        rowDisplay: getComputedStyle(row).display,
        headHeight: head.getBoundingClientRect().height,
        label: labelled ? getComputedStyle(labelled, "::before").content : null,
        headerHeight: header.getBoundingClientRect().height,
      };
    });
    expect(layout.scrollWidth, list.path).toBeLessThanOrEqual(390);
    expect(layout.rowDisplay, list.path).toBe("block");
    expect(layout.headHeight, list.path).toBeLessThanOrEqual(1);
    // Each card names its fields: the column title is written before the value.
    expect(layout.label, list.path).toMatch(/^".+"$/);
    // One line of buttons (about 50 px), not the two or three rows a wrapped header takes.
    expect(layout.headerHeight, list.path).toBeLessThan(64);

    // From the header down to the first few cards (the whole of a long list would be a tall file).
    const tableTop = await page.evaluate(() => document.querySelector("table.table-cards")!.getBoundingClientRect().top + window.scrollY);
    const height = Math.min(await page.evaluate(() => document.documentElement.scrollHeight), tableTop + 640);
    await page.screenshot({ path: path.join(SCREENSHOTS, `phone-${list.name}.png`), fullPage: true, clip: { x: 0, y: 0, width: 390, height } });
  }

  // The compact menu holds the navigation and the sign-out that the header has no room for.
  await page.locator("header summary").click();
  await expect(page.locator("header nav").getByRole("link", { name: "Thỏa thuận hợp tác" }).isVisible()).resolves.toBe(true);
  await expect(page.locator("header nav").getByRole("button", { name: "Đăng xuất" }).isVisible()).resolves.toBe(true);
});
