// A trainer of Lào Cai số 2 marks a person unavailable on the staff page; the rotation form then
// refuses a rotation over those days with the message next to the start date; once the period is
// deleted (after the confirmation dialog) the same rotation is saved. Dates in 2032 lie clear of
// the demo whatever day it was seeded. On a server of its own: it writes.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { DEMO_ACCOUNTS } from "../../seeds/accounts";
import { launchBrowser, queryFile, signedInPage, startScratchServer, waitForHydration } from "./browser";

const trainer = DEMO_ACCOUNTS.find((a) => a.username === "daotao.laocai2");
if (!trainer) throw new Error("the demo seed has no trainer of Lào Cai số 2");

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

async function optionValue(page: Page, select: string, text: RegExp): Promise<string> {
  const options = await page.locator(`${select} option`).evaluateAll((els) => els.map((e) => ({ value: (e as HTMLOptionElement).value, text: e.textContent ?? "" })));
  const found = options.find((o) => o.value && text.test(o.text));
  if (!found) throw new Error(`no option matching ${text} in ${select}`);
  return found.value;
}

async function fillRotation(page: Page, staffId: string) {
  await page.goto("/rotations/new");
  await page.selectOption("select[name=staffId]", staffId);
  await page.selectOption("select[name=toFacilityId]", await optionValue(page, "select[name=toFacilityId]", /Bát Xát/));
  await page.selectOption("select[name=purpose]", "manpower_support");
  await page.fill("input[name=startOn]", "01/01/2032");
  await page.fill("input[name=endOn]", "31/03/2032");
  await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.click("main form[method=post] button[type=submit]")]);
}

test("leave entered on the staff page makes the rotation form refuse those days next to the start date; deleting it frees them", async () => {
  const page = await signedInPage(browser, server.baseUrl, trainer);
  await page.goto("/rotations/new");
  const staffId = await optionValue(page, "select[name=staffId]", /\S/);

  // 1. The staff page: the section, its form, the period listed after saving.
  await page.goto(`/staff/${staffId}`);
  const section = page.getByTestId("unavailability-section");
  await expect.poll(() => section.locator("h2").textContent()).toBe("Thời gian vắng mặt");
  await waitForHydration(page, "[data-testid=unavailability-form]");
  const form = page.getByTestId("unavailability-form");
  await form.locator("select[name=kind]").selectOption("sick");
  await form.locator("input[name=startOn]").fill("01/03/2032");
  await form.locator("input[name=endOn]").fill("15/03/2032");
  await form.locator("textarea[name=note]").fill("Phẫu thuật ruột thừa");
  await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.getByTestId("unavailability-submit").click()]);
  await page.getByTestId("unavailability-done").waitFor();
  const row = page.getByTestId("unavailability-row");
  await expect.poll(() => row.count()).toBe(1);
  expect(await row.textContent()).toMatch(/Nghỉ ốm.*01\/03\/2032 – 15\/03\/2032.*Phẫu thuật ruột thừa/s);
  expect(queryFile<{ kind: string }>(server.dbPath, "select kind from staff_unavailability where staff_id = ? and start_on = '2032-03-01'", Number(staffId))).toEqual([{ kind: "sick" }]);

  // 2. The rotation form refuses, the message beside the start date.
  await fillRotation(page, staffId);
  const startError = page.locator("input[name=startOn]").locator("xpath=ancestor::div[1]").locator(".field-error");
  await startError.waitFor();
  expect(new URL(page.url()).pathname).toBe("/rotations/new");
  expect(await startError.textContent()).toContain("Người này vắng mặt trong thời gian đó (Nghỉ ốm, 01/03/2032 – 15/03/2032)");
  const describedBy = (await page.locator("input[name=startOn]").getAttribute("aria-describedby")) ?? "";
  expect(describedBy.split(" ")).toContain(await startError.getAttribute("id"));

  // 3. Deleting the period asks first; afterwards the same rotation is saved.
  await page.goto(`/staff/${staffId}`);
  await page.waitForFunction(() => document.querySelector("[data-testid=unavailability-row] button[data-confirm][aria-haspopup=dialog]"));
  await row.getByRole("button", { name: "Xóa" }).click();
  const dialog = page.locator("dialog[open]");
  await dialog.waitFor();
  expect(await dialog.textContent()).toContain("Nghỉ ốm");
  await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), dialog.getByRole("button", { name: "Xóa" }).click()]);
  await page.getByTestId("unavailability-done").waitFor();
  await expect.poll(() => row.count()).toBe(0);
  await fillRotation(page, staffId);
  await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/rotations\/\d+$/);
});
