import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, expect, test } from "vitest";
import { openDb } from "~/db/client.server";
import { verifyAuditChain } from "~/models/audit/chain.server";
import { litestreamBinary, litestreamConfig, restoreFromReplica, runUnderLitestream } from "../../app/ops/litestream.js";

const WRITER = path.resolve("tests/helpers/audit-writer.ts");
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

test("the litestream binary comes with the npm package and runs here", () => {
  expect(execFileSync(litestreamBinary(), ["version"]).toString()).toMatch(/^v\d+\.\d+/);
});

test("the configuration follows the environment, and replication is off without a replica URL", () => {
  expect(() => litestreamConfig("data/planner.sqlite", {})).toThrow(/LITESTREAM_REPLICA_URL/);
  const yaml = litestreamConfig("/srv/planner.sqlite", { LITESTREAM_REPLICA_URL: "s3://bucket/planner", LITESTREAM_ENDPOINT: "http://minio:9000" });
  expect(yaml).toContain('path: "/srv/planner.sqlite"');
  expect(yaml).toContain('url: "s3://bucket/planner"');
  expect(yaml).toContain('endpoint: "http://minio:9000"');
  expect(yaml).toContain('sync-interval: "1s"');
});

test("a planner killed mid-write and started again is restored from the replica with every confirmed write", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "planner-replica-"));
  dirs.push(dir);
  const file = path.join(dir, "planner.sqlite");
  openDb(file).$client.close();
  const env = { ...process.env, LITESTREAM_REPLICA_URL: `file://${path.join(dir, "replica")}` };

  // The writer stands in for the server: each id it prints is a committed, answered write.
  const confirmed: number[] = [];
  let killed = false;
  let buffer = "";
  let errors = "";
  const exit = runUnderLitestream(file, [process.execPath, "--import", "tsx", WRITER, file, "2"], env, {
    stdio: ["ignore", "pipe", "pipe"],
    forwardSignals: false,
    onSpawn(child: import("node:child_process").ChildProcess) {
      child.stdout!.on("data", (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split("\n");
        buffer = lines.pop()!;
        for (const line of lines) if (/^\d+$/.test(line)) confirmed.push(Number(line));
        if (!killed && confirmed.length >= 300) {
          killed = true;
          // kill -9 the writer (litestream's child) in the middle of its stream of writes.
          const pid = Number(execFileSync("pgrep", ["-f", `${WRITER} ${file}`]).toString().trim().split("\n")[0]);
          process.kill(pid, "SIGKILL");
        }
      });
      // Kept for the failure message: why the writer or Litestream stopped early, if they did.
      child.stderr!.on("data", (chunk: Buffer) => {
        errors = (errors + chunk.toString()).slice(-4000);
      });
    },
  });
  const code = await exit;
  expect(killed, `stopped (exit ${code}) after ${confirmed.length} writes:\n${errors}`).toBe(true);
  // The service manager starts the planner again under Litestream, which ships the WAL frames the
  // crash left behind: replication is asynchronous (one-second sync), so the writes of the last
  // instant before a kill reach the replica on that restart, not always at the kill itself.
  expect(await runUnderLitestream(file, [process.execPath, "-e", ""], env, { stdio: "ignore", forwardSignals: false })).toBe(0);

  const restored = path.join(dir, "restored.sqlite");
  await restoreFromReplica(file, restored, env);
  const db = new Database(restored, { readonly: true });
  expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
  const ids = new Set((db.prepare("select id from audit_events").all() as { id: number }[]).map((r) => r.id));
  const lost = confirmed.filter((id) => !ids.has(id));
  expect({ confirmed: confirmed.length, lost }).toEqual({ confirmed: confirmed.length, lost: [] });
  expect(verifyAuditChain(db).broken).toBeNull();
  db.close();
}, 60_000);
