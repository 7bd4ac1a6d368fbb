// Done-when test of the courses issue, driven through the real pages as the demo trainer of
// Bệnh viện Đa khoa tỉnh Lào Cai số 2.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { addDaysIso, vietnamToday } from "~/models/dates";
import { DEMO_ACCOUNTS } from "../../seeds/accounts";
import { launchBrowser, newPage, signedInPage, startScratchServer } from "./browser";

const trainer = DEMO_ACCOUNTS.find((a) => a.username === "daotao.laocai2");
if (!trainer) throw new Error("the demo seed has no trainer of Lào Cai số 2");

// On a server of its own: the courses and enrolments it makes would show in other files.
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

async function submitAndWait(page: Page, click: () => Promise<void>) {
  await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), click()]);
  await page.waitForLoadState("networkidle");
}

/**
 * Enrols the first free person on the list. People busy elsewhere those days are listed but
 * disabled; anyone the server still refuses is skipped.
 */
async function enrolNext(page: Page, skip: Set<string>): Promise<{ id: string; name: string; notice: string }> {
  for (;;) {
    const options = await page.locator("select[name=staffId] option").evaluateAll((els) =>
      els
        .map((e) => ({ id: (e as HTMLOptionElement).value, text: e.textContent ?? "", disabled: (e as HTMLOptionElement).disabled }))
        .filter((o) => o.id && !o.disabled),
    );
    const next = options.find((o) => !skip.has(o.id));
    if (!next) throw new Error("no free staff member left to enrol");
    skip.add(next.id);
    const name = next.text.replace(/\s*\(.*\)$/, "");
    await page.selectOption("select[name=staffId]", next.id);
    // The action's own answer decides: a message left on the page by an earlier refusal must
    // not be read as this one's, and the page may not have re-rendered yet when the request ends.
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.click("button[name=intent][value=request]"),
    ]);
    if (!response.ok()) continue;
    await page.locator(`tr[data-participant="${name}"]`).waitFor();
    return { id: next.id, name, notice: (await page.locator("[role=status]").textContent()) ?? "" };
  }
}

async function creditTotal(page: Page, staffId: string): Promise<number> {
  await page.goto(`/credits/${staffId}`);
  const text = (await page.getByTestId("credit-total").textContent()) ?? "0";
  return Number(text.replace(/\./g, "").replace(",", "."));
}

test("a trainer fills a course of two, the third waits, a withdrawal promotes them and their certificate adds credit hours", async () => {
  const page = await signedInPage(browser, server.baseUrl, trainer);

  // A course that ended last week, so its results can be decided today.
  const today = vietnamToday(new Date());
  const startOn = addDaysIso(today, -10);
  const endOn = addDaysIso(today, -8);
  const title = `Cấp cứu ban đầu – lớp thử ${Date.now()}`;
  await page.goto("/courses/new");
  await page.fill("input[name=title]", title);
  await page.fill("input[name=startOn]", startOn);
  await page.fill("input[name=endOn]", endOn);
  await page.fill("input[name=capacity]", "2");
  await page.fill("input[name=creditHours]", "12");
  await page.fill("input[name=minAttendancePercent]", "100");
  await page.fill("input[name='sessions[0].heldOn']", startOn);
  await page.fill("input[name='sessions[0].startsAt']", "08:00");
  await page.fill("input[name='sessions[0].endsAt']", "11:00");
  await page.fill("input[name='sessions[0].topic']", "Cấp cứu ngừng tuần hoàn");
  await Promise.all([page.waitForURL(/\/courses\/\d+$/), page.click("button[type=submit]:has-text('Tạo khóa đào tạo')")]);
  // The URL changes before the new page renders: wait for its heading, not the old one.
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
  const courseUrl = page.url();

  const skip = new Set<string>();
  const first = await enrolNext(page, skip);
  const second = await enrolNext(page, skip);
  const third = await enrolNext(page, skip);
  expect(first.notice).toContain("Đã đăng ký");
  expect(second.notice).toContain("Đã đăng ký");
  expect(third.notice).toContain("vị trí 1 trong danh sách chờ");
  const row = (name: string) => page.locator(`tr[data-participant="${name}"]`);
  const status = async (name: string, expected: string) => {
    // Waits for the page to show the status after the action's revalidation.
    await row(name).locator(`[data-status="${expected}"]`).waitFor({ timeout: 10_000 });
    return expected;
  };
  expect(await status(third.name, "waitlisted")).toBe("waitlisted");

  // The first withdraws: the third takes the seat.
  // The withdrawal asks first and says what happens to the seat.
  await row(first.name).getByRole("button", { name: "Rút tên" }).click();
  const dialog = page.locator("dialog[open]");
  await expect(dialog.textContent()).resolves.toContain("danh sách chờ");
  await submitAndWait(page, () => dialog.getByRole("button", { name: "Rút tên" }).click());
  expect(await status(first.name, "withdrawn")).toBe("withdrawn");
  expect(await status(third.name, "approved")).toBe("approved");

  const before = await creditTotal(page, third.id);
  await page.goto(courseUrl);
  await page.getByLabel(`${third.name} có mặt buổi 1`).check();
  await submitAndWait(page, () => page.click("button[name=intent][value=attendance]"));
  await page.locator("[role=status]", { hasText: "Đã lưu điểm danh" }).waitFor();
  expect(await status(third.name, "enrolled")).toBe("enrolled");

  await submitAndWait(page, () => row(third.name).getByRole("button", { name: "Cấp chứng nhận" }).click());
  await page.locator("[role=status]", { hasText: "Đã cấp chứng nhận" }).waitFor();
  const issued = (await page.locator("[role=status]").textContent()) ?? "";
  const number = /CC-[A-Z0-9-]+-\d{4}-\d{4}/.exec(issued)?.[0];
  expect(number).toBeTruthy();
  expect(await status(third.name, "completed")).toBe("completed");

  expect(await creditTotal(page, third.id)).toBe(before + 12);

  // Publicly, the printed number verifies as valid without naming anyone; the certificate's
  // own link (its QR code) shows the holder.
  const anonymous = await newPage(browser, server.baseUrl);
  await anonymous.goto(`/certificates/verify?number=${number}`);
  const byNumber = (await anonymous.getByTestId("verified").textContent()) ?? "";
  expect(byNumber).toContain(number!);
  expect(byNumber).not.toContain(third.name);
  await page.goto(`/certificates/${number}`);
  // The official layout: national motto, issuing hospital, number, signer and QR code.
  expect(await page.getByTestId("certificate-motto").textContent()).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập - Tự do - Hạnh phúc");
  expect(await page.getByTestId("certificate-issuer").textContent()).toContain("Lào Cai số 2");
  expect(await page.getByTestId("certificate").textContent()).toContain(`Số: ${number}`);
  expect(await page.getByTestId("certificate-signer").textContent()).toContain("Giám đốc");
  expect(await page.getByTestId("certificate-qr").isVisible()).toBe(true);
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await page.screenshot({ path: `${process.env.TMPDIR ?? "/tmp"}/certificate-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1366, height: 800 });
  await page.screenshot({ path: `${process.env.TMPDIR ?? "/tmp"}/certificate-1366.png`, fullPage: true });
  const link = /https?:\/\/\S+\/certificates\/verify\?t=[0-9a-f]{32}/.exec((await page.getByTestId("certificate").textContent()) ?? "")?.[0];
  expect(link).toBeTruthy();
  await anonymous.goto(link!);
  expect(await anonymous.getByTestId("verified").textContent()).toContain(third.name);
});
