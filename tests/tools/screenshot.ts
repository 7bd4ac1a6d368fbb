// Screenshots of pages for a person to look at: `npx tsx tests/tools/screenshot.ts URL OUT.png [width]`.
// Optional env SIGN_IN="user:password" signs in first through the real form.
import { launchBrowser } from "../browser/browser";

const [url, out = "/tmp/shot.png", width = "1366"] = process.argv.slice(2);
if (!url) throw new Error("usage: screenshot URL OUT.png [width]");
const browser = await launchBrowser();
const context = await browser.newContext({ viewport: { width: Number(width), height: 900 } });
const page = await context.newPage();
const signIn = process.env.SIGN_IN;
if (signIn) {
  const [username, password] = signIn.split(":");
  const origin = new URL(url).origin;
  await page.goto(`${origin}/login`);
  await page.fill("input[name=username]", username);
  await page.fill("input[name=password]", password);
  await Promise.all([page.waitForNavigation(), page.click("main button[type=submit]")]);
}
await page.goto(url, { waitUntil: "networkidle" });
await page.screenshot({ path: out, fullPage: true });
await browser.close();
console.log(out);
