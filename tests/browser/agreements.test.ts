// Done-when test of the agreements issue, driven through the real pages as the demo director
// of Bệnh viện Đa khoa tỉnh Lào Cai số 2: an agreement with two receiving centres, three
// techniques in two phases, supervised cases, the gate refusing early independence, the
// acceptance, and the technique on the receiving centre's technique list.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { DEMO_ACCOUNTS } from "../../seeds/accounts";
import { DEMO_TECHNIQUES } from "../../seeds/demo-techniques";
import { FACILITY_CODES } from "../../seeds/network";
import { launchBrowser, signedInPage, startScratchServer } from "./browser";

const director = DEMO_ACCOUNTS.find((a) => a.username === "gd.laocai2");
if (!director) throw new Error("the demo seed has no director of Lào Cai số 2");

// On a server of its own: the agreement it creates would show on every other file's lists.
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

/** Waits (polling) until the first element of `selector` contains `text`. */
async function expectText(page: Page, selector: string, text: string) {
  await expect.poll(async () => (await page.locator(selector).first().textContent({ timeout: 5000 }).catch(() => "")) ?? "", { timeout: 20_000 }).toContain(text);
}

async function submit(page: Page, selector: string) {
  await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.click(selector)]);
  await page.waitForLoadState("networkidle");
}

/**
 * Adds the first candidate technique the receiver does not perform yet: the background
 * adoption history of the demo may already include one, and the form then says so.
 */
async function addTechnique(page: Page, agreementId: string, candidates: string[], to: string, phase: number, requiredCases: number): Promise<string> {
  for (const code of candidates) {
    await page.goto(`/agreements/${agreementId}/items/new`);
    await page.fill("input[name=techniqueCode]", code);
    await page.selectOption("select[name=toFacilityId]", { label: to });
    await page.fill("input[name=phase]", String(phase));
    await page.fill("input[name=requiredCases]", String(requiredCases));
    await submit(page, "form#item button[type=submit]:not([name])");
    // A submit before the page's scripts run is a full navigation: "network idle" can be the
    // old page's. Wait for either answer (the agreement's page, or the refusal) to be there.
    await expect
      .poll(async () => new URL(page.url()).pathname === `/agreements/${agreementId}` || (await page.locator(".field-error").allTextContents()).join(" ").includes("đã thực hiện kỹ thuật"))
      .toBe(true);
    if (new URL(page.url()).pathname === `/agreements/${agreementId}`) return code;
    // The refusal sits next to its field; other fields keep their (empty) error slots.
    await expect.poll(async () => (await page.locator(".field-error").allTextContents()).join(" ")).toContain("đã thực hiện kỹ thuật");
  }
  throw new Error(`every candidate technique is already performed by ${to}`);
}

