// The rotation solver from the trainer's side, as Lào Cai số 2's trainer: plan next year from the
// rotations list, get a draft serving 126/HĐ-BVĐK2's lines, read why 13.47 and 12.201 are left
// unserved, adopt part of the draft (the rotations appear as planned on the board, beside the
// draft's hatched proposals, and in the rotation list), mark the adopted 13.19 performer
// unavailable on the staff page, and re-plan: the new draft releases that rotation and no
// confirmed rotation moves. The plan page is saved in both languages and at phone width (in the
// system's temporary folder, not the committed screenshots). Runs on its own server: it writes.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { DEMO_ACCOUNTS } from "../../seeds/accounts";
import { launchBrowser, queryFile, signInAs, startScratchServer } from "./browser";

const trainer = DEMO_ACCOUNTS.find((a) => a.username === "daotao.laocai2");
if (!trainer) throw new Error("the demo seed has no Lào Cai số 2 trainer");

const SHOTS = process.env.PLAN_SCREENSHOTS ?? path.join(os.tmpdir(), "rotation-plan-screenshots");

let browser: Browser;
let server: Awaited<ReturnType<typeof startScratchServer>>;
beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  server = await startScratchServer(inject("seededDb"), inject("buildDir"));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  server?.stop();
});

async function signedIn(width = 1366): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.baseUrl, viewport: { width, height: 900 }, locale: "vi-VN" });
  const page = await context.newPage();
  await signInAs(page, trainer!);
  return page;
}

type Confirmed = { id: number; start_on: string; end_on: string; version: number };
const confirmedRotations = () =>
  queryFile<Confirmed>(
    server.dbPath,
    `select r.id, r.start_on, r.end_on, r.version from rotations r join users u on u.facility_id = r.from_facility_id
      where u.username = 'daotao.laocai2' and r.status = 'confirmed' order by r.id`,
  );

