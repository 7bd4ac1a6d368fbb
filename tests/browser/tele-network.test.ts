// Remote support on the demo: the director of Lào Cai số 2 opens /tele, sees its spokes by
// specialty, links Lào Cai số 3 in internal medicine, downloads the hub's calendar file (one
// weekly event with its RRULE), and finds số 2 and Bạch Mai as hubs in the network's
// remote-support layer, at desktop and phone width. On a server of its own (it writes).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { DEMO_ACCOUNTS } from "../../seeds/accounts";
import { launchBrowser, queryFile, signedInPage, startScratchServer } from "./browser";

let browser: Browser;
let server: Awaited<ReturnType<typeof startScratchServer>>;
beforeAll(async () => {
  server = await startScratchServer(inject("seededDb"), inject("buildDir"));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  server?.stop();
});

test("a hub director links a spoke, downloads the calendar, and sees both hubs on the network", async () => {
  const director = DEMO_ACCOUNTS.find((a) => a.username === "gd.laocai2")!;
  const [hub] = queryFile<{ id: number }>(server.dbPath, "select id from facilities where code = 'LC-BVDK2'");
  const [spoke] = queryFile<{ id: number }>(server.dbPath, "select id from facilities where code = 'LC-BVDK3'");
  const page = await signedInPage(browser, server.baseUrl, director, { acceptDownloads: true });
  await page.goto("/tele");
  const section = page.getByTestId(`hub-${hub.id}`);
  await expect.poll(() => section.textContent()).toContain("Trung tâm Y tế khu vực Bảo Thắng");
  expect(await section.getByTestId("tele-link-row").count()).toBe(8);

  await page.getByTestId("new-link").click();
  const spokeSelect = page.locator("#tele-link-spokeFacilityId");
  await spokeSelect.waitFor();
  await spokeSelect.selectOption(String(spoke.id));
  await page.locator("#tele-link-chapterNumber").selectOption("2");
  await page.getByTestId("link-submit").click();
  await expect.poll(() => page.url()).toContain(`/tele?hub=${hub.id}`);
  await expect.poll(() => page.getByTestId(`hub-${hub.id}`).getByTestId("tele-link-row").count()).toBe(9);
  const rows = queryFile<{ n: number }>(server.dbPath, "select count(*) as n from tele_links where hub_facility_id = ? and spoke_facility_id = ? and chapter_number = 2", hub.id, spoke.id);
  expect(rows[0].n).toBe(1);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId(`hub-calendar-${hub.id}`).click()]);
  expect(download.suggestedFilename()).toMatch(/\.ics$/);
  const saved = path.join(os.tmpdir(), `tele-hub-${process.pid}.ics`);
  await download.saveAs(saved);
  const ics = fs.readFileSync(saved, "utf8");
  fs.rmSync(saved, { force: true });
  expect(ics).toContain("RRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL=");
  expect(ics).toContain("DTSTART:");

  await page.goto("/network");
  const table = page.getByTestId("tele-layer-table");
  await expect.poll(() => table.textContent()).toContain("Bệnh viện Bạch Mai");
  expect(await table.textContent()).toContain("Bệnh viện Đa khoa tỉnh Lào Cai số 2");
  expect(await page.getByTestId("tele-legend").isVisible()).toBe(true);
  expect(await page.getByTestId("tele-layer-edges").locator("path").count()).toBeGreaterThan(0);
  const shots = process.env.TELE_SCREENSHOTS;
  if (shots) await page.screenshot({ path: path.join(shots, "network.png"), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/tele");
  await page.getByTestId(`hub-${hub.id}`).waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  if (shots) await page.screenshot({ path: path.join(shots, "tele-phone.png"), fullPage: true });
  await page.close();
});
