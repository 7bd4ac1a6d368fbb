// The line-direction network on the seeded demo: the level columns, and the international
// agreement of four health departments with the Guangxi Health Commission as its own group.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { DEMO_ACCOUNTS } from "../../seeds/accounts";
import { launchBrowser, newPage, signInAs } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test("the network page draws the Guangxi cooperation apart from the level columns", async () => {
  const a = DEMO_ACCOUNTS.find((x) => x.username === "syt.laocai")!;
  const page = await newPage(browser, inject("baseUrl"));
  await signInAs(page, a);
  await page.goto("/network");
  const group = page.locator("[data-testid=network-international]");
  await expect.poll(() => group.textContent()).toContain("Hợp tác quốc tế");
  const svg = page.locator("svg[role=img]");
  for (const name of ["Ủy ban Y tế Quảng Tây", "Sở Y tế Lạng Sơn", "Sở Y tế Cao Bằng", "Sở Y tế Quảng Ninh", "Sở Y tế Tuyên Quang", "TTYT KV Bảo Thắng"]) {
    expect(await svg.textContent()).toContain(name);
  }
  if (process.env.NETWORK_SCREENSHOT) await page.screenshot({ path: process.env.NETWORK_SCREENSHOT, fullPage: true });
  await page.close();
});
