// Readiness and the phase gate through the real pages, on the demo's 126/HĐ-BVĐK2 (owner Lào
// Cai số 2, receiving Lào Cai số 3 among others): số 3's director takes a suggested condition
// onto the hip hemiarthroplasty line's checklist (phase 1) and confirms it, and the score moves;
// số 2's director brings the gastrectomy line (phase 2) to training and is refused the next
// step with the reason next to the stage control; after deferring the open phase-1 line with a
// reason, the same move goes through, and the agreement page shows the line as deferred.
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { DEMO_ACCOUNTS } from "../../seeds/accounts";
import { DEMO_TECHNIQUES } from "../../seeds/demo-techniques";
import { launchBrowser, signedInPage, startScratchServer } from "./browser";

// On a server of its own: the checklist, stage moves and deferral change lines other files read.
let browser: Browser;
let server: Awaited<ReturnType<typeof startScratchServer>>;
type Line = { agreementId: number; itemId: number; phase: number; stage: string };
let phase1: Line;
let phase2: Line;

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(server.dbPath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

const lineOf = (code: string) =>
  query<Line>(
    `SELECT ti.agreement_id AS agreementId, ti.id AS itemId, ti.phase, ti.stage
       FROM transfer_items ti JOIN agreements a ON a.id = ti.agreement_id JOIN techniques t ON t.id = ti.technique_id
       JOIN facilities f ON f.id = ti.to_facility_id
      WHERE a.number = '126/HĐ-BVĐK2' AND t.code = ? AND f.short_name LIKE '%Lào Cai số 3%'`,
    code,
  )[0];

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startScratchServer(inject("seededDb"), inject("buildDir"));
  phase1 = lineOf(DEMO_TECHNIQUES.hipHemiarthroplasty.code);
  phase2 = lineOf(DEMO_TECHNIQUES.gastrectomyForCancer.code);
});
afterAll(async () => {
  await browser?.close();
  server?.stop();
});

const account = (username: string) => DEMO_ACCOUNTS.find((a) => a.username === username)!;
const itemUrl = (line: Line) => `/agreements/${line.agreementId}/items/${line.itemId}`;

/** Clicks `selector` (a submit button) and waits for the page's POST; its status. */
async function submit(page: Page, line: Line, selector: string): Promise<number> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === itemUrl(line)),
    page.click(selector),
  ]);
  return response.status();
}

/** A successful action redirects: 302 to a plain form post, 204 with the redirect in a header to a script's fetch. */
const redirected = (status: number) => status === 302 || status === 204;

const scoreOf = async (page: Page) => Number((await page.locator("[data-testid=readiness-score]").innerText()).match(/(\d+)\/100/)![1]);

