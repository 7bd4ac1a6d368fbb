import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import * as tar from "tar";
import { afterEach, expect, test } from "vitest";
import { openDb } from "~/db/client.server";
import { recordAudit } from "~/models/audit/audit.server";
import { verifyAuditChain } from "~/models/audit/chain.server";
import { createBackup, databaseInUse, restoreBackup, type Paths } from "../../app/ops/archive";

const WRITER = path.resolve("tests/helpers/audit-writer.ts");
const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill("SIGKILL");
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function planner(): Paths & { dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "planner-backup-"));
  dirs.push(dir);
  const paths = { dir, database: path.join(dir, "data/planner.sqlite"), uploads: path.join(dir, "data/uploads"), secret: path.join(dir, "data/session-secret") };
  const db = openDb(paths.database);
  for (let i = 0; i < 20; i++) recordAudit(db, { userId: null, action: "create", entityType: "facility", entityId: i, after: { i } });
  db.$client.close();
  fs.mkdirSync(path.join(paths.uploads, "ab"), { recursive: true });
  fs.writeFileSync(path.join(paths.uploads, "ab/ab12"), "signed agreement bytes");
  fs.writeFileSync(paths.secret, "the-generated-secret\n");
  return paths;
}

/** Starts the busy writer; resolves once it has confirmed `atLeast` writes. */
function startWriter(file: string, atLeast: number) {
  const child = spawn(process.execPath, ["--import", "tsx", WRITER, file], { stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  const confirmed: number[] = [];
  let buffer = "";
  const ready = new Promise<void>((resolve) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split("\n");
      buffer = lines.pop()!;
      for (const line of lines) if (/^\d+$/.test(line)) confirmed.push(Number(line));
      if (confirmed.length >= atLeast) resolve();
    });
  });
  return { child, confirmed, ready };
}

test("a backup taken under steady writes finishes, is consistent, and restores the database, documents and secret", async () => {
  const paths = planner();
  const writer = startWriter(paths.database, 200);
  await writer.ready;
  const confirmedBefore = writer.confirmed.length;
  const started = Date.now();
  const { archive, manifest } = await createBackup(paths, path.join(paths.dir, "backups"));
  expect(Date.now() - started).toBeLessThan(10_000);
  // The writer kept writing throughout the copy.
  expect(writer.confirmed.length).toBeGreaterThan(confirmedBefore);
  expect(path.basename(archive)).toMatch(/^planner-\d{4}-\d{2}-\d{2}T\d{6}Z\.tar\.gz$/);
  expect(manifest.auditEvents).toBeGreaterThanOrEqual(20 + confirmedBefore);
  expect(Object.keys(manifest.files).sort()).toEqual(["planner.sqlite", "session-secret", "uploads/ab/ab12"]);

  // Restoring onto the running writer's database is refused…
  await expect(restoreBackup(archive, paths)).rejects.toThrow(/in use/);
  writer.child.kill("SIGKILL");
  await new Promise((r) => writer.child.once("exit", r));
  expect(databaseInUse(paths.database)).toBe(false);

  // …and onto a stopped planner puts back exactly the snapshot, its documents and its secret.
  fs.rmSync(paths.uploads, { recursive: true });
  fs.writeFileSync(paths.secret, "another secret\n");
  const { movedAside } = await restoreBackup(archive, paths);
  expect(movedAside.length).toBeGreaterThanOrEqual(2);
  expect(fs.readFileSync(path.join(paths.uploads, "ab/ab12"), "utf8")).toBe("signed agreement bytes");
  expect(fs.readFileSync(paths.secret, "utf8")).toBe("the-generated-secret\n");
  const restored = openDb(paths.database);
  expect(restored.$client.pragma("integrity_check", { simple: true })).toBe("ok");
  expect(verifyAuditChain(restored.$client)).toMatchObject({ checked: manifest.auditEvents, broken: null });
  restored.$client.close();
});

test("a damaged or altered archive is refused before anything is replaced", async () => {
  const paths = planner();
  const { archive } = await createBackup(paths, path.join(paths.dir, "backups"));
  const before = fs.readFileSync(paths.database);

  // Unpack, alter the document, pack again: the checksum no longer matches.
  const work = path.join(paths.dir, "work");
  fs.mkdirSync(work);
  await tar.x({ file: archive, cwd: work });
  fs.writeFileSync(path.join(work, "uploads/ab/ab12"), "forged");
  const forged = path.join(paths.dir, "forged.tar.gz");
  await tar.c({ gzip: true, file: forged, cwd: work }, fs.readdirSync(work));
  await expect(restoreBackup(forged, paths)).rejects.toThrow(/uploads\/ab\/ab12 does not match its checksum/);

  // A truncated archive is not a backup at all.
  const truncated = path.join(paths.dir, "truncated.tar.gz");
  fs.writeFileSync(truncated, fs.readFileSync(archive).subarray(0, 2000));
  await expect(restoreBackup(truncated, paths)).rejects.toThrow();

  // A database file that fails PRAGMA integrity_check is refused too.
  const corrupt = path.join(work, "planner.sqlite");
  const bytes = fs.readFileSync(corrupt);
  const sqlite = new Database(corrupt);
  const page = sqlite.pragma("page_size", { simple: true }) as number;
  sqlite.close();
  // Scribble over the b-tree headers of pages 2 to 6.
  for (let n = 1; n <= 5; n++) bytes.fill(0x55, page * n, page * n + 12);
  fs.writeFileSync(corrupt, bytes);
  fs.writeFileSync(path.join(work, "uploads/ab/ab12"), "signed agreement bytes");
  const manifestFile = path.join(work, "manifest.json");
  const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8"));
  manifest.files["planner.sqlite"].sha256 = (await import("node:crypto")).createHash("sha256").update(bytes).digest("hex");
  fs.writeFileSync(manifestFile, JSON.stringify(manifest));
  const damaged = path.join(paths.dir, "damaged.tar.gz");
  await tar.c({ gzip: true, file: damaged, cwd: work }, fs.readdirSync(work));
  await expect(restoreBackup(damaged, paths)).rejects.toThrow(/integrity|malformed|not a database/);

  expect(fs.readFileSync(paths.database).equals(before)).toBe(true);
});
