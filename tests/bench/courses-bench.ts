// Timing of the course calendar and of the facility credit-hour view on a temp database:
// 1,000 staff in one facility with 8 credit entries each, and 50,000 courses (the national
// scale the planner is designed for) with 1,000,000 enrolments spread over five years.
//   npx tsx tests/bench/courses-bench.ts
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDb } from "~/db/client.server";
import type { Actor } from "~/models/access/policy";
import { listCalendarCourses } from "~/models/courses/courses.server";
import { monthGrid, monthRange } from "~/models/courses/rules";
import { listFacilityCredits } from "~/models/credits/credits.server";
import { addDaysIso } from "~/models/dates";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "courses-bench-"));
const db = openDb(path.join(dir, "bench.sqlite"));
const sqlite = db.$client;
const today = "2026-06-15";

let t = performance.now();
sqlite.exec(`insert into provinces values ('15','Lào Cai','Lao Cai','Tỉnh Lào Cai','Lao Cai Province','Province')`);
const insertFacility = sqlite.prepare(
  "insert into facilities (code, name, short_name, search_text, kind, level, province_code) values (?, ?, ?, ?, 'provincial_hospital', 'B', '15')",
);
const insertStaff = sqlite.prepare("insert into staff (facility_id, full_name, search_text, cadre) values (?, ?, ?, 'doctor')");
const insertCredit = sqlite.prepare(
  "insert into credit_entries (staff_id, kind, activity_on, hours, title) values (?, 'conference', ?, ?, 'Hội nghị')",
);
const insertCourse = sqlite.prepare(
  "insert into courses (title, search_text, host_facility_id, mode, status, start_on, end_on, capacity) values (?, ?, ?, 'at_host', 'open', ?, ?, 20)",
);
const insertEnrolment = sqlite.prepare(
  "insert into enrolments (course_id, staff_id, status, requested_at) values (?, ?, 'completed', '2026-01-01T00:00:00Z')",
);
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
sqlite.transaction(() => {
  for (let f = 1; f <= 100; f++) insertFacility.run(`F${f}`, `Bệnh viện ${f}`, `BV ${f}`, `bv ${f}`);
  for (let s = 1; s <= 1000; s++) {
    insertStaff.run(1, `Cán bộ ${s}`, `can bo ${s}`);
    for (let e = 0; e < 8; e++) insertCredit.run(s, addDaysIso(today, -Math.floor(rand() * 2400)), 4 + Math.floor(rand() * 20));
  }
  // Staff of the other facilities, for the enrolments.
  for (let s = 1; s <= 20_000; s++) insertStaff.run(2 + (s % 99), `Học viên ${s}`, `hoc vien ${s}`);
  for (let c = 1; c <= 50_000; c++) {
    const start = addDaysIso("2022-01-01", Math.floor(rand() * 1800));
    insertCourse.run(`Khóa ${c}`, `khoa ${c}`, 1 + (c % 100), start, addDaysIso(start, Math.floor(rand() * 10)));
    for (let e = 0; e < 20; e++) insertEnrolment.run(c, 1001 + ((c * 20 + e) % 20_000));
  }
})();
sqlite.exec("analyze");
console.log(`built in ${Math.round(performance.now() - t)} ms`);

const admin: Actor = { userId: 0, role: "admin", facilityId: null, provinceCode: null };
const director: Actor = { userId: 0, role: "director", facilityId: 1, provinceCode: "15" };

function time(label: string, runs: number, fn: () => unknown) {
  fn(); // warm the statement cache
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(runs / 2)];
  const p95 = samples[Math.floor(runs * 0.95)];
  console.log(`${label.padEnd(58)} median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
}

time("calendar, one month, all hosts (admin, up to 500 courses)", 20, () => {
  const range = monthRange(2024, 3);
  return monthGrid(2024, 3, listCalendarCourses(db, admin, range));
});
time("calendar, one month, one host (director)", 20, () => {
  const range = monthRange(2024, 3);
  return monthGrid(2024, 3, listCalendarCourses(db, director, range, { host: 1 }));
});
const page = { page: 1, pageSize: 25, offset: 0 };
time("facility credit view, 1,000 staff, everyone (page 1)", 20, () => listFacilityCredits(db, director, 1, today, { standing: "all" }, page, "vi"));
time("facility credit view, 1,000 staff, short now or within a year", 20, () =>
  listFacilityCredits(db, director, 1, today, { standing: "short" }, page, "vi"),
);
const r = listFacilityCredits(db, director, 1, today, { standing: "short" }, page, "vi");
console.log(`  (${r.total} of 1,000 staff short now or within a year)`);
db.$client.close();
fs.rmSync(dir, { recursive: true, force: true });
