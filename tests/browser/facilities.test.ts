// The facility registry in the browser: the Lào Cai department registers a commune station, reclassifies it
// with a decision (a date before its opening is refused next to the field), sees both
// classification histories on the facility page, and reads the report grouped by competence.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { DEMO_ACCOUNTS } from "../../seeds/accounts";
import { launchBrowser, signedInPage, startScratchServer } from "./browser";

// On a server of its own: the facility it registers would show in other files' lists.
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

async function signIn(username: string): Promise<Page> {
  const a = DEMO_ACCOUNTS.find((x) => x.username === username);
  if (!a) throw new Error(`the demo seed has no account ${username}`);
  return signedInPage(browser, server.baseUrl, a);
}

test("a department officer creates a facility, reclassifies it with a decision, sees the history and the report by competence", async () => {
  const page = await signIn("syt.laocai");
  await page.goto("/facilities");
  await Promise.all([page.waitForURL((url) => url.pathname === "/facilities/new"), page.getByRole("link", { name: "Thêm cơ sở" }).click()]);

  // The province is fixed to Lào Cai; the commune list holds Lào Cai's communes.
  await page.fill("input[name=code]", "LC-TYT-BAOHA");
  await page.fill("input[name=name]", "Trạm Y tế xã Bảo Hà");
  await page.fill("input[name=shortName]", "TYT Bảo Hà");
  await page.selectOption("select[name=kind]", "commune_station");
  await page.selectOption("select[name=level]", "D");
  await page.selectOption("select[name=competence]", "initial");
  await page.selectOption("select[name=communeCode]", { index: 1 });
  await page.fill("input[name=beds]", "5");
  await page.fill("input[name=openedOn]", "2010-03-01");
  await Promise.all([page.waitForURL(/\/facilities\/\d+$/), page.getByRole("button", { name: "Thêm cơ sở" }).click()]);
  await page.getByRole("heading", { level: 1, name: "Trạm Y tế xã Bảo Hà" }).waitFor();
  const facilityPath = new URL(page.url()).pathname;

  // A non-care kind hides the level fields.
  await page.goto("/facilities/new");
  await page.selectOption("select[name=kind]", "health_department");
  await page.locator("[data-testid=non-care-hint]").waitFor();
  expect(await page.locator("select[name=level]").count()).toBe(0);

  await page.goto(facilityPath);
  await Promise.all([page.waitForURL(/\/reclassify$/), page.getByRole("link", { name: "Xếp lại tuyến, cấp" }).click()]);
  await page.selectOption("select[name=competence]", "basic");
  await page.fill("input[name=decisionNumber]", "1234/QĐ-UBND");
  await page.fill("input[name=validFrom]", "2009-12-31");
  await page.getByRole("button", { name: "Ghi nhận quyết định" }).click();
  await expect
    .poll(async () => (await page.locator(".field-error").allTextContents()).join(" | "))
    .toContain("Ngày hiệu lực phải từ ngày cơ sở bắt đầu hoạt động");

  await page.fill("input[name=validFrom]", "2025-07-01");
  await Promise.all([page.waitForURL((url) => url.pathname === facilityPath), page.getByRole("button", { name: "Ghi nhận quyết định" }).click()]);
  const history = page.locator("[data-testid=competence-history]");
  await history.waitFor();
  const rows = await history.locator("tbody tr").allTextContents();
  expect(rows[0]).toContain("Cấp cơ bản");
  expect(rows[0]).toContain("1234/QĐ-UBND");
  expect(rows[1]).toContain("Cấp ban đầu");

  await page.goto("/reports?dimension=competence");
  const table = page.locator("table", { has: page.locator("th", { hasText: "Cấp chuyên môn kỹ thuật" }) });
  await table.waitFor();
  const groups = await table.locator("tbody th[scope=row]").allTextContents();
  expect(groups).toContain("Cấp chuyên sâu");
  expect(groups).toContain("Cấp cơ bản");
  await page.close();
});
