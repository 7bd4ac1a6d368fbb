// Prepares the database before the app serves: opens it (applying migrations) and, on a
// database not yet seeded, loads the demo (places, catalogue, network, staff...). Idempotent:
// a second run only opens the database. Used by `npm start` and the browser-test setup.
//
//   tsx seeds/setup.ts [--reset] [--today=yyyy-MM-dd]
//   DATABASE_PATH (default data/planner.sqlite); SEED_TODAY also sets the demo's today.
import fs from "node:fs";
import { databasePath, openDb } from "~/db/client.server";
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
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
    console.log(`setup: removed ${file}`);
  }
  const db = openDb(file);
  const opened = Math.round(performance.now() - started);
  try {
    if (isDemoSeeded(db)) {
      console.log(`setup: ${file} is ready (already seeded; opened and migrated in ${opened} ms)`);
      return;
    }
    console.log(`setup: seeding ${file} (today = ${today}; opened and migrated in ${opened} ms)`);
    await seedDemo(db, { today, log: (line) => console.log(line) });
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
    console.log(`setup: done in ${Math.round(performance.now() - started)} ms`);
  } finally {
    db.$client.close();
  }
}

main().catch((error: unknown) => {
  console.error("setup failed:", error);
  process.exitCode = 1;
});
