// A technique no list names yet, through the real pages: Lào Cai số 2's director records it as
// a new technique and records its start in the ledger; the Lào Cai department finds it on its
// dashboard's "counted apart" line, never among the cross-level figures, opens the list behind
// that line, and goes back to the report on every technique.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { DEMO_ACCOUNTS } from "../../seeds/accounts";
import { launchBrowser, signedInPage, startScratchServer, waitForHydration } from "./browser";

let browser: Browser;
let server: Awaited<ReturnType<typeof startScratchServer>>;
const account = (username: string) => DEMO_ACCOUNTS.find((a) => a.username === username)!;

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startScratchServer(inject("seededDb"), inject("buildDir"));
});
afterAll(async () => {
  await browser?.close();
  server?.stop();
});

test("a new technique started at số 2 shows on the department's counted-apart line, which opens exactly that pair", async () => {
  const director = await signedInPage(browser, server.baseUrl, account("gd.laocai2"));
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

  const department = await signedInPage(browser, server.baseUrl, account("syt.laocai"));
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
