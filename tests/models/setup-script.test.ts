// `npm start`'s setup step, run as the real script: a database left half-filled by an
// interrupted run is replaced by a complete demo, and a seeded one is left alone.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, expect, test } from "vitest";
import { openDb } from "~/db/client.server";
import { DEMO_STEPS, isDemoSeeded } from "../../seeds/demo";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "setup-script-"));
const file = path.join(dir, "planner.sqlite");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function runSetup() {
  return execFileSync("npx", ["tsx", "seeds/setup.ts"], {
    cwd: path.resolve(__dirname, "../.."),
    env: { ...process.env, DATABASE_PATH: file, SEED_TODAY: "2026-03-15" },
    encoding: "utf8",
  });
}

test("a database left half-seeded is replaced by a complete demo; a second run changes nothing", async () => {
  const partial = openDb(file);
  // The first steps of a run that stopped before writing its "seeded" marker.
  const ctx = { today: "2026-03-15", clock: new Date().toISOString(), facilityIds: new Map<string, number>() };
  for (const step of DEMO_STEPS.slice(0, 3)) await step.run(partial, ctx);
  expect(isDemoSeeded(partial)).toBe(false);
  partial.$client.close();

  expect(runSetup()).toContain("setup: done");
  expect(fs.existsSync(`${file}.seeding`)).toBe(false);
  const db = openDb(file);
  expect(isDemoSeeded(db)).toBe(true);
  const facilities = db.get<{ n: number }>(sql`select count(*) as n from facilities`).n;
  db.$client.close();

  expect(runSetup()).toContain("already seeded");
  const again = openDb(file);
  expect(again.get<{ n: number }>(sql`select count(*) as n from facilities`).n).toBe(facilities);
  again.$client.close();
}, 300_000);

test("a database with accounts but no demo is never replaced", async () => {
  const other = path.join(dir, "other.sqlite");
  const db = openDb(other);
  db.$client.prepare("insert into users (username, display_name, password_hash, role) values ('giamdoc', 'Giám đốc', '!', 'admin')").run();
  db.$client.close();
  expect(() =>
    execFileSync("npx", ["tsx", "seeds/setup.ts"], {
      cwd: path.resolve(__dirname, "../.."),
      env: { ...process.env, DATABASE_PATH: other, SEED_TODAY: "2026-03-15" },
      encoding: "utf8",
      stdio: "pipe",
    }),
  ).toThrow(/holds accounts but no demo/);
  const after = openDb(other);
  expect(after.get<{ n: number }>(sql`select count(*) as n from users`).n).toBe(1);
  expect(after.get<{ n: number }>(sql`select count(*) as n from facilities`).n).toBe(0);
  after.$client.close();
}, 300_000);
