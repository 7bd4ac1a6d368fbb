// Builds the unit tests' template databases once per run: every migration applied, and the demo
// seeded on DEMO_TODAY. A test file then opens an in-memory copy of a template (a few
// milliseconds) instead of replaying the migrations (ten times longer) or seeding the whole demo
// (seconds) itself, and still gets a database nobody else writes to.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { openDb } from "~/db/client.server";
import { seedDemo } from "../../seeds/demo";
import { DEMO_TODAY } from "./demo-today";

declare module "vitest" {
  export interface ProvidedContext {
    /** Serialized databases the unit tests copy: `migrated` (empty), `demo` (seeded on DEMO_TODAY,
     *  by a run that started at `demoSeededAt`, an ISO instant). */
    templateDbs: { migrated: string; demo: string; demoSeededAt: string };
  }
}

export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "planner-templates-"));
  const migrated = path.join(dir, "migrated.sqlite");
  const demo = path.join(dir, "demo.sqlite");
  const db = openDb(":memory:");
  fs.writeFileSync(migrated, db.$client.serialize());
  const demoSeededAt = new Date().toISOString();
  await seedDemo(db, { today: DEMO_TODAY });
  fs.writeFileSync(demo, db.$client.serialize());
  db.$client.close();
  project.provide("templateDbs", { migrated, demo, demoSeededAt });
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
