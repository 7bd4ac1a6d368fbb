// A national-scale adoption ledger for the report benchmark, in its own database file (never
// the demo's): the 34 provinces and their communes, the real catalogue, ~5,000 facilities
// (central, provincial, regional, commune) and ~2 million dated events written through the
// ledger's batch command (every event validated; audit rows skipped for speed: this is
// benchmark data, not history anyone entered), then remote support (seeds/national-tele.ts).
//
//   tsx seeds/national.ts [file] [--facilities=5000] [--today=2026-01-15]
//   (file defaults to NATIONAL_DATABASE_PATH or data/national.sqlite)
import fs from "node:fs";
import { sql } from "drizzle-orm";
import { openDb, type Db } from "~/db/client.server";
import { recordAdoptionEvents, type AdoptionEventInput } from "~/models/adoption/ledger.server";
import { withRollupRebuiltAfter } from "~/models/adoption/rollup.server";
import { isCrossLevel } from "~/models/catalogue/levels";
import { importCatalogue, QD7603_EDITION } from "~/models/catalogue/import.server";
import type { Level } from "~/models/enums";
import { changeFacilityLevel, createFacility } from "~/models/facilities/commands.server";
import { importCommunes, importProvinces } from "~/models/places/import.server";
import { seedNationalTele } from "./national-tele";
import { createPrng, type Prng } from "./prng";

const DATA = new URL("./data/", import.meta.url);
const read = (name: string) => ({ fileName: name, bytes: fs.readFileSync(new URL(name, DATA)) });

const DAY = 86_400_000;
const dayNumber = (iso: string) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY;
const fromDayNumber = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);
const randomDate = (r: Prng, start: string, end: string) => fromDayNumber(r.int(dayNumber(start), dayNumber(end)));
const REORGANISATION = "2025-07-01";

type Unit = { id: number; level: Level; history: { level: Level; from: string }[] };
const levelOn = (u: Unit, date: string) => {
  let level = u.history[0].level;
  for (const h of u.history) if (h.from <= date) level = h.level;
  return level;
};

/** Facilities per province: provincial hospitals (B), regional centres (C), commune stations (D). */
function createNetwork(db: Db, prng: Prng, target: number): Unit[] {
  const provinces = db.all<{ code: string; name: string }>(sql`select code, name from provinces order by code`);
  const communes = db.all<{ code: string; name: string; province: string }>(sql`select code, name, province_code as province from communes order by code`);
  const units: Unit[] = [];
  const centralCount = 40;
  const perProvince = Math.max(10, Math.floor((target - centralCount) / provinces.length));
  const add = (code: string, name: string, level: Level, province: string, kind: "central_hospital" | "provincial_hospital" | "regional_centre" | "commune_station", commune?: string) => {
    const f = createFacility(db, { code, name, shortName: name.slice(0, 40), kind, level, provinceCode: province, communeCode: commune ?? null, beds: level === "D" ? 5 : level === "C" ? 150 : 600, openedOn: "2000-01-01" }, null);
    const unit: Unit = { id: f.id, level, history: [{ level, from: "2000-01-01" }] };
    units.push(unit);
    return unit;
  };
  for (let i = 0; i < centralCount; i++) add(`NAT-A-${i}`, `Bệnh viện Trung ương ${i + 1}`, "A", i % 2 ? "79" : "01", "central_hospital");
  for (const p of provinces) {
    const own = communes.filter((c) => c.province === p.code);
    const b = 3 + prng.int(0, 3);
    const c = Math.round((perProvince - b) * 0.3);
    const d = perProvince - b - c;
    for (let i = 0; i < b; i++) add(`NAT-${p.code}-B${i}`, `Bệnh viện tỉnh ${p.name} số ${i + 1}`, "B", p.code, "provincial_hospital");
    for (let i = 0; i < c; i++) {
      const place = own[i % Math.max(1, own.length)];
      const unit = add(`NAT-${p.code}-C${i}`, `Trung tâm Y tế khu vực ${place?.name ?? i}`, "C", p.code, "regional_centre", place?.code);
      // One regional centre in ten became a provincial hospital in the 2025 reorganisation.
      if (i % 10 === 0) {
        changeFacilityLevel(db, unit.id, "B", REORGANISATION, "Sắp xếp 2025", null, "2026-01-01");
        unit.history.push({ level: "B", from: REORGANISATION });
      }
    }
    for (let i = 0; i < d; i++) {
      const place = own[(i + c) % Math.max(1, own.length)];
      add(`NAT-${p.code}-D${i}`, `Trạm Y tế ${place?.name ?? i}`, "D", p.code, "commune_station", place?.code);
    }
  }
  return units;
}

