// The side-by-side page benchmark: the planner's key pages against a bare Remix page, same load,
// same run, same database.
//
//   npm run bench:pages -- [--national <sqlite file>] [--fresh-start] [--json <file>]
//   (or npx tsx tests/bench/pages/run.ts [...]; make the national file once with
//   `npx tsx seeds/national.ts <file>`: about six minutes on a shared 2-CPU machine)
//   BENCH_SECONDS=10 (length of each measured run; each is preceded by a 2 s warm-up)
//   BENCH_KEEP=1 keeps the temporary folder (builds, databases) for a look afterwards
//
// What it does, in a temporary folder under tests/ (the server bundles find their packages in
// the repository's node_modules from there; nothing touches data/ or another checkout):
// builds the app as `npm run build` does (REMIX_BUILD_DIR), seeds the demo as `npm run setup`
// does, and builds the bare app of tests/bench/pages/bare (Remix's default entries, a root of
// the same shape as ours, one route reading 50 rows of `techniques` with better-sqlite3).
// Then it serves both in production mode on their own ports (the app with `node server.js`,
// the bare app with remix-serve), each on its own copy of the seeded database, signs in with
// demo accounts that may read each page, and drives every page with autocannon (10
// connections, Accept-Encoding gzip as a browser sends), interleaved with the bare page: bare,
// page, bare, page, ..., bare. A page's ratio is its req/s over the mean of the bare runs just
// before and after it. Every response must be a 200: anything else is counted and printed.
//
// Printed, with each target as met / NOT met:
//  1. req/s, p50, p99 and HTML size per page; ratio to the bare page ≥ 50 %, p99 < 150 ms;
//  2. JavaScript (gzip) from the build's asset manifest: what a list page loads before its
//     route module (entry.client + root + their imports) ≤ 90 KB, and the reports page in all
//     (entry + root + its route + their imports) ≤ 200 KB, with the three biggest chunks;
//  3. the app server's peak resident memory (VmRSS sampled every 100 ms during the load, and
//     the kernel's VmHWM) ≤ 250 MB: on the demo database, and with --national on a copy of a
//     database made by `npx tsx seeds/national.ts <file>` (the target's scale; the same pages
//     are run there, with accounts the script adds to the copy);
//  4. start: from spawning `node server.js` on a copy of the seeded database to the first 200
//     from /healthcheck; with --fresh-start also npm start's path (app/ops/prepare.mjs: build and setup at once) on a new
//     database and the server's start, timed one after another (target: under 30 s in all).
// --json <file> writes the same figures as JSON (for the README's benchmark table).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import autocannon, { type Result } from "autocannon";

const root = path.resolve(import.meta.dirname, "../../..");
const bareRoot = path.join(root, "tests/bench/pages/bare");
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARM_UP_SECONDS = 2;
const CONNECTIONS = 10;
const TARGETS = { ratio: 0.5, p99Ms: 150, listJsKb: 90, reportsJsKb: 200, rssMb: 250, freshStartS: 30 };

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (!value || value.startsWith("--")) throw new Error(`${name} needs a file`);
  return path.resolve(value);
};
const nationalSource = option("--national");
const jsonOut = option("--json");
const freshStart = args.includes("--fresh-start");
if (nationalSource && !fs.existsSync(nationalSource)) throw new Error(`${nationalSource} does not exist (make it with npx tsx seeds/national.ts <file>)`);

type Account = { username: string; password: string };
// Demo accounts (seeds/accounts.ts), exempt from the second factor; each may read its pages.
const DIRECTOR: Account = { username: "gd.laocai2", password: "GiamDoc@LaoCai2" };
const TRAINER: Account = { username: "daotao.laocai2", password: "DaoTao@LaoCai2" };
const DEPARTMENT: Account = { username: "syt.laocai", password: "SoYTe@LaoCai2025" };

