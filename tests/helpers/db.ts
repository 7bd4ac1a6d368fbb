import { openDb, type Db } from "~/db/client.server";

/** A fresh in-memory database with every migration applied. */
export function createTestDb(): Db {
  return openDb(":memory:");
}
