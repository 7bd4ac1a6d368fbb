import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { freePort, waitForHealth } from "./global-setup";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

// Flags for a closed network and a root user: no sandbox, no background connections.
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ARGS });
}

/** A new page in its own context (own cookies), viewport of a hospital desktop. */
export async function newPage(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1366, height: 800 }, locale: "vi-VN" });
  return context.newPage();
}

/**
 * A server of its own on a copy of the seeded database (taken while no other test file runs:
 * browser files run one at a time), for a test whose writes every other file would see.
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
