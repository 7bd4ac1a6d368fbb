// The demo database, built as an ordered list of steps through the app's own model commands.
// To add a step: write it in its own file under seeds/, then add ONE import and ONE line to
// DEMO_STEPS below. A step is deterministic: it takes `today` from the context (never the
// clock) and draws randomness from seeds/prng.ts.
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { recordAudit } from "~/models/audit/audit.server";
import { importCatalogue, QD7603_EDITION } from "~/models/catalogue/import.server";
import { importCommunes, importProvinces } from "~/models/places/import.server";
import { seedClock } from "./clock";
import { seedNetwork } from "./network";
import { seedClassifications } from "./classifications";
import { seedStaff } from "./staff";
import { seedDemoAccounts } from "./accounts";
import { seedAgreements } from "./agreements";
import { seedRotations } from "./rotations";
import { seedCourses } from "./courses";
import { seedUnavailability } from "./unavailability";
import { seedAdoptionStep } from "./adoption";
import { seedTargets } from "./targets";
import { seedTeleLinks } from "./tele-links";
import { seedTeleSessions } from "./tele-sessions";

export type SeedContext = {
  /** The demo's "today" (`yyyy-MM-dd`): dates are laid out around it. */
  today: string;
  /** The latest instant a step may stamp an event with (seeds/clock.ts). */
  clock: string;
  /** Facility ids by stable code (seeds/network.ts FACILITY_CODES), filled by the network step. */
  facilityIds: Map<string, number>;
};

/** A step returns a short summary for the log (e.g. "27 facilities"). */
export type SeedStep = { name: string; run: (db: Db, ctx: SeedContext) => string | void | Promise<string | void> };

export const DATA_DIR = fileURLToPath(new URL("./data/", import.meta.url));

function dataFile(name: string) {
  return { fileName: name, bytes: fs.readFileSync(`${DATA_DIR}${name}`) };
}

export const DEMO_STEPS: SeedStep[] = [
  {
    name: "places",
    run: async (db) => {
      const p = await importProvinces(db, dataFile("provinces_34_2025.csv"), null);
      const c = await importCommunes(db, dataFile("wards_3321_2025.csv"), null);
      assertClean("places", [...p.issues, ...c.issues]);
      return `${p.rowsImported} provinces, ${c.rowsImported} communes`;
    },
  },
  {
    name: "catalogue",
    run: async (db, ctx) => {
      const r = await importCatalogue(db, dataFile("qd7603_pl1_dvkt_tuong_duong.csv"), QD7603_EDITION, ctx.today);
      assertClean("catalogue", r.issues);
      return `${r.written.techniquesCreated} techniques, ${r.written.billingCodesCreated} billing codes`;
    },
  },
  {
    name: "network",
    run: (db, ctx) => {
      for (const [code, id] of seedNetwork(db, ctx.today)) ctx.facilityIds.set(code, id);
      return `${ctx.facilityIds.size} facilities`;
    },
  },
  { name: "classifications", run: (db, ctx) => seedClassifications(db, ctx.facilityIds, ctx.today) },
  { name: "staff", run: (db, ctx) => `${seedStaff(db, ctx.facilityIds)} staff` },
  { name: "accounts", run: async (db) => `${await seedDemoAccounts(db)} demo accounts` },
  { name: "agreements", run: (db, ctx) => seedAgreements(db, ctx.facilityIds, ctx.today) },
  { name: "rotations", run: (db, ctx) => seedRotations(db, ctx.facilityIds, ctx.today, ctx.clock) },
  { name: "courses", run: (db, ctx) => seedCourses(db, ctx) },
  { name: "unavailability", run: (db, ctx) => seedUnavailability(db, ctx.facilityIds, ctx.today) },
  // accounts, agreements, rotations, courses, adoption: add here, in dependency order.
  // adoption counts the ledger entries of earlier steps (acceptances) and runs after them.
  { name: "adoption", run: (db, ctx) => seedAdoptionStep(db, ctx.today) },
  { name: "targets", run: (db, ctx) => seedTargets(db, ctx.today) },
  { name: "tele-links", run: (db, ctx) => seedTeleLinks(db, ctx.facilityIds, ctx.today) },
  { name: "tele-sessions", run: (db, ctx) => seedTeleSessions(db, ctx) },
];

function assertClean(step: string, issues: { row: number; key: string }[]) {
  if (issues.length > 0) {
    throw new Error(`${step}: ${issues.length} rows refused, first: row ${issues[0].row} ${issues[0].key}`);
  }
}

/** The marker written by a finished seed run (an audit event, so it also shows in the trail). */
const SEED_ENTITY = "demo_seed";

export function isDemoSeeded(db: Db): boolean {
  const row = db.get<{ n: number }>(sql`select count(*) as n from audit_events where entity_type = ${SEED_ENTITY}`);
  return row.n > 0;
}

export type StepTiming = { name: string; ms: number; summary: string };

/**
 * Runs every step in order and writes the "seeded" marker last. A step that fails stops the
 * run (the marker is not written; start again with `--reset`).
 */
export async function seedDemo(
  db: Db,
  options: { today: string; log?: (line: string) => void; steps?: readonly SeedStep[]; now?: Date },
): Promise<StepTiming[]> {
  const ctx: SeedContext = { today: options.today, clock: seedClock(options.today, options.now ?? new Date()), facilityIds: new Map() };
  const timings: StepTiming[] = [];
  for (const step of options.steps ?? DEMO_STEPS) {
    const started = performance.now();
    const summary = (await step.run(db, ctx)) ?? "";
    const ms = Math.round(performance.now() - started);
    timings.push({ name: step.name, ms, summary });
    options.log?.(`  ${step.name.padEnd(12)} ${String(ms).padStart(6)} ms  ${summary}`);
  }
  recordAudit(db, {
    userId: null,
    action: "create",
    entityType: SEED_ENTITY,
    entityId: "demo",
    after: { today: options.today, steps: timings.map((t) => t.name) },
  });
  return timings;
}
