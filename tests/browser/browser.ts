import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { chromium, type Browser, type BrowserContextOptions, type Page } from "playwright-core";
import { CHROMIUM_ARGS, freePort, waitForHealth } from "./global-setup";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** The run's endpoint of its one Chromium, or undefined outside the browser project. */
async function sharedEndpoint(): Promise<string | undefined> {
  if (!process.env.VITEST) return undefined;
  const { inject } = await import("vitest");
  try {
    return inject("browserEndpoint");
  } catch {
    return undefined;
  }
}

/**
 * The browser of a test file: a connection to the Chromium the global setup started (closing
 * it closes this file's contexts only), or a Chromium of its own outside the test run.
 */
export async function launchBrowser(): Promise<Browser> {
  const endpoint = await sharedEndpoint();
  if (endpoint) return chromium.connect(endpoint);
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

const DESKTOP = { width: 1366, height: 800 };

/** A new page in its own context (own cookies), viewport of a hospital desktop. */
export async function newPage(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, viewport: DESKTOP, locale: "vi-VN" });
  return context.newPage();
}

/**
 * Waits until React has hydrated the element `selector` names (React marks the nodes it owns).
 * A test that changes the page's markup by hand (a forged option) must wait: hydration would
 * otherwise put the server's markup back and drop the change.
 */
export async function waitForHydration(page: Page, selector: string): Promise<void> {
  await page.waitForFunction((sel) => {
    const el = document.querySelector(sel);
    return el !== null && Object.keys(el).some((k) => k.startsWith("__reactFiber"));
  }, selector);
}

export type Account = { username: string; password: string };

/**
 * Signs the page's context in by posting the sign-in form's fields, as the form does, without
 * rendering the sign-in page or the overview it leads to; the page stays where it was (blank
 * for a new page). For the tests of signing in itself, drive the form instead.
 */
export async function signInAs(page: Page, account: Account): Promise<void> {
  const response = await page.request.post("/login", {
    form: { intent: "password", username: account.username, password: account.password, redirectTo: "/" },
    maxRedirects: 0,
  });
  const to = response.headers()["location"] ?? "";
  if (response.status() !== 302 || to.startsWith("/login")) {
    throw new Error(`signing in as ${account.username} answered ${response.status()} ${to}: ${(await response.text()).slice(0, 300)}`);
  }
}

/** A page of a new context (own cookies; desktop viewport and Vietnamese unless told), signed in as `account`. */
export async function signedInPage(browser: Browser, baseURL: string, account: Account, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ baseURL, viewport: DESKTOP, locale: "vi-VN", ...options });
  const page = await context.newPage();
  await signInAs(page, account);
  return page;
}

/**
 * A server of its own on a copy of the seeded database (the copy taken before the shared
 * server started, which nothing writes to), for a test whose writes another file would see.
 */
export async function startScratchServer(seededDb: string, buildDir: string): Promise<{ baseUrl: string; dbPath: string; stop: () => void }> {
  const root = path.resolve(__dirname, "../..");
  const dir = fs.mkdtempSync(path.join(path.dirname(seededDb), "scratch-"));
  const dbPath = path.join(dir, "scratch.sqlite");
  for (const suffix of ["", "-wal"]) if (fs.existsSync(seededDb + suffix)) fs.copyFileSync(seededDb + suffix, dbPath + suffix);
  const port = await freePort();
  const child = spawn("node", ["server.js"], {
    cwd: root,
    env: { ...process.env, SESSION_SECRET: `scratch-${process.pid}-${Date.now()}-secret-for-a-test-server`, DATABASE_PATH: dbPath, NODE_ENV: "production", UPLOADS_DIR: path.join(dir, "uploads"), REMIX_BUILD_DIR: buildDir, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHealth(baseUrl, child, 60_000);
  return {
    baseUrl,
    dbPath,
    stop: () => {
      try {
        if (child.pid) process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
    },
  };
}

/** Rows of a read-only query on a server's database file (a scratch server's `dbPath`), for checking what a page wrote. */
export function queryFile<T>(dbPath: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
