import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    /** The seeded database and the build the shared server uses: a test that changes what
     *  every other file reads (a whole catalogue edition) serves a copy on its own server. */
    seededDb: string;
    buildDir: string;
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

// Builds the app, seeds a fresh demo database in a temp folder and serves it on a free port:
// the browser tests drive exactly what `npm start` serves.
export default async function setup(project: TestProject) {
  const root = path.resolve(__dirname, "../..");
  const tmp = fs.mkdtempSync(path.join(root, "tests/.tmp-browser-"));
  const dbPath = path.join(tmp, "browser.sqlite");
  const env = { ...process.env, DATABASE_PATH: dbPath, NODE_ENV: "production" as const, UPLOADS_DIR: path.join(tmp, "uploads") };
  const buildDir = path.relative(root, path.join(tmp, "build"));
  // What `npm run build` does: the app, then the import worker beside it.
  execFileSync("npx", ["remix", "build"], { cwd: root, env: { ...env, REMIX_BUILD_DIR: buildDir }, stdio: "ignore" });
  execFileSync("node", ["app/ops/build-worker.mjs"], { cwd: root, env: { ...env, REMIX_BUILD_DIR: buildDir }, stdio: "ignore" });
  execFileSync("npx", ["tsx", "seeds/setup.ts"], { cwd: root, env, stdio: "inherit" });
  const port = await freePort();
  const child = spawn("node", ["server.js"], {
    cwd: root,
    env: { ...env, REMIX_BUILD_DIR: buildDir, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHealth(baseUrl, child, 60_000);
  project.provide("baseUrl", baseUrl);
  project.provide("seededDb", dbPath);
  project.provide("buildDir", buildDir);
  return () => {
    if (child.pid) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  };
}
