import { and, eq, sql } from "drizzle-orm";
import { expect, test } from "vitest";
import { agreements, creditEntries, facilities, teleLinks, teleSessions, transferItems } from "~/db/schema";
import { getAgreementReadiness } from "~/models/transfers/readiness.server";
import { seedTeleSessions } from "../../seeds/tele-sessions";
import { seedClock } from "../../seeds/clock";
import { createDemoDb } from "../helpers/db";
import { DEMO_TODAY } from "../helpers/demo-today";

/** The demo with links like the links step lays out: số 2 to số 3 and its centres, Bạch Mai to Lào Cai số 1 and Bắc Ninh. */
function demoWithLinks() {
  const db = createDemoDb();
  const id = (code: string) => db.select({ id: facilities.id }).from(facilities).where(eq(facilities.code, code)).get()!.id;
  const startOn = "2025-01-01";
  const rows = [
    ...["LC-BVDK3"].flatMap((s) => [2, 10, 13].map((c) => ({ hubFacilityId: id("LC-BVDK2"), spokeFacilityId: id(s), chapterNumber: c, startOn }))),
    ...["LC-BVDK1", "BN-BVDK"].flatMap((s) => [2, 10, 13].map((c) => ({ hubFacilityId: id("BM"), spokeFacilityId: id(s), chapterNumber: c, startOn }))),
  ];
  db.insert(teleLinks).values(rows).run();
  return db;
}

const count = (db: ReturnType<typeof createDemoDb>, table: typeof teleSessions | typeof creditEntries, where?: ReturnType<typeof sql>) =>
  db.select({ n: sql<number>`count(*)` }).from(table).where(where).get()!.n;

test("the demo's year of sessions: weekly consultations and training, CME hours, one training on a 126/HĐ-BVĐK2 line; deterministic", () => {
  const db = demoWithLinks();
  const ctx = { today: DEMO_TODAY, clock: seedClock(DEMO_TODAY, new Date()), facilityIds: new Map<string, number>() };
  const adoptionBefore = db.get<{ n: number }>(sql`select count(*) as n from adoption_events`)!.n;
  const summary = seedTeleSessions(db, ctx);
  expect(summary).toMatch(/^5[23] tele-consultations, 5[345] remote training sessions$/);
  const consultations = db.select().from(teleSessions).where(eq(teleSessions.kind, "consultation")).all();
  expect(consultations.every((s) => s.heldOn <= DEMO_TODAY)).toBe(true);
  const referred = consultations.filter((s) => s.outcome === "referred_up").length;
  expect(referred).toBeGreaterThan(0);
  expect(referred).toBeLessThan(consultations.length / 3);
  expect(count(db, creditEntries, sql`kind = 'remote_training'`)).toBeGreaterThan(50);
  expect(db.get<{ n: number }>(sql`select count(*) as n from adoption_events`)!.n).toBe(adoptionBefore);

  const onLine = db
    .select({ itemId: transferItems.id, agreementId: agreements.id })
    .from(teleSessions)
    .innerJoin(transferItems, eq(transferItems.id, teleSessions.transferItemId))
    .innerJoin(agreements, eq(agreements.id, transferItems.agreementId))
    .where(and(eq(teleSessions.kind, "training"), eq(agreements.number, "126/HĐ-BVĐK2")))
    .get();
  expect(onLine).toBeDefined();
  const admin = { userId: 1, role: "admin" as const, facilityId: null, provinceCode: null };
  const readiness = getAgreementReadiness(db, admin, onLine!.agreementId, DEMO_TODAY);
  expect(readiness.lines[onLine!.itemId].parts.trained).toBeGreaterThan(0);

  // The same seed twice gives the same sessions.
  const again = demoWithLinks();
  seedTeleSessions(again, ctx);
  const fingerprint = (d: typeof db) => d.select({ h: teleSessions.heldOn, t: teleSessions.title, o: teleSessions.outcome }).from(teleSessions).all();
  expect(fingerprint(again)).toEqual(fingerprint(db));
});
