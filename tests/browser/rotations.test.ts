// Done-when test of the rotations issue, driven through the real pages as the demo trainer of
// Bệnh viện Đa khoa tỉnh Lào Cai số 2. The rotations under no agreement are in 2031, clear of
// the demo's rotations whatever day the demo was seeded; the one serving a transfer item must
// lie within agreement 126/HĐ-BVĐK2, which the demo ends 60 days after the seed's today, so it
// takes a quarter 20 months back, between the demo's rotations of that person.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { addDaysIso, addMonthsIso, vietnamToday } from "~/models/dates";
import { DEMO_ACCOUNTS } from "../../seeds/accounts";
import { launchBrowser, signedInPage, startScratchServer } from "./browser";

const trainer = DEMO_ACCOUNTS.find((a) => a.username === "daotao.laocai2");
if (!trainer) throw new Error("the demo seed has no trainer of Lào Cai số 2");

// On a server of its own: the rotations it schedules would show on other files' boards.
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

async function submit(page: Page, selector = "main form[method=post] button[type=submit]") {
  await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.click(selector)]);
  await page.waitForLoadState("networkidle");
}

async function optionValue(page: Page, select: string, text: RegExp): Promise<string> {
  const options = await page.locator(`${select} option`).evaluateAll((els) => els.map((e) => ({ value: (e as HTMLOptionElement).value, text: e.textContent ?? "" })));
  const found = options.find((o) => o.value && text.test(o.text));
  if (!found) throw new Error(`no option matching ${text} in ${select}`);
  return found.value;
}

test("a trainer schedules a rotation, is refused an overlapping one with the clash named, fills a transfer item from the suggestions and sees both on the board", async () => {
  const page = await signedInPage(browser, server.baseUrl, trainer);

  // 1. Schedule: the first person on the list goes to Bát Xát for the first quarter of 2031.
  await page.goto("/rotations/new");
  const staffId = await optionValue(page, "select[name=staffId]", /\S/);
  const staffName = ((await page.locator(`select[name=staffId] option[value="${staffId}"]`).textContent()) ?? "").trim();
  await page.selectOption("select[name=staffId]", staffId);
  await page.selectOption("select[name=toFacilityId]", await optionValue(page, "select[name=toFacilityId]", /Bát Xát/));
  await page.selectOption("select[name=purpose]", "manpower_support");
  await page.fill("input[name=startOn]", "2031-01-01");
  await page.fill("input[name=endOn]", "2031-03-31");
  await submit(page);
  await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/rotations\/\d+$/);
  // The URL changes before the new page renders: wait for its heading, not the form's.
  await expect.poll(() => page.locator("h1").textContent()).toContain(staffName);
  const firstId = new URL(page.url()).pathname.split("/").pop();

  // 2. The same person again from 1 March: refused, the message names the first rotation.
  await page.goto("/rotations/new");
  await page.selectOption("select[name=staffId]", staffId);
  await page.selectOption("select[name=toFacilityId]", await optionValue(page, "select[name=toFacilityId]", /Bảo Yên/));
  await page.selectOption("select[name=purpose]", "manpower_support");
  await page.fill("input[name=startOn]", "2031-03-01");
  await page.fill("input[name=endOn]", "2031-05-31");
  await submit(page);
  // The refusal is rendered after the answer arrives: wait for it before reading the messages.
  await page.locator(".field-error, [role=alert]").filter({ hasText: "Trùng lịch" }).first().waitFor();
  expect(new URL(page.url()).pathname).toBe("/rotations/new");
  const error = (await page.locator(".field-error, [role=alert]").allTextContents()).join(" ");
  expect(error).toContain("Trùng lịch với đợt luân phiên đến TTYT KV Bát Xát");
  expect(error).toContain("01/01/2031");

  // 3. Suggestions for the intracranial haematoma item of Bảo Thắng. In 2031 the window lies
  //    past the end of its agreement: refused, naming the agreement.
  await page.goto("/rotations/suggestions");
  const itemId = await optionValue(page, "select[name=transferItemId]", /^10\.12 .*Bảo Thắng/);
  await page.selectOption("select[name=transferItemId]", itemId);
  await page.fill("input[name=startOn]", "2031-04-01");
  await page.fill("input[name=endOn]", "2031-06-30");
  await Promise.all([page.waitForURL(/startOn=2031-04-01/), page.click("main form[method=get] button[type=submit]")]);
  await expect.poll(() => page.locator("main [role=alert]").textContent()).toContain("thời hạn của thỏa thuận 126/HĐ-BVĐK2");
  expect(await page.getByTestId("candidate").count()).toBe(0);
  // A quarter inside the term, 20 months back (the seed counts its months from the same today).
  const start = addMonthsIso(`${vietnamToday(new Date()).slice(0, 7)}-01`, -20);
  const end = addDaysIso(addMonthsIso(start, 3), -1);
  await page.selectOption("select[name=transferItemId]", itemId);
  await page.fill("input[name=startOn]", start);
  await page.fill("input[name=endOn]", end);
  await Promise.all([page.waitForURL(new RegExp(`startOn=${start}`)), page.click("main form[method=get] button[type=submit]")]);
  const candidate = page.getByTestId("candidate").first();
  await expect.poll(() => candidate.count()).toBe(1);
  const candidateName = ((await candidate.locator("a.link").first().textContent()) ?? "").trim();
  expect(await candidate.textContent()).toContain("Thực hiện độc lập kỹ thuật 10.12");
  // people who do not perform the technique are listed with the reason
  expect(await page.getByTestId("excluded").first().textContent()).toContain("Chưa thực hiện độc lập kỹ thuật 10.12");
  await Promise.all([page.waitForURL(/\/rotations\/new\?/), candidate.getByRole("link", { name: /Lập lịch/ }).click()]);
  await page.waitForLoadState("networkidle");
  // The form arrives filled in: the person, Bảo Thắng, the item and the window.
  // Date fields show day first (dd/mm/yyyy).
  // Polled: the URL changes before the new page renders, and the suggestions page has a startOn field too.
  await expect.poll(() => page.locator("input[name=startOn]").inputValue()).toBe(start.split("-").reverse().join("/"));
  expect(await page.locator("input[name=transferItemIds]:checked").count()).toBe(1);
  await submit(page);
  await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/rotations\/\d+$/);
  const secondId = new URL(page.url()).pathname.split("/").pop();
  // The form also names 10.12: wait for the rotation's own page (its heading names the person).
  await expect.poll(() => page.locator("h1").textContent()).toContain(candidateName);
  expect(await page.locator("main").textContent()).toContain("10.12");

  // 4. Each on the board of its year, each bar linking to its rotation.
  await page.goto("/rotations/board?period=year&from=2031-01");
  const first = page.locator(`a[href="/rotations/${firstId}"]`);
  expect(await first.textContent()).toContain("TTYT KV Bát Xát");
  expect(await page.locator("main").textContent()).toContain(staffName);
  // 1 Jan – 31 Mar is the first quarter of the year's width
  expect(await first.evaluate((el) => (el as HTMLElement).style.left)).toBe("0%");
  // a quarter crossing the turn of the year is drawn on both years' boards
  await page.goto(`/rotations/board?period=year&from=${start.slice(0, 4)}-01`);
  expect((await page.locator(`a[href="/rotations/${secondId}"]`).allTextContents()).join(" ")).toContain("TTYT KV Bảo Thắng");
  expect(await page.locator("main").textContent()).toContain(candidateName);
});
