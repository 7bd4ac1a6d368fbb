// Each test file runs in its own module graph (and process), so `getDb()` gives every file a
// fresh in-memory database: route tests and model tests share it through getDb() and never see
// another file's rows. It is a copy of the migrated template built once per run
// (tests/helpers/global-setup.ts), opened on the first getDb() call only.
import type { Db } from "~/db/client.server";
import { createTestDb } from "./db";
// The server holds both languages (entry.server.tsx imports them the same way).
import "~/i18n/resources";

process.env.DATABASE_PATH = ":memory:";
process.env.NODE_ENV = "test";
process.env.SESSION_SECRET ??= "test-session-secret-for-vitest-only";

// getDb() keeps its connection on globalThis.__plannerDb: hand it the template's copy when it asks.
let db: Db | undefined;
Object.defineProperty(globalThis, "__plannerDb", {
  configurable: true,
  get: () => (db ??= createTestDb()),
  set: (value: Db | undefined) => {
    db = value;
  },
});
