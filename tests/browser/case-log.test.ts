// The supervised-case log of one plan line through the real page, as the demo trainer of
// Lào Cai số 2 (the supporting hospital of 126/HĐ-BVĐK2), on the epidural-analgesia line to
// Bảo Yên, at a desktop width and on a 390 px phone: the performer list offers only the
// receiving centre's staff whose cadre may perform the technique; the supervisor is chosen
// from the supporting hospital's staff, a typed name only for an outside expert, and anyone
// else is refused next to the field with nothing written; the page counts supervised cases
// per supervisor.
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { DEMO_ACCOUNTS } from "../../seeds/accounts";
import { DEMO_TECHNIQUES } from "../../seeds/demo-techniques";
import { launchBrowser, signInAs, startScratchServer, waitForHydration } from "./browser";

// On a server of its own: the cases logged here would change the line every other file reads.
let browser: Browser;
let server: Awaited<ReturnType<typeof startScratchServer>>;
type Line = { agreementId: number; itemId: number; fromId: number; toId: number; procedureClass: string | null };
let line: Line;

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
  [line] = query<Line>(
    `SELECT ti.agreement_id AS agreementId, ti.id AS itemId, ti.from_facility_id AS fromId, ti.to_facility_id AS toId, t.procedure_class AS procedureClass
       FROM transfer_items ti JOIN agreements a ON a.id = ti.agreement_id JOIN techniques t ON t.id = ti.technique_id
       JOIN facilities f ON f.id = ti.to_facility_id
      WHERE a.number = '126/HĐ-BVĐK2' AND t.code = ? AND f.short_name LIKE '%Bảo Yên%'`,
    DEMO_TECHNIQUES.labourEpidural.code,
  );
});
afterAll(async () => {
  await browser?.close();
  server?.stop();
});

const trainer = DEMO_ACCOUNTS.find((a) => a.username === "daotao.laocai2")!;
const WIDTHS = { desktop: { width: 1366, height: 800 }, phone: { width: 390, height: 844 } };
const OUTSIDE_EXPERT = "GS. Trần Bình (BV Việt Đức)";

async function signIn(viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.baseUrl, viewport, locale: "vi-VN" });
  const page = await context.newPage();
  await signInAs(page, trainer);
  return page;
}

async function optionValues(page: Page, select: string): Promise<number[]> {
  const values = await page.locator(`${select} option`).evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
  return values.filter((v) => v !== "").map(Number).sort((a, b) => a - b);
}

/** Submits the case form; the status of the action's answer. */
async function logCase(page: Page): Promise<number> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === `/agreements/${line.agreementId}/items/${line.itemId}`),
    page.click("form:has(#case-performer) button[type=submit]"),
  ]);
  return response.status();
}

const caseCount = () => query<{ n: number }>("SELECT count(*) AS n FROM case_logs WHERE transfer_item_id = ?", line.itemId)[0].n;
const supervisedBy = (where: string, value: unknown) =>
  query<{ n: number }>(`SELECT count(*) AS n FROM case_logs WHERE transfer_item_id = ? AND supervised = 1 AND ${where}`, line.itemId, value)[0].n;