test("a director plans three techniques for two centres, is held at the gate, accepts one and sees it on the centre's list", async () => {
  const page = await signedInPage(browser, server.baseUrl, director);

  // The agreement: the director's hospital is already the supporting party; two receivers.
  await page.goto("/agreements/new");
  expect(await page.inputValue("input[name='parties[0].facilityCode']")).toBe(FACILITY_CODES.laoCai2);
  await page.fill("input[name=number]", "BT-01/HĐ-BVĐK2");
  await page.fill("input[name=title]", "Chuyển giao kỹ thuật cho TTYT khu vực Sa Pa và Bắc Hà");
  await page.fill("input[name=signedOn]", "2026-01-05");
  await page.fill("input[name=startOn]", "2026-01-10");
  await page.fill("input[name=endOn]", "2026-01-09");
  await page.fill("input[name='parties[1].facilityCode']", FACILITY_CODES.saPa);
  await page.selectOption("select[name='parties[1].role']", "receiving");
  // One blank party row to start with; the button adds the next one.
  expect(await page.locator("input[name='parties[2].facilityCode']").count()).toBe(0);
  await page.click("[data-testid=add-row]");
  await page.fill("input[name='parties[2].facilityCode']", FACILITY_CODES.bacHa);
  await page.selectOption("select[name='parties[2].role']", "receiving");
  await page.click("button[type=submit]:has-text('Tạo thỏa thuận')");
  // End before start is caught next to the end date before anything is saved.
  await expectText(page, "form#agreement .field-error", "Ngày kết thúc phải cùng ngày hoặc sau ngày bắt đầu");
  await page.fill("input[name=endOn]", "2028-01-09");
  await Promise.all([page.waitForURL(/\/agreements\/\d+$/), page.click("button[type=submit]:has-text('Tạo thỏa thuận')")]);
  const agreementId = new URL(page.url()).pathname.split("/").pop()!;
  await expectText(page, "h1", "BT-01/HĐ-BVĐK2");
  await expectText(page, "main", "Trung tâm Y tế khu vực Bắc Hà");

  // Three techniques in two phases.
  const t = DEMO_TECHNIQUES;
  const first = await addTechnique(page, agreementId, [t.subduralHaematoma.code, t.hipHemiarthroplasty.code, t.labourEpidural.code], "Trung tâm Y tế khu vực Sa Pa (C)", 1, 2);
  await addTechnique(page, agreementId, [t.amniocentesis.code, t.labourEpidural.code, t.intracranialHaematoma.code], "Trung tâm Y tế khu vực Bắc Hà (C)", 1, 5);
  await addTechnique(page, agreementId, [t.gastrectomyForCancer.code, t.lungTumourResection.code, t.pancreaticoduodenectomy.code], "Trung tâm Y tế khu vực Sa Pa (C)", 2, 5);
  await page.goto(`/agreements/${agreementId}`);
  expect(await page.locator("[data-testid=plan-table] tbody tr").count()).toBe(5); // 3 items + 2 phase headings
  await expectText(page, "[data-testid=plan-progress]", "Giai đoạn 1: đã nghiệm thu 0/2");
  await expectText(page, "[data-testid=plan-progress]", "Giai đoạn 2: đã nghiệm thu 0/1");

  // The first item: through the stages to supervised, one case logged of the two required.
  await page.locator(`[data-testid=plan-table] tr:has(a:text-is("${first}")) td:nth-child(2) a`).click();
  await page.waitForURL(/\/items\/\d+$/);
  for (const stage of ["Đã khảo sát", "Đang đào tạo", "Làm có giám sát"]) {
    await submit(page, "button:has-text('Chuyển')");
    await expectText(page, "main section", stage);
  }
  await page.fill("input[name=performerName]", "BS. Lò Văn Sáng");
  await page.fill("input[name=supervisorName]", "BS.CKII Nguyễn Văn Hùng");
  await submit(page, "button:has-text('Ghi ca')");
  await expectText(page, "[data-testid=cases-progress]", "1/2");

  // The early move to independent is refused with the count.
  expect(await page.inputValue("select[name=toStage]")).toBe("independent");
  await submit(page, "button:has-text('Chuyển')");
  await expectText(page, "[role=alert]", "Cần 2 ca có giám sát trước khi làm độc lập; mới ghi 1 ca");
  await expectText(page, "main section", "Làm có giám sát");

  // The second case, then independence, then the acceptance with the staff who now perform it.
  await page.fill("input[name=performerName]", "BS. Lò Văn Sáng");
  await submit(page, "button:has-text('Ghi ca')");
  await expectText(page, "[data-testid=cases-progress]", "2/2");
  await submit(page, "button:has-text('Chuyển')");
  await expectText(page, "main section", "Làm độc lập");
  await page.fill("input[name=minutesNumber]", "01/BB-NT-SAPA");
  const staffBox = page.locator("input[name=staffIds]").first();
  await staffBox.check();
  await submit(page, "button:has-text('Ghi nhận nghiệm thu')");
  await expectText(page, "main section", "Đã nghiệm thu");
  await expectText(page, "main section", "01/BB-NT-SAPA");

  // The receiving centre's technique list now has it.
  await page.goto(`/agreements/${agreementId}`);
  await expectText(page, "[data-testid=plan-progress]", "Giai đoạn 1: đã nghiệm thu 1/2");
  const centre = page.locator("a", { hasText: "Trung tâm Y tế khu vực Sa Pa" }).first();
  await Promise.all([page.waitForURL(/\/facilities\/\d+/), centre.click()]);
  await page.goto(`${new URL(page.url()).pathname}?q=${encodeURIComponent(first)}`);
  // The technique is listed with the acceptance date as its start (the ledger's started event).
  await expectText(page, "section[aria-labelledby=techniques-title] table tbody", first);
  await page.close();
});
