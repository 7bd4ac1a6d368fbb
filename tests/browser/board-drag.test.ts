// Dragging rotations on the board, as Lào Cai số 2's trainer: with the mouse on a desktop and
// with a finger on a 390 px phone. A bar moved a month shows its would-be dates while it is
// dragged, the new dates after the drop and an undo that puts them back; a bar shrunk below
// the three-month minimum is refused with the form's message and snaps back. Runs on its own
// server: the moves change the data other files read.
import os from "node:os";
import path from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { draggedRange } from "~/models/rotations/board";
import { DEMO_ACCOUNTS } from "../../seeds/accounts";
import { launchBrowser, signInAs, startScratchServer } from "./browser";

const trainer = DEMO_ACCOUNTS.find((a) => a.username === "daotao.laocai2");
if (!trainer) throw new Error("the demo seed has no Lào Cai số 2 trainer");

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

async function signedIn(width: number, touch: boolean): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.baseUrl, viewport: { width, height: 900 }, locale: "vi-VN", hasTouch: touch, isMobile: touch });
  const page = await context.newPage();
  await signInAs(page, trainer!);
  return page;
}

const ddmmyyyy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const dates = (bar: Locator) => bar.evaluate((a) => ({ start: a.getAttribute("data-start")!, end: a.getAttribute("data-end")!, style: (a as HTMLElement).style.cssText }));

/**
 * The year board (this year's or the next) showing the trainer's latest planned rotation that
 * they may drag and whose end is on that board, and its bar. The latest one is the demo's
 * support visit three months ahead, under no agreement, so a month later breaks no rule.
 */
async function boardWithMovableBar(page: Page): Promise<{ bar: Locator; id: string }> {
  const thisYear = new Date().getUTCFullYear();
  let best: { id: string; start: string; year: number } | null = null;
  for (const year of [thisYear, thisYear + 1]) {
    await page.goto(`/rotations/board?period=year&from=${year}-01-01`);
    // Bars become draggable once the page has hydrated.
    await page.locator("a[data-movable]").first().waitFor({ timeout: 15_000 }).catch(() => undefined);
    const found = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLAnchorElement>("a[data-movable]")]
        .filter((a) => a.querySelector("[data-handle=end]") && a.querySelector("[data-handle=move]"))
        .map((a) => ({ id: a.dataset.rotation!, start: a.dataset.start! })),
    );
    for (const f of found) if (!best || f.start > best.start) best = { ...f, year };
  }
  if (!best) throw new Error("no movable rotation on this year's or next year's board");
  await page.goto(`/rotations/board?period=year&from=${best.year}-01-01`);
  const bar = page.locator(`a[data-rotation="${best.id}"][data-movable]`);
  await bar.waitFor();
  return { bar, id: best.id };
}

/** A finger on the element's centre dragged `dx` pixels, as Chromium's touch input (pointer events with pointerType touch). */
async function touchDrag(page: Page, target: Locator, dx: number, check?: () => Promise<void>) {
  await target.scrollIntoViewIfNeeded();
  const box = (await target.boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x, y }] });
  for (let i = 1; i <= 8; i += 1) await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ x: x + (dx * i) / 8, y }] });
  if (check) await check();
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  await cdp.detach();
}

async function mouseDrag(page: Page, from: { x: number; y: number }, dx: number, check?: () => Promise<void>) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + dx, from.y, { steps: 8 });
  if (check) await check();
  await page.mouse.up();
}

