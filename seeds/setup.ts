// Prepares the database before the app serves: opens it (applying migrations) and, on a
// database not yet seeded, loads the demo (places, catalogue, network, staff...). Idempotent:
// a second run only opens the database. Used by `npm start` and the browser-test setup.
// The demo is written to a scratch file that replaces the database only once it is complete,
// so an interrupted or failed seed never leaves a half-filled database behind.
//
//   tsx seeds/setup.ts [--reset] [--today=yyyy-MM-dd]
//   DATABASE_PATH (default data/planner.sqlite); SEED_TODAY also sets the demo's today.
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { databasePath, openDb } from "~/db/client.server";
import { ensureSessionSecretFile } from "~/models/auth/secret.server";
import { isIsoDate, vietnamToday } from "~/models/dates";
import { isDemoSeeded, seedDemo } from "./demo";

async function main() {
  const args = process.argv.slice(2);
  const file = databasePath();
  const todayArg = args.find((a) => a.startsWith("--today="))?.slice("--today=".length) ?? process.env.SEED_TODAY;
  if (todayArg && !isIsoDate(todayArg)) throw new Error(`--today must be yyyy-MM-dd, got ${todayArg}`);
  // The only place that reads the clock: the demo is laid out around the real date by default.
  const today = todayArg ?? vietnamToday(new Date());

  const started = performance.now();
  if (args.includes("--reset") && file !== ":memory:") {
    removeDatabase(file);
    console.log(`setup: removed ${file}`);
  }
  const existing = openDb(file);
  // The server refuses to start without a session secret: generate it here, once, beside the database.
  if (file !== ":memory:" && !process.env.SESSION_SECRET?.trim()) ensureSessionSecretFile(path.dirname(path.resolve(file)));
  const opened = Math.round(performance.now() - started);
  const seeded = isDemoSeeded(existing);
  // Nobody can have worked in a database without accounts: it is new, or an interrupted seed.
  const used = existing.get<{ n: number }>(sql`select count(*) as n from users`).n > 0;
  existing.$client.close();
  if (seeded) {
    console.log(`setup: ${file} is ready (already seeded; opened and migrated in ${opened} ms)`);
    return;
  }
  if (used) {
    throw new Error(`${file} holds accounts but no demo; it is left as it is. Use --reset to replace it with the demo.`);
  }

  const scratch = file === ":memory:" ? file : `${file}.seeding`;
  removeDatabase(scratch);
  const db = openDb(scratch);
  try {
    console.log(`setup: seeding ${file} (today = ${today}; opened and migrated in ${opened} ms)`);
    await seedDemo(db, { today, log: (line) => console.log(line) });
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
  } catch (error) {
    db.$client.close();
    removeDatabase(scratch);
    throw error;
  }
  db.$client.close();
  if (scratch !== file) {
    // The database held no accounts (new, or left by an interrupted run): the complete demo replaces it.
    removeDatabase(file);
    fs.renameSync(scratch, file);
  }
  console.log(`setup: done in ${Math.round(performance.now() - started)} ms`);
}

function removeDatabase(file: string) {
  if (file === ":memory:") return;
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
}

main().catch((error: unknown) => {
  console.error("setup failed:", error);
  process.exitCode = 1;
});
