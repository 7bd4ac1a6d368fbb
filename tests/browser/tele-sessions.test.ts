// Remote sessions through the real pages: Lào Cai số 3's director (a spoke of số 2) logs a
// tele-consultation on a phone and finds it in the log by searching its title; số 2's trainer
// records a remote training session for số 3's staff, and the attendee's credit-hour page shows
// the session's hours.
import Database from "better-sqlite3";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { DEMO_ACCOUNTS } from "../../seeds/accounts";
import { launchBrowser, queryFile, signedInPage, startScratchServer } from "./browser";

// On a server of its own: the sessions and credit hours written here would change other files' pages.
let browser: Browser;
let server: Awaited<ReturnType<typeof startScratchServer>>;
const account = (username: string) => DEMO_ACCOUNTS.find((a) => a.username === username)!;
const PHONE = { width: 390, height: 844 };

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startScratchServer(inject("seededDb"), inject("buildDir"));
  // Surgery between số 2 and số 3, in force for the whole demo (the links step may already hold it).
  const db = new Database(server.dbPath);
  try {
    db.prepare(
      `INSERT OR IGNORE INTO tele_links (hub_facility_id, spoke_facility_id, chapter_number, start_on)
       SELECT h.id, s.id, 10, '2020-01-01' FROM facilities h, facilities s WHERE h.code = 'LC-BVDK2' AND s.code = 'LC-BVDK3'`,
    ).run();
  } finally {
    db.close();
  }
});
afterAll(async () => {
  await browser?.close();
  server?.stop();
});

test("số 3's director logs a consultation at phone width and finds it in the log by search", async () => {
  const page = await signedInPage(browser, server.baseUrl, account("gd.laocai3"), { viewport: PHONE, hasTouch: true, isMobile: true });
  await page.goto("/tele/sessions");
  await page.getByTestId("new-consultation").click();
  await page.waitForURL(/\/tele\/sessions\/new-consultation$/);
  const hub = page.locator('select[name="hubFacilityId"]');
  await hub.selectOption({ label: (await hub.locator("option", { hasText: "Lào Cai số 2" }).first().textContent())! });
  const spoke = page.locator('select[name="spokeFacilityId"]');
  await spoke.selectOption({ label: (await spoke.locator("option", { hasText: "Lào Cai số 3" }).first().textContent())! });
  // Each side's staff list offers only the chosen facility's people.
  const optionTexts = (name: string) => page.locator(`select[name="${name}"] option`).allTextContents();
  await expect.poll(async () => (await optionTexts("spokeStaffIds")).every((o) => o.includes("Lào Cai số 3"))).toBe(true);
  expect((await optionTexts("spokeStaffIds")).length).toBeGreaterThan(0);
  expect((await optionTexts("hubStaffIds")).every((o) => o.includes("Lào Cai số 2"))).toBe(true);
  await page.locator('select[name="chapterNumber"]').selectOption("10");
  await page.locator('input[name="startTime"]').fill("14:30");
  await page.locator('input[name="durationMinutes"]').fill("40");
  await page.locator('input[name="title"]').fill("Gãy kín xương chày thử nghiệm trình ca");
  await page.locator('select[name="outcome"]').selectOption("treated_locally");
  await page.locator('textarea[name="spokeNames"]').fill("BS Trình Ca");
  // Nothing on the form runs off the side of a phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await page.getByRole("button", { name: "Lưu phiên" }).click();
  await page.waitForURL(/\/tele\/sessions\/\d+$/);
  await expect.poll(() => page.getByTestId("session-title").textContent()).toBe("Gãy kín xương chày thử nghiệm trình ca");
  expect(await page.getByText("Điều trị tại chỗ").count()).toBeGreaterThan(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

  await page.goto("/tele/sessions");
  await page.locator('input[name="q"]').fill("chày thử nghiệm");
  await page.getByRole("button", { name: "Tìm kiếm" }).click();
  await page.waitForURL(/q=/);
  const rows = page.getByTestId("session-row");
  await expect.poll(() => rows.count()).toBe(1);
  expect(await rows.first().textContent()).toContain("Gãy kín xương chày thử nghiệm trình ca");
  // The log's table turns into cards on a phone: nothing runs off the side.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await page.context().close();
});

test("số 2's trainer records a remote training session and the attendee's credit hours show on the credits page", async () => {
  const page = await signedInPage(browser, server.baseUrl, account("daotao.laocai2"));
  await page.goto("/tele/sessions/new-training");
  await page.locator('input[name="title"]').fill("Cố định ngoài gãy xương hở (thử nghiệm)");
  const hub = page.locator('select[name="hubFacilityId"]');
  await hub.selectOption({ label: (await hub.locator("option", { hasText: "Lào Cai số 2" }).first().textContent())! });
  const spokes = page.locator('select[name="spokeFacilityIds"]');
  await spokes.selectOption([{ label: (await spokes.locator("option", { hasText: "Lào Cai số 3" }).first().textContent())! }]);
  await page.locator('select[name="chapterNumber"]').selectOption("10");
  await page.locator('input[name="startTime"]').fill("08:00");
  await page.locator('input[name="durationMinutes"]').fill("150");
  const attendees = page.locator('select[name="attendeeStaffIds"]');
  const attendee = attendees.locator("option", { hasText: "Lào Cai số 3" }).first();
  const staffId = Number(await attendee.getAttribute("value"));
  await attendees.selectOption([String(staffId)]);
  await page.getByRole("button", { name: "Lưu phiên" }).click();
  await page.waitForURL(/\/tele\/sessions\/\d+$/);
  await expect.poll(() => page.getByTestId("participant").first().textContent()).toContain("2,5");
  const entries = queryFile<{ hours: number; kind: string }>(server.dbPath, "SELECT hours, kind FROM credit_entries WHERE staff_id = ? AND title = ?", staffId, "Cố định ngoài gãy xương hở (thử nghiệm)");
  expect(entries).toEqual([{ hours: 2.5, kind: "remote_training" }]);
  await page.context().close();

  // The attendee's own hospital reads the ledger: the session's hours are there, as remote training.
  const spokePage = await signedInPage(browser, server.baseUrl, account("gd.laocai3"));
  await spokePage.goto(`/credits/${staffId}`);
  const row = spokePage.locator("tr", { hasText: "Cố định ngoài gãy xương hở (thử nghiệm)" });
  await expect.poll(() => row.count()).toBe(1);
  expect(await row.textContent()).toContain("Đào tạo từ xa");
  await spokePage.context().close();
});
