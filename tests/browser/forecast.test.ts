// The forecast of cross-level counts as the Lào Cai health department sees it: the report
// chart's dashed continuation into next year with its range, the forecast panel, and the
// range and chance of reaching the running cross-level target on the target list and page.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { DEMO_ACCOUNTS } from "../../seeds/accounts";
import { launchBrowser, signInAs } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function signIn(username: string): Promise<Page> {
  const a = DEMO_ACCOUNTS.find((x) => x.username === username)!;
  const context = await browser.newContext({ baseURL: inject("baseUrl"), viewport: { width: 1366, height: 900 }, locale: "vi-VN" });
  const page = await context.newPage();
  await signInAs(page, a);
  return page;
}

test("the report chart continues dashed into next year with its range, and the panel explains it", async () => {
  const page = await signIn("syt.laocai");
  await page.goto("/reports");
  const chart = page.locator("[data-testid=report-chart]");
  const nextYear = String(Number(await chart.getAttribute("data-forecast")));
  expect(Number(nextYear)).toBeGreaterThan(2025);
  // The dashed forecast line (recharts draws the line's path with the dash pattern) and its error bar.
  await chart.locator('path.recharts-line-curve[stroke-dasharray="6 4"]').waitFor();
  expect(await chart.locator(".recharts-errorBar").count()).toBeGreaterThan(0);
  expect(await chart.locator(".recharts-cartesian-axis-tick").allTextContents()).toContain(nextYear);
  expect(await page.locator("[data-testid=chart-forecast-note]").textContent()).toContain(`Dự báo ${nextYear}`);
  const panel = page.locator("[data-testid=forecast-panel]");
  expect(await panel.locator("h2").textContent()).toBe("Dự báo số kỹ thuật vượt tuyến");
  expect(await page.locator("[data-testid=forecast-next-year]").textContent()).toMatch(/^\d+ \(khoảng \d+–\d+\)$/);
  await panel.locator("summary").click();
  expect(await panel.textContent()).toContain("Mô phỏng Monte Carlo 2.000 lần");
  await page.screenshot({ path: "/tmp/fc/forecast-report.png", fullPage: true });

  // A year already past is refused beside the field, the report still shown.
  await page.fill("input[name=forecastYear]", "2020");
  await Promise.all([page.waitForURL(/forecastYear=2020/), page.locator("form[role=search] button[type=submit]").click()]);
  const error = page.locator("#forecastYear-error");
  await error.waitFor();
  expect(await error.textContent()).toContain("Năm 2020 đã qua");
  expect(await page.locator("#forecastYear").getAttribute("aria-describedby")).toBe("forecastYear-error");
  expect(await page.locator("[data-testid=report-chart]").count()).toBe(1);
  await page.context().close();
});

test("the running cross-level target shows its forecast range and the chance of reaching it", async () => {
  const page = await signIn("syt.laocai");
  await page.goto("/targets");
  const row = page.locator("[data-testid=target-row]", { has: page.locator("[data-testid=target-forecast]") }).first();
  expect(await row.locator("[data-testid=target-forecast]").textContent()).toMatch(/^Dự báo: [\d.]+–[\d.]+ · đạt: \d+%$/);
  await Promise.all([page.waitForURL(/\/targets\/\d+$/), row.locator("a").first().click()]);
  const chance = page.locator("[data-testid=target-chance]");
  await chance.waitFor();
  expect(await chance.textContent()).toMatch(/^Khả năng đạt chỉ tiêu: \d+%$/);
  await page.screenshot({ path: "/tmp/fc/forecast-target.png", fullPage: true });
  await page.context().close();
});