/** Pairs per facility by level: central hospitals perform most of the catalogue, stations a few dozen. */
const PAIRS: Record<Level, [number, number]> = { A: [2500, 3500], B: [1500, 2200], C: [450, 800], D: [70, 160] };

function eventsFor(unit: Unit, techniques: { id: number; minLevel: Level | null }[], prng: Prng, end: string): AdoptionEventInput[] {
  const r = prng.fork(`f${unit.id}`);
  const n = r.int(...PAIRS[unit.level]);
  const events: AdoptionEventInput[] = [];
  // Own-level and below mostly, some cross-level ones (one or two levels up).
  const picked = new Set<number>();
  while (picked.size < n) picked.add(r.int(0, techniques.length - 1));
  for (const index of picked) {
    const t = techniques[index];
    const startedOn = randomDate(r, "2012-01-01", end);
    if (isCrossLevel(t.minLevel, levelOn(unit, startedOn)) && !r.chance(0.35)) continue;
    const base = { facilityId: unit.id, techniqueId: t.id };
    events.push({ ...base, kind: "started", eventOn: startedOn, source: "import" });
    if (r.chance(0.9)) {
      const approvedOn = fromDayNumber(Math.min(dayNumber(startedOn) + r.int(0, 180), dayNumber(end)));
      events.push({ ...base, kind: "approved", eventOn: approvedOn, decisionNumber: `${r.int(100, 999)}/QĐ-SYT` });
      if (r.chance(0.04) && approvedOn < "2025-01-01") {
        const suspendedOn = randomDate(r, approvedOn, "2025-06-30");
        events.push({ ...base, kind: "suspended", eventOn: suspendedOn });
        if (r.chance(0.5)) events.push({ ...base, kind: "resumed", eventOn: randomDate(r, suspendedOn, end) });
      }
    }
  }
  return events;
}

export async function seedNational(file: string, options: { facilities: number; today: string; log?: (s: string) => void }) {
  const log = options.log ?? (() => undefined);
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  const db = openDb(file);
  const t0 = performance.now();
  await importProvinces(db, read("provinces_34_2025.csv"), null);
  await importCommunes(db, read("wards_3321_2025.csv"), null);
  await importCatalogue(db, read("qd7603_pl1_dvkt_tuong_duong.csv"), QD7603_EDITION, options.today);
  log(`reference data ${Math.round(performance.now() - t0)} ms`);
  const prng = createPrng("national-benchmark");
  const units = db.transaction(() => createNetwork(db, prng, options.facilities));
  log(`${units.length} facilities ${Math.round(performance.now() - t0)} ms`);
  const techniques = db.all<{ id: number; minLevel: Level | null }>(sql`select id, min_level as minLevel from techniques order by id`);
  const end = options.today < "2025-12-31" ? options.today : "2025-12-31";
  let total = 0;
  // One transaction per 100 facilities keeps memory flat and the WAL small. The report rollup
  // is built once at the end rather than by a trigger per pair.
  withRollupRebuiltAfter(db, () => {
    for (let i = 0; i < units.length; i += 100) {
      const batch = units.slice(i, i + 100).flatMap((u) => eventsFor(u, techniques, prng, end));
      db.transaction((tx) => recordAdoptionEvents(tx, batch, null, options.today, { audit: false }));
      total += batch.length;
      if ((i / 100) % 10 === 0) log(`  ${i + 100} facilities, ${total} events, ${Math.round(performance.now() - t0)} ms`);
    }
  });
  log(`rollup built ${Math.round(performance.now() - t0)} ms`);
  const tele = seedNationalTele(db, { today: options.today, log });
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  db.$client.exec("analyze");
  log(`done: ${units.length} facilities, ${total} events, ${tele.sessions} remote sessions in ${Math.round(performance.now() - t0)} ms`);
  db.$client.close();
  return { facilities: units.length, events: total, tele };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop()!)) {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith("--")) ?? process.env.NATIONAL_DATABASE_PATH ?? "data/national.sqlite";
  const facilities = Number(args.find((a) => a.startsWith("--facilities="))?.split("=")[1] ?? 5000);
  const today = args.find((a) => a.startsWith("--today="))?.split("=")[1] ?? "2026-01-15";
  await seedNational(file, { facilities, today, log: (s) => console.log(s) });
}
