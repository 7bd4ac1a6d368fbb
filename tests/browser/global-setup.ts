import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { chromium, type BrowserServer } from "playwright-core";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    /** A copy of the seeded database taken before the shared server started (so nobody writes
     *  to it), and the build the shared server uses: a test that writes serves a copy of that
     *  copy on its own server (`startScratchServer`), the shared server stays as seeded. */
    seededDb: string;
    buildDir: string;
    /** The file the setup writes once the shared server answers (or with the reason it failed). */
    browserReady: string;
    /** The one Chromium of the run: each file connects to it instead of starting its own. */
    browserEndpoint: string;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

/**
 * A free port below the kernel's ephemeral range (32768 and up on Linux): the shared server
 * starts minutes after the port is chosen, and no other process is handed a port from this
 * range meanwhile by asking for "any port".
 */
async function reservedPort(): Promise<number> {
  for (;;) {
    const port = 20_000 + crypto.randomInt(12_000);
    const free = await new Promise<boolean>((resolve) => {
      const server = net.createServer();
      server.once("error", () => resolve(false));
      server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

export async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/healthcheck`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not answer at ${url} within ${timeoutMs} ms`);
}

// Flags for a closed network and a root user: no sandbox, no background connections.
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${code}\n${stderr.slice(-2000)}`))));
  });
}

// What the build reads: the app, the build configuration and the installed packages.
const BUILD_INPUTS = ["app", "public", "remix.config.js", "tailwind.config.js", "postcss.config.js", "tsconfig.json", "package-lock.json", "remix.env.d.ts"];

function buildKey(root: string): string {
  const hash = crypto.createHash("sha256");
  const add = (relative: string) => {
    const full = path.join(root, relative);
    if (!fs.existsSync(full)) return;
    if (fs.statSync(full).isDirectory()) {
      for (const entry of fs.readdirSync(full).sort()) add(path.join(relative, entry));
    } else {
      hash.update(relative).update("\0").update(fs.readFileSync(full)).update("\0");
    }
  };
  for (const input of BUILD_INPUTS) add(input);
  return hash.digest("hex").slice(0, 16);
}

/** What `npm run build` does: the app, then the import worker beside it. */
async function build(root: string, buildDir: string, env: NodeJS.ProcessEnv): Promise<void> {
  const buildEnv = { ...env, REMIX_BUILD_DIR: buildDir };
  await run("npx", ["remix", "build"], { cwd: root, env: buildEnv });
  await run("node", ["app/ops/build-worker.mjs"], { cwd: root, env: buildEnv });
}

/**
 * The build folder for this run, under .cache/ and named after the build's inputs: a run whose
 * app is unchanged since the last one reuses that build instead of spending a minute of CPU on
 * the same bundle. The server bundle holds its assets' path, so a build is never moved: it is
 * written in place under a lock and marked complete last (an interrupted one is rebuilt).
 * While another run holds the lock, this run builds into its own temporary folder.
 */
function chooseBuild(root: string, privateDir: string): { buildDir: string; make: (env: NodeJS.ProcessEnv) => Promise<void> } {
  const cache = ".cache/browser-build";
  const buildDir = path.join(cache, buildKey(root));
  const complete = path.join(root, buildDir, ".complete");
  if (fs.existsSync(complete)) return { buildDir, make: async () => {} };
  fs.mkdirSync(path.join(root, cache), { recursive: true });
  const lock = path.join(root, `${buildDir}.lock`);
  // A lock left by a run killed mid-build.
  if (fs.existsSync(lock) && Date.now() - fs.statSync(lock).mtimeMs > 15 * 60_000) fs.rmSync(lock, { force: true });
  let fd: number;
  try {
    fd = fs.openSync(lock, "wx");
  } catch {
    return { buildDir: privateDir, make: (env) => build(root, privateDir, env) };
  }
  return {
    buildDir,
    make: async (env) => {
      try {
        fs.rmSync(path.join(root, buildDir), { recursive: true, force: true });
        await build(root, buildDir, env);
        // The bundler's cache is only for rebuilding; nothing reads it.
        fs.rmSync(path.join(root, buildDir, "cache"), { recursive: true, force: true });
        fs.writeFileSync(complete, "");
        const older = fs
          .readdirSync(path.join(root, cache))
          .filter((name) => !name.endsWith(".lock") && path.join(cache, name) !== buildDir)
          .map((name) => ({ name, at: fs.statSync(path.join(root, cache, name)).mtimeMs }))
          .sort((a, b) => b.at - a.at)
          .slice(2);
        for (const { name } of older) fs.rmSync(path.join(root, cache, name), { recursive: true, force: true });
      } finally {
        fs.closeSync(fd);
        fs.rmSync(lock, { force: true });
      }
    },
  };
}

// Builds the app (or reuses an unchanged build), seeds a fresh demo database in a temp folder
// and serves it on a port of its own: the browser tests drive exactly what `npm start` serves.
// The work goes on in the background while the unit tests run (vitest runs the browser files,
// one at a time, after them); each browser file waits for it in tests/browser/wait-ready.ts.
export default async function setup(project: TestProject) {
  const root = path.resolve(__dirname, "../..");
  const tmp = fs.mkdtempSync(path.join(root, "tests/.tmp-browser-"));
  const dbPath = path.join(tmp, "browser.sqlite");
  const seededCopy = path.join(tmp, "seeded.sqlite");
  const readyFile = path.join(tmp, "ready.json");
  const env = { ...process.env, DATABASE_PATH: dbPath, NODE_ENV: "production" as const, UPLOADS_DIR: path.join(tmp, "uploads") };
  const { buildDir, make } = chooseBuild(root, path.relative(root, path.join(tmp, "build")));
  const port = await reservedPort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  // Renamed into place: a reader never sees half of it.
  const announce = (state: { ok: boolean; error?: string }) => {
    fs.writeFileSync(`${readyFile}.tmp`, JSON.stringify(state));
    fs.renameSync(`${readyFile}.tmp`, readyFile);
  };

  // The build and the seed do not depend on each other: both at once.
  const ready = Promise.all([make(env), run("npx", ["tsx", "seeds/setup.ts"], { cwd: root, env })])
    .then(async () => {
      // The copy every scratch server starts from, taken while nothing writes to the database:
      // browser files run two at a time, and the shared server writes sessions meanwhile.
      for (const suffix of ["", "-wal"]) if (fs.existsSync(dbPath + suffix)) fs.copyFileSync(dbPath + suffix, seededCopy + suffix);
      child = spawn("node", ["server.js"], {
        cwd: root,
        env: { ...env, REMIX_BUILD_DIR: buildDir, PORT: String(port), HOST: "127.0.0.1" },
        stdio: ["ignore", "ignore", "inherit"],
        detached: true,
      });
      await waitForHealth(baseUrl, child, 60_000);
      announce({ ok: true });
    })
    .catch((error: unknown) => {
      announce({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    });

  // One Chromium for every file (a launch costs a second or more of CPU per file); a file
  // connects to it and closes only its own connection and contexts.
  const browserServer: BrowserServer = await chromium.launchServer({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS });

  project.provide("baseUrl", baseUrl);
  project.provide("seededDb", seededCopy);
  project.provide("browserEndpoint", browserServer.wsEndpoint());
  project.provide("buildDir", buildDir);
  project.provide("browserReady", readyFile);
  return async () => {
    await ready;
    await browserServer.close().catch(() => undefined);
    if (child?.pid) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  };
}