test("plan next year, read the unserved lines, adopt part, mark a person unavailable, re-plan", async () => {
  const page = await signedIn();
  const confirmedBefore = confirmedRotations();
  const nextYear = Number(new Date().toISOString().slice(0, 4)) + 1;

  // From the rotations list to the plan form: every open line ticked, grouped by agreement.
  await page.goto("/rotations");
  await page.getByRole("link", { name: "Lập kế hoạch tự động" }).click();
  await page.getByTestId("plan-lines").waitFor();
  const agreementGroup = page.getByTestId("plan-lines").locator("fieldset", { hasText: "126/HĐ-BVĐK2" });
  for (const code of ["13.19", "13.47", "10.930", "12.201", "10.12", "10.10"]) {
    await expect.poll(() => agreementGroup.locator("label", { hasText: `${code} –` }).locator("input").isChecked()).toBe(true);
  }
  await page.screenshot({ path: path.join(SHOTS, "plan-form.png"), fullPage: true });
  await page.locator("select[name=firstMonth]").selectOption(`${nextYear}-01`);
  await page.fill("input[name=months]", "12");
  await page.getByTestId("plan-submit").click();
  await page.waitForURL(/\/rotations\/plan\/\d+$/, { timeout: 60_000 });
  await page.getByTestId("plan-proposals").waitFor();
  const planUrl = new URL(page.url()).pathname;

  // The draft serves the lines someone performs; 13.47 and 12.201 say why they are not.
  const proposals = page.getByTestId("plan-proposals");
  for (const code of ["13.19", "10.930", "10.12", "10.10"]) await expect.poll(() => proposals.getByText(code, { exact: false }).count()).toBeGreaterThan(0);
  for (const code of ["13.47", "12.201"]) {
    const line = page.locator(`[data-testid=unserved-line][data-code="${code}"]`);
    await expect.poll(() => line.textContent()).toContain(`tự thực hiện được kỹ thuật ${code}`);
  }
  await expect.poll(() => page.getByTestId("plan-what-ifs").textContent()).toContain("13.47");

  // Screenshots: Vietnamese, English, phone width.
  await page.screenshot({ path: path.join(SHOTS, "plan-vi.png"), fullPage: true });
  const english = await signedIn();
  await english.request.post("/locale", { form: { locale: "en", redirectTo: planUrl }, maxRedirects: 0 });
  await english.goto(planUrl);
  await expect.poll(() => english.locator("h1").textContent()).toContain("Rotation plan");
  await expect.poll(() => english.locator('[data-testid=unserved-line][data-code="13.47"]').textContent()).toContain("performs 13.47 independently");
  await english.screenshot({ path: path.join(SHOTS, "plan-en.png"), fullPage: true });
  const phone = await signedIn(390);
  await phone.goto(planUrl);
  await phone.getByTestId("plan-proposals").waitFor();
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await phone.screenshot({ path: path.join(SHOTS, "plan-phone.png"), fullPage: true });

  // Adopt the 13.19 performer's and the 10.930 performer's proposals only.
  const person = (name: string) => page.getByTestId("plan-person").filter({ has: page.locator("h3", { hasText: name }) });
  await person("Nguyễn Đức Nam").locator("input[type=checkbox]").first().check();
  await person("Lý Minh Nam").locator("input[type=checkbox]").first().check();
  await page.getByRole("button", { name: "Áp dụng đề xuất đã chọn" }).click();
  await page.getByTestId("plan-done").waitFor();
  await expect.poll(() => person("Nguyễn Đức Nam").locator("[data-testid=plan-entry][data-status=adopted]").count()).toBe(1);
  const adopted = queryFile<{ id: number; staff: string; status: string; start_on: string; end_on: string }>(
    server.dbPath,
    `select r.id, s.full_name as staff, r.status, r.start_on, r.end_on from rotation_plan_entries e join rotations r on r.id = e.rotation_id
      join staff s on s.id = r.staff_id where e.status = 'adopted' order by r.id`,
  );
  expect(adopted.map((r) => [r.staff, r.status]).sort()).toEqual([
    ["Lý Minh Nam", "planned"],
    ["Nguyễn Đức Nam", "planned"],
  ]);

  // The board: the adopted rotations as rotations, the rest of the draft hatched with its legend.
  await page.getByTestId("plan-board-link").click();
  await page.getByTestId("board-draft").waitFor();
  await expect.poll(() => page.getByTestId("draft-bar").count()).toBeGreaterThan(0);
  await expect.poll(() => page.getByTestId("legend-draft").isVisible()).toBe(true);
  for (const r of adopted) await expect.poll(() => page.locator(`a[data-rotation="${r.id}"]`).count()).toBe(1);
  await page.screenshot({ path: path.join(SHOTS, "board-draft.png"), fullPage: true });
  await phone.goto(new URL(page.url()).pathname + new URL(page.url()).search);
  await phone.getByTestId("board-draft").waitFor();
  await phone.screenshot({ path: path.join(SHOTS, "board-draft-phone.png"), fullPage: true });
  // The rotation list shows them as planned.
  await page.goto("/rotations?status=planned&q=Nguyen Duc Nam");
  await expect.poll(() => page.locator("body").textContent()).toContain("Nguyễn Đức Nam");

  // The 13.19 performer falls ill over the adopted rotation (the staff page's section).
  const nam = adopted.find((r) => r.staff === "Nguyễn Đức Nam")!;
  const staffId = queryFile<{ id: number }>(server.dbPath, "select staff_id as id from rotations where id = ?", nam.id)[0].id;
  await page.goto(`/staff/${staffId}`);
  const form = page.getByTestId("unavailability-form");
  await form.waitFor();
  await form.locator("select[name=kind]").selectOption("sick");
  await form.locator("input[name=startOn]").fill(nam.start_on);
  await form.locator("input[name=endOn]").fill(nam.end_on);
  await page.getByTestId("unavailability-submit").click();
  await page.getByTestId("unavailability-done").waitFor();

  // Re-plan: a new draft that releases that rotation; nothing confirmed moved, the other adopted rotation stays.
  await page.goto(planUrl);
  await page.getByTestId("plan-replan").getByRole("button").click();
  await page.waitForURL((url) => /\/rotations\/plan\/\d+$/.test(url.pathname) && url.pathname !== planUrl, { timeout: 60_000 });
  await page.getByTestId("plan-released").waitFor();
  await expect.poll(() => page.getByTestId("plan-released").textContent()).toContain("Nguyễn Đức Nam");
  await expect.poll(() => page.getByTestId("plan-kept").count()).toBe(1);
  expect(confirmedRotations()).toEqual(confirmedBefore);
  const minh = adopted.find((r) => r.staff === "Lý Minh Nam")!;
  expect(queryFile<{ start_on: string; end_on: string; status: string }>(server.dbPath, "select start_on, end_on, status from rotations where id = ?", minh.id)).toEqual([
    { start_on: minh.start_on, end_on: minh.end_on, status: "planned" },
  ]);
  await page.screenshot({ path: path.join(SHOTS, "plan-replanned.png"), fullPage: true });
}, 240_000);
