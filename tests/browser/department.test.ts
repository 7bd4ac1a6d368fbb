// The department officer's report pages at a desktop and at a 390 px phone: charts that follow
// the chosen grouping and figure, period summaries compared with the same period a year before
// and opened on the last period with data.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { DEMO_ACCOUNTS } from "../../seeds/accounts";
import { launchBrowser, signInAs, waitForHydration } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const WIDTHS = [
  { name: "desktop", width: 1366, height: 800 },
  { name: "phone", width: 390, height: 844 },
] as const;

async function signIn(username: string, viewport: { width: number; height: number }): Promise<Page> {
  const a = DEMO_ACCOUNTS.find((x) => x.username === username)!;
  const context = await browser.newContext({ baseURL: inject("baseUrl"), viewport, locale: "vi-VN" });
  const page = await context.newPage();
  await signInAs(page, a);
  return page;
}

/** The page does not scroll sideways (charts stay inside their cards). */
async function expectNoSideScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
}

for (const size of WIDTHS) {
  test(`${size.name}: the report chart follows the grouping and the figure, ten groups plus “other”, baseline marked`, async () => {
    const page = await signIn("syt.laocai", size);
    await page.goto("/reports");
    await page.selectOption("select[name=dimension]", "facility");
    await page.selectOption("select[name=metric]", "change");
    await Promise.all([page.waitForURL(/dimension=facility/), page.locator("form[role=search] button[type=submit]").click()]);
    const chart = page.locator("[data-testid=report-chart]");
    await expect.poll(() => chart.locator("figcaption").textContent()).toContain("Tăng so với năm gốc theo cơ sở");
    await chart.locator(".recharts-area").first().waitFor();
    const series = (await chart.getAttribute("data-series"))!.split("|");
    expect(series).toHaveLength(11);
    expect(series[0]).toBe("Bệnh viện Đa khoa tỉnh Lào Cai số 1");
    expect(series.at(-1)).toBe("Khác");
    expect(await chart.locator(".recharts-area").count()).toBe(11);
    expect(await chart.locator(".recharts-reference-line").count()).toBe(1);
    expect(await chart.textContent()).toContain("Năm gốc 2020");
    expect(await page.locator("[data-testid=report-ranking] .recharts-bar-rectangle").count()).toBe(11);
    await expectNoSideScroll(page);

    // By level: three groups, no "other".
    await page.goto("/reports?dimension=level&metric=cumulative");
    await page.locator("[data-testid=report-chart] .recharts-area").first().waitFor();
    expect((await page.locator("[data-testid=report-chart]").getAttribute("data-series"))!.split("|")).toEqual([
      "Tuyến C – khu vực/huyện",
      "Tuyến B – tỉnh",
      "Tuyến D – xã",
    ]);
    await page.context().close();
  });

  test(`${size.name}: the period summary opens on the last period with data and compares it with the same period a year before`, async () => {
    const page = await signIn("syt.laocai", size);
    await page.goto("/reports/periods");
    await page.locator("[data-testid=period-chart] .recharts-bar").first().waitFor();
    // The demo ledger ends in December 2025: the twelve-month report 2025 against 2024.
    expect(await page.locator("[data-testid=period-shown]").textContent()).toContain("Kỳ gần nhất có số liệu: 2025 (01/01/2025–31/12/2025), so với cùng kỳ năm trước (2024)");
    const total = page.locator("[data-testid=period-total] td");
    const cells = await total.allTextContents();
    expect(Number(cells[1].replace(/\D/g, ""))).toBeGreaterThan(0);
    await expectNoSideScroll(page);

    await page.selectOption("select[name=period]", "h1");
    await page.fill("input[name=year]", "2025");
    await Promise.all([page.waitForURL(/period=h1/), page.locator("form[role=search] button[type=submit]").click()]);
    await expect.poll(() => page.locator("[data-testid=period-shown]").textContent()).toContain("2025-H1 (01/01/2025–30/06/2025), so với cùng kỳ năm trước (2024-H1)");
    expect(await page.locator("[data-testid=period-table] thead").textContent()).toContain("2024-H1");
    await page.context().close();
  });
}

for (const size of WIDTHS) {
  test(`${size.name}: from the dashboard to the reporting-completeness view, filtered to the facilities that did not update`, async () => {
    const page = await signIn("syt.laocai", size);
    await page.goto("/department");
    await Promise.all([page.waitForURL(/\/reports\/completeness/), page.click("[data-testid=open-completeness]")]);
    const summary = page.locator("[data-testid=completeness-summary]");
    await summary.waitFor();
    expect(await summary.textContent()).toMatch(/^Lào Cai, \d\d\/\d\d\/\d{4}–\d\d\/\d\d\/\d{4}: \d+\/\d+ cơ sở đã cập nhật sổ kỹ thuật; \d+ cơ sở chưa cập nhật\.$/);
    expect(await page.locator("[data-testid=completeness-row]").count()).toBeGreaterThan(10);
    // A phone reads cards, a desktop the table.
    const visible = size.name === "phone" ? "[data-testid=completeness-card]" : "[data-testid=completeness-table]";
    expect(await page.locator(visible).first().isVisible()).toBe(true);
    await expectNoSideScroll(page);

    await page.selectOption("select[name=status]", "missing");
    await Promise.all([page.waitForURL(/status=missing/), page.locator("form[role=search] button[type=submit]").click()]);
    // The new page's rows (table rows are present, if hidden, at phone width): none updated.
    await expect
      .poll(() => page.locator("[data-testid=completeness-row]").evaluateAll((rows) => rows.length > 0 && rows.every((r) => r.getAttribute("data-updated") === "no")))
      .toBe(true);
    // Longest without an update first: the dates shown never go down the list... except "never" on top.
    const dates = (await page.locator("[data-testid=last-update]").allTextContents()).map((d) => d.match(/(\d\d)\/(\d\d)\/(\d{4})/)).filter(Boolean).map((m) => `${m![3]}-${m![2]}-${m![1]}`);
    expect(dates.length).toBeGreaterThan(0);
    expect([...dates].sort()).toEqual(dates);
    await page.context().close();
  });
}

for (const size of WIDTHS) {
  test(`${size.name}: the national map colours the 34 provinces and opens a province's report; the province map shows its facilities`, async () => {
    const page = await signIn("admin", size);
    await page.goto("/reports?dimension=province&metric=cumulative");
    const tiles = page.locator("[data-testid=province-tile]");
    await tiles.first().waitFor();
    expect(await tiles.count()).toBe(34);
    const laoCai = page.locator("[data-testid=province-tile][data-code='15']");
    expect(await laoCai.locator("title").textContent()).toMatch(/^Lào Cai: [\d.]+$/);
    expect(await page.locator("[data-testid=province-map] [data-testid=map-legend]").textContent()).toContain("không có");
    await expectNoSideScroll(page);
    // The tile is a plain link; on a loaded machine the province page's "load" event can come
    // late, so wait for the navigation to commit and then for the facility tiles themselves.
    await waitForHydration(page, "[data-testid=province-tile][data-code='15']");
    await Promise.all([page.waitForURL(/province=15/, { waitUntil: "commit" }), laoCai.click()]);
    const facilityTiles = page.locator("[data-testid=facility-tile]");
    await facilityTiles.first().waitFor();
    expect(await facilityTiles.count()).toBe(40);
    expect(await page.locator("[data-testid=facility-map] title").first().textContent()).toContain("Bệnh viện Đa khoa tỉnh Lào Cai");
    await expectNoSideScroll(page);
    await page.context().close();
  });
}
