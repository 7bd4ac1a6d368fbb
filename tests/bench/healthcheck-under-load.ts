// How long /healthcheck takes while the server is attacked and while it imports a 60,000-row
// staff file, over HTTP against a built app (not a test: run by hand).
//
//   npx tsx tests/bench/healthcheck-under-load.ts
//
// Builds the app and seeds the demo into a temporary folder, then starts the server twice: with
// the import worker (as `npm start` runs) and with IMPORT_WORKER=inline (every import step on
// the request thread, as before the worker existed). In each, /healthcheck is polled every 20 ms
// during: idle; the 40-byte sign-in attack (`x[999999999]=1`) sent one after another for 2 s,
// then 20 at a time five times; for comparison, an ordinary page (GET /login) 20 at a time;
// the upload (preview) of a 60,000-row CSV; its confirmation. Printed: the slowest and the median health
// check of each phase, and how long the phase took.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const root = process.cwd();
// Inside the project: the server bundle finds its packages in node_modules from there.
const tmp = fs.mkdtempSync(path.join(root, "tests", ".tmp-bench-"));
const buildDir = path.join(tmp, "build");
const template = path.join(tmp, "seeded.sqlite");
console.log("building and seeding…");
execFileSync("npm", ["run", "build"], { cwd: root, env: { ...process.env, REMIX_BUILD_DIR: buildDir }, stdio: "ignore" });
execFileSync("npx", ["tsx", "seeds/setup.ts"], { cwd: root, env: { ...process.env, DATABASE_PATH: template }, stdio: "ignore" });

const ROWS = 60_000;
const CADRES = ["Bác sĩ", "BSCKI", "Y sĩ", "ĐD", "CN điều dưỡng", "Hộ sinh", "KTV", "Dược sĩ"];
function staffCsv(rows: number): Buffer {
  const lines = ["Họ và tên,Chức danh,Chuyên khoa,Số CCHN,Email"];
  for (let i = 0; i < rows; i++) {
    lines.push([`Nguyễn Văn Thử ${i}`, CADRES[i % CADRES.length], "", `${String(i).padStart(6, "0")}/BENCH-CCHN`, i % 3 ? `nv${i}@bv.vn` : ""].join(","));
  }
  return Buffer.from(lines.join("\n"));
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

type Phase = { label: string; ms: number; slowest: number; median: number; checks: number };

/** Runs `work` while polling /healthcheck every 20 ms. */
async function during(base: string, label: string, work: () => Promise<void>): Promise<Phase> {
  let done = false;
  const times: number[] = [];
  const poll = (async () => {
    while (!done) {
      const t = performance.now();
      await (await fetch(`${base}/healthcheck`)).arrayBuffer();
      times.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const started = performance.now();
  await work();
  const ms = performance.now() - started;
  done = true;
  await poll;
  times.sort((a, b) => a - b);
  return { label, ms, slowest: times[times.length - 1] ?? 0, median: times[Math.floor(times.length / 2)] ?? 0, checks: times.length };
}

async function run(mode: "worker" | "inline"): Promise<Phase[]> {
  const databasePath = path.join(tmp, `${mode}.sqlite`);
  fs.copyFileSync(template, databasePath);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    REMIX_BUILD_DIR: buildDir,
    DATABASE_PATH: databasePath,
    PORT: String(port),
    HOST: "127.0.0.1",
    NODE_ENV: "production",
    SESSION_SECRET: "bench-secret",
    UPLOADS_DIR: path.join(tmp, `uploads-${mode}`),
  };
  if (mode === "inline") env.IMPORT_WORKER = "inline";
  if (process.env.BENCH_NODE_OPTIONS) env.NODE_OPTIONS = process.env.BENCH_NODE_OPTIONS;
  const child = spawn("node", [path.resolve("server.js")], { env, stdio: ["ignore", "ignore", "inherit"] });
  try {
    for (let i = 0; i < 300; i++) {
      try {
        if ((await fetch(`${base}/healthcheck`)).ok) break;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const headers = { Origin: base };
    const signIn = await fetch(`${base}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "password", username: "gd.laocai2", password: "GiamDoc@LaoCai2", redirectTo: "/" }),
    });
    const cookie = signIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    if (signIn.status !== 302 || !cookie) throw new Error(`sign-in answered ${signIn.status}`);
    const phases: Phase[] = [];
    phases.push(await during(base, "idle (2 s)", () => new Promise((r) => setTimeout(r, 2000))));
    const attack = async () => {
      const res = await fetch(`${base}/login`, {
        method: "POST",
        headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" },
        body: "intent=password&x%5B999999999%5D=1",
      });
      await res.arrayBuffer();
      if (res.status >= 500) throw new Error(`attack answered ${res.status}`);
    };
    const page = async () => {
      const res = await fetch(`${base}/login`);
      await res.arrayBuffer();
    };
    phases.push(
      await during(base, "40-byte attack, one after another (2 s)", async () => {
        const until = performance.now() + 2000;
        while (performance.now() < until) await attack();
      }),
    );
    const parallel = (request: () => Promise<void>) => async () => {
      for (let round = 0; round < 5; round++) await Promise.all(Array.from({ length: 20 }, request));
    };
    phases.push(await during(base, "40-byte attack, 5 × 20 parallel", parallel(attack)));
    phases.push(await during(base, "for comparison: GET /login, 5 × 20 parallel", parallel(page)));
    // Built before the phase: the poller shares this process's thread.
    const form = new FormData();
    form.set("file", new Blob([new Uint8Array(staffCsv(ROWS))], { type: "text/csv" }), "nhan-su.csv");
    let batchUrl = "";
    phases.push(
      await during(base, `preview of a ${ROWS.toLocaleString("en")}-row staff CSV`, async () => {
        const res = await fetch(`${base}/staff/import`, { method: "POST", body: form, redirect: "manual", headers: { ...headers, Cookie: cookie } });
        batchUrl = res.headers.get("location") ?? "";
        if (res.status !== 302 || !batchUrl) throw new Error(`preview answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
      }),
    );
    phases.push(
      await during(base, "its confirmation (writes 60,000 people)", async () => {
        const res = await fetch(new URL(batchUrl, base), {
          method: "POST",
          redirect: "manual",
          headers: { ...headers, Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
          body: "intent=confirm",
        });
        await res.arrayBuffer();
        if (res.status >= 400) throw new Error(`confirm answered ${res.status}`);
      }),
    );
    return phases;
  } finally {
    child.kill();
  }
}

try {
  const results = { worker: await run("worker"), inline: await run("inline") };
  console.log(`\n/healthcheck (polled every 20 ms): slowest / median, per phase; ${os.cpus().length} CPUs`);
  console.log("phase".padEnd(48) + "with the import worker".padEnd(34) + "all on the request thread");
  const fmt = (p: Phase) => `${Math.round(p.slowest)} / ${Math.round(p.median)} ms (phase ${(p.ms / 1000).toFixed(1)} s)`.padEnd(34);
  results.worker.forEach((p, i) => console.log(p.label.padEnd(48) + fmt(p) + fmt(results.inline[i])));
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