for (const [name, viewport] of Object.entries(WIDTHS)) {
  test(`the case log offers qualified performers and the supporting hospital's staff as supervisors, refuses an outsider and counts per supervisor (${name})`, async () => {
    const page = await signIn(viewport);
    await page.goto(`/agreements/${line.agreementId}/items/${line.itemId}`);
    await page.locator("#case-performer").waitFor();

    // Epidural analgesia is a class-1 procedure (T1): doctors and assistant doctors perform it,
    // the centre's nurses and its pharmacist do not.
    expect(line.procedureClass).toBe("T1");
    const receiving = query<{ id: number; fullName: string; cadre: string }>("SELECT id, full_name AS fullName, cadre FROM staff WHERE facility_id = ? AND active = 1", line.toId);
    const qualified = receiving.filter((s) => s.cadre === "doctor" || s.cadre === "assistant_doctor");
    expect(qualified.length).toBeGreaterThan(0);
    expect(receiving.length).toBeGreaterThan(qualified.length);
    expect(await optionValues(page, "#case-performer")).toEqual(qualified.map((s) => s.id).sort((a, b) => a - b));

    // Supervisors: exactly the supporting hospital's active staff, none of the receiving centre's.
    const supporting = query<{ id: number; fullName: string }>("SELECT id, full_name AS fullName FROM staff WHERE facility_id = ? AND active = 1 ORDER BY id", line.fromId);
    const supervisorOptions = await optionValues(page, "#case-supervisor");
    expect(supervisorOptions).toEqual(supporting.map((s) => s.id));
    expect(supervisorOptions.some((id) => receiving.some((r) => r.id === id))).toBe(false);

    // A forged choice: a doctor of the receiving centre as supervisor. Refused next to the field.
    const outsider = qualified[0];
    const performer = qualified[qualified.length - 1];
    const before = caseCount();
    await waitForHydration(page, "#case-supervisor");
    await page.evaluate(({ id, label }) => {
      const select = document.querySelector("#case-supervisor") as HTMLSelectElement;
      select.add(new Option(label, String(id)));
    }, { id: outsider.id, label: outsider.fullName });
    await page.selectOption("#case-performer", String(performer.id));
    await page.selectOption("#case-supervisor", String(outsider.id));
    await page.fill("#case-supervisor-name", "");
    expect(await logCase(page)).toBe(400);
    const error = page.locator("form:has(#case-performer) .field-error");
    await expect.poll(() => error.allTextContents()).toContain("Người giám sát phải là cán bộ đang công tác của bên chuyển giao.");
    expect(caseCount()).toBe(before);

    // A supervisor from the list: logged, and counted under their name.
    const supervisor = supporting[viewport.width < 600 ? 1 : 0];
    await page.selectOption("#case-performer", String(performer.id));
    await page.selectOption("#case-supervisor", String(supervisor.id));
    await page.fill("#case-supervisor-name", "");
    await logCase(page);
    await expect.poll(caseCount).toBe(before + 1);
    const supervision = page.getByTestId("supervision");
    await expect.poll(() => supervision.locator("li").allTextContents()).toContain(`${supervisor.fullName}: ${supervisedBy("supervisor_id = ?", supervisor.id)}`);

    // An outside expert by name: counted apart and marked as such, in the table too.
    await page.selectOption("#case-performer", String(performer.id));
    await page.selectOption("#case-supervisor", "");
    await page.fill("#case-supervisor-name", OUTSIDE_EXPERT);
    await logCase(page);
    await expect.poll(caseCount).toBe(before + 2);
    const experts = supervisedBy("supervisor_id IS NULL AND supervisor_name = ?", OUTSIDE_EXPERT);
    await expect.poll(() => supervision.locator("li").allTextContents()).toContain(`${OUTSIDE_EXPERT} (chuyên gia bên ngoài): ${experts}`);
    // The demo's own cases were supervised by the transferring team, typed as one name.
    expect(await supervision.locator("li").allTextContents()).toContain(`Chuyên gia bên chuyển giao (chuyên gia bên ngoài): ${supervisedBy("supervisor_name = ?", "Chuyên gia bên chuyển giao")}`);
    const rows = await page.locator("[data-testid=case-table] tbody tr").allTextContents();
    expect(rows.some((r) => r.includes(performer.fullName) && r.includes(supervisor.fullName))).toBe(true);
    expect(rows.some((r) => r.includes(`${OUTSIDE_EXPERT} (chuyên gia bên ngoài)`))).toBe(true);

    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: path.join(os.tmpdir(), `case-log-${name}.png`), fullPage: true });
    await page.context().close();
  });
}
