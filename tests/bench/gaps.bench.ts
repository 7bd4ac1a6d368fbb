// The gap matrix at national scale (seeds/national.ts: ~5,000 facilities, ~1 M pairs, the real
// catalogue of 19,438 techniques): one facility's matrix and a province's (Lào Cai, ~150
// facilities) with its XLSX, each beside a bare SQL query of the same rows. A script, not a
// vitest file:
//   npx tsx tests/bench/gaps.bench.ts [file]   (default NATIONAL_DATABASE_PATH or data/national.sqlite)
// The national file is built once (seeds/national.ts, some minutes) when missing and then reused;
// the benchmark works on a copy, to which it adds benchmark staff (20 per hospital, each
// performing 30 of the hospital's techniques) and one open agreement per province (its first
// provincial hospital supporting every other care facility, five chapters), so that partners
// and agreement chapters are read at scale. Prints the median of five runs after one warm-up.
// Last figures (quiet 2-CPU machine, 4,970 facilities, 985,485 pairs): one facility 30–114 ms
// (170 ms with "a partner only"), 120–345 ms on the first view after a ledger write (the
// same-level counts are recounted), the bare SQL of its rows 72–259 ms; Lào Cai's 145
// facilities 25 ms, with the XLSX 84 ms, the bare anti-join 493 ms.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openDb } from "~/db/client.server";
import { getFixedT } from "~/i18n/i18n";
import "~/i18n/resources";
import type { Actor } from "~/models/access/policy";
import { exportProvinceGapsXlsx, getFacilityGaps, getProvinceGaps } from "~/models/planning/gaps.server";

