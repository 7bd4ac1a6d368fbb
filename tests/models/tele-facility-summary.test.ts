import { expect, test } from "vitest";
import { teleLinks, teleSessions } from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import { facilityTeleSummary } from "~/models/tele/facility-summary.server";
import { teleReport } from "~/models/tele/reports.server";
import { userActor } from "../helpers/actors";
import { createTestDb } from "../helpers/db";
import { makeChapter, makeFacility, makeProvince } from "../helpers/factories";

const ADMIN: Actor = { userId: 0, role: "admin", facilityId: null, provinceCode: null };
const TODAY = "2026-03-20";
const LAST_YEAR = { fromMonth: "2025-04", toMonth: "2026-03" };

/**
 * Hub H (province P) supports spokes A and B in force, and supported C until June 2025 (ended);
 * hub H2 (province Q) supports C. Sessions: A presents two consultations (one treated locally,
 * one referred up) and one from March 2025 (before the last twelve months); B one without outcome
 * recorded yet; H2 a training for C.
 */
function world() {
  const db = createTestDb();
  makeChapter(db, 10, "NGOẠI KHOA");
  const P = makeProvince(db);
  const Q = makeProvince(db);
  const H = makeFacility(db, { name: "BV Trung tâm", provinceCode: P.code });
  const A = makeFacility(db, { name: "TTYT A", level: "C", provinceCode: P.code });
  const B = makeFacility(db, { name: "TTYT B", level: "C", provinceCode: P.code });
  const H2 = makeFacility(db, { name: "BV Khác", provinceCode: Q.code });
  const C = makeFacility(db, { name: "TTYT C", level: "C", provinceCode: Q.code });
  db.insert(teleLinks)
    .values([
      { hubFacilityId: H.id, spokeFacilityId: A.id, chapterNumber: 10, startOn: "2025-01-01" },
      { hubFacilityId: H.id, spokeFacilityId: B.id, chapterNumber: 10, startOn: "2025-01-01" },
      { hubFacilityId: H.id, spokeFacilityId: C.id, chapterNumber: 10, startOn: "2024-01-01", endOn: "2025-06-30" },
      { hubFacilityId: H2.id, spokeFacilityId: C.id, chapterNumber: 10, startOn: "2025-01-01" },
    ])
    .run();
  const session = { startTime: "14:00", durationMinutes: 30, chapterNumber: 10, title: "Ca bệnh" };
  db.insert(teleSessions)
    .values([
      { ...session, kind: "consultation", hubFacilityId: H.id, spokeFacilityId: A.id, heldOn: "2025-03-10", outcome: "treated_locally" },
      { ...session, kind: "consultation", hubFacilityId: H.id, spokeFacilityId: A.id, heldOn: "2025-11-04", outcome: "treated_locally" },
      { ...session, kind: "consultation", hubFacilityId: H.id, spokeFacilityId: A.id, heldOn: "2026-02-03", outcome: "referred_up" },
      { ...session, kind: "consultation", hubFacilityId: H.id, spokeFacilityId: B.id, heldOn: "2026-03-03", outcome: null },
      { ...session, kind: "training", hubFacilityId: H2.id, spokeFacilityId: null, heldOn: "2026-01-08", durationMinutes: 90, title: "Chủ đề" },
    ])
    .run();
  return { db, P, Q, H, A, B, H2, C };
}

const names = (side: { partners: { name: string }[] } | null) => side?.partners.map((p) => p.name) ?? null;

test("a hub's page lists its spokes in force and the totals of its report over the last twelve months", () => {
  const w = world();
  const summary = facilityTeleSummary(w.db, ADMIN, w.H, { today: TODAY, locale: "vi" });
  expect(summary.period).toEqual(LAST_YEAR);
  // C's link ended in June 2025: not a spoke any more.
  expect(names(summary.asHub)).toEqual(["TTYT A", "TTYT B"]);
  expect(summary.asSpoke).toBeNull();
  const report = teleReport(w.db, ADMIN, { ...LAST_YEAR, hub: w.H.id, spoke: null, chapter: null, province: null }, "vi");
  expect(summary.asHub!.totals).toEqual(report.totals);
  // March 2025 is outside the twelve months; B's consultation has no outcome yet.
  expect([summary.asHub!.totals!.consultations, summary.asHub!.totals!.resolvedLocally, summary.asHub!.totals!.share]).toEqual([3, 1, 50]);
  expect(summary.canManage).toBe(true);
});

test("a spoke's page lists its hubs; a facility with no link in force has neither side", () => {
  const w = world();
  const spoke = facilityTeleSummary(w.db, ADMIN, w.A, { today: TODAY, locale: "vi" });
  expect(spoke.asHub).toBeNull();
  expect(names(spoke.asSpoke)).toEqual(["BV Trung tâm"]);
  expect(spoke.asSpoke!.totals!.consultations).toBe(2);
  const c = facilityTeleSummary(w.db, ADMIN, w.C, { today: TODAY, locale: "vi" });
  expect(names(c.asSpoke)).toEqual(["BV Khác"]);
  const lone = makeFacility(w.db, { name: "TTYT D", level: "C", provinceCode: w.P.code });
  const none = facilityTeleSummary(w.db, ADMIN, lone, { today: TODAY, locale: "vi" });
  expect([none.asHub, none.asSpoke]).toEqual([null, null]);
});

test("a reader sees only the links and sessions within its reach, and changes nothing it does not manage", () => {
  const w = world();
  // A's director on H's page: the one link it is part of, and the figures A took part in.
  const spokeDirector = userActor(w.db, "director", w.A.id, w.P.code);
  const fromA = facilityTeleSummary(w.db, spokeDirector, w.H, { today: TODAY, locale: "vi" });
  expect(names(fromA.asHub)).toEqual(["TTYT A"]);
  expect(fromA.asHub!.totals!.consultations).toBe(2);
  expect(fromA.canManage).toBe(false);
  expect(facilityTeleSummary(w.db, spokeDirector, w.A, { today: TODAY, locale: "vi" }).canManage).toBe(true);
  // Another province's hub director: nothing of H's links or sessions.
  const otherHub = userActor(w.db, "director", w.H2.id, w.Q.code);
  const fromH2 = facilityTeleSummary(w.db, otherHub, w.H, { today: TODAY, locale: "vi" });
  expect([fromH2.asHub, fromH2.asSpoke, fromH2.canManage]).toEqual([null, null, false]);
});
