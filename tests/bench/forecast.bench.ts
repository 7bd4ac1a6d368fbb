// The forecast's response time at national scale (seeds/national.ts). A script, not a vitest
// file: `npx tsx tests/bench/forecast.bench.ts [file] [today]` prints the median of five runs
// (after one warm-up) of the forecast for Lào Cai and for the province with the most open
// lines, beside a bare SQL query reading the same open lines.
//   file defaults to NATIONAL_DATABASE_PATH or data/national.sqlite
// The national generator writes no plan lines, so the bench works on a copy of the file
// (beside it in the temporary folder, reused by later runs) to which it adds agreements,
// plan lines at every stage and their stage history: 20 lines per receiving facility, a
// third of them accepted, some under ended agreements, a few deferred.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openDb, type Db } from "~/db/client.server";
import type { Actor } from "~/models/access/policy";
import { addDaysIso } from "~/models/dates";
import { TRANSFER_STAGES } from "~/models/enums";
import { loadForecast } from "~/models/reports/forecast.server";
import { createPrng } from "../../seeds/prng";

const source = process.argv[2] ?? process.env.NATIONAL_DATABASE_PATH ?? "data/national.sqlite";
const today = process.argv[3] ?? "2026-01-15";
const LINES_PER_FACILITY = 20;
const copy = path.join(os.tmpdir(), `forecast-bench-${path.basename(source)}`);

if (!fs.existsSync(copy)) {
  const start = performance.now();
  fs.copyFileSync(source, copy);
  console.log(`copied ${source} to ${copy} in ${((performance.now() - start) / 1000).toFixed(1)} s`);
}
const db = openDb(copy);