const source = process.argv[2] ?? process.env.NATIONAL_DATABASE_PATH ?? "data/national.sqlite";
const today = process.argv[3] ?? "2026-01-15";
if (!fs.existsSync(source)) {
  console.log(`${source} missing: building the national database (seeds/national.ts)…`);
  fs.mkdirSync(path.dirname(path.resolve(source)), { recursive: true });
  execFileSync("npx", ["tsx", "seeds/national.ts", source], { stdio: "inherit" });
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gaps-bench-"));
const file = path.join(dir, "national.sqlite");
fs.copyFileSync(source, file);
process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
const db = openDb(file);
const admin: Actor = { userId: 0, role: "admin", facilityId: null, provinceCode: null };

// Benchmark staff and agreements (raw rows: benchmark data, not history anyone entered).
const setup = performance.now();
db.transaction((tx) => {
  tx.run(sql`delete from staff_techniques`);
  tx.run(sql`insert into staff (facility_id, full_name, search_text, cadre, active)
    select f.id, 'Bác sĩ ' || f.id || '-' || k.n, 'bac si', 'doctor', 1
    from facilities f join (with recursive k(n) as (select 1 union all select n + 1 from k where n < 20) select n from k) k
    where f.level in ('A', 'B')`);
  tx.run(sql`insert or ignore into staff_techniques (staff_id, technique_id)
    select s.id, p.technique_id from staff s
    join adoption_pairs p on p.facility_id = s.facility_id
    where (p.technique_id * 7 + s.id * 13) % 23 = 0`);
  tx.run(sql`insert into agreements (number, title, search_text, type, status, start_on, end_on, owner_facility_id)
    select 'BENCH/' || p.code, 'Bench', 'bench', 'technique_transfer', 'active', '2025-01-01', '2027-12-31',
      (select min(f.id) from facilities f where f.province_code = p.code and f.level = 'B')
    from provinces p where exists (select 1 from facilities f where f.province_code = p.code and f.level = 'B')`);
  tx.run(sql`insert into agreement_parties (agreement_id, facility_id, role)
    select a.id, a.owner_facility_id, 'supporting' from agreements a where a.number like 'BENCH/%'`);
  tx.run(sql`insert into agreement_parties (agreement_id, facility_id, role)
    select a.id, f.id, 'receiving' from agreements a join facilities f on f.province_code = substr(a.number, 7)
    where a.number like 'BENCH/%' and f.id <> a.owner_facility_id and f.level is not null`);
  tx.run(sql`insert into agreement_chapters (agreement_id, chapter_number)
    select a.id, c.number from agreements a join chapters c on c.number in (2, 3, 10, 12, 13) where a.number like 'BENCH/%'`);
});
const size = db.get<{ facilities: number; pairs: number; techniques: number; staff: number; skills: number }>(sql`select
  (select count(*) from facilities) as facilities, (select count(*) from adoption_pairs) as pairs,
  (select count(*) from techniques) as techniques, (select count(*) from staff) as staff, (select count(*) from staff_techniques) as skills`)!;
console.log(
  `${source} (copy): ${size.facilities} facilities, ${size.pairs} pairs, ${size.techniques} techniques; +${size.staff} staff, ${size.skills} staff techniques (${((performance.now() - setup) / 1000).toFixed(1)} s); today ${today}`,
);

async function time(label: string, run: () => unknown, runs = 5) {
  await run();
  const ms: number[] = [];
  let result: unknown;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    result = await run();
    ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  console.log(`${label.padEnd(58)} median ${ms[Math.floor(runs / 2)].toFixed(0).padStart(6)} ms  (min ${ms[0].toFixed(0)}, max ${ms[runs - 1].toFixed(0)})  ${describe(result)}`);
}

function describe(result: unknown): string {
  if (result instanceof Buffer) return `${(result.length / 1024).toFixed(0)} KB`;
  if (Array.isArray(result)) return `${result.length} rows`;
  if (result && typeof result === "object" && "total" in result && "shown" in result) {
    const r = result as { total: number; shown: { lines: { partners: unknown[] }[] }[] };
    const lines = r.shown.flatMap((c) => c.lines);
    return `${r.total} gaps, ${lines.length} lines shown, ${lines.filter((l) => l.partners.length > 0).length} with partners`;
  }
  if (result && typeof result === "object" && "rows" in result) {
    const r = result as { rows: { total: number }[]; chapters: unknown[] };
    return `${r.rows.length} facilities × ${r.chapters.length} chapters, ${r.rows.reduce((s, x) => s + x.total, 0)} gaps`;
  }
  return "";
}

const facility = (code: string) => db.get<{ id: number; level: string }>(sql`select id, level from facilities where code = ${code}`)!;
const options = { allChapters: false, chapter: null, page: 1, today, locale: "vi" as const };
const t = getFixedT("vi");

// The bare queries: the same rows straight from SQL (peers counted by the plain join, as
// SQLite plans it), without partners, chapters or JavaScript.
const bareFacility = (id: number, levels: string[]) =>
  db.$client
    .prepare(
      `with peer as (select p.technique_id, count(*) n from facilities f join adoption_pairs p on p.facility_id = f.id
         where f.level = (select level from facilities where id = ?) and f.active = 1 and f.id <> ? and p.started_on <= ?
           and (p.suspended_on is null or p.suspended_on > ?) group by p.technique_id)
       select t.id, t.code, t.chapter_number, coalesce(peer.n, 0) peers from techniques t left join peer on peer.technique_id = t.id
       where t.min_level in (${levels.map(() => "?").join(", ")}) and t.kind = 'listed' and (t.retired_on is null or t.retired_on > ?)
         and not exists (select 1 from adoption_pairs p where p.facility_id = ? and p.technique_id = t.id and p.started_on <= ?
           and (p.suspended_on is null or p.suspended_on > ?))
       order by t.chapter_number, peers desc, t.number`,
    )
    .all(id, id, today, today, ...levels, today, id, today, today);
const bareProvince = (code: string) =>
  db.$client
    .prepare(
      `select f.id, t.chapter_number, count(*) n from facilities f
         join techniques t on t.min_level = f.level or t.min_level = case f.level when 'B' then 'A' when 'C' then 'B' when 'D' then 'C' end
       where f.province_code = ? and f.active = 1 and f.level is not null and t.kind = 'listed' and (t.retired_on is null or t.retired_on > ?)
         and not exists (select 1 from adoption_pairs p where p.facility_id = f.id and p.technique_id = t.id and p.started_on <= ?
           and (p.suspended_on is null or p.suspended_on > ?))
       group by f.id, t.chapter_number`,
    )
    .all(code, today, today, today);

for (const code of ["NAT-15-C1", "NAT-15-B0", "NAT-15-D0"]) {
  const f = facility(code);
  if (!f) continue;
  const levels = f.level === "A" ? ["A"] : [f.level, String.fromCharCode(f.level.charCodeAt(0) - 1)];
  await time(`facility ${code} (${f.level}), agreement chapters`, () => getFacilityGaps(db, admin, f.id, options));
  await time(`facility ${code} (${f.level}), all chapters`, () => getFacilityGaps(db, admin, f.id, { ...options, allChapters: true }));
  await time(`facility ${code} (${f.level}), all chapters, with a partner only`, () => getFacilityGaps(db, admin, f.id, { ...options, allChapters: true, withPartners: true }));
  // A new "today" each run: the same-level counts are counted again, as on the first request after a ledger write.
  let day = 0;
  await time(`  peers recounted (first view after a write)`, () => getFacilityGaps(db, admin, f.id, { ...options, today: `2026-01-${String(15 - day++).padStart(2, "0")}` }));
  await time(`  bare SQL: its gap rows with peers`, () => bareFacility(f.id, levels));
}
await time("province 15 (Lào Cai) matrix", () => getProvinceGaps(db, admin, "15", today, "vi"));
await time("province 15 (Lào Cai) matrix + XLSX", () => exportProvinceGapsXlsx(db, admin, "15", today, t, "vi"));
await time("  bare SQL: gaps per facility and chapter (anti-join)", () => bareProvince("15"));
db.$client.close();
