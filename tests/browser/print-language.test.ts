// The printable agreement plan follows the chosen language: headings, labels, the page's
// lang attribute and its title, at desktop width and on a 390 px phone.
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

for (const width of [1366, 390]) {
  test(`the printed plan is in English after switching to English, in Vietnamese otherwise (${width} px)`, async () => {
    const director = DEMO_ACCOUNTS.find((a) => a.username === "gd.laocai2");
    if (!director) throw new Error("the demo seed has no director of Lào Cai số 2");
    const context = await browser.newContext({ baseURL: inject("baseUrl"), viewport: { width, height: 844 }, locale: "vi-VN" });
    const page = await context.newPage();
    await signInAs(page, director);

    await page.goto("/agreements");
    await page.locator("main a[href^='/agreements/']").first().waitFor();
    const hrefs = await page.locator("main a[href^='/agreements/']").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
    const id = hrefs.map((h) => /^\/agreements\/(\d+)$/.exec(h)?.[1]).find(Boolean);
    expect(id).toBeTruthy();

    await page.goto(`/agreements/${id}/print`);
    await page.getByText("KẾ HOẠCH CHUYỂN GIAO DANH MỤC KỸ THUẬT ƯU TIÊN").waitFor();
    expect(await page.locator("article.print-page").getAttribute("lang")).toBe("vi");
    expect(await page.title()).toContain("bản in");

    // The language switch (the header's button posts to /locale); the print view reads it like every page.
    const switched = await page.request.post("/locale", { form: { locale: "en", redirectTo: "/" }, maxRedirects: 0 });
    expect(switched.status()).toBeLessThan(400);
    await page.goto(`/agreements/${id}/print`);
    await page.getByText("PRIORITY-TECHNIQUE TRANSFER PLAN").waitFor();
    expect(await page.locator("article.print-page").getAttribute("lang")).toBe("en");
    expect(await page.title()).toContain("print");
    expect(await page.locator("article.print-page").textContent()).not.toContain("KẾ HOẠCH CHUYỂN GIAO");
    await context.close();
  });
}
