// Daily archives: one dated .tar.gz holding a consistent copy of the database, the uploaded
// documents and the generated session secret, with a manifest of sha-256 checksums; and the
// restore that checks all of it before it replaces anything. Used by app/ops/backup.ts and
// app/ops/restore.ts; the tests call these functions directly.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import * as tar from "tar";
import { restoreFromReplica } from "./litestream.js";

export const DB_ENTRY = "planner.sqlite";
export const UPLOADS_ENTRY = "uploads";
export const SECRET_ENTRY = "session-secret";
export const MANIFEST_ENTRY = "manifest.json";

export type Paths = { database: string; uploads: string; secret: string };

export type Manifest = {
  format: 1;
  createdAt: string;
  /** The newest migration the copied database had applied. */
  migration: string | null;
  auditEvents: number;
  /** Relative path in the archive -> sha-256 (hex) and size. */
  files: Record<string, { sha256: string; bytes: number }>;
  /** Documents the database names but that were removed from disk while the backup ran. */
  missingDocuments: string[];
};

function sha256File(file: string): string {
  const hash = createHash("sha256");
  const fd = fs.openSync(file, "r");
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    let n: number;
    while ((n = fs.readSync(fd, buffer, 0, buffer.length, null)) > 0) hash.update(buffer.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest("hex");
}

function listFiles(dir: string, prefix = ""): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(path.join(dir, entry.name), rel));
    else if (entry.isFile()) out.push(rel);
  }
  return out.sort();
}

/** Hard link when on the same disk (documents never change once written), else copy. */
function linkOrCopy(from: string, to: string): void {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  try {
    fs.linkSync(from, to);
  } catch {
    fs.copyFileSync(from, to);
  }
}

export function integrityProblems(file: string): string[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma("integrity_check") as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).filter((r) => r !== "ok");
  } finally {
    db.close();
  }
}

function stamp(date: Date): string {
  return date.toISOString().replace(/[:]/g, "").replace(/\.\d+Z$/, "Z");
}

/**
 * Writes `<outDir>/planner-<UTC stamp>.tar.gz` and returns its path. The database copy is
 * `VACUUM INTO`: one read transaction, so it is consistent and (in WAL mode) never waits for
 * nor blocks the server's writers, however busy. Documents are copied after the snapshot:
 * a document is written to disk before its row, so every row in the copy has its file,
 * unless the document was deleted meanwhile (then it is named in the manifest).
 */
