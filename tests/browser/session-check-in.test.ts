// Check-in by QR code, at a hospital desktop and on a 390 px phone: the demo trainer of Lào Cai
// số 2 opens it on the session's day and sees the QR code; a trainee's phone, not signed in,
// opens the code's page and gives a licence number; the trainer confirms and the trainee is present.
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { vietnamToday } from "~/models/dates";
import { DEMO_ACCOUNTS } from "../../seeds/accounts";
import { launchBrowser, signedInPage, startScratchServer } from "./browser";
import { courseWithTwoTrainees } from "./courses-helpers";

const trainer = DEMO_ACCOUNTS.find((a) => a.username === "daotao.laocai2")!;

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

function signedIn(width: number): Promise<Page> {
  return signedInPage(browser, server.baseUrl, trainer, { viewport: { width, height: 844 } });
}

/** A course held today with two of the host's own staff approved; their names. */
function courseToday(page: Page, title: string): Promise<string[]> {
  return courseWithTwoTrainees(page, title, vietnamToday(new Date()));
}

/** The licence number a trainee knows (the test reads it from the database the server uses). */
function licenceOf(courseId: number, fullName: string): string {
  const db = new Database(server.dbPath, { readonly: true });
  try {
    const row = db
      .prepare("select s.licence_number as licence from enrolments e join staff s on s.id = e.staff_id where e.course_id = ? and s.full_name = ?")
      .get(courseId, fullName) as { licence: string | null } | undefined;
    if (!row?.licence) throw new Error(`no licence number for ${fullName}`);
    return row.licence;
  } finally {
    db.close();
  }
}

/** A trainee's phone, not signed in, checks in at the code's page. */
async function traineeChecksIn(url: string, licence: string, width: number, shot: string) {
  const context = await browser.newContext({ viewport: { width, height: 844 }, locale: "vi-VN" });
  const phone = await context.newPage();
  await phone.goto(url);
  await phone.getByRole("heading", { level: 1, name: "Tự điểm danh" }).waitFor();
  await phone.getByLabel("Số chứng chỉ hành nghề").fill(licence);
  await phone.getByRole("button", { name: "Điểm danh" }).click();
  await phone.getByTestId("check-in-outcome").filter({ hasText: "Đã ghi nhận, chờ giảng viên xác nhận" }).waitFor();
  expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await phone.screenshot({ path: path.join(os.tmpdir(), shot) });
  await context.close();
}

for (const width of [1366, 390]) {
  test(`trainees check in by QR code and the trainer confirms them (${width} px)`, async () => {
    const page = await signedIn(width);
    const [first, second] = await courseToday(page, `Sơ cứu – tự điểm danh ${width} ${Date.now()}`);
    const courseId = Number(new URL(page.url()).pathname.split("/").pop());
    await page.getByRole("link", { name: "Điểm danh buổi 1 theo danh sách" }).click();
    await page.getByRole("heading", { level: 1, name: "Điểm danh buổi 1" }).waitFor();
    await page.getByRole("button", { name: "Mở điểm danh bằng mã" }).click();
    const qr = page.getByRole("img", { name: "Mã QR tự điểm danh buổi 1" });
    await qr.waitFor();
    await expect.poll(() => qr.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(100);
    const url = (await page.getByTestId("check-in-url").getAttribute("href"))!;
    expect(url).toMatch(new RegExp(`^${server.baseUrl}/check-in/[0-9a-z]{26}$`));
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: path.join(os.tmpdir(), `check-in-open-${width}.png`), fullPage: true });

    await traineeChecksIn(url, licenceOf(courseId, first), width, `check-in-phone-${width}.png`);
    await page.reload();
    const entry = (name: string) => page.locator(`[data-testid=roster] li[data-trainee="${name}"]`);
    await entry(first).getByTestId("pending-check-in").filter({ hasText: /tự điểm danh \d\d:\d\d, chờ xác nhận/ }).waitFor();
    // Pending is not present yet.
    expect(await entry(first).getAttribute("data-state")).toBe("unmarked");
    await page.screenshot({ path: path.join(os.tmpdir(), `check-in-pending-${width}.png`), fullPage: true });
    await page.getByRole("button", { name: `Xác nhận ${first} có mặt` }).click();
    await page.locator(`[data-testid=roster] li[data-trainee="${first}"][data-state=present]`).waitFor();
    await expect.poll(() => entry(first).getByTestId("pending-check-in").count()).toBe(0);
    await page.getByTestId("roster-count").filter({ hasText: "1/2 có mặt" }).waitFor();

    // The second trainee checks in too; "confirm all" marks them present.
    await traineeChecksIn(url, licenceOf(courseId, second), width, `check-in-phone2-${width}.png`);
    await page.reload();
    await page.getByRole("button", { name: "Xác nhận tất cả (1)" }).click();
    await page.locator(`[data-testid=roster] li[data-trainee="${second}"][data-state=present]`).waitFor();
    await page.getByTestId("roster-count").filter({ hasText: "2/2 có mặt" }).waitFor();
    await page.context().close();
  });
}