function addPlanLines(db: Db) {
  const r = createPrng("forecast-bench");
  const facilities = db.all<{ id: number; level: string; province: string | null }>(
    sql`select id, level, province_code as province from facilities where level is not null and active = 1`,
  );
  const techniques = db.all<{ id: number; level: string }>(sql`select id, min_level as level from techniques where min_level is not null`);
  const byLevel = new Map<string, number[]>();
  for (const t of techniques) byLevel.set(t.level, [...(byLevel.get(t.level) ?? []), t.id]);
  // Supporters one level up or more (letters sort in rank order).
  const above = (level: string) => facilities.filter((u) => u.level < level);
  const supporters = new Map(["B", "C", "D"].map((l) => [l, above(l)]));
  const client = db.$client;
  const insertAgreement = client.prepare(
    "insert into agreements (number, title, search_text, type, status, start_on, owner_facility_id) values (?, ?, ?, 'technique_transfer', ?, '2022-01-01', ?)",
  );
  const insertItem = client.prepare(
    "insert or ignore into transfer_items (agreement_id, technique_id, from_facility_id, to_facility_id, stage, target_date, accepted_on, deferred_on) values (?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const insertEvent = client.prepare("insert into transfer_stage_events (transfer_item_id, from_stage, to_stage, moved_on) values (?, ?, ?, ?)");
  const start = performance.now();
  let lines = 0;
  client.transaction(() => {
    for (const f of facilities) {
      if (f.level === "A") continue;
      const supporter = r.pick(supporters.get(f.level)!);
      const status = r.chance(0.15) ? "ended" : "active";
      const agreementId = Number(insertAgreement.run(`B${f.id}`, `Bench ${f.id}`, `bench ${f.id}`, status, supporter.id).lastInsertRowid);
      for (let i = 0; i < LINES_PER_FACILITY; i++) {
        // Mostly techniques one level up (cross-level), some of the facility's own level.
        const levels = f.level === "B" ? ["A", "B"] : f.level === "C" ? ["B", "C"] : ["C", "D"];
        const pool = byLevel.get(r.chance(0.7) ? levels[0] : levels[1]) ?? techniques.map((t) => t.id);
        const accepted = r.chance(0.33);
        const reached = accepted ? 5 : r.int(0, 4);
        const begun = addDaysIso("2022-01-01", r.int(0, 1200));
        const moves: string[] = [begun];
        for (let s = 1; s <= reached; s++) moves.push(addDaysIso(moves[s - 1], r.int(15, 120)));
        const stage = TRANSFER_STAGES[reached];
        const item = insertItem.run(
          agreementId,
          r.pick(pool),
          supporter.id,
          f.id,
          stage,
          addDaysIso(today, r.int(-90, 540)),
          accepted ? moves[5] : null,
          !accepted && r.chance(0.05) ? addDaysIso(today, -30) : null,
        );
        if (item.changes === 0) continue;
        lines++;
        for (let s = 0; s <= reached; s++) insertEvent.run(item.lastInsertRowid, s === 0 ? null : TRANSFER_STAGES[s - 1], TRANSFER_STAGES[s], moves[s]);
      }
    }
  })();
  console.log(`added ${lines} plan lines with their stage history in ${((performance.now() - start) / 1000).toFixed(1)} s`);
}

const existing = db.get<{ n: number }>(sql`select count(*) as n from transfer_items`)!.n;
if (existing === 0) addPlanLines(db);

const size = db.get<{ items: number; open: number; events: number }>(sql`select
  (select count(*) from transfer_items) as items,
  (select count(*) from transfer_items t join agreements a on a.id = t.agreement_id
    where a.status in ('draft', 'active') and t.stage <> 'accepted' and t.deferred_on is null) as open,
  (select count(*) from transfer_stage_events) as events`)!;
console.log(`${copy}: ${size.items} plan lines (${size.open} open), ${size.events} stage events; today ${today}`);

const largest = db.get<{ code: string; n: number }>(sql`select f.province_code as code, count(*) as n
  from transfer_items t join agreements a on a.id = t.agreement_id join facilities f on f.id = t.to_facility_id
  where a.status in ('draft', 'active') and t.stage <> 'accepted' and t.deferred_on is null
  group by 1 order by 2 desc limit 1`)!;

function time(label: string, run: () => unknown, runs = 5) {
  run();
  const ms: number[] = [];
  let result: unknown;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    result = run();
    ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  console.log(`${label.padEnd(56)} median ${ms[Math.floor(runs / 2)].toFixed(0).padStart(5)} ms  (min ${ms[0].toFixed(0)}, max ${ms[runs - 1].toFixed(0)})  ${describe(result)}`);
}

function describe(result: unknown): string {
  if (Array.isArray(result)) return `${result.length} rows`;
  const f = result as { openLines: number; countingLines: number; nextYear: { p10: number; median: number; p90: number } };
  return `${f.openLines} open lines, ${f.countingLines} counting; next year ${f.nextYear.median} (${f.nextYear.p10}–${f.nextYear.p90})`;
}

const department = (code: string): Actor => ({ userId: 0, role: "department", facilityId: null, provinceCode: code });
const year = Number(today.slice(0, 4)) + 1;
const bare = (code: string) =>
  db.all(sql`select t.to_facility_id, t.technique_id, t.stage, t.target_date from transfer_items t
    join agreements a on a.id = t.agreement_id join facilities f on f.id = t.to_facility_id
    where f.province_code = ${code} and a.status in ('draft', 'active') and t.stage <> 'accepted' and t.deferred_on is null`);

// The first forecast reads the stage history (the country's and the province's); later ones
// reuse it until the plan data changes.
const cold = performance.now();
loadForecast(db, department("15"), { provinceCode: "15" }, { year }, today);
console.log(`${"forecast: Lào Cai (15), first call (reads the history)".padEnd(56)} ${(performance.now() - cold).toFixed(0).padStart(12)} ms`);
time("bare SQL: Lào Cai's open lines", () => bare("15"));
time("forecast: Lào Cai (15)", () => loadForecast(db, department("15"), { provinceCode: "15" }, { year }, today));
time(`bare SQL: the largest province's open lines (${largest.code})`, () => bare(largest.code));
time(`forecast: the largest province (${largest.code}, ${largest.n} open lines)`, () => loadForecast(db, department(largest.code), { provinceCode: largest.code }, { year }, today));
db.$client.close();
