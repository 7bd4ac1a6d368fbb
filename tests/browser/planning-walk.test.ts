// The planning chain end to end through the real pages, on the demo: a gap of Lào Cai số 3
// becomes a plan line of 126/HĐ-BVĐK2 (số 2's director), số 2's trainer sends a performer on a
// refresher-length rotation for it, the director walks the line through its stages with the
// supervised cases and accepts it, and the health department finds the pair among the figures the
// agreement contributed to, in the drill-down behind that figure, and in the pair's story.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { DEMO_ACCOUNTS } from "../../seeds/accounts";
import { launchBrowser, signedInPage, startScratchServer, queryFile } from "./browser";

// On a server of its own: every step writes.
let browser: Browser;
let server: Awaited<ReturnType<typeof startScratchServer>>;
let no2: number;
let no3: number;
let agreementId: number;

const query = <T>(sql: string, ...params: unknown[]): T[] => queryFile<T>(server.dbPath, sql, ...params);

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startScratchServer(inject("seededDb"), inject("buildDir"));
  [{ id: no2 }] = query<{ id: number }>("SELECT id FROM facilities WHERE code = 'LC-BVDK2'");
  [{ id: no3 }] = query<{ id: number }>("SELECT id FROM facilities WHERE code = 'LC-BVDK3'");
  [{ id: agreementId }] = query<{ id: number }>("SELECT id FROM agreements WHERE number = '126/HĐ-BVĐK2'");
});
afterAll(async () => {
  await browser?.close();
  server?.stop();
});

const account = (username: string) => DEMO_ACCOUNTS.find((a) => a.username === username)!;
const isoPlusDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Submits with `selector` and waits for the POST to `pathname`; its status. */
async function submit(page: Page, pathname: string, selector: string): Promise<number> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === pathname),
    page.click(selector),
  ]);
  return response.status();
}
const redirected = (status: number) => status === 302 || status === 204;

