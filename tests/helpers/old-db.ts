// A database file as it was before a migration: every migration up to (not including) the one
// whose tag ends with `beforeTag`, for tests of what that migration does to existing rows.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { registerSqlFunctions } from "~/db/client.server";

/** The file (open, to write the old rows) in a temporary folder; `remove` deletes the folder. */
export function databaseBefore(beforeTag: string): { file: string; sqlite: Database.Database; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "old-db-"));
  const file = path.join(dir, "old.sqlite");
  const oldMigrations = path.join(dir, "drizzle");
  fs.cpSync(path.resolve("drizzle"), oldMigrations, { recursive: true });
  const journalFile = path.join(oldMigrations, "meta/_journal.json");
  const journal = JSON.parse(fs.readFileSync(journalFile, "utf8")) as { entries: { tag: string }[] };
  const before = journal.entries.findIndex((e) => e.tag.endsWith(beforeTag));
  if (before < 0) throw new Error(`no migration tagged …${beforeTag}`);
  journal.entries = journal.entries.slice(0, before);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  const sqlite = new Database(file);
  registerSqlFunctions(sqlite);
  migrate(drizzle(sqlite), { migrationsFolder: oldMigrations });
  return { file, sqlite, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
