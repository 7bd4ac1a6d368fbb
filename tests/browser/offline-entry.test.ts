// Entry that survives a lost connection, through the real pages at phone width: Lào Cai số 3's
// director opens the consultation form, the network goes, the consultation is submitted and
// waits in the outbox; the page reloads offline (from the service worker); the network comes
// back, the first answer of the outbox's batch is lost after the server handled it, and the
// retry lands it once: the session log shows it once. Also: a draft restored and a refused
// entry opened again; 10,000 queued entries; sign-out emptying the kept pages; a supervised
// case logged offline on a plan line, and one logged online that the outbox does not keep; a
// plan line reached by a link, kept all the same; where no worker runs; sends retried by themselves.
import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { DEMO_ACCOUNTS } from "../../seeds/accounts";
import { DEMO_TECHNIQUES } from "../../seeds/demo-techniques";
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

/**
 * Waits until the entry page says it opens without a connection: the service worker keeps it
 * and the outbox, with every build file they load (a page missing one chunk shows offline but
 * never hydrates). The main flow below checks the claim by reloading offline.
 */
async function waitForOfflineReady(page: Page) {
  await page.locator('[data-testid="offline-readiness"][data-state="ready"]').waitFor({ timeout: 60_000 });
}

/** Fills the consultation form for Lào Cai số 3 presenting to số 2 (chapter 10); the rest as given. */
async function fillConsultation(page: Page, entry: { heldOn?: string; startTime: string; duration?: string; title: string; outcome?: string }) {
  for (const [name, label] of [["hubFacilityId", "Lào Cai số 2"], ["spokeFacilityId", "Lào Cai số 3"]]) {
    const select = page.locator(`select[name="${name}"]`);
    await select.selectOption({ label: (await select.locator("option", { hasText: label }).first().textContent())! });
  }
  await page.locator('select[name="chapterNumber"]').selectOption("10");
  if (entry.heldOn) await page.locator('input[name="heldOn"]').fill(entry.heldOn);
  await page.locator('input[name="startTime"]').fill(entry.startTime);
  if (entry.duration) await page.locator('input[name="durationMinutes"]').fill(entry.duration);
  await page.locator('input[name="title"]').fill(entry.title);
  if (entry.outcome) await page.locator('select[name="outcome"]').selectOption(entry.outcome);
}

/** The demo's plan line handing labour epidurals to Bảo Yên under 126/HĐ-BVĐK2. */
function baoYenEpiduralLine(): { agreementId: number; itemId: number } {
  const [line] = queryFile<{ agreementId: number; itemId: number }>(
    server.dbPath,
    `SELECT ti.agreement_id AS agreementId, ti.id AS itemId FROM transfer_items ti JOIN agreements a ON a.id = ti.agreement_id
       JOIN techniques t ON t.id = ti.technique_id JOIN facilities f ON f.id = ti.to_facility_id
      WHERE a.number = '126/HĐ-BVĐK2' AND t.code = ? AND f.short_name LIKE '%Bảo Yên%'`,
    DEMO_TECHNIQUES.labourEpidural.code,
  );
  return line;
}

const sessionsTitled = () => queryFile<{ id: number }>(server.dbPath, "SELECT id FROM tele_sessions WHERE title = ?", TITLE);

test("a consultation entered offline waits in the outbox, survives a reload, and lands once when the network returns, also after a lost answer", async () => {
  const page = await signedInPage(browser, server.baseUrl, account("gd.laocai3"), { viewport: PHONE, hasTouch: true, isMobile: true });
  const context = page.context();
  await page.goto("/tele/sessions/new-consultation");
  // The service worker takes over and keeps the form; a second load goes through it.
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, undefined, { timeout: 30_000 });
  // The page asks it to keep the form and the outbox, with their scripts, and says when they are.
  await waitForOfflineReady(page);
  expect(await page.getByTestId("offline-readiness").textContent()).toContain("mở được cả khi mất mạng");
  await page.reload();
  await waitForHydration(page, 'input[name="title"]');

  await context.setOffline(true);
  await fillConsultation(page, { startTime: "22:15", duration: "30", title: TITLE, outcome: "treated_locally" });
  await page.getByRole("button", { name: "Lưu phiên" }).click();
  await expect.poll(() => page.getByTestId("offline-notice").textContent()).toContain("hộp thư chờ gửi");
  await expect.poll(() => page.getByTestId("outbox-count").textContent()).toBe("1");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  expect(sessionsTitled()).toEqual([]);
  // Emptied for the next entry, its date back to the day in the form's own dd/mm/yyyy.
  expect(await page.locator('input[name="title"]').inputValue()).toBe("");
  expect(await page.locator('input[name="heldOn"]').inputValue()).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);

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
  // The outbox says it opens without a connection too, in its own words.
  await expect.poll(() => page.getByTestId("offline-readiness").getAttribute("data-state")).toBe("ready");
  expect(await page.getByTestId("offline-readiness").textContent()).toBe("Hộp thư chờ gửi đã được lưu trên thiết bị: mở được cả khi mất mạng.");

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

