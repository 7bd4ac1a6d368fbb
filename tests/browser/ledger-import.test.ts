// The Lào Cai department imports a hospital's ledger file keyed by billing codes, with the
// decision that approved two of its rows: the preview shows what each code resolves to, nothing
// moves until it confirms, and then the official figure rises by exactly the two approved rows.
import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { DEMO_ACCOUNTS } from "../../seeds/accounts";
import { launchBrowser, newPage, signInAs, startScratchServer } from "./browser";

// On a server of its own: the approved rows raise Lào Cai's official figure, which other
// files read as +1,268.
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
  const page = await newPage(browser, server.baseUrl);
  await signInAs(page, a);
  return page;
}

/** "1.268" (vi-VN) -> 1268 */
const toNumber = (text: string | null) => Number((text ?? "").replace(/[^\d]/g, ""));

/** Lào Cai hospital No. 2 and three billing codes of central-level techniques it has never recorded. */
function pickRows(): { facilityId: number; codes: { billing: string; technique: string }[] } {
  const db = new Database(server.dbPath, { readonly: true });
  try {
    const { facilityId } = db.prepare("SELECT facility_id AS facilityId FROM users WHERE username = 'gd.laocai2'").get() as { facilityId: number };
    const codes = db
      .prepare(
        `SELECT b.code AS billing, t.code AS technique FROM technique_billing_codes b JOIN techniques t ON t.id = b.technique_id
         WHERE t.min_level = 'A' AND NOT EXISTS (SELECT 1 FROM adoption_events e WHERE e.technique_id = t.id AND e.facility_id = ?)
         GROUP BY t.id ORDER BY b.code LIMIT 3`,
      )
      .all(facilityId) as { billing: string; technique: string }[];
    return { facilityId, codes };
  } finally {
    db.close();
  }
}

test("the department imports a ledger file keyed by billing codes with decisions; the official figure rises by the rows approved", async () => {
  const { facilityId, codes } = pickRows();
  expect(codes).toHaveLength(3);
  const page = await signIn("syt.laocai");
  await page.goto("/department");
  const before = toNumber(await page.locator("[data-testid=provincial-added]").textContent());

  const file = [
    "Mã tương đương,Ngày bắt đầu,Số quyết định,Ngày phê duyệt",
    `${codes[0].billing},01/03/2024,2150/QĐ-SYT,20/09/2025`,
    `${codes[1].billing},2024-03-01,2150/QĐ-SYT,2025-09-20`,
    `${codes[2].billing},01/03/2024,,`,
  ].join("\n");
  await page.goto(`/adoption/import?facility=${facilityId}`);
  expect(await page.locator("select[name=facilityId]").inputValue()).toBe(String(facilityId));
  await page.setInputFiles("input[name=file]", { name: "so-ky-thuat-bv2.csv", mimeType: "text/csv", buffer: Buffer.from(file) });
  await Promise.all([page.waitForURL(/\/imports\/\d+$/), page.click("main button[type=submit]")]);

  expect(await page.locator("[data-testid=batch-status]").textContent()).toBe("Bản xem trước: chưa ghi gì");
  expect(await page.locator("[data-testid=count-new]").getAttribute("data-count")).toBe("3");
  const firstRow = page.locator("[data-testid=batch-rows] tbody tr").first();
  expect(await firstRow.textContent()).toContain(`${codes[0].billing} → ${codes[0].technique}`);
  expect(await firstRow.textContent()).toContain("2150/QĐ-SYT");
  // Nothing moved yet.
  const check = await signIn("syt.laocai");
  await check.goto("/department");
  expect(toNumber(await check.locator("[data-testid=provincial-added]").textContent())).toBe(before);

  await page.click("button[value=confirm]");
  await expect.poll(() => page.locator("[data-testid=batch-status]").textContent()).toMatch(/^Đã ghi lúc/);
  await check.goto("/department");
  expect(toNumber(await check.locator("[data-testid=provincial-added]").textContent())).toBe(before + 2);
  await check.close();
  await page.close();
});
