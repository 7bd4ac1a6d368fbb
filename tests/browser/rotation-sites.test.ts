// The receiving-site view through the real page, as the Lào Cai health department: every
// site of the province month by month, the empty months marked, at desktop and 390 px.
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { DEMO_ACCOUNTS } from "../../seeds/accounts";
import { launchBrowser, signInAs } from "./browser";

const officer = DEMO_ACCOUNTS.find((a) => a.username === "syt.laocai");
if (!officer) throw new Error("the demo seed has no Lào Cai department officer");

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function signedIn(width: number): Promise<Page> {
  const context = await browser.newContext({ baseURL: inject("baseUrl"), viewport: { width, height: 900 }, locale: "vi-VN" });
  const page = await context.newPage();
  await signInAs(page, officer!);
  return page;
}

for (const width of [1366, 390]) {
  test(`the department sees its province's receiving sites by month, empty months marked (${width} px)`, async () => {
    const page = await signedIn(width);
    await page.goto("/rotations/board");
    await page.getByRole("link", { name: "Theo nơi nhận" }).click();
    await page.getByRole("heading", { level: 1, name: "Nơi nhận luân phiên" }).waitFor();
    await page.getByRole("link", { name: "12 tháng" }).click();
    await page.waitForURL(/months=12/);
    // The six-month page is still there until the new one renders: wait for the twelve months.
    await expect.poll(() => page.locator("section[data-site]").first().locator("li[data-month]").count()).toBe(12);
    const sites = page.locator("section[data-site]");
    expect(await sites.count()).toBeGreaterThan(0);
    let stays = 0;
    for (let i = 0; i < (await sites.count()); i += 1) {
      const site = sites.nth(i);
      expect(await site.locator("li[data-month]").count()).toBe(12);
      const empty = await site.locator("li[data-month][data-empty]").count();
      const told = (await site.getByTestId("site-gaps").textContent()) ?? "";
      expect(told).toBe(empty > 0 ? `${empty} tháng không có ai` : "Tháng nào cũng có người");
      stays += await site.locator("li[data-month]:not([data-empty]) a[href^='/rotations/']").count();
    }
    expect(stays).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: path.join(os.tmpdir(), `rotation-sites-${width}.png`), fullPage: false });
    await page.context().close();
  });
}