test("a consultation dated in the future, queued offline, comes back refused with its message and opens again filled; the next one queued lands", async () => {
  const page = await signedInPage(browser, server.baseUrl, account("gd.laocai3"), { viewport: PHONE, hasTouch: true, isMobile: true });
  const context = page.context();
  await page.goto("/tele/sessions/new-consultation");
  await waitForHydration(page, 'input[name="title"]');
  await fillConsultation(page, { heldOn: "01/01/2099", startTime: "09:00", duration: "30", title: "Ca hẹn trước (ngày tương lai)" });
  // What is typed survives a reload (or a crash) before the form is sent.
  await page.waitForTimeout(400);
  await page.reload();
  await waitForHydration(page, 'input[name="title"]');
  await expect.poll(() => page.locator('input[name="title"]').inputValue()).toBe("Ca hẹn trước (ngày tương lai)");
  expect(await page.getByTestId("offline-notice").textContent()).toContain("khôi phục");
  await context.setOffline(true);
  await page.locator('select[name="outcome"]').selectOption("advice_only");
  await page.getByRole("button", { name: "Lưu phiên" }).click();
  await expect.poll(() => page.getByTestId("outbox-count").textContent()).toBe("1");
  // The form is empty again for the next entry, which gets a key of its own.
  await expect.poll(() => page.locator('input[name="title"]').inputValue()).toBe("");
  await fillConsultation(page, { heldOn: "01/11/2026", startTime: "10:00", title: "Ca thứ hai nhập ngoại tuyến", outcome: "referred_up" });
  await page.getByRole("button", { name: "Lưu phiên" }).click();
  await expect.poll(() => page.getByTestId("outbox-count").textContent()).toBe("2");

  await context.setOffline(false);
  await expect.poll(() => page.getByTestId("outbox-refused").textContent(), { timeout: 20_000 }).toBe("1");
  await page.getByTestId("outbox-indicator").click();
  await page.waitForURL(/\/outbox$/);
  await page.getByTestId("outbox-tab-refused").click();
  const item = page.getByTestId("outbox-item");
  await expect.poll(() => item.count()).toBe(1);
  expect(await item.first().textContent()).toContain("Phiên hội chẩn không thể ghi cho ngày trong tương lai.");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await item.first().getByRole("link", { name: "Mở lại biểu mẫu" }).click();
  await page.waitForURL(/new-consultation\?outbox=/);
  await expect.poll(() => page.locator('input[name="title"]').inputValue()).toBe("Ca hẹn trước (ngày tương lai)");
  expect(await page.locator('input[name="heldOn"]').inputValue()).toBe("01/01/2099");
  expect(await page.getByTestId("offline-notice").textContent()).toContain("Phiên hội chẩn không thể ghi cho ngày trong tương lai.");
  expect(queryFile(server.dbPath, "SELECT id FROM tele_sessions WHERE title = ?", "Ca hẹn trước (ngày tương lai)")).toEqual([]);
  expect(queryFile(server.dbPath, "SELECT id FROM tele_sessions WHERE title = ?", "Ca thứ hai nhập ngoại tuyến")).toHaveLength(1);
  await context.close();
});

