import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { registerAuditHash } from "~/models/audit/chain.server";
import { foldSearch } from "~/utils/search";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const DEFAULT_DATABASE_PATH = "data/planner.sqlite";
const MIGRATIONS_FOLDER = path.resolve(process.cwd(), "drizzle");

/** The application's SQL functions, which migrations and queries call: on every connection before migrating. */
export function registerSqlFunctions(sqlite: Database.Database): void {
  // The audit chain's hash (the migration that added the chain uses it).
  registerAuditHash(sqlite);
  // Search folding: the migration that added a folded column fills it with this, and small
  // tables without one (users) fold in the query.
  sqlite.function("fold_search", { deterministic: true }, (value: unknown) => foldSearch(String(value ?? "")));
}

/**
 * Opens an SQLite file (or `:memory:`), sets the pragmas and applies pending migrations.
 * Bytes of a serialized database open as an in-memory copy of it: the tests copy a migrated
 * (or seeded) template this way instead of migrating and seeding for every file.
 */
export function openDb(file: string | Buffer): Db {
  if (typeof file === "string" && file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  // Concurrent writers wait up to 5 s for the lock instead of failing at once.
  sqlite.pragma("busy_timeout = 5000");
  // NORMAL is durable across application crashes in WAL mode, and much faster than FULL.
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("temp_store = MEMORY");
  sqlite.pragma("cache_size = -64000");
  registerSqlFunctions(sqlite);
  const db = drizzle(sqlite, { schema }) as Db;
  // Transactions take the write lock when they begin (IMMEDIATE), unless a caller asks
  // otherwise. A deferred transaction that reads and then writes fails at once with
  // SQLITE_BUSY_SNAPSHOT if another connection (the import worker, Litestream) wrote in
  // between; an immediate one waits its turn under busy_timeout instead.
  const transaction = db.transaction.bind(db);
  db.transaction = ((fn, config) => transaction(fn, { behavior: "immediate", ...config })) as Db["transaction"];
  // A migration that rebuilds a table (drizzle-kit's way to change a column) drops and
  // recreates it: foreign keys are off meanwhile (the pragma is a no-op inside the migrator's
  // transaction), then every reference is checked before they are on again.
  sqlite.pragma("foreign_keys = OFF");
  try {
    migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    const broken = sqlite.pragma("foreign_key_check") as unknown[];
    if (broken.length > 0) throw new Error(`migration left ${broken.length} broken foreign key(s)`);
  } finally {
    sqlite.pragma("foreign_keys = ON");
  }
  return db;
}

export function databasePath(): string {
  return process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH;
}

// One connection per process; kept on globalThis so dev-server rebuilds reuse it.
const globalForDb = globalThis as unknown as { __plannerDb?: Db };

export function getDb(): Db {
  if (!globalForDb.__plannerDb) globalForDb.__plannerDb = openDb(databasePath());
  return globalForDb.__plannerDb;
}