type Page = { path: string; account: Account; informational?: boolean };
const PAGES: Page[] = [
  { path: "/techniques", account: DIRECTOR },
  { path: "/agreements", account: DIRECTOR },
  { path: "/rotations/board", account: TRAINER },
  { path: "/reports", account: DEPARTMENT },
  { path: "/department", account: DEPARTMENT },
  { path: "/techniques?q=thay+khop+hang", account: DIRECTOR, informational: true },
];

const runStarted = performance.now();
const tmp = fs.mkdtempSync(path.join(root, "tests", ".tmp-bench-pages-"));
const children = new Set<ChildProcess>();

function stop(child: ChildProcess) {
  children.delete(child);
  if (child.exitCode !== null || !child.pid) return;
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    // already gone
  }
}
function cleanUp() {
  for (const child of [...children]) stop(child);
  if (process.env.BENCH_KEEP === "1") console.log(`kept ${path.relative(root, tmp)}`);
  else fs.rmSync(tmp, { recursive: true, force: true });
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    cleanUp();
    process.exit(130);
  });
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);
const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const verdict = (ok: boolean) => (ok ? "met" : "NOT met");

/** Runs a command to completion (its output kept for the error message); resolves with its time in ms. */
function run(command: string, commandArgs: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { ...options, stdio: ["ignore", "pipe", "pipe"], detached: true });
    children.add(child);
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) => {
      children.delete(child);
      if (code === 0) resolve(performance.now() - started);
      else reject(new Error(`${command} ${commandArgs.join(" ")} exited with ${code}\n${output.slice(-3000)}`));
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function copyDatabase(from: string, to: string) {
  for (const suffix of ["", "-wal"]) if (fs.existsSync(from + suffix)) fs.copyFileSync(from + suffix, to + suffix);
}

type Server = { child: ChildProcess; baseUrl: string; startMs: number };

/** Spawns a server (its pid is the server's own) and waits for the first 200 from `healthPath`. */
async function serve(command: string, commandArgs: string[], cwd: string, env: NodeJS.ProcessEnv, healthPath: string): Promise<Server> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(command, commandArgs, { cwd, env: { ...env, PORT: String(port), HOST: "127.0.0.1" }, stdio: ["ignore", "ignore", "pipe"], detached: true });
  children.add(child);
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  while (performance.now() - started < 120_000) {
    if (child.exitCode !== null) throw new Error(`${commandArgs.join(" ")} exited with ${child.exitCode}\n${stderr.slice(-3000)}`);
    try {
      const res = await fetch(baseUrl + healthPath);
      await res.arrayBuffer();
      if (res.status === 200) return { child, baseUrl, startMs: performance.now() - started };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${commandArgs.join(" ")} did not answer 200 at ${baseUrl}${healthPath} within 120 s\n${stderr.slice(-3000)}`);
}

function startApp(buildDir: string, database: string, label: string): Promise<Server> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    REMIX_BUILD_DIR: buildDir,
    DATABASE_PATH: database,
    UPLOADS_DIR: path.join(tmp, `uploads-${label}`),
    SESSION_SECRET: `bench-pages-${process.pid}-${label}-secret-not-for-production`,
  };
  return serve("node", ["server.js"], root, env, "/healthcheck");
}

/** remix-serve in production mode, from the bare app's folder. */
function startBare(buildDir: string, database: string): Promise<Server> {
  const cli = path.join(root, "node_modules/@remix-run/serve/dist/cli.js");
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", BARE_DATABASE_PATH: database };
  return serve("node", [cli, path.join(buildDir, "server/index.js")], bareRoot, env, "/");
}

async function signIn(baseUrl: string, account: Account): Promise<string> {
  const res = await fetch(`${baseUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: baseUrl, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ intent: "password", username: account.username, password: account.password, redirectTo: "/" }),
  });
  const to = res.headers.get("location") ?? "";
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .filter((c) => c.startsWith("__session="))
    .join("; ");
  if (res.status !== 302 || to.startsWith("/login") || !cookie) {
    throw new Error(`signing in as ${account.username} answered ${res.status} ${to}: ${(await res.text()).slice(0, 300)}`);
  }
  return cookie;
}

