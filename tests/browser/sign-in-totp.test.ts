import { Secret, TOTP } from "otpauth";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { DEMO_ACCOUNTS } from "../../seeds/accounts";
import { launchBrowser, newPage, startScratchServer } from "./browser";

// A demo account that other browser tests do not sign in with; its second factor is turned
// off again at the end. On a server of its own: files run two at a time, and another one
// signing in as this account meanwhile would meet the second factor.
const account = DEMO_ACCOUNTS.find((a) => a.username === "gd.bacninh");
if (!account) throw new Error("the demo seed has no gd.bacninh account");

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

/** The app's code now, or `steps` 30-second steps ahead (still accepted: one step of drift). */
function codeFor(secret: string, steps = 0): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" }).generate({ timestamp: Date.now() + steps * 30_000 });
}

async function signInWithPassword(page: Page) {
  await page.goto("/login");
  await page.fill("input[name=username]", account!.username);
  await page.fill("input[name=password]", account!.password);
  await Promise.all([page.waitForLoadState("networkidle"), page.click("main form:has(input[name=password]) button[type=submit]")]);
}

test("a user turns on a second factor, signs out, and signs in again with a fresh code", async () => {
  const page = await newPage(browser, server.baseUrl);

  await signInWithPassword(page);
  await page.getByRole("heading", { name: "Tổng quan", level: 1 }).waitFor();
  // The header names the signed-in user, their role and facility.
  await page.getByTestId("user-menu").getByText(account.displayName).waitFor();
  await page.getByTestId("user-menu").getByText("Giám đốc bệnh viện · Bệnh viện Đa khoa tỉnh Bắc Ninh").waitFor();

  // Turn it on: the page shows a QR code and the secret as text; the test plays the phone.
  await page.goto("/account/security");
  await Promise.all([page.waitForLoadState("networkidle"), page.getByRole("button", { name: "Bật xác thực hai bước" }).click()]);
  await page.getByAltText("Mã QR để thêm tài khoản vào ứng dụng xác thực").waitFor();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await page.getByLabel("Mã từ ứng dụng").fill(codeFor(secret));
  await page.getByRole("button", { name: "Xác nhận và bật" }).click();
  const codes = page.getByTestId("recovery-codes").locator("li");
  await codes.first().waitFor();
  expect(await codes.count()).toBe(10);
  await page.getByText("Đang bật").waitFor();

  // Sign out, then sign in: the password is not enough any more.
  await Promise.all([page.waitForURL((url) => url.pathname === "/login"), page.getByRole("button", { name: "Đăng xuất" }).click()]);
  await signInWithPassword(page);
  await page.getByRole("heading", { name: "Xác thực hai bước" }).waitFor();
  expect(new URL(page.url()).pathname).toBe("/login");

  // A wrong code is refused with a message, a fresh one lets the user in.
  await page.getByLabel("Mã xác thực").fill("000000");
  await page.getByRole("button", { name: "Xác nhận" }).click();
  await page.getByText("Mã xác thực không đúng hoặc đã hết hạn.").waitFor();
  await page.getByLabel("Mã xác thực").fill(codeFor(secret));
  await Promise.all([
    page.waitForURL((url) => url.pathname === "/"),
    page.getByRole("button", { name: "Xác nhận" }).click(),
  ]);
  await page.getByRole("heading", { name: "Tổng quan", level: 1 }).waitFor();

  // Leave the shared demo account as seeded: turn the second factor off again.
  await page.goto("/account/security");
  // A code works once: the one that just signed in is spent, so the next step's code turns it off.
  await page.getByLabel("Mã hiện tại từ ứng dụng").fill(codeFor(secret, 1));
  // The button asks first (a dialog once the page's scripts run), then turns it off.
  await page.waitForFunction(() => document.querySelector("button[data-confirm][aria-haspopup=dialog]"));
  await page.getByRole("button", { name: "Tắt xác thực hai bước" }).click();
  const dialog = page.locator("dialog[open]");
  await dialog.waitFor();
  await Promise.all([page.waitForLoadState("networkidle"), dialog.getByRole("button", { name: "Tắt xác thực hai bước" }).click()]);
  await page.getByText("Đang tắt").waitFor();
});
