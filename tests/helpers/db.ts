import fs from "node:fs";
import { inject } from "vitest";
import { openDb, type Db } from "~/db/client.server";

// The unit project's global setup (tests/helpers/global-setup.ts) migrates and seeds once per
// run and leaves the serialized databases on disk; each call here opens its own in-memory copy,
// so a file (or a test) still never sees another one's rows. Read once per file: a file that
// opens several databases reads the template once.
const bytes: { migrated?: Buffer; demo?: Buffer } = {};

function template(name: "migrated" | "demo"): Buffer {
  return (bytes[name] ??= fs.readFileSync(inject("templateDbs")[name]));
}

/** A fresh in-memory database with every migration applied. */
export function createTestDb(): Db {
  return openDb(template("migrated"));
}

/**
 * A fresh in-memory copy of the demo seeded on DEMO_TODAY (tests/helpers/demo-today.ts), for
 * tests that read or change the demo rather than test the seeding itself.
 */
export function createDemoDb(): Db {
  return openDb(template("demo"));
}