test("gap → plan line → rotation → stages and cases → acceptance → the figure, its drill-down and the pair's story", async () => {
  // 1. The gap becomes a plan line in one step.
  const director = await signedInPage(browser, server.baseUrl, account("gd.laocai2"));
  await director.goto(`/agreements/${agreementId}`);
  await director.getByTestId("party-gaps").first().waitFor();
  await director.goto(`/planning/gaps?facility=${no3}`);
  const BUTTON = "Thêm vào kế hoạch 126/HĐ-BVĐK2";
  const gap = director.getByTestId("gap-line").filter({ has: director.getByRole("button", { name: BUTTON }) }).first();
  await gap.waitFor();
  const code = (await gap.getAttribute("data-code"))!;
  await gap.getByRole("button", { name: BUTTON }).click();
  await director.getByTestId("gap-added").waitFor();
  const [line] = query<{ id: number; techniqueId: number; requiredCases: number; chapter: number }>(
    `SELECT ti.id, ti.technique_id AS techniqueId, ti.required_cases AS requiredCases, t.chapter_number AS chapter
       FROM transfer_items ti JOIN techniques t ON t.id = ti.technique_id
      WHERE ti.agreement_id = ? AND ti.to_facility_id = ? AND t.code = ?`,
    agreementId,
    no3,
    code,
  );
  expect(line).toBeDefined();
  const itemPath = `/agreements/${agreementId}/items/${line.id}`;

  // 2. Số 2's trainer sends someone who performs the technique, for two weeks within the agreement.
  const trainer = await signedInPage(browser, server.baseUrl, account("daotao.laocai2"));
  const [performer] = query<{ id: number }>(
    "SELECT s.id FROM staff s JOIN staff_techniques st ON st.staff_id = s.id WHERE s.facility_id = ? AND st.technique_id = ? AND s.active = 1 ORDER BY s.id",
    no2,
    line.techniqueId,
  );
  expect(performer).toBeDefined();
  const start = isoPlusDays(10);
  const end = isoPlusDays(23);
  await trainer.goto(`/rotations/new?from=${no2}&to=${no3}&agreement=${agreementId}&item=${line.id}&start=${start}&end=${end}`);
  await trainer.locator("select[name=staffId]").selectOption(String(performer.id));
  expect(await trainer.locator(`input[name=transferItemIds][value="${line.id}"]`).isChecked()).toBe(true);
  await trainer.locator("input[name=shortTerm]").check();
  await trainer.fill("input[name=shortTermReason]", "Chuyển giao kỹ thuật từ ma trận còn thiếu");
  // Số 2 and số 3 are both provincial (level B): a sideways placement states its purpose.
  await trainer.fill("[name=directionPurpose]", "Hỗ trợ bệnh viện cùng tuyến theo phân công chỉ đạo tuyến");
  await trainer.getByRole("button", { name: "Lưu" }).click();
  const saved = await trainer.waitForURL(/\/rotations\/\d+$/, { timeout: 10_000 }).then(() => true, () => false);
  // Saved, or the refusal's messages show in the failure.
  expect(saved ? [] : await trainer.locator("[role=alert]").allTextContents()).toEqual([]);
  const rotationId = Number(new URL(trainer.url()).pathname.split("/").pop());
  expect(query<{ n: number }>("SELECT count(*) AS n FROM rotation_items WHERE rotation_id = ? AND transfer_item_id = ?", rotationId, line.id)[0].n).toBe(1);
  await trainer.context().close();

  // 3. The director moves the line to supervised, logs the required cases, then to independent.
  const stageOf = () => query<{ stage: string }>("SELECT stage FROM transfer_items WHERE id = ?", line.id)[0].stage;
  /** One step forward from a freshly loaded page (its form carries the line's current version). */
  async function moveTo(stage: string) {
    await director.goto(itemPath);
    await director.locator("#move-to").waitFor();
    expect(await director.locator("#move-to").inputValue()).toBe(stage);
    const status = await submit(director, itemPath, "form:has(#move-to) button[type=submit]");
    expect(redirected(status) ? [] : await director.locator("[role=alert]").allTextContents()).toEqual([]);
    await expect.poll(stageOf).toBe(stage);
  }
  for (const stage of ["surveyed", "training", "supervised"]) await moveTo(stage);
  await director.goto(itemPath);
  for (let i = 0; i < line.requiredCases; i++) {
    await director.goto(itemPath);
    await director.locator("#case-performer").waitFor();
    await director.locator("#case-performer").selectOption({ index: 1 });
    await director.locator("#case-supervisor").selectOption({ index: 1 });
    expect(await submit(director, itemPath, "form:has(#case-performer) button[type=submit]")).toSatisfy(redirected);
  }
  await expect.poll(() => query<{ n: number }>("SELECT count(*) AS n FROM case_logs WHERE transfer_item_id = ? AND supervised = 1", line.id)[0].n).toBe(line.requiredCases);
  await moveTo("independent");

  // 4. The acceptance, with minutes and a team member of số 3.
  await director.goto(itemPath);
  await director.fill("#accept-minutes", "NT-01/BVĐK3");
  await director.locator("input[name=staffIds]").first().check();
  expect(await submit(director, itemPath, "button:has-text('Ghi nhận nghiệm thu')")).toSatisfy(redirected);
  await expect.poll(() => query<{ stage: string }>("SELECT stage FROM transfer_items WHERE id = ?", line.id)[0].stage).toBe("accepted");
  await director.context().close();

  // 5. The department finds the pair among the agreement's contributions, behind the figure and in its story.
  const officer = await signedInPage(browser, server.baseUrl, account("syt.laocai"));
  await officer.goto(`/agreements/${agreementId}/figures`);
  const storyPath = `/reports/pairs/${no3}/${line.techniqueId}`;
  const pair = officer.locator(`[data-testid=figures-pair]:has([data-testid=story-link][href^="${storyPath}"])`);
  await pair.waitFor();
  const figureHref = (await pair.getByTestId("figure-link").first().getAttribute("href"))!;
  const storyHref = (await pair.getByTestId("story-link").getAttribute("href"))!;
  await officer.goto(figureHref);
  const row = officer.locator(`[data-testid=pair-row]:has([data-testid=pair-story][href^="${storyPath}"])`);
  await row.waitFor();
  expect(await row.getByTestId("pair-origin").textContent()).toBe("Theo hợp đồng 126/HĐ-BVĐK2");
  await officer.goto(storyHref);
  const items = officer.getByTestId("story-item");
  await items.first().waitFor();
  const kinds = await items.evaluateAll((els) => els.map((e) => e.getAttribute("data-kind")));
  expect(kinds).toEqual(expect.arrayContaining(["agreement", "planLine", "rotation", "case", "acceptance", "ledger"]));
  expect(await officer.locator("[data-testid=story-state] [data-testid=pair-origin]").textContent()).toBe("Theo hợp đồng 126/HĐ-BVĐK2");
  expect(line.chapter).toBeGreaterThan(0);
  await officer.context().close();
});
