// Issue 12: destructive actions ask first and say what will happen. A trainer cancels a
// planned rotation: going back from the dialog changes nothing; confirming cancels it. Without
// scripts the same button still submits. (The course withdrawal's dialog is driven in
// courses.test.ts.) Runs on its own server: cancelled rotations would change other files' boards.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { DEMO_ACCOUNTS } from "../../seeds/accounts";
import { launchBrowser, startScratchServer } from "./browser";

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

async function signIn(username: string, javaScriptEnabled = true): Promise<Page> {
  const a = DEMO_ACCOUNTS.find((x) => x.username === username);
  if (!a) throw new Error(`the demo seed has no account ${username}`);
  const context = await browser.newContext({ baseURL: server.baseUrl, viewport: { width: 1366, height: 800 }, locale: "vi-VN", javaScriptEnabled });
  const page = await context.newPage();
  await page.goto("/login");
  await page.fill("input[name=username]", a.username);
  await page.fill("input[name=password]", a.password);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith("/login")), page.click("main button[type=submit]")]);
  return page;
}

/** Links to the trainer's rotations that may still be cancelled (planned, confirmed, under way). */
async function plannedRotations(page: Page): Promise<string[]> {
  const hrefs: string[] = [];
  for (const status of ["planned", "confirmed", "in_progress"]) {
    await page.goto(`/rotations?status=${status}`);
    await page.locator("main h1").waitFor();
    hrefs.push(...(await page.locator("main table tbody a[href^='/rotations/']").evaluateAll((els) => els.map((e) => e.getAttribute("href") ?? ""))));
  }
  return hrefs;
}

test("cancelling a rotation asks first, says what will happen, and only confirming cancels it", async () => {
  const page = await signIn("daotao.laocai2");
  const [href] = await plannedRotations(page);
  expect(href).toBeTruthy();
  await page.goto(href);
  const cancel = page.locator("main").getByRole("button", { name: "Hủy đợt luân phiên" }).first();
  await page.waitForFunction(() => document.querySelector("button[data-confirm][aria-haspopup=dialog]"));

  const posts: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST") posts.push(r.url());
  });
  await cancel.click();
  const dialog = page.locator("dialog[open]");
  await dialog.waitFor();
  await expect(dialog.textContent()).resolves.toMatch(/Đã hủy.*không thể hoàn tác/s);
  await dialog.getByRole("button", { name: "Không, quay lại" }).click();
  await dialog.waitFor({ state: "detached" }).catch(() => undefined);
  await expect(page.locator("dialog[open]").count()).resolves.toBe(0);
  expect(posts).toEqual([]);
  await expect(page.locator("main header").textContent()).resolves.not.toContain("Đã hủy");

  await cancel.click();
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST"),
    page.locator("dialog[open]").getByRole("button", { name: "Hủy đợt luân phiên" }).click(),
  ]);
  await page.locator("main header", { hasText: "Đã hủy" }).waitFor();
});

test("without scripts the destructive button still submits", async () => {
  const page = await signIn("daotao.laocai2", false);
  const [href] = await plannedRotations(page);
  expect(href).toBeTruthy();
  await page.goto(href);
  await page.locator("main").getByRole("button", { name: "Hủy đợt luân phiên" }).click();
  await page.locator("main header", { hasText: "Đã hủy" }).waitFor();
});
