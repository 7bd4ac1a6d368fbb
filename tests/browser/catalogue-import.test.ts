// The administrator imports Circular 23/2024 Appendix 1 as published, through its preview,
// on a server of its own (a whole edition renames techniques every other file reads).
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { DEMO_ACCOUNTS } from "../../seeds/accounts";
import { launchBrowser, signedInPage, startScratchServer } from "./browser";

const admin = DEMO_ACCOUNTS.find((a) => a.role === "admin")!;
const department = DEMO_ACCOUNTS.find((a) => a.username === "syt.laocai")!;

let browser: Browser;
let server: { baseUrl: string; stop: () => void };
beforeAll(async () => {
  browser = await launchBrowser();
  server = await startScratchServer(inject("seededDb"), inject("buildDir"));
});
afterAll(async () => {
  await browser?.close();
  server?.stop();
});

async function signIn(username: string, password: string, to: string) {
  const page = await signedInPage(browser, server.baseUrl, { username, password });
  await page.goto(to);
  return page;
}

test("an administrator previews Circular 23/2024 as published, sees every verdict, confirms, and Lào Cai's figures do not move", async () => {
  // The copy carries whatever earlier files approved: compare Lào Cai before and after (the
  // model test dated-levels-history checks +1,268 / 4,028 on a fresh seed).
  const officer = await signIn(department.username, department.password, "/department");
  const figures = async () => [await officer.getByTestId("provincial-added").textContent(), await officer.getByTestId("regional-performing").textContent()];
  const before = await figures();
  expect(Number(before[0]?.replace(/\./g, ""))).toBeGreaterThanOrEqual(1268);

  const page = await signIn(admin.username, admin.password, "/admin/catalogue");
  await page.getByRole("heading", { level: 1, name: "Nhập danh mục kỹ thuật" }).waitFor();
  await page.selectOption("#edition", "tt23-2024-pl1");
  await page.fill("#effectiveFrom", "2025-01-01");
  await page.setInputFiles("#file", path.resolve(__dirname, "../../seeds/data/tt23_2024_pl01_danh_muc_ky_thuat.csv"));
  await Promise.all([
    page.waitForURL((url) => /^\/imports\/\d+$/.test(url.pathname), { timeout: 60_000 }),
    page.getByRole("button", { name: "Xem trước" }).first().click(),
  ]);
  await page.getByTestId("batch-status").waitFor();
  expect(await page.getByTestId("batch-status").textContent()).toBe("Bản xem trước: chưa ghi gì");
  const count = async (status: string) => Number(await page.getByTestId(`count-${status}`).getAttribute("data-count"));
  expect(await count("new")).toBe(10911);
  expect(await count("refused")).toBe(1);
  expect(await count("retired")).toBe(18);
  expect((await count("new")) + (await count("changed")) + (await count("unchanged")) + (await count("conflict"))).toBe(19437);
  // The changed names, old beside new.
  await page.getByTestId("count-changed").click();
  await page.waitForURL((url) => url.searchParams.get("status") === "changed");
  await page.locator("tr[data-status=changed] del").first().waitFor();
  // The one malformed code, with its row and its reason in Vietnamese.
  await page.getByTestId("count-refused").click();
  await page.waitForURL((url) => url.searchParams.get("status") === "refused");
  const refused = page.locator("tr[data-status=refused]");
  await refused.first().waitFor();
  expect(await refused.count()).toBe(1);
  expect(await refused.textContent()).toContain("19165");
  expect(await refused.textContent()).toContain("không đúng dạng chương.số");

  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && /\/imports\/\d+/.test(r.url()), { timeout: 60_000 }),
    page.getByRole("button", { name: "Ghi các thay đổi này" }).click(),
  ]);
  await page.getByTestId("batch-result").waitFor({ timeout: 60_000 });
  expect(await page.getByTestId("batch-status").textContent()).toMatch(/^Đã ghi lúc/);
  expect(await page.getByTestId("batch-result").textContent()).toContain("10.911");

  // A technique new in Circular 23 has no legacy level: not classified.
  await page.goto("/techniques/BS_1.387");
  await page.getByTestId("technique-editions").waitFor();
  expect(await page.locator("body").textContent()).toContain("Chưa phân loại (không có phân tuyến)");

  await officer.reload();
  await officer.getByTestId("provincial-added").waitFor();
  expect(await figures()).toEqual(before);
}, 240_000);
