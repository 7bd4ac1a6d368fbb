// Date fields show and accept dd/mm/yyyy whatever the browser's locale. A trainer on
// an English-language browser types 05/03/2026 into a credit-hour entry; it is stored as
// 5 March 2026 (not 3 May) and shown back as 05/03/2026.
import Database from "better-sqlite3";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { DEMO_ACCOUNTS } from "../../seeds/accounts";
import { launchBrowser, signedInPage, startScratchServer } from "./browser";

// On a server of its own: the credit entry it saves would show in other files.
let browser: Browser;
let server: Awaited<ReturnType<typeof startScratchServer>>;
beforeAll(async () => {
  browser = await launchBrowser();
  server = await startScratchServer(inject("seededDb"), inject("buildDir"));
});
afterAll(async () => {
  await browser?.close();
  server?.stop();
});

test("a date typed as 05/03/2026 in a Vietnamese form on an en-US browser is saved as 5 March 2026", async () => {
  const trainer = DEMO_ACCOUNTS.find((a) => a.username === "daotao.laocai2");
  if (!trainer) throw new Error("the demo seed has no trainer of Lào Cai số 2");
  // The browser's own locale says month first; the planner must not follow it.
  const page = await signedInPage(browser, server.baseUrl, trainer, { viewport: { width: 1366, height: 800 }, locale: "en-US" });

  await page.goto("/credits");
  const first = page.locator("main a[href^='/credits/']").first();
  await first.waitFor();
  const href = (await first.getAttribute("href")) ?? "";
  await page.goto(href);

  const field = page.locator("input[name=activityOn]");
  await expect(field.getAttribute("type")).resolves.toBe("text");
  await expect(field.getAttribute("placeholder")).resolves.toBe("dd/mm/yyyy");
  // The calendar button appears once the page's scripts run.
  await page.getByRole("button", { name: "Chọn ngày trên lịch" }).waitFor();

  const title = `Hội thảo thử ngày ${Date.now()}`;
  await field.fill("05/03/2026");
  await page.fill("input[name=title]", title);
  await page.fill("input[name=hours]", "2");
  await page.fill("input[name=evidence]", "Giấy chứng nhận số 12/2026");
  await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.getByRole("button", { name: "Ghi nhận", exact: true }).click()]);
  await page.getByText(title).waitFor();

  const db = new Database(server.dbPath, { readonly: true });
  try {
    const row = db.prepare("SELECT activity_on AS activityOn FROM credit_entries WHERE title = ?").get(title) as { activityOn: string } | undefined;
    expect(row?.activityOn).toBe("2026-03-05");
  } finally {
    db.close();
  }
  // Shown back day first in the ledger.
  await expect(page.locator("tr", { hasText: title }).textContent()).resolves.toContain("05/03/2026");

  // An impossible date is refused next to the field, in words.
  await field.fill("30/02/2026");
  await page.fill("input[name=title]", `${title} (2)`);
  await page.getByRole("button", { name: "Ghi nhận", exact: true }).click();
  await page.getByText("Ngày không hợp lệ (nhập ngày/tháng/năm, ví dụ 05/03/2026).").waitFor();
});
