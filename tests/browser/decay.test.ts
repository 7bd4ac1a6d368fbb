// Skill decay through the real pages: the Lào Cai số 2 trainer sees an accepted technique with no
// case for over six months, plans a refresher rotation from the alert in one click (the form comes
// pre-filled with the partner, the site, the agreement and the plan line) and saves it; the
// department's threshold form refuses 0 months next to the field and saves 12.
import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { DEMO_ACCOUNTS } from "../../seeds/accounts";
import { launchBrowser, signInAs, startScratchServer } from "./browser";

const trainer = DEMO_ACCOUNTS.find((a) => a.username === "daotao.laocai2")!;
const officer = DEMO_ACCOUNTS.find((a) => a.username === "syt.laocai")!;
const director = DEMO_ACCOUNTS.find((a) => a.username === "gd.laocai2")!;

let browser: Browser;
let server: Awaited<ReturnType<typeof startScratchServer>>;
beforeAll(async () => {
  server = await startScratchServer(inject("seededDb"), inject("buildDir"));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  server?.stop();
});

async function signedIn(account: { username: string; password: string }): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.baseUrl, viewport: { width: 1366, height: 900 }, locale: "vi-VN" });
  const page = await context.newPage();
  await signInAs(page, account);
  return page;
}

test("the director's dashboard shows the decayed technique handed on to Bảo Thắng", async () => {
  const page = await signedIn(director);
  await page.goto("/director");
  const alert = page.getByTestId("decay-alerts").getByTestId("decay-alert").filter({ hasText: "TTYT KV Bảo Thắng" });
  await expect.poll(() => alert.count()).toBe(1);
  expect(await alert.textContent()).toContain("10.8");
  await page.context().close();
});

test("the trainer plans a refresher rotation from the alert in one click", async () => {
  const page = await signedIn(trainer);
  await page.goto("/planning/decay");
  const row = page.getByTestId("decay-alert").filter({ hasText: "TTYT KV Bảo Thắng" });
  expect(await row.textContent()).toMatch(/\d+ tháng \(ngưỡng 6\)/);
  await row.getByRole("link", { name: "Lên đợt luân phiên nhắc lại" }).click();
  await page.getByRole("heading", { level: 1, name: "Lập đợt luân phiên" }).waitFor();
  // Pre-filled: the receiving site and the plan line of the alert.
  expect(await page.locator("select[name=toFacilityId] option:checked").textContent()).toContain("Bảo Thắng");
  expect(await page.locator("input[name=transferItemIds]:checked").count()).toBe(1);
  // Short-term support with its reason, ending within the agreement.
  expect(await page.locator("input[name=shortTerm]").isChecked()).toBe(true);
  expect(await page.locator("input[name=shortTermReason]").inputValue()).toBe("Đào tạo nhắc lại kỹ thuật 10.8 (cảnh báo mai một)");
  // Someone of Lào Cai số 2 who performs the technique goes back.
  const db = new Database(server.dbPath, { readonly: true });
  const performer = db
    .prepare(
      `select s.id from staff s join staff_techniques st on st.staff_id = s.id join techniques t on t.id = st.technique_id
        join facilities f on f.id = s.facility_id where t.code = '10.8' and f.code = 'LC-BVDK2' and s.active = 1 order by s.id limit 1`,
    )
    .get() as { id: number };
  db.close();
  await page.locator("select[name=staffId]").selectOption(String(performer.id));
  await page.getByRole("button", { name: "Lưu" }).click();
  // The same rules as any rotation hold: a month may clash with a course the person teaches.
  // Then the trainer shortens the refresher to its first week and saves again.
  const saved = await page.waitForURL(/\/rotations\/\d+$/, { timeout: 8_000 }).then(() => true, () => false);
  if (!saved) {
    expect(await page.locator("[role=alert]").allTextContents()).toEqual([expect.stringMatching(/^Trùng lịch/)]);
    const [d, m, y] = (await page.locator("input[name=startOn]").inputValue()).split("/").map(Number);
    const weekEnd = new Date(Date.UTC(y, m - 1, d + 4)).toISOString().slice(0, 10);
    await page.fill("input[name=endOn]", weekEnd);
    await page.getByRole("button", { name: "Lưu" }).click();
    await page.waitForURL(/\/rotations\/\d+$/);
  }
  expect(await page.textContent("main")).toContain("Trung tâm Y tế khu vực Bảo Thắng");
  await page.context().close();
});

test("the department's threshold form refuses 0 months next to the field and saves 12", async () => {
  const page = await signedIn(officer);
  await page.goto("/planning/decay");
  const form = page.getByTestId("decay-thresholds");
  await form.locator("select[name=chapterNumber]").selectOption("10");
  await form.locator("input[name=months]").fill("0");
  await form.getByRole("button", { name: "Lưu ngưỡng" }).click();
  await expect.poll(() => form.locator(".field-error").first().textContent()).toBe("Số tháng phải từ 1 đến 60.");
  await form.locator("input[name=months]").fill("40");
  await form.getByRole("button", { name: "Lưu ngưỡng" }).click();
  await form.getByRole("status").waitFor();
  expect(await form.getByTestId("decay-own-thresholds").textContent()).toContain("40 tháng");
  // Chapter X at 40 months: the Bảo Thắng technique (chapter 10, idle about two years) no longer alerts.
  await page.reload();
  expect(await page.getByTestId("decay-alert").filter({ hasText: "TTYT KV Bảo Thắng" }).count()).toBe(0);
  await page.context().close();
});
