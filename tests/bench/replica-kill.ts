// The Litestream drill over real HTTP: serves a fresh database with LITESTREAM_REPLICA_URL set
// (server.js runs under `litestream replicate -exec`), creates accounts through the admin
// form from four clients at once, kill -9s the server process mid-stream, restores the replica
// and counts the accounts whose creation was answered (302) but are missing. Prints figures.
//
//   REMIX_BUILD_DIR=tests/.tmp-replica-build npx remix build
//   npx tsx tests/bench/replica-kill.ts tests/.tmp-replica-build
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { openDb } from "~/db/client.server";
import { commitSessionCookie, createSession } from "~/models/auth/session.server";
import { restoreFromReplica } from "../../app/ops/litestream.js";
import { makeFacility, makeUser } from "../helpers/factories";

const buildDir = process.argv[2];
if (!buildDir) throw new Error("usage: tsx tests/bench/replica-kill.ts <build dir>");
process.env.SESSION_SECRET = "replica-drill-secret";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "replica-drill-"));
const file = path.join(dir, "planner.sqlite");
const db = openDb(file);
const admin = makeUser(db, { role: "admin" });
const facility = makeFacility(db);
const port = await new Promise<number>((resolve) => {
  const s = net.createServer().listen(0, "127.0.0.1", () => {
    const p = (s.address() as net.AddressInfo).port;
    s.close(() => resolve(p));
  });
});
const base = `http://127.0.0.1:${port}`;
const cookie = (await commitSessionCookie(new Request(base), createSession(db, admin.id))).split(";")[0];
db.$client.close();

const env = { ...process.env, DATABASE_PATH: file, UPLOADS_DIR: path.join(dir, "uploads"), REMIX_BUILD_DIR: buildDir, PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "production" as const, LITESTREAM_REPLICA_URL: `file://${path.join(dir, "replica")}` };
const supervisor = spawn(process.execPath, ["server.js"], { env, stdio: ["ignore", "ignore", "inherit"] });
const exited = new Promise((r) => supervisor.once("exit", r));
process.on("exit", () => supervisor.kill("SIGTERM"));
for (let i = 0; ; i++) {
  if (i > 300) throw new Error("server did not start");
  try {
    if ((await fetch(`${base}/healthcheck`)).ok) break;
  } catch {
    // not yet
  }
  await new Promise((r) => setTimeout(r, 200));
}

/** The server process itself: litestream's child, found by its environment. */
function serverPid(): number {
  for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const environ = fs.readFileSync(`/proc/${pid}/environ`, "utf8");
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
      // Litestream itself carries the same environment; the server is the node process.
      const [exe, script] = cmd.split("\0");
      if (environ.includes(`PORT=${port}\0`) && environ.includes("PLANNER_UNDER_LITESTREAM=1") && exe === process.execPath && script?.endsWith("server.js")) return Number(pid);
    } catch {
      // gone or not ours
    }
  }
  throw new Error("server process not found");
}

const confirmed: string[] = [];
let sent = 0;
let stop = false;
async function client(c: number) {
  for (let i = 0; !stop; i++) {
    const username = `drill.${c}.${i}`;
    sent++;
    try {
      const res = await fetch(`${base}/admin/users/new`, {
        method: "POST",
        redirect: "manual",
        headers: { Cookie: cookie, Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ username, displayName: `Người thử ${c}.${i}`, password: "mật khẩu mười ký tự", role: "director", facilityCode: facility.code }),
      });
      if (res.status === 302) confirmed.push(username);
      else throw new Error(`unexpected ${res.status}`);
    } catch (error) {
      if (!stop) stop = (error as Error).message.startsWith("unexpected") ? (console.error(error), true) : true;
    }
  }
}
console.error(`[drill] server up at ${base}`);
const clients = [0, 1, 2, 3].map(client);
await new Promise((r) => setTimeout(r, 4000));
const pid = serverPid();
console.error(`[drill] ${confirmed.length} confirmed; killing server ${pid}`);
const atKill = confirmed.length;
process.kill(pid, "SIGKILL");
const killedAt = Date.now();
await Promise.all(clients);
console.error("[drill] clients stopped");
await exited;
console.error("[drill] litestream and supervisor exited");
const exitMs = Date.now() - killedAt;

const restored = path.join(dir, "restored.sqlite");
const t0 = Date.now();
await restoreFromReplica(file, restored, env);
const restoreMs = Date.now() - t0;
const copy = new Database(restored, { readonly: true });
const names = new Set((copy.prepare("select username from users").all() as { username: string }[]).map((r) => r.username));
const lost = confirmed.filter((u) => !names.has(u));
const inFlight = names.size - 1 - confirmed.length;
console.log(
  `replica drill: ${sent} requests, ${confirmed.length} confirmed (${atKill} when kill -9 was sent), ` +
    `${lost.length} confirmed lost, ${Math.max(0, inFlight)} unconfirmed present; litestream exited ${exitMs} ms after the kill; ` +
    `restore ${restoreMs} ms; integrity ${copy.pragma("integrity_check", { simple: true })}`,
);
copy.close();
fs.rmSync(dir, { recursive: true, force: true });
process.exit(lost.length === 0 ? 0 : 1);
