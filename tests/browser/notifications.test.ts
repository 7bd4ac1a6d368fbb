// In-app notifications through the real pages: a director of another hospital requests a seat
// in a Lào Cai số 2 course, the host trainer approves it, and the director sees the bell count,
// the overview's recent list and the notifications page (desktop and a 390 px phone).
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { addDaysIso, vietnamToday } from "~/models/dates";
import { DEMO_ACCOUNTS } from "../../seeds/accounts";
import { launchBrowser, newPage, signInAs, startScratchServer } from "./browser";

const account = (username: string) => {
  const found = DEMO_ACCOUNTS.find((a) => a.username === username);
  if (!found) throw new Error(`the demo seed has no ${username}`);
  return found;
};
const trainer = account("daotao.laocai2");
const director = account("gd.bachmai");

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

/** Signed in and on the overview, where the form would have led (the test starts from there). */
async function signIn(page: Page, who: { username: string; password: string }) {
  await signInAs(page, who);
  await page.goto("/");
}

async function phonePage(): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.baseUrl, viewport: { width: 390, height: 844 }, locale: "vi-VN" });
  return context.newPage();
}

async function noSideScroll(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

async function createCourse(page: Page, title: string) {
  const startOn = addDaysIso(vietnamToday(new Date()), 40);
  await page.goto("/courses/new");
  await page.fill("input[name=title]", title);
  await page.fill("input[name=startOn]", startOn);
  await page.fill("input[name=endOn]", startOn);
  await page.fill("input[name=capacity]", "5");
  await page.fill("input[name=creditHours]", "4");
  await page.fill("input[name=minAttendancePercent]", "80");
  await page.fill("input[name='sessions[0].heldOn']", startOn);
  await page.fill("input[name='sessions[0].startsAt']", "08:00");
  await page.fill("input[name='sessions[0].endsAt']", "11:00");
  await page.fill("input[name='sessions[0].topic']", "Hồi sức sơ sinh");
  await Promise.all([page.waitForURL(/\/courses\/\d+$/), page.click("button[type=submit]:has-text('Tạo khóa đào tạo')")]);
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
  return page.url();
}

test("an approved seat reaches the requesting director's bell, overview and notification list, at desktop and 390 px", async () => {
  const host = await newPage(browser, server.baseUrl);
  await signIn(host, trainer);
  const courseUrl = await createCourse(host, `Hồi sức sơ sinh – lớp thông báo ${Date.now()}`);

  const desk = await newPage(browser, server.baseUrl);
  await signIn(desk, director);
  await desk.goto(courseUrl);
  const option = desk.locator("select[name=staffId] option:not([disabled]):not([value=''])").first();
  const staffId = await option.getAttribute("value");
  const name = ((await option.textContent()) ?? "").replace(/\s*\(.*\)$/, "");
  await desk.selectOption("select[name=staffId]", staffId!);
  await Promise.all([desk.waitForResponse((r) => r.request().method() === "POST"), desk.click("button[name=intent][value=request]")]);
  await desk.locator(`tr[data-participant="${name}"] [data-status="requested"]`).waitFor();

  await host.goto(courseUrl);
  await Promise.all([
    host.waitForResponse((r) => r.request().method() === "POST"),
    host.locator(`tr[data-participant="${name}"]`).getByRole("button", { name: "Duyệt" }).click(),
  ]);
  await host.locator(`tr[data-participant="${name}"] [data-status="approved"]`).waitFor();
  // The host made the decision: no notification for itself about it.
  await host.goto("/notifications");
  await host.getByRole("heading", { level: 1, name: "Thông báo" }).waitFor();
  expect(await host.getByText(name).count()).toBe(0);

  await desk.goto("/");
  await desk.getByTestId("recent-notifications").waitFor();
  const unreadBefore = Number(await desk.getByTestId("unread-count").textContent());
  expect(unreadBefore).toBeGreaterThanOrEqual(1);
  expect(await desk.getByTestId("recent-notifications").textContent()).toContain(`Đơn vị tổ chức đã duyệt chỗ học cho ${name}`);

  const phone = await phonePage();
  await signIn(phone, director);
  await phone.getByTestId("notification-bell").click();
  await phone.getByRole("heading", { level: 1, name: "Thông báo" }).waitFor();
  const item = phone.locator("[data-testid=notifications] li", { hasText: name });
  expect(await item.getAttribute("data-unread")).toBe("true");
  expect(await noSideScroll(phone)).toBe(true);
  await phone.screenshot({ path: path.join(os.tmpdir(), "notifications-390.png"), fullPage: true });
  await Promise.all([phone.waitForResponse((r) => r.request().method() === "POST"), item.getByRole("button", { name: "Đánh dấu đã đọc" }).click()]);
  await phone.locator("[data-testid=notifications] li:not([data-unread])", { hasText: name }).waitFor();
  const after = phone.getByTestId("unread-count");
  const unreadAfter = (await after.count()) === 0 ? 0 : Number(await after.textContent());
  expect(unreadAfter).toBe(unreadBefore - 1);

  // The link leads to the course.
  await phone.locator("[data-testid=notifications] li", { hasText: name }).getByRole("link").click();
  await phone.waitForURL(courseUrl);
});
