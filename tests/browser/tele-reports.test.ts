// Remote-support reports through the real pages: Lào Cai số 2's director, on a phone, opens the
// reports from /tele, reads số 2's hub report (by month, spoke and specialty) and drills into one
// spoke's sessions; the Lào Cai department reads its share resolved locally month by month with
// the chart, sets a "share resolved locally" target for the province and reads its achievement.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { DEMO_ACCOUNTS } from "../../seeds/accounts";
import { launchBrowser, queryFile, signedInPage, startScratchServer } from "./browser";

// On a server of its own: the target written here would show on other files' pages.
let browser: Browser;
let server: Awaited<ReturnType<typeof startScratchServer>>;
const account = (username: string) => DEMO_ACCOUNTS.find((a) => a.username === username)!;
const PHONE = { width: 390, height: 844 };

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startScratchServer(inject("seededDb"), inject("buildDir"));
});
afterAll(async () => {
  await browser?.close();
  server?.stop();
});

test("số 2's director reads its hub report on a phone and drills into a spoke's sessions", async () => {
  const page = await signedInPage(browser, server.baseUrl, account("gd.laocai2"), { viewport: PHONE, hasTouch: true, isMobile: true });
  await page.goto("/tele");
  await page.getByTestId("tele-reports").click();
  await page.waitForURL(/\/tele\/reports/);
  const byMonth = page.getByTestId("report-by-month");
  await byMonth.waitFor();
  // Twelve months, and the hub filter set on số 2.
  expect(await byMonth.getByTestId("report-row").count()).toBe(12);
  expect(await page.locator("#filter-hub option:checked").textContent()).toContain("Lào Cai số 2");
  const consultations = Number((await byMonth.getByTestId("report-totals").locator('[data-column="consultations"]').textContent())!.replace(/\D/g, ""));
  expect(consultations).toBeGreaterThan(50);
  expect(await page.getByTestId("report-by-chapter").getByTestId("report-row").count()).toBeGreaterThan(0);
  await page.getByTestId("share-chart").waitFor();
  // Tables turn into cards and the share table scrolls inside its card: nothing runs off the side.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

  const spokeRow = page.getByTestId("report-by-spoke").getByTestId("report-row").first();
  const spokeName = (await spokeRow.locator("th a").textContent())!.trim();
  await spokeRow.locator("th a").click();
  await page.waitForURL(/\/tele\/sessions\?.*spoke=/);
  const rows = page.getByTestId("session-row");
  await expect.poll(() => rows.count()).toBeGreaterThan(0);
  expect(await rows.first().textContent()).toContain(spokeName);
  await page.context().close();
});

test("số 2's facility page names its spokes and the year's figures, and opens the hub report they come from", async () => {
  const [so2] = queryFile<{ id: number }>(server.dbPath, "SELECT id FROM facilities WHERE short_name = ?", "BVĐK Lào Cai số 2");
  const page = await signedInPage(browser, server.baseUrl, account("gd.laocai2"));
  await page.goto(`/facilities/${so2.id}`);
  const hubSide = page.getByTestId("facility-tele-hub");
  await hubSide.waitFor();
  expect(await hubSide.textContent()).toContain("Lào Cai số 3");
  const figures = (await hubSide.locator("p").nth(1).textContent())!;
  const consultations = Number(/([\d.]+) ca hội chẩn/.exec(figures)![1].replace(/\D/g, ""));
  expect(consultations).toBeGreaterThan(50);
  // Bạch Mai supports số 2 in turn.
  expect(await page.getByTestId("facility-tele-spoke").textContent()).toContain("Bạch Mai");
  await Promise.all([page.waitForURL(/\/tele\/reports\?hub=/), hubSide.getByRole("link", { name: "Báo cáo của trung tâm" }).click()]);
  const totals = page.getByTestId("report-by-month").getByTestId("report-totals");
  await totals.waitFor();
  expect(Number((await totals.locator('[data-column="consultations"]').textContent())!.replace(/\D/g, ""))).toBe(consultations);
  await page.context().close();
});

test("the Lào Cai department reads the share resolved locally with its chart, then sets and reads a target for it", async () => {
  const page = await signedInPage(browser, server.baseUrl, account("syt.laocai"));
  await page.goto("/tele/reports");
  const chart = page.getByTestId("share-chart");
  await chart.waitFor();
  expect(await chart.getAttribute("data-series")).toContain("Lào Cai");
  // The chart is drawn in the browser (one line per group) and the same numbers stand in the table.
  await expect.poll(() => chart.locator(".recharts-line").count()).toBeGreaterThan(0);
  const shareRows = page.getByTestId("share-table").getByTestId("share-row");
  expect(await shareRows.count()).toBe(12);
  expect(await shareRows.last().locator("td").first().textContent()).toMatch(/%|—/);
  // The department chooses the one spoke drawn beside the province.
  const choose = page.getByTestId("share-choose");
  await choose.locator("summary").click();
  const boxes = choose.locator('input[name="show"]');
  for (const box of await boxes.all()) if (await box.isChecked()) await box.uncheck();
  const last = boxes.last();
  const chosenName = (await choose.locator(`label[for="${await last.getAttribute("id")}"], label:has(#${await last.getAttribute("id")})`).first().textContent())!.trim();
  await last.check();
  await choose.getByRole("button").click();
  await page.waitForURL(/show=/);
  await expect.poll(() => page.getByTestId("share-chart").getAttribute("data-series")).toMatch(new RegExp(`Lào Cai\\|${chosenName}$`));

  await page.goto("/targets");
  await page.locator('input[name="title"]').fill("Hội chẩn giải quyết tại chỗ (thử nghiệm)");
  await page.locator('select[name="indicator"]').selectOption("tele_resolved_locally_share");
  // A share above 100 is refused next to the field.
  await page.locator('input[name="targetValue"]').fill("120");
  await page.getByRole("button", { name: "Lưu chỉ tiêu" }).click();
  const targetError = page.locator('input[name="targetValue"]').locator("xpath=..").locator(".field-error");
  await expect.poll(() => targetError.textContent()).toContain("không quá 100");
  expect(await page.locator('input[name="targetValue"]').getAttribute("aria-invalid")).toBe("true");
  await page.locator('input[name="targetValue"]').fill("85");
  await page.getByRole("button", { name: "Lưu chỉ tiêu" }).click();
  await page.waitForURL(/\/targets\/\d+$/);
  await expect.poll(() => page.locator("h1").textContent()).toBe("Hội chẩn giải quyết tại chỗ (thử nghiệm)");
  expect(await page.getByText("Tỷ lệ hội chẩn giải quyết tại chỗ (%)").count()).toBeGreaterThan(0);
  expect(await page.getByTestId("target-percent").textContent()).toMatch(/^\d+(,\d)?%$/);
  await page.context().close();
});
