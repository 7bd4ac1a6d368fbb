import { and, eq, sql } from "drizzle-orm";
import { expect, test } from "vitest";
import { agreements, teleSessions, transferItems } from "~/db/schema";
import { getAgreementReadiness } from "~/models/transfers/readiness.server";
import { seedTeleSessions } from "../../seeds/tele-sessions";
import { seedClock } from "../../seeds/clock";
import { createDemoDb } from "../helpers/db";
import { DEMO_TODAY } from "../helpers/demo-today";

type Db = ReturnType<typeof createDemoDb>;
const n = (db: Db, query: ReturnType<typeof sql>) => db.get<{ n: number }>(query)!.n;
const fingerprint = (db: Db) =>
  db.select({ h: teleSessions.heldOn, k: teleSessions.kind, t: teleSessions.title, o: teleSessions.outcome, s: teleSessions.seriesId }).from(teleSessions).orderBy(teleSessions.id).all();

test("the demo's year of sessions: số 2's Tuesday consultations, Bạch Mai's Thursday training with CME hours, one training on a 126/HĐ-BVĐK2 line", () => {
  const db = createDemoDb();
  const consultations = db.select().from(teleSessions).where(eq(teleSessions.kind, "consultation")).all();
  const training = db.select().from(teleSessions).where(eq(teleSessions.kind, "training")).all();
  expect(consultations.length).toBeGreaterThanOrEqual(50);
  expect(training.length).toBeGreaterThanOrEqual(50);
  expect(consultations.every((s) => s.heldOn <= DEMO_TODAY && s.seriesId !== null && new Date(`${s.heldOn}T00:00:00Z`).getUTCDay() === 2)).toBe(true);
  const referred = consultations.filter((s) => s.outcome === "referred_up").length;
  expect(referred).toBeGreaterThan(0);
  expect(referred).toBeLessThan(consultations.length / 3);
  expect(n(db, sql`select count(*) as n from credit_entries where kind = 'remote_training'`)).toBeGreaterThan(100);
  expect(n(db, sql`select count(*) as n from tele_participants where credit_entry_id is not null`)).toBe(n(db, sql`select count(*) as n from credit_entries where kind = 'remote_training'`));

  const onLine = db
    .select({ itemId: transferItems.id, agreementId: agreements.id })
    .from(teleSessions)
    .innerJoin(transferItems, eq(transferItems.id, teleSessions.transferItemId))
    .innerJoin(agreements, eq(agreements.id, transferItems.agreementId))
    .where(and(eq(teleSessions.kind, "training"), eq(agreements.number, "126/HĐ-BVĐK2")))
    .get();
  expect(onLine).toBeDefined();
  const admin = { userId: 1, role: "admin" as const, facilityId: null, provinceCode: null };
  expect(getAgreementReadiness(db, admin, onLine!.agreementId, DEMO_TODAY).lines[onLine!.itemId].parts.trained).toBeGreaterThan(0);
});

test("the step is deterministic and writes no adoption event", () => {
  const db = createDemoDb();
  const before = fingerprint(db);
  const adoption = n(db, sql`select count(*) as n from adoption_events`);
  db.run(sql`delete from tele_participants`);
  db.run(sql`delete from tele_sessions`);
  db.run(sql`delete from credit_entries where kind = 'remote_training'`);
  seedTeleSessions(db, { today: DEMO_TODAY, clock: seedClock(DEMO_TODAY, new Date()), facilityIds: new Map() });
  expect(fingerprint(db)).toEqual(before);
  expect(n(db, sql`select count(*) as n from adoption_events`)).toBe(adoption);
});