for (const { width, touch } of [
  { width: 1366, touch: false },
  { width: 390, touch: true },
]) {
  test(`a trainer drags a rotation a month later, undoes it, and a drag below the minimum snaps back (${width} px, ${touch ? "touch" : "mouse"})`, async () => {
    const page = await signedIn(width, touch);
    const { bar, id } = await boardWithMovableBar(page);
    const before = await dates(bar);
    // The staff member's name opens the bar's description ("name: from → to · dates · …").
    const name = (await bar.getAttribute("aria-label"))!.split(":")[0];
    const track = bar.locator("xpath=ancestor::*[@data-track][1]");
    const month = (await track.boundingBox())!.width / 12;
    const expected = draggedRange(before, "move", 1, "month");
    const notice = page.getByTestId("board-notice");

    // Move: the whole bar with the mouse, the grip with a finger; the would-be dates show meanwhile.
    const preview = async () => {
      await expect.poll(() => page.getByTestId("drag-preview").textContent()).toBe(`${ddmmyyyy(expected.start)} – ${ddmmyyyy(expected.end)}`);
      await page.screenshot({ path: path.join(os.tmpdir(), `board-drag-preview-${width}.png`) });
    };
    if (touch) {
      await touchDrag(page, bar.locator("[data-handle=move]"), month, preview);
    } else {
      const box = (await bar.boundingBox())!;
      await mouseDrag(page, { x: box.x + box.width / 2, y: box.y + box.height / 2 }, month, preview);
    }
    await expect.poll(() => notice.textContent()).toContain(`Đã dời đợt luân phiên ${name} → `);
    expect(await notice.textContent()).toContain(`sang ${ddmmyyyy(expected.start)}–${ddmmyyyy(expected.end)}`);
    await expect.poll(async () => (await dates(bar)).start).toBe(expected.start);
    expect((await dates(bar)).end).toBe(expected.end);
    // The drop did not follow the link.
    expect(new URL(page.url()).pathname).toBe("/rotations/board");
    await page.screenshot({ path: path.join(os.tmpdir(), `board-drag-moved-${width}.png`) });

    // Undo puts the old dates back (through the same rules) and says so.
    await notice.getByRole("button", { name: "Hoàn tác" }).click();
    await expect.poll(() => notice.textContent()).toContain(`Đã hoàn tác: đợt luân phiên ${name} → `);
    expect(await notice.textContent()).toContain(`trở lại ${ddmmyyyy(before.start)}–${ddmmyyyy(before.end)}.`);
    await expect.poll(async () => (await dates(bar)).start).toBe(before.start);
    expect((await dates(bar)).end).toBe(before.end);

    // Shrinking the three-month rotation by two months is refused and the bar snaps back.
    const end = bar.locator("[data-handle=end]");
    if (touch) {
      await touchDrag(page, end, -2 * month);
    } else {
      const box = (await end.boundingBox())!;
      await mouseDrag(page, { x: box.x + box.width / 2, y: box.y + box.height / 2 }, -2 * month);
    }
    const refusal = page.getByTestId("board-refusal");
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain(`Không đổi được ngày của đợt luân phiên ${name}`);
    expect(await refusal.textContent()).toContain("ngắn hơn 3 tháng");
    expect(await dates(bar)).toEqual(before);
    await page.screenshot({ path: path.join(os.tmpdir(), `board-drag-refused-${width}.png`) });

    if (!touch) {
      // Without a pointer: → on the focused bar moves it one step, and the undo puts it back.
      const nextMonth = draggedRange(before, "move", 1, "month");
      await bar.focus();
      await page.keyboard.press("ArrowRight");
      // (The bar takes the new dates at once; the notice comes with the server's answer.)
      await expect.poll(() => notice.textContent()).toContain(`sang ${ddmmyyyy(nextMonth.start)}–${ddmmyyyy(nextMonth.end)}`);
      expect(await dates(bar)).toMatchObject({ start: nextMonth.start, end: nextMonth.end });
      await notice.getByRole("button", { name: "Hoàn tác" }).click();
      await expect.poll(() => notice.textContent()).toContain("Đã hoàn tác");
      expect(await dates(bar)).toEqual(before);

      // A click that does not drag still opens the rotation.
      await bar.click();
      await page.waitForURL((u) => u.pathname === `/rotations/${id}`);
      await page.locator("main h1").waitFor();
    }
    await page.context().close();
  });
}
