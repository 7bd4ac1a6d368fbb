// A director uploads the hospital's staff list as hospitals write it (Y sĩ, BSCKI, chapter
// names), sees the preview, confirms, and finds the people in the registry.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { DEMO_ACCOUNTS } from "../../seeds/accounts";
import { launchBrowser, signedInPage, startScratchServer } from "./browser";

const director = DEMO_ACCOUNTS.find((a) => a.username === "gd.laocai2");
if (!director) throw new Error("the demo seed has no account gd.laocai2");

// On a server of its own: the people it imports would show in other files' registries.
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

const CSV = [
  "Họ và tên,Chức danh,Chuyên khoa,Số CCHN,Email",
  "Lò Thị Thử Nghiệm,Y sĩ,Nhi khoa,BT-000901/LC-CCHN,",
  "Sùng A Thử Nghiệm,BSCKI,X. NGOẠI KHOA,BT-000902/LC-CCHN,sung.a@bvdk2.laocai.vn",
  "Vàng Thị Thử Nghiệm,phi công,,,",
].join("\n");

test("a director uploads a staff file, sees the preview and confirms", { timeout: 120_000 }, async () => {
  const page = await signedInPage(browser, server.baseUrl, director);

  await page.goto("/staff/import");
  // a director has no facility to choose: the session decides
  expect(await page.locator("select[name=facilityId]").count()).toBe(0);
  await page.setInputFiles("input[name=file]", { name: "nhan-su.csv", mimeType: "text/csv", buffer: Buffer.from(CSV) });
  await page.click("main form button[type=submit]");
  await page.waitForURL((url) => /^\/imports\/\d+$/.test(url.pathname), { timeout: 40_000 }).catch(async (error: unknown) => {
    throw new Error(`no preview; the page says: ${(await page.locator("main").textContent())?.slice(0, 600)} (${String(error)})`);
  });

  await expect.poll(() => page.locator("[data-testid=count-new]").getAttribute("data-count")).toBe("2");
  expect(await page.locator("[data-testid=count-refused]").getAttribute("data-count")).toBe("1");
  const refused = page.locator("tr[data-status=refused]");
  expect(await refused.textContent()).toContain("Cột “Chức danh”: “phi công” không phải là chức danh đã biết");

  await page.getByRole("button", { name: "Ghi các thay đổi này" }).click();
  await expect.poll(() => page.locator("[data-testid=batch-status]").textContent()).toMatch(/^Đã ghi/);

  await page.goto("/staff?q=thu nghiem");
  await expect.poll(() => page.locator("main").textContent()).toContain("Lò Thị Thử Nghiệm");
  const text = await page.locator("main").textContent();
  expect(text).toContain("Sùng A Thử Nghiệm");
  expect(text).not.toContain("Vàng Thị Thử Nghiệm");
});
