// The annual review minutes of 126/HĐ-BVĐK2 for 2025: the director opens the two drafts, edits a
// line of the Vietnamese one, saves them to the agreement's meetings, sees the meeting on the
// agreement and downloads the saved minutes as a Word file. On a server of its own (it writes).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { DEMO_ACCOUNTS } from "../../seeds/accounts";
import { launchBrowser, signedInPage, startScratchServer } from "./browser";

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

test("open the 2025 minutes, edit a line, save, see the meeting on the agreement, download", async () => {
  const director = DEMO_ACCOUNTS.find((a) => a.username === "gd.laocai2")!;
  const page = await signedInPage(browser, server.baseUrl, director, { acceptDownloads: true });
  await page.goto("/agreements?q=126");
  const link = page.locator("main a[href^='/agreements/']", { hasText: "126/HĐ-BVĐK2" }).first();
  const id = /\/agreements\/(\d+)$/.exec((await link.getAttribute("href")) ?? "")?.[1];
  expect(id).toBeTruthy();

  await page.goto(`/agreements/${id}/minutes?year=2025`);
  const vi = page.locator("textarea#minutes-minutesVi");
  const en = page.locator("textarea#minutes-minutesEn");
  await vi.waitFor();
  expect(await vi.inputValue()).toContain("BIÊN BẢN HỘI NGHỊ TỔNG KẾT NĂM 2025");
  expect(await vi.inputValue()).toContain("người-tháng đã thực hiện");
  expect(await en.inputValue()).toContain("MINUTES OF THE 2025 ANNUAL REVIEW CONFERENCE");
  await page.screenshot({ path: path.join(os.tmpdir(), "minutes-draft.png"), fullPage: false });

  const edited = (await vi.inputValue()).replace("Hội nghị kết thúc vào hồi ..... giờ ..... cùng ngày.", "Hội nghị kết thúc vào hồi 11 giờ 30 cùng ngày.");
  expect(edited).toContain("11 giờ 30");
  await vi.fill(edited);
  await page.getByRole("button", { name: "Lưu vào hồ sơ hội nghị của hợp đồng" }).click();
  await page.waitForURL(new RegExp(`/agreements/${id}$`));
  await page.getByText("Hội nghị tổng kết năm 2025 hợp đồng 126/HĐ-BVĐK2").first().waitFor();

  await page.goto(`/agreements/${id}/minutes?year=2025`);
  await page.getByTestId("minutes-saved").waitFor();
  expect(await page.getByTestId("minutes-texts").textContent()).toContain("11 giờ 30");
  // The saved minutes are edited later on the meeting's own page, which shows both texts.
  await page.getByRole("link", { name: "Sửa biên bản đã lưu" }).click();
  const editVi = page.locator("textarea#meeting-edit-minutesVi");
  await editVi.waitFor();
  expect(await editVi.inputValue()).toContain("11 giờ 30");
  expect(await page.locator("textarea#meeting-edit-minutesEn").inputValue()).toContain("MINUTES OF THE 2025 ANNUAL REVIEW CONFERENCE");
  await page.screenshot({ path: path.join(os.tmpdir(), "minutes-meeting-edit.png"), fullPage: true });
  await page.goto(`/agreements/${id}/minutes?year=2025`);
  await page.getByTestId("minutes-saved").waitFor();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("minutes-docx-vi").click()]);
  expect(download.suggestedFilename()).toMatch(/\.docx$/);
  const saved = path.join(os.tmpdir(), `minutes-${process.pid}.docx`);
  await download.saveAs(saved);
  const zip = await JSZip.loadAsync(fs.readFileSync(saved));
  fs.rmSync(saved, { force: true });
  const xml = await zip.file("word/document.xml")!.async("string");
  expect(xml).toContain("BIÊN BẢN HỘI NGHỊ TỔNG KẾT NĂM 2025");
  expect(xml).toContain("Hội nghị kết thúc vào hồi 11 giờ 30 cùng ngày.");

  // A year outside the term is refused next to the field, in Vietnamese.
  const refused = await page.goto(`/agreements/${id}/minutes?year=2019`);
  expect(refused?.status()).toBe(400);
  expect(await page.locator("#minutes-year-error").textContent()).toContain("Năm tổng kết phải là một năm");

  await page.goto(`/agreements/${id}/minutes/print?year=2025&lang=both`);
  await page.getByTestId("minutes-print").waitFor();
  await page.screenshot({ path: path.join(os.tmpdir(), "minutes-print.png"), fullPage: false });
  await page.context().close();
});
