// Facility names follow the chosen language: after switching to English, the agreements list,
// the agreement's print view and the technique-list requests (list and one request) show the
// stored English name ("Lao Cai Provincial General Hospital No. 2"); in Vietnamese the
// Vietnamese names. Desktop and a 390 px phone.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { DEMO_ACCOUNTS } from "../../seeds/accounts";
import { launchBrowser, signInAs } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const SHOTS = process.env.NAMES_SHOTS_DIR;

for (const width of [1366, 390]) {
  test(`facility names switch to English with the interface (${width} px)`, async () => {
    const director = DEMO_ACCOUNTS.find((a) => a.username === "gd.laocai2");
    if (!director) throw new Error("the demo seed has no director of Lào Cai số 2");
    const context = await browser.newContext({ baseURL: inject("baseUrl"), viewport: { width, height: 844 }, locale: "vi-VN" });
    const page = await context.newPage();
    await signInAs(page, director);

    await page.goto("/agreements");
    await page.locator("main a[href^='/agreements/']").first().waitFor();
    await expect.poll(() => page.locator("main").textContent()).toContain("BVĐK Lào Cai số 2");
    expect(await page.locator("main").textContent()).not.toContain("Lao Cai Provincial General Hospital No. 2");
    const hrefs = await page.locator("main a[href^='/agreements/']").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
    const id = hrefs.map((h) => /^\/agreements\/(\d+)$/.exec(h)?.[1]).find(Boolean);
    expect(id).toBeTruthy();

    const switched = await page.request.post("/locale", { form: { locale: "en", redirectTo: "/" }, maxRedirects: 0 });
    expect(switched.status()).toBeLessThan(400);

    await page.goto("/agreements");
    await page.getByRole("heading", { level: 1, name: "Agreements" }).waitFor();
    await expect.poll(() => page.locator("main").textContent()).toContain("Lao Cai Provincial General Hospital No. 2");
    expect(await page.locator("main").textContent()).not.toContain("BVĐK Lào Cai số 2");
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/agreements-en-${width}.png`, fullPage: false });

    await page.goto(`/agreements/${id}/print`);
    await page.getByText("PRIORITY-TECHNIQUE TRANSFER PLAN").waitFor();
    const print = page.locator("article.print-page");
    await expect.poll(() => print.textContent()).toContain("Lao Cai Provincial General Hospital No. 2");
    expect(await print.textContent()).not.toContain("Bệnh viện Đa khoa tỉnh Lào Cai số 2");
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/print-en-${width}.png`, fullPage: false });

    // Back to Vietnamese: the official names again.
    await page.request.post("/locale", { form: { locale: "vi", redirectTo: "/" }, maxRedirects: 0 });
    await page.goto(`/agreements/${id}/print`);
    await page.getByText("KẾ HOẠCH CHUYỂN GIAO DANH MỤC KỸ THUẬT ƯU TIÊN").waitFor();
    await expect.poll(() => print.textContent()).toContain("Bệnh viện Đa khoa tỉnh Lào Cai số 2");
    expect(await print.textContent()).not.toContain("Lao Cai Provincial General Hospital No. 2");
    await context.close();
  });
}

for (const width of [1366, 390]) {
  test(`the technique-list requests name the facility in English with the interface (${width} px)`, async () => {
    const director = DEMO_ACCOUNTS.find((a) => a.username === "gd.laocai2");
    if (!director) throw new Error("the demo seed has no director of Lào Cai số 2");
    const context = await browser.newContext({ baseURL: inject("baseUrl"), viewport: { width, height: 844 }, locale: "vi-VN" });
    const page = await context.newPage();
    await signInAs(page, director);

    // The demo's Lào Cai số 2 has a request waiting for the department.
    await page.goto("/adoption/requests");
    await page.locator("main a[href^='/adoption/requests/']").first().waitFor();
    await expect.poll(() => page.locator("main").textContent()).toContain("Bệnh viện Đa khoa tỉnh Lào Cai số 2");
    expect(await page.locator("main").textContent()).not.toContain("Lao Cai Provincial General Hospital No. 2");

    const switched = await page.request.post("/locale", { form: { locale: "en", redirectTo: "/" }, maxRedirects: 0 });
    expect(switched.status()).toBeLessThan(400);

    await page.goto("/adoption/requests");
    await page.getByRole("heading", { level: 1, name: "Technique-list requests" }).waitFor();
    await expect.poll(() => page.locator("main").textContent()).toContain("Lao Cai Provincial General Hospital No. 2");
    expect(await page.locator("main").textContent()).not.toContain("Bệnh viện Đa khoa tỉnh Lào Cai số 2");
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/list-requests-en-${width}.png`, fullPage: false });

    // The request itself names the facility in English too.
    const link = page.locator("main a[href^='/adoption/requests/']").filter({ hasText: "Lao Cai Provincial General Hospital No. 2" }).first();
    const href = await link.getAttribute("href");
    expect(href).toMatch(/^\/adoption\/requests\/\d+$/);
    await page.goto(href!);
    await expect.poll(() => page.locator("main h1").textContent()).toContain("Lao Cai Provincial General Hospital No. 2");
    expect(await page.locator("main").textContent()).not.toContain("Bệnh viện Đa khoa tỉnh Lào Cai số 2");
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/list-request-en-${width}.png`, fullPage: false });
    await context.close();
  });
}
