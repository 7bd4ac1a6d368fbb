// The session roster as the demo trainer of Lào Cai số 2: a list of names, one tap each, at a
// hospital desktop and on a 390 px phone (no sideways scrolling).
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { addDaysIso, vietnamToday } from "~/models/dates";
import { DEMO_ACCOUNTS } from "../../seeds/accounts";
import { launchBrowser, startScratchServer } from "./browser";

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

async function signedIn(width: number): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.baseUrl, viewport: { width, height: 844 }, locale: "vi-VN" });
  const page = await context.newPage();
  await page.goto("/login");
  await page.fill("input[name=username]", trainer.username);
  await page.fill("input[name=password]", trainer.password);
  await Promise.all([page.waitForURL((u) => u.pathname !== "/login"), page.click("form:has(input[name=password]) button[type=submit]")]);
  return page;
}

/** A course in a few weeks with two of the host's own staff approved. */
async function courseWithTwo(page: Page, title: string): Promise<string[]> {
  const day = addDaysIso(vietnamToday(new Date()), 60);
  await page.goto("/courses/new");
  await page.fill("input[name=title]", title);
  await page.fill("input[name=startOn]", day);
  await page.fill("input[name=endOn]", day);
  await page.fill("input[name=capacity]", "5");
  await page.fill("input[name=creditHours]", "4");
  await page.fill("input[name=minAttendancePercent]", "80");
  await page.fill("input[name='sessions[0].heldOn']", day);
  await page.fill("input[name='sessions[0].startsAt']", "08:00");
  await page.fill("input[name='sessions[0].endsAt']", "11:00");
  await page.fill("input[name='sessions[0].topic']", "Sơ cứu chấn thương");
  await Promise.all([page.waitForURL(/\/courses\/\d+$/), page.click("button[type=submit]:has-text('Tạo khóa đào tạo')")]);
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
  const names: string[] = [];
  const tried = new Set<string>();
  while (names.length < 2) {
    const options = await page.locator("select[name=staffId] option:not([disabled])").evaluateAll((els) =>
      els.map((e) => ({ id: (e as HTMLOptionElement).value, text: e.textContent ?? "" })).filter((o) => o.id),
    );
    const next = options.find((o) => !tried.has(o.id));
    if (!next) throw new Error("no free staff member left");
    tried.add(next.id);
    await page.selectOption("select[name=staffId]", next.id);
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.click("button[name=intent][value=request]")]);
    if (!response.ok()) continue;
    const name = next.text.replace(/\s*\(.*\)$/, "");
    await page.locator(`tr[data-participant="${name}"]`).waitFor();
    names.push(name);
  }
  return names;
}

for (const width of [1366, 390]) {
  test(`a trainer takes a session's attendance by tapping names (${width} px)`, async () => {
    const page = await signedIn(width);
    const [first, second] = await courseWithTwo(page, `Sơ cứu chấn thương – điểm danh ${width} ${Date.now()}`);
    await page.getByRole("link", { name: "Điểm danh buổi 1 theo danh sách" }).click();
    await page.getByRole("heading", { level: 1, name: "Điểm danh buổi 1" }).waitFor();
    const entry = (name: string) => page.locator(`[data-testid=roster] li[data-trainee="${name}"]`);
    expect(await entry(first).getAttribute("data-state")).toBe("unmarked");
    await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.getByRole("button", { name: `Đánh dấu ${first} có mặt` }).click()]);
    await page.locator(`[data-testid=roster] li[data-trainee="${first}"][data-state=present]`).waitFor();
    await page.getByTestId("roster-count").filter({ hasText: "1/2 có mặt" }).waitFor();
    // A second tap marks them absent again; the other trainee is untouched.
    await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.getByRole("button", { name: `Đánh dấu ${first} vắng` }).click()]);
    await page.locator(`[data-testid=roster] li[data-trainee="${first}"][data-state=absent]`).waitFor();
    await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.getByRole("button", { name: `Đánh dấu ${second} có mặt` }).click()]);
    await page.locator(`[data-testid=roster] li[data-trainee="${second}"][data-state=present]`).waitFor();
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Điểm danh buổi 1" }).waitFor();
    expect(await entry(first).getAttribute("data-state")).toBe("absent");
    expect(await entry(second).getAttribute("data-state")).toBe("present");
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: path.join(os.tmpdir(), `course-roster-${width}.png`) });
    await page.context().close();
  });
}