export async function createBackup(paths: Paths, outDir: string, now = new Date()): Promise<{ archive: string; manifest: Manifest }> {
  fs.mkdirSync(outDir, { recursive: true });
  const staging = fs.mkdtempSync(path.join(outDir, ".staging-"));
  try {
    const dbCopy = path.join(staging, DB_ENTRY);
    const source = new Database(paths.database, { fileMustExist: true, timeout: 5000 });
    let migration: string | null = null;
    let auditEvents = 0;
    let documents: string[] = [];
    try {
      source.prepare("VACUUM INTO ?").run(dbCopy);
    } finally {
      source.close();
    }
    const copy = new Database(dbCopy);
    try {
      // A plain rollback-journal file: one self-contained file to restore.
      copy.pragma("journal_mode = DELETE");
      migration = tableExists(copy, "__drizzle_migrations")
        ? ((copy.prepare("select hash from __drizzle_migrations order by created_at desc limit 1").get() as { hash: string } | undefined)?.hash ?? null)
        : null;
      auditEvents = tableExists(copy, "audit_events") ? (copy.prepare("select count(*) as n from audit_events").get() as { n: number }).n : 0;
      documents = tableExists(copy, "agreement_documents")
        ? (copy.prepare("select distinct storage_path as p from agreement_documents").all() as { p: string }[]).map((r) => r.p)
        : [];
    } finally {
      copy.close();
    }
    const problems = integrityProblems(dbCopy);
    if (problems.length > 0) throw new Error(`the database copy failed its integrity check: ${problems.slice(0, 5).join("; ")}`);

    const entries = [MANIFEST_ENTRY, DB_ENTRY];
    for (const rel of listFiles(paths.uploads)) linkOrCopy(path.join(paths.uploads, rel), path.join(staging, UPLOADS_ENTRY, rel));
    fs.mkdirSync(path.join(staging, UPLOADS_ENTRY), { recursive: true });
    entries.push(UPLOADS_ENTRY);
    if (fs.existsSync(paths.secret)) {
      fs.copyFileSync(paths.secret, path.join(staging, SECRET_ENTRY));
      entries.push(SECRET_ENTRY);
    }
    const files: Manifest["files"] = {};
    for (const rel of listFiles(staging)) {
      const full = path.join(staging, rel);
      files[rel] = { sha256: sha256File(full), bytes: fs.statSync(full).size };
    }
    const missingDocuments = documents.filter((p) => !files[`${UPLOADS_ENTRY}/${p.split(path.sep).join("/")}`]);
    const manifest: Manifest = { format: 1, createdAt: now.toISOString(), migration, auditEvents, files, missingDocuments };
    fs.writeFileSync(path.join(staging, MANIFEST_ENTRY), JSON.stringify(manifest, null, 2));

    const archive = path.join(outDir, `planner-${stamp(now)}.tar.gz`);
    const partial = `${archive}.partial`;
    await tar.c({ gzip: true, file: partial, cwd: staging, portable: true, mode: 0o600 } as tar.TarOptionsWithAliasesAsyncFile, entries);
    fs.chmodSync(partial, 0o600); // it holds the session secret
    fs.renameSync(partial, archive);
    return { archive, manifest };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

function tableExists(db: Database.Database, name: string): boolean {
  return db.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(name) !== undefined;
}

/**
 * True when another process has the database open (a running planner, or Litestream): an
 * idle WAL connection already keeps an exclusive lock from being taken.
 */
export function databaseInUse(file: string): boolean {
  if (!fs.existsSync(file)) return false;
  const db = new Database(file, { timeout: 0 });
  try {
    db.pragma("locking_mode = EXCLUSIVE");
    db.exec("BEGIN EXCLUSIVE; COMMIT;");
    return false;
  } catch {
    return true;
  } finally {
    db.close();
  }
}

export class RestoreRefused extends Error {}

/** Unpacks an archive into `dir` and checks every checksum and the database; returns its manifest. */
export async function extractAndCheck(archive: string, dir: string): Promise<Manifest> {
  fs.mkdirSync(dir, { recursive: true });
  // tar refuses absolute paths and `..`; only files and folders are unpacked.
  await tar.x({ file: archive, cwd: dir, strict: true, filter: (_p, entry) => ["File", "Directory", "OldFile"].includes((entry as tar.ReadEntry).type) });
  const manifestFile = path.join(dir, MANIFEST_ENTRY);
  if (!fs.existsSync(manifestFile)) throw new RestoreRefused("the archive has no manifest.json: not a planner backup");
  const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as Manifest;
  if (manifest.format !== 1 || !manifest.files?.[DB_ENTRY]) throw new RestoreRefused("the manifest is not a planner backup manifest");
  const bad: string[] = [];
  for (const [rel, expected] of Object.entries(manifest.files)) {
    const full = path.join(dir, rel);
    if (!fs.existsSync(full)) bad.push(`${rel} is missing`);
    else if (sha256File(full) !== expected.sha256) bad.push(`${rel} does not match its checksum`);
  }
  const extra = listFiles(dir).filter((rel) => rel !== MANIFEST_ENTRY && !manifest.files[rel]);
  for (const rel of extra) bad.push(`${rel} is not in the manifest`);
  if (bad.length > 0) throw new RestoreRefused(`the archive is damaged: ${bad.slice(0, 5).join("; ")}${bad.length > 5 ? ` (and ${bad.length - 5} more)` : ""}`);
  const problems = integrityProblems(path.join(dir, DB_ENTRY));
  if (problems.length > 0) throw new RestoreRefused(`the database in the archive failed its integrity check: ${problems.slice(0, 5).join("; ")}`);
  return manifest;
}

/** rename, or copy then remove when the target is on another disk. */
function move(from: string, to: string): void {
  try {
    fs.renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EXDEV") throw error;
    fs.cpSync(from, to, { recursive: true });
    fs.rmSync(from, { recursive: true, force: true });
  }
}

/** Moves a file or folder aside as `<name>.before-restore-<stamp>`; returns the new name. */
function moveAside(target: string, suffix: string): string | null {
  if (!fs.existsSync(target)) return null;
  const aside = `${target}.before-restore-${suffix}`;
  move(target, aside);
  return aside;
}

export type RestoreResult = { manifest: Manifest; movedAside: string[] };

/**
 * Brings a stopped planner back from an archive: checks it whole first (checksums, integrity),
 * refuses a database that is in use unless `force`, then moves the current database, its WAL,
 * the documents folder and the secret aside (nothing is deleted) and puts the archive's in place.
 */
export async function restoreBackup(archive: string, paths: Paths, options: { force?: boolean; now?: Date } = {}): Promise<RestoreResult> {
  const dataDir = path.dirname(path.resolve(paths.database));
  fs.mkdirSync(dataDir, { recursive: true });
  const staging = fs.mkdtempSync(path.join(dataDir, ".restore-"));
  try {
    const manifest = await extractAndCheck(archive, staging);
    if (!options.force && databaseInUse(paths.database)) {
      throw new RestoreRefused(`${paths.database} is in use (is the planner or Litestream running?): stop it first, or pass --force`);
    }
    const suffix = stamp(options.now ?? new Date());
    const movedAside = [
      moveAside(paths.database, suffix),
      moveAside(`${paths.database}-wal`, suffix),
      moveAside(`${paths.database}-shm`, suffix),
      moveAside(paths.uploads, suffix),
    ];
    fs.renameSync(path.join(staging, DB_ENTRY), paths.database);
    fs.mkdirSync(path.dirname(paths.uploads), { recursive: true });
    move(path.join(staging, UPLOADS_ENTRY), paths.uploads);
    if (manifest.files[SECRET_ENTRY]) {
      movedAside.push(moveAside(paths.secret, suffix));
      fs.renameSync(path.join(staging, SECRET_ENTRY), paths.secret);
      fs.chmodSync(paths.secret, 0o600);
    }
    return { manifest, movedAside: movedAside.filter((p): p is string => p !== null) };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Brings the database back from the Litestream replica (LITESTREAM_REPLICA_URL): restores the
 * replica's latest state into a scratch file, checks it, then swaps it in like an archive
 * restore. Documents and the secret are not in the replica: they come from the daily archive.
 */
export async function restoreFromLiveReplica(paths: Paths, env: NodeJS.ProcessEnv, options: { force?: boolean; now?: Date } = {}): Promise<string[]> {
  const dataDir = path.dirname(path.resolve(paths.database));
  fs.mkdirSync(dataDir, { recursive: true });
  const staging = fs.mkdtempSync(path.join(dataDir, ".restore-"));
  try {
    const scratch = path.join(staging, DB_ENTRY);
    await restoreFromReplica(paths.database, scratch, env);
    const problems = integrityProblems(scratch);
    if (problems.length > 0) throw new RestoreRefused(`the replica's database failed its integrity check: ${problems.slice(0, 5).join("; ")}`);
    if (!options.force && databaseInUse(paths.database)) {
      throw new RestoreRefused(`${paths.database} is in use (is the planner or Litestream running?): stop it first, or pass --force`);
    }
    const suffix = stamp(options.now ?? new Date());
    const movedAside = [moveAside(paths.database, suffix), moveAside(`${paths.database}-wal`, suffix), moveAside(`${paths.database}-shm`, suffix)];
    fs.renameSync(scratch, paths.database);
    return movedAside.filter((p): p is string => p !== null);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
