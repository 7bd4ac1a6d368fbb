// Timing of the rotation board and the candidate suggestions on a temp database at national
// scale: 200,000 rotations over five years among 40,000 staff of 100 facilities;
// facility 1 has 1,000 staff (300 perform the technique), 500 of its rotations fall in 2026,
// and its staff attend 2,000 courses. With --serve PORT it leaves the database in place and
// prints the path, for timing the pages over HTTP against a built server.
//   npx tsx tests/bench/rotations-bench.ts
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDb } from "~/db/client.server";
import type { Actor } from "~/models/access/policy";
import { hashPassword } from "~/models/auth/password.server";
import { addDaysIso } from "~/models/dates";
import { getBoard } from "~/models/rotations/board.server";
import { suggestCandidates } from "~/models/rotations/suggestions.server";

const keep = process.argv.includes("--keep");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rotations-bench-"));
const file = path.join(dir, "bench.sqlite");
const db = openDb(file);
const sqlite = db.$client;
const today = "2026-06-15";

let t = performance.now();
let seed = 7;
const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const ins = {
  facility: sqlite.prepare(
    "insert into facilities (code, name, short_name, search_text, kind, level, province_code, beds, absence_limit) values (?, ?, ?, ?, 'provincial_hospital', ?, '15', 800, ?)",
  ),
  staff: sqlite.prepare("insert into staff (facility_id, full_name, search_text, cadre, chapter_number) values (?, ?, ?, ?, 10)"),
  performs: sqlite.prepare("insert into staff_techniques (staff_id, technique_id) values (?, 1)"),
  rotation: sqlite.prepare(
    "insert into rotations (staff_id, from_facility_id, to_facility_id, purpose, start_on, end_on, status) values (?, ?, ?, 'technique_transfer', ?, ?, ?)",
  ),
  course: sqlite.prepare("insert into courses (title, search_text, host_facility_id, mode, start_on, end_on, capacity) values (?, ?, 1, 'at_host', ?, ?, 30)"),
  enrol: sqlite.prepare("insert into enrolments (course_id, staff_id, status, requested_at) values (?, ?, 'enrolled', '2026-01-01T00:00:00Z')"),
};
const statuses = ["planned", "confirmed", "completed", "cancelled"] as const;
sqlite.transaction(() => {
  sqlite.exec(`insert into provinces values ('15','Lào Cai','Lao Cai','Tỉnh Lào Cai','Lao Cai Province','Province')`);
  sqlite.exec(`insert into chapters values (10, 'X', 'NGOẠI KHOA')`);
  sqlite.exec(`insert into techniques (code, chapter_number, number, name, search_text, min_level) values ('10.12', 10, 12, 'Phẫu thuật lấy máu tụ trong não thất', 'phau thuat', 'B')`);
  for (let f = 1; f <= 100; f++) ins.facility.run(`F${f}`, `Bệnh viện ${f}`, `BV ${f}`, `bv ${f}`, f <= 10 ? "B" : "C", f === 1 ? 500 : null);
  // Facility 1: 1,000 staff, 300 of whom perform 10.12.
  for (let s = 1; s <= 1000; s++) {
    ins.staff.run(1, `Cán bộ ${String(s).padStart(4, "0")}`, `can bo ${s}`, s % 3 === 0 ? "nurse" : "doctor");
    if (s % 10 < 3) ins.performs.run(s);
  }
  for (let s = 1; s <= 39_000; s++) ins.staff.run(2 + (s % 99), `Nhân viên ${s}`, `nhan vien ${s}`, "doctor");
  // 500 rotations of facility 1 in 2026 (one per person), to 20 receiving facilities.
  for (let i = 0; i < 500; i++) {
    const start = addDaysIso("2026-01-01", Math.floor(rand() * 270));
    ins.rotation.run(1 + i * 2, 1, 11 + (i % 20), start, addDaysIso(start, 90), statuses[i % 3]);
  }
  // The rest of the country: 199,500 rotations over 2022–2026.
  for (let i = 0; i < 199_500; i++) {
    const staffId = 1001 + (i % 39_000);
    const from = 2 + ((staffId - 1001) % 99);
    const start = addDaysIso("2022-01-01", Math.floor(rand() * 1800));
    ins.rotation.run(staffId, from, from === 100 ? 2 : from + 1, start, addDaysIso(start, 90), statuses[i % 4]);
  }
  // Courses attended by facility 1's staff in 2026.
  for (let c = 1; c <= 2000; c++) {
    const start = addDaysIso("2026-01-01", Math.floor(rand() * 360));
    ins.course.run(`Khóa ${c}`, `khoa ${c}`, start, addDaysIso(start, 4));
    ins.enrol.run(c, 1 + Math.floor(rand() * 1000));
  }
})();
sqlite.exec("analyze");
console.log(`built in ${Math.round(performance.now() - t)} ms: ${(sqlite.prepare("select count(*) n from rotations").get() as { n: number }).n} rotations`);

function time(label: string, runs: number, fn: () => unknown) {
  fn(); // warm the statement cache
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  console.log(`${label.padEnd(72)} median ${samples[Math.floor(runs / 2)].toFixed(1)} ms, p95 ${samples[Math.floor(runs * 0.95)].toFixed(1)} ms`);
}

const trainer: Actor = { userId: 1, role: "trainer", facilityId: 1, provinceCode: "15" };
const admin: Actor = { userId: 1, role: "admin", facilityId: null, provinceCode: null };
const filters = { period: "year" as const, start: "2026-01-01", q: "", status: null, facilityId: null, cadre: null };
const byFacility = getBoard(db, trainer, { ...filters, view: "facility" }, { page: 1, pageSize: 50, offset: 0 }, today);
const bars = byFacility.groups.rows.reduce((n, g) => n + g.bars.length, 0);
time(`board, year 2026, by receiving facility (trainer, ${bars} bars)`, 20, () =>
  getBoard(db, trainer, { ...filters, view: "facility" }, { page: 1, pageSize: 50, offset: 0 }, today),
);
time("board, year 2026, by person, 100 people a page (trainer)", 20, () =>
  getBoard(db, trainer, { ...filters, view: "person" }, { page: 1, pageSize: 100, offset: 0 }, today),
);
time("board, year 2026, by person, 50 a page (admin, whole country)", 20, () =>
  getBoard(db, admin, { ...filters, view: "person" }, { page: 1, pageSize: 50, offset: 0 }, today),
);
const request = { techniqueId: 1, fromFacilityId: 1, toFacilityId: 11, window: { start: "2026-07-01", end: "2026-09-30" } };
const result = suggestCandidates(db, trainer, request);
time(`suggestions, 1,000 staff (${result.candidates.length} suggested, ${result.excludedTotal} excluded)`, 20, () => suggestCandidates(db, trainer, request));

if (keep) {
  const hash = await hashPassword("Bench@Rotations1");
  sqlite.prepare("insert into users (username, display_name, password_hash, role, facility_id) values ('bench.trainer', 'Bench', ?, 'trainer', 1)").run(hash);
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  console.log(`kept ${file} (user bench.trainer / Bench@Rotations1)`);
  sqlite.close();
} else {
  sqlite.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