/** One GET as a browser would: must be a 200; its HTML size, decoded and gzipped. */
async function pageSize(url: string, cookie: string | undefined): Promise<{ bytes: number; gzipBytes: number }> {
  const res = await fetch(url, { redirect: "manual", headers: cookie ? { Cookie: cookie } : {} });
  const body = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status} ${res.headers.get("location") ?? ""}: ${body.toString().slice(0, 300)}`);
  return { bytes: body.length, gzipBytes: zlib.gzipSync(body).length };
}

/** Resident memory of processes, sampled every 100 ms while `work` runs: the peak of each. */
async function sampleRss<T>(pids: number[], work: () => Promise<T>): Promise<{ result: T; peakKb: number[] }> {
  const peakKb = pids.map(() => 0);
  const sample = () => {
    pids.forEach((pid, i) => {
      try {
        const match = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
        if (match) peakKb[i] = Math.max(peakKb[i], Number(match[1]));
      } catch {
        // the process is gone; the run will say so
      }
    });
  };
  sample();
  const timer = setInterval(sample, 100);
  try {
    const result = await work();
    sample();
    return { result, peakKb };
  } finally {
    clearInterval(timer);
  }
}

function statusKb(pid: number, field: "VmRSS" | "VmHWM"): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) : 0;
}

type Load = { rps: number; p50: number; p99: number; requests: number; non2xx: number; errors: number; timeouts: number; statuses: Record<string, number> };

async function load(url: string, cookie: string | undefined): Promise<Load> {
  const headers: Record<string, string> = { "Accept-Encoding": "gzip" };
  if (cookie) headers.Cookie = cookie;
  await autocannon({ url, connections: CONNECTIONS, duration: WARM_UP_SECONDS, headers });
  const r: Result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers, timeout: 30 });
  const statuses = Object.fromEntries(Object.entries(r.statusCodeStats).map(([code, s]) => [code, s.count]));
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, requests: r.requests.total, non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts, statuses };
}

function describeFailures(l: Load): string {
  if (l.non2xx === 0 && l.errors === 0 && l.timeouts === 0) return "";
  const codes = Object.entries(l.statuses)
    .filter(([code]) => !code.startsWith("2"))
    .map(([code, n]) => `${n}×${code}`)
    .join(" ");
  return `non-2xx ${l.non2xx} (${codes}), errors ${l.errors}, timeouts ${l.timeouts}`;
}

// ---- JavaScript sizes from the asset manifest ----

type Manifest = { entry: { module: string; imports?: string[] }; routes: Record<string, { module: string; imports?: string[] }> };
type Chunk = { url: string; bytes: number; gzipBytes: number };

function manifestFile(assetsDir: string): string {
  const file = fs.readdirSync(assetsDir).find((name) => /^manifest-.*\.js$/.test(name));
  if (!file) throw new Error(`no manifest in ${assetsDir}`);
  return path.join(assetsDir, file);
}

function readManifest(assetsDir: string): Manifest {
  const text = fs.readFileSync(manifestFile(assetsDir), "utf8");
  return JSON.parse(text.replace(/^window\.__remixManifest\s*=\s*/, "").replace(/;\s*$/, "")) as Manifest;
}

// Static imports only (`import … from "x"`, `import "x"`, `export … from "x"`): a dynamic
// import() is loaded later, on demand.
const STATIC_IMPORT = /\b(?:import|export)\s*(?:[^'"();]*?\bfrom\s*)?["']((?:\.{1,2}\/|\/)[^"']+\.js)["']/g;

/** The files `urls` load, with everything they import statically, each once. */
function closure(assetsDir: string, urls: string[]): Chunk[] {
  const seen = new Map<string, Chunk>();
  const visit = (url: string) => {
    if (seen.has(url)) return;
    const file = path.join(assetsDir, url.replace(/^\/build\//, ""));
    const source = fs.readFileSync(file);
    seen.set(url, { url, bytes: source.length, gzipBytes: zlib.gzipSync(source).length });
    for (const match of source.toString("utf8").matchAll(STATIC_IMPORT)) visit(new URL(match[1], `http://assets${url}`).pathname);
  };
  for (const url of urls) visit(url);
  return [...seen.values()];
}

