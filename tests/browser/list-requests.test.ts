// A facility director submits technique-list additions with a note; the Lào Cai department
// approves one line and returns the other with its reason; the director sees each line's
// outcome beside the dated thread (its own note kept), corrects the returned line and sends the
// request again. At a hospital desktop and on a 390 px phone, without sideways scrolling.
import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { DEMO_ACCOUNTS } from "../../seeds/accounts";
import { launchBrowser, signInAs, startScratchServer } from "./browser";

// On a server of its own: the approvals move Lào Cai's official figure, which other files read.
let browser: Browser;
let server: Awaited<ReturnType<typeof startScratchServer>>;
let codes: string[] = [];
beforeAll(async () => {
  browser = await launchBrowser();
  server = await startScratchServer(inject("seededDb"), inject("buildDir"));
  codes = freshCodes(4);
});
afterAll(async () => {
  await browser?.close();
  server?.stop();
});

const VIEWPORTS = { desktop: { width: 1366, height: 800 }, phone: { width: 390, height: 844 } } as const;

async function signIn(username: string, viewport: keyof typeof VIEWPORTS): Promise<Page> {
  const a = DEMO_ACCOUNTS.find((x) => x.username === username);
  if (!a) throw new Error(`the demo seed has no account ${username}`);
  const context = await browser.newContext({ baseURL: server.baseUrl, viewport: VIEWPORTS[viewport], locale: "vi-VN" });
  const page = await context.newPage();
  await signInAs(page, a);
  return page;
}

/** Central-level techniques Lào Cai hospital No. 2 has never recorded nor requested. */
function freshCodes(count: number): string[] {
  const db = new Database(server.dbPath, { readonly: true });
  try {
    const { facilityId } = db.prepare("SELECT facility_id AS facilityId FROM users WHERE username = 'gd.laocai2'").get() as { facilityId: number };
    return (
      db
        .prepare(
          `SELECT t.code FROM techniques t WHERE t.min_level = 'A' AND t.retired_on IS NULL AND t.kind = 'listed' AND t.code NOT GLOB '*[A-Za-z_]*'
             AND NOT EXISTS (SELECT 1 FROM adoption_events e WHERE e.technique_id = t.id AND e.facility_id = ?)
             AND NOT EXISTS (SELECT 1 FROM technique_list_request_items i WHERE i.technique_id = t.id)
           ORDER BY t.chapter_number, t.number LIMIT ?`,
        )
        .all(facilityId, count) as { code: string }[]
    ).map((r) => r.code);
  } finally {
    db.close();
  }
}

const noSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

for (const [index, viewport] of (["desktop", "phone"] as const).entries()) {
  test(`${viewport}: the department approves one line and returns the other; the facility keeps its note, sees each outcome and resends the corrected line`, async () => {
    const [approveCode, returnCode] = codes.slice(index * 2, index * 2 + 2);
    expect(returnCode).toBeTruthy();

    // The director submits two techniques with a note.
    const director = await signIn("gd.laocai2", viewport);
    await director.goto("/adoption/requests");
    await director.fill("textarea[name=items]", `${approveCode}\n${returnCode}`);
    await director.fill("textarea[name=comment]", "Đã triển khai sau chuyển giao từ Bệnh viện Bạch Mai.");
    await Promise.all([director.waitForURL(/\/adoption\/requests\/\d+$/), director.click("main form[method=post] button[type=submit]")]);
    const path = new URL(director.url()).pathname;
    await expect.poll(() => director.locator("[data-testid=request-status]").textContent()).toBe("Đã gửi");

    // The department decides line by line.
    const department = await signIn("syt.laocai", viewport);
    await department.goto(path);
    await department.locator("form#decide-lines").waitFor();
    const approveLine = department.locator(`[data-testid=line-decision][data-code="${approveCode}"]`);
    const returnLine = department.locator(`[data-testid=line-decision][data-code="${returnCode}"]`);
    await approveLine.getByLabel("Phê duyệt", { exact: true }).check();
    await returnLine.getByLabel("Trả lại", { exact: true }).check();
    // Without a reason the line is refused next to its field.
    await department.click("form#decide-lines button[type=submit]");
    await expect.poll(() => returnLine.textContent()).toContain("Hãy ghi lý do trả lại dòng này");
    await returnLine.locator("input[type=text]").fill("Thiếu biên bản nghiệm thu và danh sách nhân lực.");
    await department.fill("form#decide-lines input[name=decisionNumber]", "1601/QĐ-SYT");
    await Promise.all([
      department.waitForResponse((r) => r.request().method() === "POST"),
      department.click("form#decide-lines button[type=submit]"),
    ]);
    await department.getByText("Đã lưu quyết định.").waitFor();
    await expect.poll(() => department.locator("[data-testid=request-status]").textContent()).toBe("Trả lại");
    expect(await department.locator(`[data-testid=request-line][data-code="${approveCode}"]`).getAttribute("data-status")).toBe("approved");
    expect(await noSideways(department)).toBe(true);
    if (viewport === "phone") await department.screenshot({ path: "tests/browser/screenshots/list-request-department-390.png", fullPage: true });
    await department.close();

    // The director sees each line's outcome, its own note and the department's reason, each dated.
    await director.goto(path);
    await expect.poll(() => director.locator("[data-testid=request-status]").textContent()).toBe("Trả lại");
    const decidedAt = await director.locator("[data-testid=request-status-at]").getAttribute("datetime");
    const submittedAt = await director.locator("[data-testid=thread-entry][data-kind=submitted] time").getAttribute("datetime");
    expect(decidedAt! > submittedAt!).toBe(true);
    expect(await director.locator(`[data-testid=request-line][data-code="${approveCode}"] [data-testid=line-outcome]`).textContent()).toBe("Đã phê duyệt");
    expect(await director.locator(`[data-testid=request-line][data-code="${returnCode}"] [data-testid=line-reason]`).textContent()).toBe(
      "Thiếu biên bản nghiệm thu và danh sách nhân lực.",
    );
    expect(await director.locator("[data-testid=thread-entry] [data-testid=thread-body]").allTextContents()).toEqual([
      "Đã triển khai sau chuyển giao từ Bệnh viện Bạch Mai.",
      "Thiếu biên bản nghiệm thu và danh sách nhân lực.",
    ]);
    // The correction starts from the returned line only; the approved one stays in the ledger.
    expect((await director.inputValue("form#resubmit textarea[name=items]")).trim()).toBe(returnCode);
    expect(await noSideways(director)).toBe(true);
    if (viewport === "phone") await director.screenshot({ path: "tests/browser/screenshots/list-request-facility-390.png", fullPage: true });
    await director.fill("form#resubmit textarea[name=note]", "Đã bổ sung biên bản nghiệm thu.");
    await Promise.all([director.waitForResponse((r) => r.request().method() === "POST"), director.click("form#resubmit button[type=submit]")]);
    await expect.poll(() => director.locator("[data-testid=request-status]").textContent()).toBe("Đã gửi");
    expect(await director.locator(`[data-testid=request-line][data-code="${returnCode}"]`).getAttribute("data-status")).toBe("pending");
    expect(await director.locator(`[data-testid=request-line][data-code="${approveCode}"]`).getAttribute("data-status")).toBe("approved");
    expect(await director.locator("[data-testid=thread-entry]").evaluateAll((els) => els.map((e) => e.getAttribute("data-kind")))).toEqual([
      "submitted",
      "approved",
      "returned",
      "resubmitted",
    ]);
    await director.close();
  });
}
