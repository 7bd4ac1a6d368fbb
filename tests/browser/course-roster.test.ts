// The session roster as the demo trainer of Lào Cai số 2: a list of names, one tap each, at a
// hospital desktop and on a 390 px phone (no sideways scrolling).
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { addDaysIso, vietnamToday } from "~/models/dates";
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

/** A course in a few weeks with two of the host's own staff approved. */
function courseWithTwo(page: Page, title: string): Promise<string[]> {
  return courseWithTwoTrainees(page, title, addDaysIso(vietnamToday(new Date()), 60));
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
