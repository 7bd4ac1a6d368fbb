// A ledger event written by an acceptance links back to where it came from, through the real
// pages as the demo director of BVĐK tỉnh Bắc Ninh: the director accepts the Whipple line of
// 52/HĐ-VĐ-BN, then finds the "started" event on the hospital's ledger with links to the
// agreement, the plan line and the acceptance minutes, and each link opens what it names; at a
// desktop width, then on a 390 px phone.
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { DEMO_ACCOUNTS } from "../../seeds/accounts";
import { DEMO_TECHNIQUES } from "../../seeds/demo-techniques";
import { launchBrowser, signInAs, startScratchServer } from "./browser";

// On a server of its own: the acceptance writes to the ledger every other file reads.
let browser: Browser;
let server: Awaited<ReturnType<typeof startScratchServer>>;
let line: { agreementId: number; itemId: number; stage: string };

const director = DEMO_ACCOUNTS.find((a) => a.username === "gd.bacninh")!;
const CODE = DEMO_TECHNIQUES.pancreaticoduodenectomy.code;
const MINUTES = "NT-03/2026/BVBN";
const WIDTHS = { desktop: { width: 1366, height: 800 }, phone: { width: 390, height: 844 } };

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(server.dbPath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startScratchServer(inject("seededDb"), inject("buildDir"));
  [line] = query<typeof line>(
    `SELECT ti.agreement_id AS agreementId, ti.id AS itemId, ti.stage FROM transfer_items ti
       JOIN agreements a ON a.id = ti.agreement_id JOIN techniques t ON t.id = ti.technique_id
      WHERE a.number = '52/HĐ-VĐ-BN' AND t.code = ?`,
    CODE,
  );
});
afterAll(async () => {
  await browser?.close();
  server?.stop();
});

async function signIn(viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.baseUrl, viewport, locale: "vi-VN" });
  const page = await context.newPage();
  await signInAs(page, director);
  return page;
}

/** The hospital's own ledger, and the acceptance block of the event for CODE on it. */
async function ledgerLinks(page: Page): Promise<Locator> {
  await page.goto("/adoption");
  const block = page.locator("li", { hasText: CODE }).getByTestId("event-acceptance");
  await block.waitFor();
  return block;
}

const agreementHref = () => `/agreements/${line.agreementId}`;
const itemHref = () => `/agreements/${line.agreementId}/items/${line.itemId}`;

test("an accepted line's ledger event links to its agreement, plan line and acceptance minutes (desktop)", async () => {
  expect(line.stage).toBe("independent");
  const page = await signIn(WIDTHS.desktop);
  await page.goto(itemHref());
  await page.fill("#accept-minutes", MINUTES);
  await page.locator("input[name=staffIds]").first().check();
  await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.getByRole("button", { name: "Ghi nhận nghiệm thu" }).click()]);
  await expect.poll(() => page.locator("#acceptance").count()).toBe(1);

  const block = await ledgerLinks(page);
  // The event is the acceptance's own "started, transferred" entry; entries not written by an
  // acceptance on the same page carry no such links.
  const event = page.locator("li", { hasText: CODE }).filter({ has: page.getByTestId("event-acceptance") });
  expect(await event.textContent()).toContain("Bắt đầu triển khai");
  expect(await event.textContent()).toContain("Nhận chuyển giao");
  const entries = page.locator("section:has(h2:has-text('Ghi nhận gần đây')) li");
  expect(await entries.count()).toBeGreaterThan(await page.getByTestId("event-acceptance").count());

  const links = block.locator("a");
  expect(await links.evaluateAll((as) => as.map((a) => [a.textContent?.trim(), a.getAttribute("href")]))).toEqual([
    ["52/HĐ-VĐ-BN", agreementHref()],
    ["dòng kế hoạch", itemHref()],
    [`biên bản nghiệm thu ${MINUTES}`, `${itemHref()}#acceptance`],
  ]);

  // Each link opens what it names.
  await Promise.all([page.waitForURL((u) => u.pathname === agreementHref()), links.nth(0).click()]);
  await expect.poll(() => page.locator("h1").textContent()).toContain("52/HĐ-VĐ-BN");

  await ledgerLinks(page);
  await Promise.all([page.waitForURL((u) => u.pathname === itemHref()), page.locator("li", { hasText: CODE }).getByTestId("event-acceptance").locator("a").nth(1).click()]);
  await expect.poll(() => page.locator("h1").textContent()).toContain(CODE);

  await ledgerLinks(page);
  await Promise.all([page.waitForURL((u) => u.pathname === itemHref() && u.hash === "#acceptance"), page.locator("li", { hasText: CODE }).getByTestId("event-acceptance").locator("a").nth(2).click()]);
  await expect.poll(() => page.locator("#acceptance").textContent()).toContain(`biên bản số ${MINUTES}`);
  await page.context().close();
});

test("on a phone the ledger keeps the links and the minutes open where the acceptance is (390 px)", async () => {
  const page = await signIn(WIDTHS.phone);
  const block = await ledgerLinks(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await block.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(os.tmpdir(), "ledger-links-phone.png") });
  await Promise.all([page.waitForURL((u) => u.pathname === itemHref() && u.hash === "#acceptance"), block.locator("a").nth(2).click()]);
  const acceptance = page.locator("#acceptance");
  await expect.poll(() => acceptance.textContent()).toContain(`biên bản số ${MINUTES}`);
  expect(await acceptance.isVisible()).toBe(true);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await page.context().close();
});
