// Destructive actions ask first and say what will happen. A trainer cancels a
// planned rotation: going back from the dialog changes nothing; confirming cancels it. Without
// scripts the same button still submits. (The course withdrawal's dialog is driven in
// courses.test.ts.) Runs on its own server: cancelled rotations would change other files' boards.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { DEMO_ACCOUNTS } from "../../seeds/accounts";
import { launchBrowser, signInAs, startScratchServer } from "./browser";

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
  await signInAs(page, a);
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
  // The first test cancelled the first rotation: open the others until one can still be cancelled.
  let found = false;
  for (const href of await plannedRotations(page)) {
    await page.goto(href);
    await page.locator("main h1").first().waitFor();
    if ((await page.locator("main").getByRole("button", { name: "Hủy đợt luân phiên" }).count()) > 0) {
      found = true;
      break;
    }
  }
  expect(found).toBe(true);
  await page.locator("main").getByRole("button", { name: "Hủy đợt luân phiên" }).click();
  await page.locator("main header", { hasText: "Đã hủy" }).waitFor();
});

/** Clicks a ConfirmButton, checks its dialog's words, goes back (nothing posted), then confirms (one POST). */
async function askThenConfirm(page: Page, button: ReturnType<Page["locator"]>, expected: RegExp, confirmName: string) {
  await page.waitForFunction(() => document.querySelector("button[data-confirm][aria-haspopup=dialog]"));
  const posts: string[] = [];
  const onRequest = (r: { method(): string; url(): string }) => {
    if (r.method() === "POST") posts.push(r.url());
  };
  page.on("request", onRequest);
  await button.click();
  const dialog = page.locator("dialog[open]");
  await dialog.waitFor();
  await expect(dialog.textContent()).resolves.toMatch(expected);
  await dialog.getByRole("button", { name: "Không, quay lại" }).click();
  await expect.poll(() => page.locator("dialog[open]").count()).toBe(0);
  expect(posts).toEqual([]);
  await button.click();
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST"),
    page.locator("dialog[open]").getByRole("button", { name: confirmName, exact: true }).click(),
  ]);
  page.off("request", onRequest);
  expect(posts).toHaveLength(1);
}

test("deleting a target asks first, names it and says it cannot be undone", async () => {
  const page = await signIn("syt.laocai");
  await page.goto("/targets");
  const title = "Cán bộ được đào tạo hoàn thành khóa học năm nay";
  const link = page.locator("main a", { hasText: title }).first();
  await link.waitFor();
  const href = await link.getAttribute("href");
  await page.goto(`${href}/edit`);
  const button = page.locator("main").getByRole("button", { name: "Xóa chỉ tiêu", exact: true });
  await askThenConfirm(page, button, new RegExp(`Xóa hẳn chỉ tiêu «${title}»\\?.*Không thể hoàn tác`, "s"), "Xóa chỉ tiêu");
  await page.getByText("Đã xóa chỉ tiêu.").waitFor();
  await expect(page.locator("main").textContent()).resolves.not.toContain(title);
});

test("removing a hand-entered target value asks first, naming its date and value", async () => {
  const page = await signIn("syt.bacninh");
  await page.goto("/targets");
  const link = page.locator("main a", { hasText: "bệnh án điện tử" }).first();
  await link.waitFor();
  await page.goto((await link.getAttribute("href"))!);
  const rows = page.locator("[data-testid=measurement]");
  await rows.first().waitFor();
  const before = await rows.count();
  const button = rows.first().getByRole("button", { name: /^Xóa số liệu ngày \d{2}\/\d{2}\/\d{4}$/ });
  await askThenConfirm(page, button, /Xóa số liệu .* ngày \d{2}\/\d{2}\/\d{4}\?.*bị loại khỏi tiến độ/s, "Xóa số liệu");
  await page.getByText("Đã xóa số liệu.").waitFor();
  await expect.poll(() => rows.count()).toBe(before - 1);
});

test("deleting a planned plan line asks first, naming the technique", async () => {
  const page = await signIn("gd.laocai2");
  await page.goto("/agreements?status=active");
  await page.locator("main a[href^='/agreements/']").first().waitFor();
  const agreements = (await page.locator("main a[href^='/agreements/']").evaluateAll((els) => els.map((e) => e.getAttribute("href") ?? ""))).filter((h) =>
    /^\/agreements\/\d+$/.test(h),
  );
  // The first planned line that can still be deleted (no case logged, no rotation serving it).
  let found: string | null = null;
  for (const agreement of agreements.slice(0, 5)) {
    await page.goto(`${agreement}?stage=planned`);
    await page.locator("main h1").waitFor();
    const items = (await page.locator("main a[href*='/items/']").evaluateAll((els) => els.map((e) => e.getAttribute("href") ?? ""))).filter((h) =>
      /\/items\/\d+$/.test(h),
    );
    for (const item of items.slice(0, 5)) {
      await page.goto(`${item}/edit`);
      await page.locator("main h1").waitFor();
      if ((await page.locator("main").getByRole("button", { name: "Xóa khỏi kế hoạch", exact: true }).count()) > 0) {
        found = item;
        break;
      }
    }
    if (found) break;
  }
  expect(found, "a deletable planned line in the demo").toBeTruthy();
  const heading = (await page.locator("main h1").textContent()) ?? "";
  const button = page.locator("main").getByRole("button", { name: "Xóa khỏi kế hoạch", exact: true });
  await askThenConfirm(page, button, /Xóa kỹ thuật .* khỏi kế hoạch\?.*nhật ký kiểm tra vẫn giữ bản sao/s, "Đồng ý xóa");
  await page.waitForURL((u) => /^\/agreements\/\d+$/.test(u.pathname));
  const gone = await page.request.get(found!);
  expect(gone.status(), heading).toBe(404);
});