test("10,000 queued entries: the outbox page shows counts and one page at once, and sends them all, each once, without freezing", async () => {
  const page = await signedInPage(browser, server.baseUrl, account("gd.laocai3"), { viewport: PHONE });
  await page.goto("/outbox");
  await page.getByTestId("outbox-tab-waiting").waitFor();
  // Entries on a plan line that does not exist: the server refuses each (404) without writing.
  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open("cgkt-outbox");
      open.onupgradeneeded = () => open.result.createObjectStore("items");
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const tx = db.transaction("items", "readwrite");
    const store = tx.objectStore("items");
    for (let i = 0; i < 10_000; i++) {
      const key = `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
      store.put(
        { key, user: "gd.laocai3", form: "case_log", path: "/agreements/999999/items/999999", title: `Ca ${i + 1}`, fields: [["performedOn", "01/03/2026"], ["performerName", `Người ${i + 1}`], ["outcome", "success"]], seq: i + 1, status: "waiting", queuedAt: new Date().toISOString() },
        key,
      );
    }
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  });
  // The server out of reach while the page loads (every send fails), so that nothing goes out
  // before the entries are counted. Reloading without a connection has tests of its own.
  await page.context().route("**/outbox/sync", (route) => route.abort("internetdisconnected"));
  const started = Date.now();
  await page.reload();
  await expect.poll(() => page.getByTestId("outbox-tab-waiting").textContent()).toContain("(10000)");
  await expect.poll(() => page.getByTestId("outbox-item").count()).toBe(50);
  const shown = Date.now() - started;
  expect(shown).toBeLessThan(10_000);

  // Every key goes out exactly once, 100 to a request (counting the requests the server answered).
  const sentKeys: string[] = [];
  let requests = 0;
  page.on("requestfinished", (request) => {
    if (!request.url().endsWith("/outbox/sync")) return;
    requests += 1;
    sentKeys.push(...(JSON.parse(request.postData() ?? "{}") as { items: { key: string }[] }).items.map((i) => i.key));
  });
  await page.context().unroute("**/outbox/sync");
  await page.evaluate(() => {
    const w = window as unknown as { longestGap: number };
    w.longestGap = 0;
    let last = performance.now();
    const tick = () => {
      const now = performance.now();
      w.longestGap = Math.max(w.longestGap, now - last);
      last = now;
      setTimeout(tick, 20);
    };
    setTimeout(tick, 20);
  });
  await page.getByTestId("outbox-send-now").click();
  await expect.poll(() => page.getByTestId("outbox-tab-refused").textContent(), { timeout: 120_000, interval: 500 }).toContain("(10000)");
  expect(await page.getByTestId("outbox-tab-waiting").textContent()).toContain("(0)");
  const longestGap = await page.evaluate(() => (window as unknown as { longestGap: number }).longestGap);
  expect(longestGap).toBeLessThan(1_000);
  await expect.poll(() => requests).toBe(100);
  expect([sentKeys.length, new Set(sentKeys).size]).toEqual([10_000, 10_000]);
  console.log(`10,000 queued: counted and first page in ${shown} ms; longest pause of the page while sending ${Math.round(longestGap)} ms`);
  await page.context().close();
}, 180_000);

test("signing out makes the service worker drop the kept pages; the build files stay", async () => {
  const page = await signedInPage(browser, server.baseUrl, account("gd.laocai2"), { viewport: PHONE });
  await page.goto("/tele/sessions/new-consultation");
  await page.waitForFunction(async () => (await caches.match(`${location.origin}/outbox`)) !== undefined, undefined, { timeout: 30_000, polling: 250 });
  await page.locator("details summary").first().click();
  await page.getByRole("button", { name: /Đăng xuất|Sign out/ }).click();
  await page.waitForURL(/\/login/);
  const kept = () =>
    page.evaluate(async () => {
      let n = 0;
      for (const name of await caches.keys()) if (name.startsWith("cgkt-pages") || name.startsWith("cgkt-data")) n += (await (await caches.open(name)).keys()).length;
      return n;
    });
  await expect.poll(kept).toBe(0);
  // The build's files are nobody's: they stay.
  expect(await page.evaluate(async () => (await caches.keys()).includes("cgkt-assets-v1"))).toBe(true);
  await page.context().close();
});

test("a supervised case logged offline on a plan line is sent when the network returns and shows on the line once", async () => {
  const line = baoYenEpiduralLine();
  const page = await signedInPage(browser, server.baseUrl, account("daotao.laocai2"), { viewport: PHONE });
  const path = `/agreements/${line.agreementId}/items/${line.itemId}`;
  await page.goto(path);
  await waitForOfflineReady(page);
  await waitForHydration(page, 'input[name="performerName"]');
  await page.context().setOffline(true);
  const performer = "BS. Ngoại Tuyến Một";
  await page.locator('input[name="performerName"]').fill(performer);
  await page.getByRole("button", { name: "Ghi ca", exact: true }).click();
  await expect.poll(() => page.getByTestId("outbox-count").textContent()).toBe("1");
  expect(await page.locator('input[name="performerName"]').inputValue()).toBe("");
  const cases = () => queryFile<{ id: number }>(server.dbPath, "SELECT id FROM case_logs WHERE performer_name = ?", performer);
  expect(cases()).toEqual([]);

  await page.context().setOffline(false);
  await expect.poll(() => cases().length, { timeout: 20_000 }).toBe(1);
  // The page reloads its data once the outbox has sent: the case is on the line.
  await expect.poll(() => page.getByTestId("case-table").textContent()).toContain(performer);
  expect(await page.getByTestId("outbox-indicator").count()).toBe(0);
  expect(queryFile(server.dbPath, "SELECT form FROM submission_receipts WHERE entity_id = ?", cases()[0].id)).toEqual([{ form: "case_log" }]);

  // Online, the page's own action sends it; the outbox only checks the answer and keeps nothing.
  const online = "BS. Trực Tuyến Hai";
  await page.locator('input[name="performerName"]').fill(online);
  await page.getByRole("button", { name: "Ghi ca", exact: true }).click();
  await expect.poll(() => page.getByTestId("case-table").textContent()).toContain(online);
  const stored = () =>
    page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve) => {
        const open = indexedDB.open("cgkt-outbox");
        open.onsuccess = () => resolve(open.result);
      });
      const count = await new Promise<number>((resolve) => {
        const request = db.transaction("items").objectStore("items").count();
        request.onsuccess = () => resolve(request.result);
      });
      db.close();
      return count;
    });
  await expect.poll(stored).toBe(1);
  expect(queryFile(server.dbPath, "SELECT id FROM case_logs WHERE performer_name = ?", online)).toHaveLength(1);
  expect(await page.getByTestId("outbox-indicator").count()).toBe(0);
  await page.context().close();
});

test("a plan line reached by a link inside the planner (no page load) says it is kept, and opens again without a connection", async () => {
  const line = baoYenEpiduralLine();
  const page = await signedInPage(browser, server.baseUrl, account("daotao.laocai2"), { viewport: PHONE });
  await page.goto(`/agreements/${line.agreementId}`);
  const path = `/agreements/${line.agreementId}/items/${line.itemId}`;
  await waitForHydration(page, `a[href="${path}"]`);
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, undefined, { timeout: 30_000 });
  // Remix follows the link with a data request: the worker never sees the page itself load.
  let documents = 0;
  page.on("request", (request) => {
    if (request.isNavigationRequest()) documents += 1;
  });
  await page.locator(`a[href="${path}"]:visible`).first().click();
  await page.waitForURL(new RegExp(`${path}$`));
  await waitForOfflineReady(page);
  expect(documents).toBe(0);

  await page.context().setOffline(true);
  await page.reload();
  await waitForHydration(page, 'input[name="performerName"]');
  await waitForOfflineReady(page);
  await page.context().close();
});

test("where the browser keeps no pages (plain http), the entry page says so: without a connection, do not reload", async () => {
  const page = await signedInPage(browser, server.baseUrl, account("gd.laocai3"), { viewport: PHONE });
  await page.addInitScript(() => Object.defineProperty(navigator, "serviceWorker", { value: undefined }));
  await page.goto("/tele/sessions/new-consultation");
  await waitForHydration(page, 'input[name="title"]');
  const readiness = page.getByTestId("offline-readiness");
  await expect.poll(() => readiness.getAttribute("data-state")).toBe("unsupported");
  expect(await readiness.textContent()).toContain("https");
  await page.context().close();
});

test("when the first send after the network returns fails too, the outbox tries again by itself and the entry lands once", async () => {
  const page = await signedInPage(browser, server.baseUrl, account("gd.laocai3"), { viewport: PHONE });
  const context = page.context();
  await page.goto("/tele/sessions/new-consultation");
  await waitForHydration(page, 'input[name="title"]');
  await context.setOffline(true);
  const title = "Ca gửi lại tự động sau khi có mạng";
  await fillConsultation(page, { startTime: "07:30", duration: "20", title, outcome: "advice_only" });
  await page.getByRole("button", { name: "Lưu phiên" }).click();
  await expect.poll(() => page.getByTestId("outbox-count").textContent()).toBe("1");

  // The network is back, but the first requests still fail before reaching the server.
  let failed = 0;
  await context.route("**/outbox/sync", async (route) => {
    if (failed < 2) {
      failed += 1;
      await route.abort("internetdisconnected");
    } else {
      await route.continue();
    }
  });
  await context.setOffline(false);
  await expect.poll(() => failed).toBe(1);
  const landed = () => queryFile<{ id: number }>(server.dbPath, "SELECT id FROM tele_sessions WHERE title = ?", title);
  expect(landed()).toEqual([]);
  // Nobody clicks anything: the outbox tries again after 5 s, then 10 s.
  await expect.poll(() => landed().length, { timeout: 60_000 }).toBe(1);
  expect(failed).toBe(2);
  await expect.poll(() => page.getByTestId("outbox-indicator").count()).toBe(0);
  await context.close();
});
