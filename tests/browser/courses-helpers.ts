// Browser steps shared by the course tests: a one-session course with two of the host's own
// staff approved. (A signed-in page: `signedInPage` in ./browser.)
import type { Page } from "playwright-core";

/** Creates a one-day, one-session course on `day` and approves two of the host's staff; their names. */
export async function courseWithTwoTrainees(page: Page, title: string, day: string): Promise<string[]> {
  await page.goto("/courses/new");
  await page.fill("input[name=title]", title);
  await page.fill("input[name=startOn]", day);
  await page.fill("input[name=endOn]", day);
  await page.fill("input[name=capacity]", "5");
  await page.fill("input[name=creditHours]", "4");
  await page.fill("input[name=minAttendancePercent]", "80");
  await page.fill("input[name='sessions[0].heldOn']", day);
  await page.fill("input[name='sessions[0].startsAt']", "08:00");
  await page.fill("input[name='sessions[0].endsAt']", "11:00");
  await page.fill("input[name='sessions[0].topic']", "Sơ cứu chấn thương");
  await Promise.all([page.waitForURL(/\/courses\/\d+$/), page.click("button[type=submit]:has-text('Tạo khóa đào tạo')")]);
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
  const names: string[] = [];
  const tried = new Set<string>();
  while (names.length < 2) {
    const options = await page.locator("select[name=staffId] option:not([disabled])").evaluateAll((els) =>
      els.map((e) => ({ id: (e as HTMLOptionElement).value, text: e.textContent ?? "" })).filter((o) => o.id),
    );
    const next = options.find((o) => !tried.has(o.id));
    if (!next) throw new Error("no free staff member left");
    tried.add(next.id);
    await page.selectOption("select[name=staffId]", next.id);
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.click("button[name=intent][value=request]")]);
    if (!response.ok()) continue;
    const name = next.text.replace(/\s*\(.*\)$/, "");
    await page.locator(`tr[data-participant="${name}"]`).waitFor();
    names.push(name);
  }
  return names;
}
