// The gap matrix through the real pages: the director of Lào Cai số 2, which owns 126/HĐ-BVĐK2,
// opens the matrix of số 3 (its receiving party), turns a gap into a plan line in one step and
// finds it on the agreement's plan; the line then reads "in plan". Số 3's own director sees
// the same partners without the button (only the agreement's owner may add plan lines).
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { DEMO_ACCOUNTS } from "../../seeds/accounts";
import { launchBrowser, signedInPage, startScratchServer, queryFile } from "./browser";

// On a server of its own: the plan line added here would change the agreement other files read.
let browser: Browser;
let server: Awaited<ReturnType<typeof startScratchServer>>;
let no3: number;
let agreementId: number;

const query = <T>(sql: string, ...params: unknown[]): T[] => queryFile<T>(server.dbPath, sql, ...params);

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startScratchServer(inject("seededDb"), inject("buildDir"));
  [{ id: no3 }] = query<{ id: number }>("SELECT id FROM facilities WHERE code = 'LC-BVDK3'");
  [{ id: agreementId }] = query<{ id: number }>("SELECT id FROM agreements WHERE number = '126/HĐ-BVĐK2'");
});
afterAll(async () => {
  await browser?.close();
  server?.stop();
});

const account = (username: string) => DEMO_ACCOUNTS.find((a) => a.username === username)!;
const BUTTON = "Thêm vào kế hoạch 126/HĐ-BVĐK2";

test("số 2's director turns a gap of số 3 into a plan line of 126/HĐ-BVĐK2 and finds it on the plan", async () => {
  const page = await signedInPage(browser, server.baseUrl, account("gd.laocai2"));
  await page.goto(`/planning/gaps?facility=${no3}`);
  await page.getByRole("heading", { level: 1, name: "Ma trận kỹ thuật còn thiếu" }).waitFor();
  await expect.poll(() => page.getByTestId("gap-line").count()).toBeGreaterThan(10);
  const line = page.getByTestId("gap-line").filter({ has: page.getByRole("button", { name: BUTTON }) }).first();
  const code = (await line.getAttribute("data-code"))!;
  expect(code).toMatch(/^\d+\.\d+/);
  await expect.poll(() => line.getByTestId("gap-partner").first().textContent()).toContain("Lào Cai số 2");
  await page.screenshot({ path: path.join(os.tmpdir(), "planning-gaps-before.png"), fullPage: false });

  await line.getByRole("button", { name: BUTTON }).click();
  await page.getByTestId("gap-added").waitFor();
  await expect.poll(() => page.getByTestId("gap-added").textContent()).toContain(code);
  const after = page.locator(`[data-testid="gap-line"][data-code="${code}"]`);
  await after.getByTestId("in-plan").waitFor();
  expect(await after.getByRole("button", { name: BUTTON }).count()).toBe(0);
  await page.screenshot({ path: path.join(os.tmpdir(), "planning-gaps-after.png"), fullPage: false });

  const planned = query<{ n: number }>(
    "SELECT count(*) AS n FROM transfer_items ti JOIN techniques t ON t.id = ti.technique_id WHERE ti.agreement_id = ? AND ti.to_facility_id = ? AND t.code = ? AND ti.phase = 1",
    agreementId,
    no3,
    code,
  );
  expect(planned[0].n).toBe(1);
  await page.goto(`/agreements/${agreementId}?facility=${no3}`);
  await expect.poll(() => page.locator("main").textContent(), { timeout: 15_000 }).toContain(code);
  await page.context().close();
});

test("số 3's own director sees its matrix with số 2 beside the gaps but no button to add", async () => {
  const page = await signedInPage(browser, server.baseUrl, account("gd.laocai3"));
  await page.goto("/planning/gaps");
  await page.getByRole("heading", { level: 1, name: "Ma trận kỹ thuật còn thiếu" }).waitFor();
  await expect.poll(() => page.getByTestId("gap-partner").filter({ hasText: "Lào Cai số 2" }).count()).toBeGreaterThan(0);
  expect(await page.getByRole("button", { name: BUTTON }).count()).toBe(0);
  await page.context().close();
});

test("the Lào Cai department reads the province matrix and opens số 3's row; the workbook downloads", async () => {
  const page = await signedInPage(browser, server.baseUrl, account("syt.laocai"));
  await page.goto("/planning/gaps/province");
  await page.getByRole("heading", { level: 1, name: "Ma trận kỹ thuật còn thiếu của tỉnh" }).waitFor();
  await expect.poll(() => page.getByTestId("province-gap-row").count()).toBeGreaterThan(20);
  await page.screenshot({ path: path.join(os.tmpdir(), "planning-gaps-province.png"), fullPage: false });
  const download = await page.request.get("/planning/gaps/province.xlsx?province=15");
  expect(download.status()).toBe(200);
  expect(download.headers()["content-type"]).toContain("spreadsheetml");
  await page.getByRole("link", { name: "BVĐK Lào Cai số 3" }).click();
  await page.getByRole("heading", { level: 1, name: "Ma trận kỹ thuật còn thiếu" }).waitFor();
  await expect.poll(() => page.url()).toContain(`facility=${no3}`);
  await page.context().close();
});