type JsSet = { label: string; files: number; bytes: number; gzipBytes: number; biggest: Chunk[]; limitKb?: number };

// A dynamic import() anywhere in a chunk.
const DYNAMIC_IMPORT = /\bimport\(\s*["']((?:\.{1,2}\/|\/)[^"']+\.js)["']\s*\)/g;

/** The chunks `url` imports on demand, as absolute asset URLs. */
function dynamicImports(assetsDir: string, url: string): string[] {
  const source = fs.readFileSync(path.join(assetsDir, url.replace(/^\/build\//, "")), "utf8");
  return [...source.matchAll(DYNAMIC_IMPORT)].map((m) => new URL(m[1], `http://assets${url}`).pathname);
}

function jsSet(label: string, assetsDir: string, manifest: Manifest, routeIds: string[], limitKb?: number): JsSet {
  // entry.client imports the reader's language on demand and waits for it before hydrating, so
  // the page's language (Vietnamese here, the default) counts as loaded before the route module.
  const language = dynamicImports(assetsDir, manifest.entry.module).filter((url) => /\/vi-[A-Z0-9]+\.js$/.test(url));
  const urls = [manifest.entry.module, ...(manifest.entry.imports ?? []), ...language];
  for (const id of routeIds) {
    const route = manifest.routes[id];
    if (!route) throw new Error(`route ${id} is not in the manifest`);
    urls.push(route.module, ...(route.imports ?? []));
  }
  const chunks = closure(assetsDir, urls);
  return {
    label,
    files: chunks.length,
    bytes: chunks.reduce((sum, c) => sum + c.bytes, 0),
    gzipBytes: chunks.reduce((sum, c) => sum + c.gzipBytes, 0),
    biggest: [...chunks].sort((a, b) => b.gzipBytes - a.gzipBytes).slice(0, 3),
    limitKb,
  };
}

// ---- the national database ----

/** Adds the accounts the pages need to a copy of the national database (it has none). */
async function addNationalAccounts(file: string): Promise<{ director: Account; trainer: Account; department: Account }> {
  const { openDb } = await import("~/db/client.server");
  const { createUser } = await import("~/models/users/users.server");
  const { sql } = await import("drizzle-orm");
  const db = openDb(file);
  try {
    // A provincial hospital of Lào Cai (province 15), as the demo's director and trainer.
    const facility = db.get<{ code: string } | undefined>(sql`select code from facilities where province_code = '15' and level = 'B' order by id limit 1`);
    if (!facility) throw new Error(`${file} has no provincial hospital in province 15`);
    const password = "Bench@Pages2026";
    const make = async (username: string, role: "director" | "trainer" | "department", scope: { facilityCode?: string; provinceCode?: string }) => {
      await createUser(db, "system", { username, password, displayName: username, role, ...scope, isDemo: true });
      return { username, password };
    };
    return {
      director: await make("bench.director", "director", { facilityCode: facility.code }),
      trainer: await make("bench.trainer", "trainer", { facilityCode: facility.code }),
      department: await make("bench.department", "department", { provinceCode: "15" }),
    };
  } finally {
    db.$client.close();
  }
}

// ---- the run ----

type PageFigures = { path: string; account: string; htmlBytes: number; htmlGzipBytes: number; load: Load; bareRps?: number; ratio?: number; ratioMet?: boolean; p99Met: boolean; informational: boolean };

async function main() {
  console.log(`bench:pages: ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}, node ${process.version}`);
  console.log(`each run: autocannon, ${CONNECTIONS} connections, ${WARM_UP_SECONDS} s warm-up then ${SECONDS} s (BENCH_SECONDS)`);
  console.log(`working in ${path.relative(root, tmp)}`);

  // ---- build and seed ----
  const buildDir = path.join(tmp, "build");
  const bareBuildDir = path.join(tmp, "bare");
  const seeded = path.join(tmp, "seeded.sqlite");
  console.log("building the app and seeding the demo (at once), then building the bare app…");
  const prepStarted = performance.now();
  const buildEnv = { ...process.env, REMIX_BUILD_DIR: buildDir };
  const [buildMs, seedMs] = await Promise.all([
    run("npx", ["remix", "build"], { cwd: root, env: buildEnv }).then(async (ms) => ms + (await run("node", ["app/ops/build-worker.mjs"], { cwd: root, env: buildEnv }))),
    run("npx", ["tsx", "seeds/setup.ts"], { cwd: root, env: { ...process.env, DATABASE_PATH: seeded, SESSION_SECRET: "bench-pages-seed" } }),
  ]);
  const bareBuildMs = await run("npx", ["remix", "build"], { cwd: bareRoot, env: { ...process.env, BARE_BUILD_DIR: bareBuildDir } });
  console.log(`  app build ${seconds(buildMs)} s, demo seed ${seconds(seedMs)} s (in parallel), bare build ${seconds(bareBuildMs)} s; ${seconds(performance.now() - prepStarted)} s in all`);

  // ---- JavaScript sizes ----
  const assetsDir = path.join(buildDir, "assets");
  const manifest = readManifest(assetsDir);
  const bareAssets = path.join(bareBuildDir, "assets");
  const bareManifest = readManifest(bareAssets);
  const js = [
    jsSet("list page (/techniques) before its route module: entry + root + imports", assetsDir, manifest, ["root"], TARGETS.listJsKb),
    jsSet("/reports in all: entry + root + routes/reports._index + imports", assetsDir, manifest, ["root", "routes/reports._index"], TARGETS.reportsJsKb),
    jsSet("for comparison, /techniques in all", assetsDir, manifest, ["root", "routes/techniques._index"]),
    jsSet("for comparison, the bare page in all", bareAssets, bareManifest, ["root", "routes/_index"]),
  ];
  // Every page also loads the route manifest (a script of its own, not counted above).
  const manifestGzipBytes = zlib.gzipSync(fs.readFileSync(manifestFile(assetsDir))).length;
  // What the reports page fetches after it is shown (import() in its route's chunks: the charts).
  const reportsRoute = manifest.routes["routes/reports._index"];
  const reportsNow = new Set(
    closure(assetsDir, [manifest.entry.module, ...(manifest.entry.imports ?? []), reportsRoute.module, ...(reportsRoute.imports ?? [])]).map((c) => c.url),
  );
  const reportsLater = closure(
    assetsDir,
    [...new Set([reportsRoute.module, ...(reportsRoute.imports ?? [])].flatMap((url) => dynamicImports(assetsDir, url)))],
  ).filter((c) => !reportsNow.has(c.url));

  // ---- start and servers ----
  const appDb = path.join(tmp, "app.sqlite");
  const bareDb = path.join(tmp, "bare.sqlite");
  copyDatabase(seeded, appDb);
  copyDatabase(seeded, bareDb);
  const app = await startApp(buildDir, appDb, "demo");
  const appPid = app.child.pid!;
  const idleRssKb = statusKb(appPid, "VmRSS");
  const bare = await startBare(bareBuildDir, bareDb);
  console.log(`app server started in ${app.startMs.toFixed(0)} ms (RSS ${(idleRssKb / 1024).toFixed(0)} MB); bare server in ${bare.startMs.toFixed(0)} ms`);

  const cookies = new Map<string, string>();
  for (const account of [DIRECTOR, TRAINER, DEPARTMENT]) cookies.set(account.username, await signIn(app.baseUrl, account));

  // ---- load: bare, page, bare, page, …, bare ----
  const bareSize = await pageSize(`${bare.baseUrl}/`, undefined);
  const bareRuns: Load[] = [];
  const runBare = async () => {
    const l = await load(`${bare.baseUrl}/`, undefined);
    bareRuns.push(l);
    console.log(`  bare page                      ${l.rps.toFixed(0).padStart(6)} req/s  p50 ${l.p50} ms  p99 ${l.p99} ms ${describeFailures(l)}`);
    return l;
  };
  const pages: PageFigures[] = [];
  const bareIdleRssKb = statusKb(bare.child.pid!, "VmRSS");
  const {
    peakKb: [demoPeakKb, barePeakKb],
  } = await sampleRss([appPid, bare.child.pid!], async () => {
    console.log("load (each page between two runs of the bare page):");
    let before = await runBare();
    for (const page of PAGES) {
      const cookie = cookies.get(page.account.username)!;
      const size = await pageSize(app.baseUrl + page.path, cookie);
      const l = await load(app.baseUrl + page.path, cookie);
      console.log(`  ${page.path.padEnd(30)} ${l.rps.toFixed(0).padStart(6)} req/s  p50 ${l.p50} ms  p99 ${l.p99} ms ${describeFailures(l)}`);
      const after = await runBare();
      const bareRps = (before.rps + after.rps) / 2;
      const ratio = l.rps / bareRps;
      pages.push({
        path: page.path,
        account: page.account.username,
        htmlBytes: size.bytes,
        htmlGzipBytes: size.gzipBytes,
        load: l,
        bareRps,
        ratio,
        ratioMet: ratio >= TARGETS.ratio && l.non2xx === 0 && l.errors === 0,
        p99Met: l.p99 < TARGETS.p99Ms && l.non2xx === 0 && l.errors === 0,
        informational: page.informational ?? false,
      });
      before = after;
    }
  });
  const demoHwmKb = statusKb(appPid, "VmHWM");
  const bareHwmKb = statusKb(bare.child.pid!, "VmHWM");
  stop(bare.child);
  stop(app.child);

  // ---- the national database ----
  let national: { file: string; startMs: number; idleRssKb: number; peakKb: number; hwmKb: number; pages: { path: string; htmlBytes: number; load: Load; p99Met: boolean }[] } | undefined;
  if (nationalSource) {
    console.log(`national database: copying ${nationalSource} and adding three accounts…`);
    const file = path.join(tmp, "national.sqlite");
    copyDatabase(nationalSource, file);
    const accounts = await addNationalAccounts(file);
    const server = await startApp(buildDir, file, "national");
    const pid = server.child.pid!;
    const idle = statusKb(pid, "VmRSS");
    console.log(`  server started in ${server.startMs.toFixed(0)} ms (RSS ${(idle / 1024).toFixed(0)} MB)`);
    const byRole = new Map([
      [DIRECTOR.username, accounts.director],
      [TRAINER.username, accounts.trainer],
      [DEPARTMENT.username, accounts.department],
    ]);
    const nationalCookies = new Map<string, string>();
    for (const [demo, account] of byRole) nationalCookies.set(demo, await signIn(server.baseUrl, account));
    const nationalPages: { path: string; htmlBytes: number; load: Load; p99Met: boolean }[] = [];
    const {
      peakKb: [peakKb],
    } = await sampleRss([pid], async () => {
      for (const page of PAGES) {
        const cookie = nationalCookies.get(page.account.username)!;
        const size = await pageSize(server.baseUrl + page.path, cookie);
        const l = await load(server.baseUrl + page.path, cookie);
        console.log(`  ${page.path.padEnd(30)} ${l.rps.toFixed(0).padStart(6)} req/s  p50 ${l.p50} ms  p99 ${l.p99} ms ${describeFailures(l)}`);
        nationalPages.push({ path: page.path, htmlBytes: size.bytes, load: l, p99Met: l.p99 < TARGETS.p99Ms && l.non2xx === 0 && l.errors === 0 });
      }
    });
    national = { file: nationalSource, startMs: server.startMs, idleRssKb: idle, peakKb, hwmKb: statusKb(pid, "VmHWM"), pages: nationalPages };
    stop(server.child);
  }

  // ---- a fresh start ----
  let fresh: { prepareMs: number; serverMs: number; totalMs: number } | undefined;
  if (freshStart) {
    console.log("fresh start as npm start runs it: build and setup at once (app/ops/prepare.mjs, new database), node server.js…");
    const dir = path.join(tmp, "fresh");
    fs.mkdirSync(dir);
    // No SESSION_SECRET: `npm run setup` writes the secret file beside the database, as on a new install.
    const env: NodeJS.ProcessEnv = { ...process.env, REMIX_BUILD_DIR: path.join(dir, "build"), DATABASE_PATH: path.join(dir, "planner.sqlite"), UPLOADS_DIR: path.join(dir, "uploads") };
    delete env.SESSION_SECRET;
    const prepareMs = await run("node", ["app/ops/prepare.mjs"], { cwd: root, env });
    const server = await serve("node", ["server.js"], root, { ...env, NODE_ENV: "production" }, "/healthcheck");
    stop(server.child);
    fresh = { prepareMs, serverMs: server.startMs, totalMs: prepareMs + server.startMs };
  }

  // ---- report ----
  const rssTargetKb = TARGETS.rssMb * 1024;
  console.log("");
  console.log(`1. Pages (${CONNECTIONS} connections, ${SECONDS} s each; ratio = req/s over the bare page's mean req/s in the runs just before and after; targets: ratio ≥ ${TARGETS.ratio * 100} %, p99 < ${TARGETS.p99Ms} ms)`);
  const header = ["page", "req/s", "p50 ms", "p99 ms", "HTML KB", "gz KB", "bare req/s", "ratio", "≥50% bare", "p99<150", "non-2xx"];
  const widths = [30, 7, 7, 7, 8, 6, 11, 7, 10, 9, 8];
  const line = (cells: string[]) => console.log(cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" "));
  line(header);
  for (const p of pages) {
    line([
      p.path,
      p.load.rps.toFixed(0),
      String(p.load.p50),
      String(p.load.p99),
      kb(p.htmlBytes),
      kb(p.htmlGzipBytes),
      p.bareRps!.toFixed(0),
      `${(p.ratio! * 100).toFixed(0)} %`,
      p.informational ? `(${verdict(p.ratioMet!)})` : verdict(p.ratioMet!),
      p.informational ? `(${verdict(p.p99Met)})` : verdict(p.p99Met),
      String(p.load.non2xx + p.load.errors),
    ]);
  }
  const bareMean = bareRuns.reduce((s, l) => s + l.rps, 0) / bareRuns.length;
  line(["bare page (mean of runs)", bareMean.toFixed(0), "", "", kb(bareSize.bytes), kb(bareSize.gzipBytes), "", "", "", "", String(bareRuns.reduce((s, l) => s + l.non2xx + l.errors, 0))]);
  console.log(`   bare runs, in order: ${bareRuns.map((l) => `${l.rps.toFixed(0)} (p99 ${l.p99} ms)`).join(", ")}`);
  for (const p of pages) {
    const failures = describeFailures(p.load);
    if (failures) console.log(`   ${p.path}: ${failures}`);
  }
  console.log("   (informational rows in parentheses are not targets)");

  console.log("");
  console.log("2. JavaScript (gzip, as the server sends it; from the build's asset manifest)");
  for (const set of js) {
    const target = set.limitKb === undefined ? "" : ` ≤ ${set.limitKb} KB: ${verdict(set.gzipBytes / 1024 <= set.limitKb)}`;
    console.log(`   ${set.label}: ${kb(set.gzipBytes)} KB gzip (${kb(set.bytes)} KB raw, ${set.files} files)${target}`);
    console.log(`      biggest: ${set.biggest.map((c) => `${c.url.replace(/^\/build\//, "")} ${kb(c.gzipBytes)} KB`).join(", ")}`);
  }
  console.log(`   not counted above: the route manifest every page loads, ${kb(manifestGzipBytes)} KB gzip`);
  const laterGzip = reportsLater.reduce((sum, c) => sum + c.gzipBytes, 0);
  console.log(`   fetched by /reports after it is shown, once a chart is mounted: ${kb(laterGzip)} KB gzip (${reportsLater.map((c) => path.basename(c.url)).join(", ") || "nothing"})`);

  console.log("");
  console.log(`3. Memory of the app server (target: peak ≤ ${TARGETS.rssMb} MB${national ? " at national scale" : ""})`);
  console.log(`   demo database: ${(idleRssKb / 1024).toFixed(0)} MB after start, peak sampled during the load ${(demoPeakKb / 1024).toFixed(0)} MB, VmHWM ${(demoHwmKb / 1024).toFixed(0)} MB${national ? "" : `: ${verdict(Math.max(demoPeakKb, demoHwmKb) <= rssTargetKb)}`} `);
  console.log(`   for comparison, the bare server: ${(bareIdleRssKb / 1024).toFixed(0)} MB after start, peak sampled ${(barePeakKb / 1024).toFixed(0)} MB, VmHWM ${(bareHwmKb / 1024).toFixed(0)} MB`);
  if (national) {
    console.log(`   national database (${path.basename(national.file)}): ${(national.idleRssKb / 1024).toFixed(0)} MB after start, peak sampled ${(national.peakKb / 1024).toFixed(0)} MB, VmHWM ${(national.hwmKb / 1024).toFixed(0)} MB: ${verdict(Math.max(national.peakKb, national.hwmKb) <= rssTargetKb)}`);
    console.log("   the same pages there (no bare comparison; p99 target informational at this scale):");
    for (const p of national.pages) {
      console.log(`      ${p.path.padEnd(30)} ${p.load.rps.toFixed(0).padStart(6)} req/s  p50 ${String(p.load.p50).padStart(4)} ms  p99 ${String(p.load.p99).padStart(5)} ms  HTML ${kb(p.htmlBytes)} KB  p99<150: ${verdict(p.p99Met)} ${describeFailures(p.load)}`);
    }
  }

  console.log("");
  console.log("4. Start");
  console.log(`   node server.js on a copy of the seeded demo, spawn to first 200 from /healthcheck: ${app.startMs.toFixed(0)} ms${national ? `; on the national copy ${national.startMs.toFixed(0)} ms` : ""}`);
  if (fresh) {
    console.log(`   fresh: build and setup at once (new database) ${seconds(fresh.prepareMs)} s + server ${seconds(fresh.serverMs)} s = ${seconds(fresh.totalMs)} s (target < ${TARGETS.freshStartS} s: ${verdict(fresh.totalMs < TARGETS.freshStartS * 1000)})`);
  } else {
    console.log("   (--fresh-start also times npm start's path: build and setup at once, then the server, on a new database)");
  }
  const totalMs = performance.now() - runStarted;
  console.log("");
  console.log(`whole run: ${seconds(totalMs)} s`);

  if (jsonOut) {
    const figures = {
      at: new Date().toISOString(),
      machine: { cpus: os.cpus().length, node: process.version },
      settings: { connections: CONNECTIONS, seconds: SECONDS, warmUpSeconds: WARM_UP_SECONDS },
      targets: TARGETS,
      prepare: { buildMs, seedMs, bareBuildMs },
      pages: pages.map((p) => ({ ...p, load: { ...p.load } })),
      bare: { htmlBytes: bareSize.bytes, runs: bareRuns },
      javascript: js.map((set) => ({ ...set, met: set.limitKb === undefined ? undefined : set.gzipBytes / 1024 <= set.limitKb })),
      manifestGzipBytes,
      memory: { demo: { idleRssKb, peakRssKb: demoPeakKb, hwmKb: demoHwmKb }, bare: { idleRssKb: bareIdleRssKb, peakRssKb: barePeakKb, hwmKb: bareHwmKb }, national: national && { idleRssKb: national.idleRssKb, peakRssKb: national.peakKb, hwmKb: national.hwmKb } },
      nationalPages: national?.pages,
      start: { seededMs: app.startMs, nationalMs: national?.startMs, fresh },
      totalMs,
    };
    fs.writeFileSync(jsonOut, `${JSON.stringify(figures, null, 2)}\n`);
    console.log(`figures written to ${jsonOut}`);
  }
}

try {
  await main();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  cleanUp();
}
