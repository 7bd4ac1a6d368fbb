import { sql } from "drizzle-orm";
import { expect, inject, test } from "vitest";
import { isDemoSeeded, seedDemo } from "../../seeds/demo";
import { DEMO_TECHNIQUES } from "../../seeds/demo-techniques";
import { FACILITY_CODES } from "../../seeds/network";
import { vietnamToday } from "~/models/dates";
import { createDemoDb, createTestDb } from "../helpers/db";
import { DEMO_TODAY as TODAY } from "../helpers/demo-today";

const TABLES = ["provinces", "communes", "chapters", "techniques", "technique_billing_codes", "facilities", "facility_levels", "staff", "staff_techniques"];

function counts(db: ReturnType<typeof createTestDb>) {
  return Object.fromEntries(TABLES.map((t) => [t, db.get<{ n: number }>(sql.raw(`select count(*) as n from ${t}`)).n]));
}

function content(db: ReturnType<typeof createTestDb>) {
  return {
    facilities: db.all(sql`select code, name, level, directed_by_id, province_code from facilities order by id`),
    staff: db.all(sql`select facility_id, full_name, cadre, chapter_number, title, licence_number from staff order by id`),
    techniques: db.all(sql`select staff_id, technique_id, since from staff_techniques order by staff_id, technique_id`),
  };
}

test("seeding twice on fresh databases gives the same rows, and marks the database as seeded", async () => {
  const a = createTestDb();
  // The other seeding: the demo template, seeded on the same day by the run's global setup.
  const b = createDemoDb();
  expect(isDemoSeeded(a)).toBe(false);
  await seedDemo(a, { today: TODAY });
  expect(isDemoSeeded(a)).toBe(true);
  expect(counts(a)).toEqual(counts(b));
  expect(content(a)).toEqual(content(b));
  expect(counts(a)).toMatchObject({ provinces: 34, communes: 3321, techniques: 8544, technique_billing_codes: 9190 });
}, 300_000);

test("the named facilities exist with their levels, provinces and network links", async () => {
  const db = createDemoDb();
  const rows = db.all<{ code: string; level: string; kind: string; province_code: string | null; country: string; upper: string | null }>(
    sql`select f.code, f.level, f.kind, f.province_code, f.country, d.code as upper
        from facilities f left join facilities d on d.id = f.directed_by_id`,
  );
  const byCode = new Map(rows.map((r) => [r.code, r]));
  for (const code of [FACILITY_CODES.bachMai, FACILITY_CODES.vietDuc, FACILITY_CODES.hanoiMedicalUniversity, FACILITY_CODES.centralGeriatric, FACILITY_CODES.nationalChildrens]) {
    expect(byCode.get(code)).toMatchObject({ level: "A", province_code: "01" });
  }
  for (const code of [FACILITY_CODES.laoCai1, FACILITY_CODES.laoCai2, FACILITY_CODES.laoCai3, FACILITY_CODES.laoCai4]) {
    expect(byCode.get(code)).toMatchObject({ level: "B", province_code: "15", kind: "provincial_hospital" });
  }
  for (const code of [FACILITY_CODES.baoThang, FACILITY_CODES.baoYen, FACILITY_CODES.batXat]) {
    expect(byCode.get(code)).toMatchObject({ level: "C", province_code: "15", upper: FACILITY_CODES.laoCai2 });
  }
  expect(byCode.get(FACILITY_CODES.laoCai4)?.upper).toBe(FACILITY_CODES.laoCai1);
  expect(byCode.get(FACILITY_CODES.bacNinh)).toMatchObject({ level: "B", province_code: "24" });
  expect(byCode.get(FACILITY_CODES.guangxi)).toMatchObject({ kind: "other_organisation", level: null, country: "CN", province_code: null });
  const departments = rows.filter((r) => r.kind === "health_department").map((r) => r.province_code).sort();
  expect(departments).toEqual(["04", "08", "15", "20", "22", "24"]);
  // The 2025 reorganisation is in the regional centres' level history.
  expect(db.all(sql`select fl.valid_from from facility_levels fl join facilities f on f.id = fl.facility_id where f.code = ${FACILITY_CODES.baoThang} order by fl.valid_from`)).toEqual([
    { valid_from: "2000-01-01" },
    { valid_from: "2025-07-01" },
  ]);
}, 300_000);

test("demo techniques are real catalogue codes with the stated level, and central and provincial hospitals have people performing them", async () => {
  const db = createDemoDb();
  for (const t of Object.values(DEMO_TECHNIQUES)) {
    expect(db.get(sql`select min_level, chapter_number from techniques where code = ${t.code}`)).toEqual({ min_level: t.minLevel, chapter_number: t.chapterNumber });
  }
  const performers = db.all<{ code: string; n: number }>(
    sql`select f.code, count(distinct st.staff_id) as n from facilities f
        join staff s on s.facility_id = f.id join staff_techniques st on st.staff_id = s.id
        group by f.code`,
  );
  const byCode = new Map(performers.map((p) => [p.code, p.n]));
  for (const code of [FACILITY_CODES.bachMai, FACILITY_CODES.vietDuc, FACILITY_CODES.laoCai1, FACILITY_CODES.laoCai2, FACILITY_CODES.bacNinh]) {
    expect(byCode.get(code)).toBeGreaterThan(0);
  }
  const licences = db.get<{ n: number; d: number }>(sql`select count(*) as n, count(distinct licence_number) as d from staff`);
  expect(licences.n).toBe(licences.d);
}, 300_000);

// The audit trail records what happened; the demo's plans (courses a month ahead, rotations
// ending this week) must not leave events stamped after the moment the seed ran.
test("seeded on the real today, the audit trail holds no instant later than the seed's clock", async () => {
  const db = createTestDb();
  await seedDemo(db, { today: vietnamToday(new Date()) });
  const clock = new Date().toISOString();
  const future = db.all<{ entity_type: string; at: string }>(sql`select entity_type, at from audit_events where at > ${clock} order by at limit 5`);
  expect(future).toEqual([]);
}, 300_000);

test("seeded on a past day, events stamped by the demo itself are not later than that day", async () => {
  // The demo template: seeded on TODAY by the run's global setup, which started at demoSeededAt.
  const db = createDemoDb();
  const startedAt = inject("templateDbs").demoSeededAt;
  // Events the seed dates itself lie on or before its today; the rest carry the real clock.
  const dayEnd = new Date(`${TODAY}T23:59:59.999+07:00`).toISOString();
  const after = db.all<{ entity_type: string; at: string }>(
    sql`select entity_type, at from audit_events where at > ${dayEnd} and at < ${startedAt} order by at limit 5`,
  );
  expect(after).toEqual([]);
}, 300_000);
