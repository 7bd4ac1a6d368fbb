// Done-when test of the adoption issue on the seeded demo: the Lào Cai department sees the
// published headline figures, drills into them, approves a facility's addition and sees the
// official figure move; Bắc Ninh's electronic-records target reads 103.7%, and a target the
// department sets can be corrected and deleted. Last, a technique no list names yet: số 2's
// director records it and its start through the pages, and the department finds it on the
// dashboard's "counted apart" line (never among the cross-level figures), opens the list behind
// that line and goes back to the report on every technique.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { DEMO_ACCOUNTS } from "../../seeds/accounts";
import { launchBrowser, signedInPage, startScratchServer, waitForHydration } from "./browser";

const account = (username: string) => {
  const a = DEMO_ACCOUNTS.find((x) => x.username === username);
  if (!a) throw new Error(`the demo seed has no account ${username}`);
  return a;
};

// On a server of its own: approving a request moves the figures other files read.
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

function signIn(username: string): Promise<Page> {
  return signedInPage(browser, server.baseUrl, account(username));
}

/** "1.268" (vi-VN) -> 1268 */
const toNumber = (text: string | null) => Number((text ?? "").replace(/[^\d]/g, ""));

test("the Lào Cai department dashboard reads +1,268 and 4,028, and each drills down to exactly that many pairs", async () => {
  const page = await signIn("syt.laocai");
  await page.goto("/department");
  await expect.poll(() => page.locator("[data-testid=headline]").textContent()).toContain("1.268");
  expect(await page.locator("[data-testid=headline]").textContent()).toContain(
    "So với năm 2020, các bệnh viện tuyến tỉnh tăng thêm 1.268 kỹ thuật vượt tuyến; các đơn vị tuyến khu vực và cơ sở thực hiện 4.028 kỹ thuật vượt tuyến.",
  );
  await page.click("[data-testid=provincial-added]");
  await page.waitForURL(/\/reports\/pairs/);
  expect(toNumber(await page.locator("[data-testid=drill-total]").textContent())).toBe(1268);
  expect(await page.locator("[data-testid=pair-row]").count()).toBe(50);

  await page.goto("/department");
  await page.click("[data-testid=regional-performing]");
  await page.waitForURL(/\/reports\/pairs/);
  expect(toNumber(await page.locator("[data-testid=drill-total]").textContent())).toBe(4028);
  await page.close();
});

test("Bắc Ninh's electronic-records target shows 56 of 54 = 103.7%", async () => {
  const page = await signIn("syt.bacninh");
  await page.goto("/targets");
  const row = page.locator("[data-testid=target-row]", { hasText: "bệnh án điện tử" });
  expect(await row.locator("[data-testid=target-achievement]").textContent()).toContain("56/54 = 103,7%");
  await page.close();
});

test("the department approves a facility's addition and the official figure goes up", async () => {
  const page = await signIn("syt.laocai");
  await page.goto("/department");
  const before = toNumber(await page.locator("[data-testid=provincial-added]").textContent());
  await page.goto("/adoption/requests?status=submitted");
  await page.locator("table a").first().click();
  await page.waitForURL(/\/adoption\/requests\/\d+/);
  await page.locator("form#decision-approve").waitFor();
  const items = await page.locator("tbody tr").count();
  expect(items).toBeGreaterThan(0);
  await page.fill("form#decision-approve input[name=decisionNumber]", "1520/QĐ-SYT");
  await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.click("form#decision-approve button[type=submit]")]);
  await expect.poll(() => page.locator("[data-testid=request-status]").textContent()).toBe("Đã phê duyệt");
  await page.goto("/department");
  expect(toNumber(await page.locator("[data-testid=provincial-added]").textContent())).toBe(before + items);
  await page.close();
});

