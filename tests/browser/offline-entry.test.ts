// Entry that survives a lost connection, through the real pages at phone width: Lào Cai số 3's
// director opens the consultation form, the network goes, the consultation is submitted and
// waits in the outbox; the page reloads offline (from the service worker); the network comes
// back, the first answer of the outbox's batch is lost after the server handled it, and the
// retry lands it once: the session log shows it once.
import Database from "better-sqlite3";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { DEMO_ACCOUNTS } from "../../seeds/accounts";
import { launchBrowser, queryFile, signedInPage, startScratchServer, waitForHydration } from "./browser";

let browser: Browser;
let server: Awaited<ReturnType<typeof startScratchServer>>;
const account = (username: string) => DEMO_ACCOUNTS.find((a) => a.username === username)!;
const PHONE = { width: 390, height: 844 };
const TITLE = "Viêm ruột thừa cấp nhập viện ban đêm (ngoại tuyến)";

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startScratchServer(inject("seededDb"), inject("buildDir"));
  const db = new Database(server.dbPath);
  try {
    db.prepare(
      `INSERT OR IGNORE INTO tele_links (hub_facility_id, spoke_facility_id, chapter_number, start_on)
       SELECT h.id, s.id, 10, '2020-01-01' FROM facilities h, facilities s WHERE h.code = 'LC-BVDK2' AND s.code = 'LC-BVDK3'`,
    ).run();
  } finally {
    db.close();
  }
});
afterAll(async () => {
  await browser?.close();
  server?.stop();
});

const sessionsTitled = () => queryFile<{ id: number }>(server.dbPath, "SELECT id FROM tele_sessions WHERE title = ?", TITLE);

test("a consultation entered offline waits in the outbox, survives a reload, and lands once when the network returns, also after a lost answer", async () => {
  const page = await signedInPage(browser, server.baseUrl, account("gd.laocai3"), { viewport: PHONE, hasTouch: true, isMobile: true });
  const context = page.context();
  await page.goto("/tele/sessions/new-consultation");
  // The service worker takes over and keeps the form; a second load goes through it.
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, undefined, { timeout: 30_000 });
  // Signing in hands it the entry pages and the outbox, with their scripts, to keep.
  await page.waitForFunction(
    async () => {
      const pages = await Promise.all(["/tele/sessions/new-consultation", "/outbox"].map((path) => caches.match(location.origin + path)));
      const assets = await (await caches.open("cgkt-assets-v1")).keys();
      return pages.every((p) => p !== undefined) && assets.some((r) => r.url.includes("routes/outbox"));
    },
    undefined,
    { timeout: 30_000, polling: 250 },
  );
  await page.reload();
  await waitForHydration(page, 'input[name="title"]');

  await context.setOffline(true);
  const hub = page.locator('select[name="hubFacilityId"]');
  await hub.selectOption({ label: (await hub.locator("option", { hasText: "Lào Cai số 2" }).first().textContent())! });
  const spoke = page.locator('select[name="spokeFacilityId"]');
  await spoke.selectOption({ label: (await spoke.locator("option", { hasText: "Lào Cai số 3" }).first().textContent())! });
  await page.locator('select[name="chapterNumber"]').selectOption("10");
  await page.locator('input[name="startTime"]').fill("22:15");
  await page.locator('input[name="durationMinutes"]').fill("30");
  await page.locator('input[name="title"]').fill(TITLE);
  await page.locator('select[name="outcome"]').selectOption("treated_locally");
  await page.getByRole("button", { name: "Lưu phiên" }).click();
  await expect.poll(() => page.getByTestId("offline-notice").textContent()).toContain("hộp thư chờ gửi");
  await expect.poll(() => page.getByTestId("outbox-count").textContent()).toBe("1");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  expect(sessionsTitled()).toEqual([]);

  // Reloaded without a connection: the service worker serves the page, the outbox still holds the entry.
  await page.reload();
  await waitForHydration(page, 'input[name="title"]');
  await expect.poll(() => page.getByTestId("outbox-count").textContent()).toBe("1");
  await page.getByTestId("outbox-indicator").click();
  await page.waitForURL(/\/outbox$/);
  const item = page.getByTestId("outbox-item");
  await expect.poll(() => item.count()).toBe(1);
  expect(await item.first().textContent()).toContain(TITLE);
  expect(await item.first().getAttribute("data-status")).toBe("waiting");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

  // The network returns, but the answer to the first batch is lost after the server handled it.
  let lost = 0;
  await context.route("**/outbox/sync", async (route) => {
    if (lost === 0) {
      lost += 1;
      await route.fetch();
      await route.abort("connectionreset");
    } else {
      await route.continue();
    }
  });
  await context.setOffline(false);
  await expect.poll(() => lost, { timeout: 20_000 }).toBe(1);
  await expect.poll(() => sessionsTitled().length).toBe(1);
  expect(await item.first().getAttribute("data-status")).toBe("waiting");

  // Sent again: the server answers with the first outcome and writes nothing more.
  await page.getByTestId("outbox-send-now").click();
  await expect.poll(() => page.getByTestId("outbox-tab-sent").textContent()).toContain("(1)");
  await expect.poll(() => page.getByTestId("outbox-tab-waiting").textContent()).toContain("(0)");
  expect(sessionsTitled()).toHaveLength(1);

  await page.goto("/tele/sessions");
  await page.locator('input[name="q"]').fill("ngoại tuyến");
  await page.getByRole("button", { name: "Tìm kiếm" }).click();
  await page.waitForURL(/q=/);
  const rows = page.getByTestId("session-row");
  await expect.poll(() => rows.count()).toBe(1);
  expect(await rows.first().textContent()).toContain(TITLE);
  await context.close();
});
