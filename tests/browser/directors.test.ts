// A director of Lào Cai số 2 renews an agreement and finds its unfinished plan lines carried
// over and linked both ways, exports the renewal's plan, imports an edited copy through the
// preview, and adds party rows one at a time; at a desktop width and on a 390 px phone.
import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { DEMO_ACCOUNTS } from "../../seeds/accounts";
import { launchBrowser, signInAs, startScratchServer } from "./browser";

// On a server of its own: the renewal and the import write to the shared demo agreement.
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

const WIDTHS = { desktop: { width: 1366, height: 800 }, phone: { width: 390, height: 844 } };

async function signIn(viewport: { width: number; height: number }): Promise<Page> {
  const a = DEMO_ACCOUNTS.find((x) => x.username === "gd.laocai2")!;
  const context = await browser.newContext({ baseURL: server.baseUrl, viewport, locale: "vi-VN" });
  const page = await context.newPage();
  await signInAs(page, a);
  return page;
}

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(server.dbPath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

let renewalId = 0;

test("renewing carries the unfinished lines over, linked both ways (desktop, then the links on a phone)", async () => {
  const [old] = query<{ id: number }>("SELECT id FROM agreements WHERE number = '126/HĐ-BVĐK2'");
  const unfinished = query<{ id: number }>("SELECT id FROM transfer_items WHERE agreement_id = ? AND stage <> 'accepted'", old.id);
  expect(unfinished.length).toBeGreaterThan(0);
  const page = await signIn(WIDTHS.desktop);
  await page.goto(`/agreements/${old.id}`);
  await page.fill("#renew-number", "200/HĐ-BVĐK2");
  await page.fill("#renew-start", "2027-01-01");
  await Promise.all([page.waitForURL((u) => u.pathname !== `/agreements/${old.id}`), page.click("button:has-text('Tạo thỏa thuận gia hạn')")]);
  renewalId = Number(new URL(page.url()).pathname.split("/").pop());
  // The old agreement's page also has a plan table: wait for the renewal's own carried-line badges.
  const carriedLinks = page.locator("[data-testid=plan-table] a:has-text('tiếp nối 126/HĐ-BVĐK2')");
  await carriedLinks.first().waitFor();
  // Carried lines: only those the receiver does not perform by now (the demo's history may have some).
  const carried = query<{ id: number; from: number }>("SELECT id, carried_from_id AS [from] FROM transfer_items WHERE agreement_id = ?", renewalId);
  expect(carried.length).toBeGreaterThan(0);
  expect(carried.every((c) => unfinished.some((u) => u.id === c.from))).toBe(true);
  expect(await carriedLinks.count()).toBe(carried.length);

  for (const viewport of [WIDTHS.desktop, WIDTHS.phone]) {
    const p = viewport === WIDTHS.desktop ? page : await signIn(viewport);
    await p.goto(`/agreements/${renewalId}/items/${carried[0].id}`);
    await p.locator("[data-testid=carried-from]").waitFor();
    expect(await p.locator("[data-testid=carried-from]").textContent()).toContain("Tiếp nối dòng kế hoạch của thỏa thuận 126/HĐ-BVĐK2");
    await Promise.all([p.waitForURL(new RegExp(`/agreements/${old.id}/items/${carried[0].from}$`)), p.click("[data-testid=carried-from] a")]);
    await p.locator("[data-testid=carried-to]").waitFor();
    expect(await p.locator("[data-testid=carried-to]").textContent()).toContain("Được chuyển tiếp sang thỏa thuận 200/HĐ-BVĐK2");
    // Nothing on the page scrolls sideways on the phone.
    expect(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  }
});

test("the exported plan, edited and imported back, previews one changed line and writes it on confirmation", async () => {
  expect(renewalId).toBeGreaterThan(0);
  for (const [n, viewport] of [WIDTHS.desktop, WIDTHS.phone].entries()) {
    const page = await signIn(viewport);
    const exported = await page.request.get(`/agreements/${renewalId}/plan.csv`);
    expect(exported.status()).toBe(200);
    const lines = (await exported.text()).replace(/^\ufeff/, "").trim().split("\n");
    expect(lines[0]).toBe("Mã kỹ thuật,Giai đoạn,Đơn vị chuyển giao,Đơn vị nhận chuyển giao,Số ca có giám sát,Hạn hoàn thành");
    // The first line's required cases become 20 + n; every other line is as exported.
    const cells = lines[1].split(",");
    cells[4] = String(20 + n);
    const file = [lines[0], cells.join(","), ...lines.slice(2)].join("\n");
    await page.goto(`/agreements/${renewalId}/plan/import`);
    await page.setInputFiles("input[name=file]", { name: "ke-hoach.csv", mimeType: "text/csv", buffer: Buffer.from(file) });
    await Promise.all([page.waitForURL(/\/imports\/\d+$/), page.click("main button[type=submit]")]);
    await page.locator("[data-testid=batch-status]").waitFor();
    expect(await page.locator("[data-testid=count-changed]").getAttribute("data-count")).toBe("1");
    expect(await page.locator("[data-testid=count-unchanged]").getAttribute("data-count")).toBe(String(lines.length - 2));
    await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.click("button[name=intent][value=confirm]")]);
    await page.waitForLoadState("networkidle");
    // The confirmation is written by the import worker: read the database once the page says so.
    await expect.poll(() => page.locator("[data-testid=batch-status]").textContent()).toMatch(/^Đã ghi/);
    const [line] = query<{ requiredCases: number }>(
      "SELECT i.required_cases AS requiredCases FROM transfer_items i JOIN techniques t ON t.id = i.technique_id WHERE i.agreement_id = ? AND t.code = ?",
      renewalId,
      cells[0],
    );
    expect(line.requiredCases).toBe(20 + n);
  }
});

test("party rows start with one blank and grow with the add-row button", async () => {
  for (const viewport of [WIDTHS.desktop, WIDTHS.phone]) {
    const page = await signIn(viewport);
    await page.goto("/agreements/new");
    await page.locator("[data-testid=add-row]").waitFor();
    expect(await page.locator("[data-party-row]").count()).toBe(2);
    await page.click("[data-testid=add-row]");
    await page.click("[data-testid=add-row]");
    await expect.poll(() => page.locator("[data-party-row]").count()).toBe(4);
    // The new row's field has the focus.
    expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("parties[3].facilityCode");
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  }
});