test("the department corrects a target it set, removes a wrong value and deletes the target after confirming", async () => {
  const page = await signIn("syt.bacninh");
  await page.goto("/targets");
  await page.fill("input[name=title]", "Thử sửa và xóa chỉ tiêu");
  await page.selectOption("select[name=indicator]", "manual_count");
  await page.fill("input[name=targetValue]", "10");
  await Promise.all([page.waitForURL(/\/targets\/\d+$/), page.click("button[value=save]")]);
  const path = new URL(page.url()).pathname;
  await page.fill("input[name=value]", "30");
  await page.click("button[value=addMeasurement]");
  await expect.poll(() => page.locator("[data-testid=target-percent]").textContent()).toBe("300%");

  // Both removals ask in a dialog first (the shared ConfirmButton); confirming posts once.
  await page.waitForFunction(() => document.querySelector("button[data-confirm][aria-haspopup=dialog]"));
  await page.locator("[data-testid=measurement]").getByRole("button", { name: /^Xóa số liệu ngày/ }).click();
  await Promise.all([
    page.waitForURL((url) => url.searchParams.has("removed")),
    page.locator("dialog[open]").getByRole("button", { name: "Xóa số liệu", exact: true }).click(),
  ]);
  await expect.poll(() => page.locator("[data-testid=measurement]").count()).toBe(0);

  await page.click("text=Sửa chỉ tiêu");
  await page.waitForURL(`${path}/edit`);
  await page.fill("input[name=targetValue]", "0");
  await page.click("button[value=save]");
  await expect.poll(() => page.locator("main").textContent()).toContain("Giá trị chỉ tiêu phải lớn hơn 0.");
  await page.fill("input[name=targetValue]", "20");
  await Promise.all([page.waitForURL((url) => url.searchParams.has("saved")), page.click("button[value=save]")]);
  await expect.poll(() => page.locator("[data-testid=target-percent]").textContent()).toBe("0%");

  await page.goto(`${path}/edit`);
  await page.waitForFunction(() => document.querySelector("button[data-confirm][aria-haspopup=dialog]"));
  await page.locator("main").getByRole("button", { name: "Xóa chỉ tiêu", exact: true }).click();
  await Promise.all([
    page.waitForURL((url) => url.searchParams.has("deleted")),
    page.locator("dialog[open]").getByRole("button", { name: "Xóa chỉ tiêu", exact: true }).click(),
  ]);
  // The URL changes before the list renders: wait for its message, then read the list.
  await expect.poll(() => page.locator("[role=status]").textContent()).toBe("Đã xóa chỉ tiêu.");
  expect(await page.locator("[data-testid=target-row]", { hasText: "Thử sửa và xóa" }).count()).toBe(0);
  await page.close();
});

test("a new technique started at số 2 shows on the department's counted-apart line, which opens exactly that pair", async () => {
  const director = await signIn("gd.laocai2");
  await director.goto("/techniques/new");
  await waitForHydration(director, 'input[name="name"]');
  await director.locator('input[name="name"]').fill("Liệu pháp tế bào CAR-T điều trị bạch cầu cấp");
  await director.locator('select[name="chapterNumber"]').selectOption({ index: 1 });
  await director.locator('input[name="permissionDecision"]').fill("123/QĐ-BYT");
  await director.locator('input[name="transferringPartner"]').fill("Viện Huyết học");
  await director.getByRole("button", { name: "Ghi nhận", exact: true }).click();
  const recorded = director.getByRole("status").filter({ hasText: "Đã ghi nhận với mã" });
  await recorded.waitFor();
  const code = /KTM-\d+/.exec((await recorded.textContent())!)![0];

  await director.goto("/adoption");
  await waitForHydration(director, 'input[name="techniqueCode"]');
  await director.locator('input[name="techniqueCode"]').fill(code);
  await director.getByRole("button", { name: "Lưu", exact: true }).click();
  await director.getByRole("status").filter({ hasText: "Đã lưu." }).waitFor();
  await director.context().close();

  const department = await signIn("syt.laocai");
  await department.goto("/department");
  const line = department.getByTestId("counted-apart");
  expect(await line.textContent()).toContain("1 kỹ thuật mới");
  await line.getByTestId("counted-apart-link").click();
  await department.waitForURL(/\/reports\/pairs\?.*measure=apart/);
  await expect.poll(() => department.getByTestId("drill-total").textContent()).toContain("1 cặp");
  expect(await department.getByTestId("drill-apart").textContent()).toContain("không bao giờ tính là vượt tuyến");
  const table = department.locator("table");
  expect(await table.textContent()).toContain(code);
  expect(await table.textContent()).toContain("Lào Cai số 2");

  await department.getByRole("link", { name: "Quay lại báo cáo" }).click();
  await department.waitForURL(/\/reports\?.*measure=all/);
  expect(await department.locator('select[name="measure"]').inputValue()).toBe("all");
  await department.context().close();
});