test("số 3's director confirms a condition and sees readiness move; số 2's move past training waits for phase 1 until it is deferred", async () => {
  expect(phase1).toEqual(expect.objectContaining({ phase: 1, stage: "independent" }));
  expect(phase2).toEqual(expect.objectContaining({ phase: 2, stage: "planned" }));

  // The receiving hospital's director: a suggested condition, then its confirmation.
  const receiving = await signedInPage(browser, server.baseUrl, account("gd.laocai3"));
  await receiving.goto(itemUrl(phase1));
  await receiving.locator("[data-testid=check-suggestions]").waitFor();
  const before = await scoreOf(receiving);
  expect(await receiving.locator("[data-testid=readiness-part-checklist]").innerText()).toContain("0/0");
  expect(await submit(receiving, phase1, "[data-testid=check-suggestions] button:has-text('Trang thiết bị chuyên dụng')")).toSatisfy(redirected);
  await receiving.locator("[data-testid=check]:has-text('Trang thiết bị chuyên dụng')").waitFor();
  expect(await submit(receiving, phase1, "[data-testid=check] button:has-text('Xác nhận đã có')")).toSatisfy(redirected);
  await receiving.locator("[data-testid=check]:has-text('đã xác nhận')").waitFor();
  await expect.poll(() => scoreOf(receiving)).toBe(before + 25);
  expect(await receiving.locator("[data-testid=readiness-part-checklist]").innerText()).toContain("1/1");
  // Số 3 does not manage the agreement: no stage control, no deferral.
  expect(await receiving.locator("#move-to").count()).toBe(0);
  expect(await receiving.locator("#defer-reason").count()).toBe(0);
  await receiving.screenshot({ path: path.join(os.tmpdir(), "readiness-line.png"), fullPage: true });

  // The owner's director: phase 2 up to training, then held by phase 1.
  const owner = await signedInPage(browser, server.baseUrl, account("gd.laocai2"));
  const stageOf = () => query<{ stage: string }>("SELECT stage FROM transfer_items WHERE id = ?", phase2.itemId)[0].stage;
  // Each step from a freshly loaded page, so its form carries the line's current version.
  for (const stage of ["surveyed", "training"]) {
    await owner.goto(itemUrl(phase2));
    await owner.locator("#move-to").waitFor();
    expect(await owner.locator("#move-to").inputValue()).toBe(stage);
    expect(await submit(owner, phase2, "form:has(#move-to) button[type=submit]")).toSatisfy(redirected);
    await expect.poll(stageOf).toBe(stage);
  }
  await owner.goto(itemUrl(phase2));
  await owner.locator("[data-testid=gate-held]").waitFor();
  expect(await owner.locator("[data-testid=gate-held]").innerText()).toContain(DEMO_TECHNIQUES.hipHemiarthroplasty.code);
  expect(await owner.locator("#move-to").inputValue()).toBe("supervised");
  expect(await submit(owner, phase2, "form:has(#move-to) button[type=submit]")).toBe(409);
  const refusal = owner.locator("form:has(#move-to) >> xpath=.. >> [role=alert]");
  await refusal.waitFor();
  expect(await refusal.innerText()).toContain("Giai đoạn 1 của bệnh viện tiếp nhận này chưa xong");
  expect(await refusal.innerText()).toContain(DEMO_TECHNIQUES.hipHemiarthroplasty.code);
  expect(query<{ stage: string }>("SELECT stage FROM transfer_items WHERE id = ?", phase2.itemId)[0].stage).toBe("training");

  // Deferring the open phase-1 line: a reason is required.
  await owner.goto(itemUrl(phase1));
  await owner.locator("#defer-reason").waitFor();
  await owner.fill("#defer-reason", "Chờ bàn mổ chỉnh hình và màn tăng sáng");
  expect(await submit(owner, phase1, "form:has(#defer-reason) button[type=submit]")).toSatisfy(redirected);
  await owner.locator("[data-testid=deferred-badge]").waitFor();
  expect(await owner.locator("[data-testid=deferral]").innerText()).toContain("Chờ bàn mổ chỉnh hình");

  // The same move now goes through.
  await owner.goto(itemUrl(phase2));
  await owner.locator("#move-to").waitFor();
  expect(await owner.locator("[data-testid=gate-held]").count()).toBe(0);
  expect(await submit(owner, phase2, "form:has(#move-to) button[type=submit]")).toSatisfy(redirected);
  await owner.locator("section.card p:has-text('Làm có giám sát')").first().waitFor();
  expect(query<{ stage: string }>("SELECT stage FROM transfer_items WHERE id = ?", phase2.itemId)[0].stage).toBe("supervised");

  // The agreement page: the phase-1 line shows as deferred, readiness by receiving hospital and phase.
  await owner.goto(`/agreements/${phase1.agreementId}`);
  await owner.locator("[data-testid=readiness-phases]").waitFor();
  expect(await owner.locator("[data-testid=plan-table] tr:has([data-testid=line-deferred])").count()).toBe(1);
  expect(await owner.locator("[data-testid=readiness-phases]").innerText()).toContain("giai đoạn 2");
  await owner.screenshot({ path: path.join(os.tmpdir(), "readiness-agreement.png"), fullPage: true });
});
