// From the Lào Cai headline figure to the stories of its pairs: the drill-down says how each
// pair came, a story opens with its ledger events, and a pair that came through 126/HĐ-BVĐK2
// shows that agreement, its plan line's course and the acceptance. Read-only: the shared server.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { DEMO_ACCOUNTS } from "../../seeds/accounts";
import { launchBrowser, signedInPage } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

function signIn(username: string): Promise<Page> {
  return signedInPage(browser, inject("baseUrl"), DEMO_ACCOUNTS.find((a) => a.username === username)!);
}

const ORIGINS = ["agreement", "transfer", "in_house", "import", "unrecorded"];

test("from the +1,268 figure, each pair says how it came and opens its story with the ledger events", async () => {
  const page = await signIn("syt.laocai");
  await page.goto("/department");
  await page.click("[data-testid=provincial-added]");
  await page.waitForURL(/\/reports\/pairs/);
  const rows = page.locator("[data-testid=pair-row]");
  await expect.poll(() => rows.count()).toBe(50);
  const origins = await rows.locator("[data-testid=pair-origin]").evaluateAll((els) => els.map((e) => e.getAttribute("data-origin")));
  expect(origins).toHaveLength(50);
  expect(origins.every((o) => ORIGINS.includes(o!))).toBe(true);
  expect(new Set(origins).size).toBeGreaterThan(1);
  expect(await rows.first().locator("[data-testid=pair-origin]").textContent()).toMatch(/Nhận chuyển giao|Tự phát triển|Nhập từ danh mục/);
  const technique = (await rows.first().locator("td").nth(1).textContent())!;
  await rows.first().locator("[data-testid=pair-story]").click();
  await page.waitForURL(/\/reports\/pairs\/\d+\/\d+$/);
  await page.locator("[data-testid=story-items]").waitFor();
  expect(technique).toContain((await page.locator("[data-testid=story-technique]").textContent())!);
  expect(await page.locator("[data-testid=story-cross]").textContent()).toContain("Có: được tính là kỹ thuật vượt tuyến");
  const ledger = page.locator("[data-testid=story-item][data-kind=ledger]");
  expect(await ledger.count()).toBeGreaterThanOrEqual(2);
  expect(await ledger.allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining("bắt đầu thực hiện"), expect.stringContaining("được phê duyệt")]));
  await page.close();
});

test("a Bảo Thắng pair recorded under 126/HĐ-BVĐK2 shows the agreement in the drill-down and its story", async () => {
  const page = await signIn("syt.laocai");
  await page.goto("/department");
  // The "all recorded" figure of the regional units counts pairs not yet approved too.
  const allHref = await page.locator("a[href*=\"category=all\"]").nth(1).getAttribute("href");
  expect(allHref).toMatch(/\/reports\/pairs\?/);
  await page.goto(allHref!);
  const facility = page.locator("[data-testid=pair-row] a", { hasText: "Trung tâm Y tế khu vực Bảo Thắng" }).first();
  await facility.waitFor();
  const facilityId = (await facility.getAttribute("href"))!.split("/").pop();
  await page.goto(`${allHref}&facility=${facilityId}&chapter=10`);
  const row = page.locator("[data-testid=pair-row]", { has: page.locator("[data-origin=agreement]") }).first();
  await row.waitFor();
  expect(await row.locator("[data-testid=pair-origin]").textContent()).toBe("Theo hợp đồng 126/HĐ-BVĐK2");
  await row.locator("[data-testid=pair-story]").click();
  await page.waitForURL(/\/reports\/pairs\/\d+\/\d+$/);
  const items = page.locator("[data-testid=story-item]");
  await items.first().waitFor();
  const kinds = await items.evaluateAll((els) => els.map((e) => e.getAttribute("data-kind")));
  expect(kinds[0]).toBe("agreement");
  expect(kinds).toEqual(expect.arrayContaining(["planLine", "case", "acceptance", "ledger", "rotation"]));
  expect(await items.first().textContent()).toContain("Ký hợp đồng 126/HĐ-BVĐK2");
  expect(await page.locator("[data-testid=story-state] [data-testid=pair-origin]").textContent()).toBe("Theo hợp đồng 126/HĐ-BVĐK2");
  expect(await page.locator("[data-testid=story-item][data-kind=ledger]").first().textContent()).toContain("bắt đầu thực hiện");

  // The agreement's contributions list the pair and lead back to its story.
  await page.goto(`/agreements/${(await page.locator("[data-testid=story-item][data-kind=agreement] a").getAttribute("href"))!.split("/").pop()}/figures`);
  await page.locator("[data-testid=figures-pair]").first().waitFor();
  expect(await page.locator("[data-testid=figures-total]").textContent()).toContain("vượt tuyến");
  expect(await page.locator("[data-testid=figures-pair] [data-testid=story-link]").count()).toBeGreaterThan(0);
  await page.close();
});
