import { sql } from "drizzle-orm";
import { expect, test } from "vitest";
import { teleLinks, teleParticipants, teleSessions } from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import type { TeleOutcome } from "~/models/enums";
import { defaultReportFilters, hubReport, teleReport, type TeleReportFilters } from "~/models/tele/reports.server";
import { listSessions } from "~/models/tele/sessions.server";
import { departmentActor, userActor } from "../helpers/actors";
import { createTestDb } from "../helpers/db";
import { makeChapter, makeFacility, makeProvince, makeStaff } from "../helpers/factories";

const ADMIN: Actor = { userId: 0, role: "admin", facilityId: null, provinceCode: null };
const PERIOD = { fromMonth: "2026-01", toMonth: "2026-03" };
const none = { hub: null, spoke: null, chapter: null, province: null };

/**
 * Hub H (province P) supports spokes A and B (P); hub H2 (province Q) supports spoke C (Q).
 * H, January: A treated locally, A referred up (surgery, 10), B advice only (internal medicine, 2),
 * a 90-minute training in surgery with two attendees of A (one on the staff register) and one of B.
 * February: no consultation; a 60-minute training without specialty, one attendee of A, B invited only.
 * March: B referred up, A advice only (surgery). December 2025 (outside the period): A treated locally.
 * H2: January C referred up; March a 45-minute training with three attendees of C.
 */
function world() {
  const db = createTestDb();
  makeChapter(db, 10, "NGOẠI KHOA");
  makeChapter(db, 2, "NỘI KHOA");
  const P = makeProvince(db);
  const Q = makeProvince(db);
  const H = makeFacility(db, { shortName: "BV Trung tâm", provinceCode: P.code });
  const A = makeFacility(db, { shortName: "TTYT A", level: "C", provinceCode: P.code });
  const B = makeFacility(db, { shortName: "TTYT B", level: "C", provinceCode: P.code });
  const H2 = makeFacility(db, { shortName: "BV Khác", provinceCode: Q.code });
  const C = makeFacility(db, { shortName: "TTYT C", level: "C", provinceCode: Q.code });
  db.insert(teleLinks)
    .values([
      { hubFacilityId: H.id, spokeFacilityId: A.id, chapterNumber: 10, startOn: "2025-01-01" },
      { hubFacilityId: H.id, spokeFacilityId: B.id, chapterNumber: 2, startOn: "2025-01-01" },
      { hubFacilityId: H2.id, spokeFacilityId: C.id, chapterNumber: 10, startOn: "2025-01-01" },
    ])
    .run();
  const nurse = makeStaff(db, { facilityId: A.id, fullName: "ĐD A" });
  const consult = (hub: number, spoke: number, heldOn: string, chapterNumber: number, outcome: TeleOutcome) =>
    db.insert(teleSessions).values({ kind: "consultation", hubFacilityId: hub, spokeFacilityId: spoke, heldOn, startTime: "14:00", durationMinutes: 30, chapterNumber, title: "Ca bệnh", outcome }).run();
  const train = (hub: number, heldOn: string, durationMinutes: number, chapterNumber: number | null, people: { facilityId: number; staffId?: number; name?: string }[]) => {
    const s = db.insert(teleSessions).values({ kind: "training", hubFacilityId: hub, heldOn, startTime: "08:00", durationMinutes, chapterNumber, title: "Chủ đề" }).returning().get();
    db.insert(teleParticipants)
      .values(people.map((p) => ({ sessionId: s.id, facilityId: p.facilityId, side: "spoke" as const, staffId: p.staffId ?? null, name: p.name ?? null })))
      .run();
  };
  consult(H.id, A.id, "2025-12-20", 10, "treated_locally");
  consult(H.id, A.id, "2026-01-06", 10, "treated_locally");
  consult(H.id, A.id, "2026-01-13", 10, "referred_up");
  consult(H.id, B.id, "2026-01-20", 2, "advice_only");
  train(H.id, "2026-01-08", 90, 10, [{ facilityId: A.id, staffId: nurse.id }, { facilityId: A.id, name: "BS A" }, { facilityId: B.id, name: "BS B" }]);
  train(H.id, "2026-02-12", 60, null, [{ facilityId: A.id, name: "BS A" }, { facilityId: B.id }]);
  consult(H.id, B.id, "2026-03-03", 10, "referred_up");
  consult(H.id, A.id, "2026-03-10", 10, "advice_only");
  consult(H2.id, C.id, "2026-01-15", 10, "referred_up");
  train(H2.id, "2026-03-05", 45, 10, [{ facilityId: C.id, name: "1" }, { facilityId: C.id, name: "2" }, { facilityId: C.id, name: "3" }]);
  return { db, P, Q, H, A, B, H2, C };
}

const pick = <T extends { key: unknown }>(rows: T[], key: unknown) => rows.find((r) => r.key === key)!;
const figures = (r: { consultations: number; resolvedLocally: number; referredUp: number; share: number | null; trainings: number; hours: number; attendees: number }) => [
  r.consultations,
  r.resolvedLocally,
  r.referredUp,
  r.share,
  r.trainings,
  r.hours,
  r.attendees,
];

test("a hub's report per month, spoke, specialty and hub: counts checked by hand, a month without consultations has no share", () => {
  const w = world();
  const r = hubReport(w.db, ADMIN, { hubFacilityId: w.H.id, ...PERIOD }, "vi");
  // [consultations, resolved locally, referred up, share %, trainings, hours, attendees]
  expect(r.months.map((m) => [m.key, ...figures(m)])).toEqual([
    ["2026-01", 3, 2, 1, 66.7, 1, 1.5, 3],
    ["2026-02", 0, 0, 0, null, 1, 1, 1],
    ["2026-03", 2, 1, 1, 50, 0, 0, 0],
  ]);
  expect(figures(r.totals)).toEqual([5, 3, 2, 60, 2, 2.5, 4]);
  expect(r.bySpoke.map((s) => [s.label, ...figures(s)])).toEqual([
    ["TTYT A", 3, 2, 1, 66.7, 2, 2.5, 3],
    ["TTYT B", 2, 1, 1, 50, 2, 2.5, 1],
  ]);
  expect(figures(pick(r.byChapter, 10))).toEqual([4, 2, 2, 50, 1, 1.5, 3]);
  expect(pick(r.byChapter, 10).label).toBe("10. NGOẠI KHOA");
  expect(figures(pick(r.byChapter, 2))).toEqual([1, 1, 0, 100, 0, 0, 0]);
  expect(figures(pick(r.byChapter, null))).toEqual([0, 0, 0, null, 1, 1, 1]);
  expect(r.byHub.map((h) => [h.label, ...figures(h)])).toEqual([["BV Trung tâm", 5, 3, 2, 60, 2, 2.5, 4]]);

  // The share over time: the whole report, then the spokes with the most consultations.
  expect(r.share.map((l) => [l.kind, l.name, l.points.map((p) => p.share)])).toEqual([
    ["all", "", [66.7, null, 50]],
    ["spoke", "TTYT A", [50, null, 100]],
    ["spoke", "TTYT B", [100, null, 0]],
  ]);
  expect(r.share[1].points[0]).toEqual({ month: "2026-01", resolved: 1, withOutcome: 2, share: 50 });
  // The reader chooses the spokes drawn; one that presented nothing in the report is not drawn.
  const chosen = teleReport(w.db, ADMIN, { ...PERIOD, ...none, hub: w.H.id, show: [w.B.id, w.C.id] }, "vi");
  expect(chosen.share.map((l) => [l.kind, l.name])).toEqual([["all", ""], ["spoke", "TTYT B"]]);
});

test("a spoke filter counts that spoke's consultations, the trainings it attended and its own attendees", () => {
  const w = world();
  const r = teleReport(w.db, ADMIN, { ...PERIOD, ...none, hub: w.H.id, spoke: w.B.id }, "vi");
  expect(figures(r.totals)).toEqual([2, 1, 1, 50, 2, 2.5, 1]);
  expect(r.bySpoke.map((s) => s.label)).toEqual(["TTYT B"]);
  const chapter = teleReport(w.db, ADMIN, { ...PERIOD, ...none, chapter: 2 }, "vi");
  expect(figures(chapter.totals)).toEqual([1, 1, 0, 100, 0, 0, 0]);
});

test("the department reads its province: the province line counts consultations presented by its spokes", () => {
  const w = world();
  const department = departmentActor(w.db, w.P.code);
  const filters = defaultReportFilters(w.db, department, PERIOD);
  expect(filters.province).toBe(w.P.code);
  const r = teleReport(w.db, department, filters, "vi");
  expect(r.byHub.map((h) => h.label)).toEqual(["BV Trung tâm"]);
  expect(r.share[0]).toEqual(expect.objectContaining({ kind: "province", id: w.P.code }));
  expect(r.share[0].points.map((p) => p.share)).toEqual([66.7, null, 50]);
  // Another province's report is refused; an unknown one is not found.
  expect(() => teleReport(w.db, department, { ...PERIOD, ...none, province: w.Q.code }, "vi")).toThrow(expect.objectContaining({ status: 403 }));
  expect(() => teleReport(w.db, department, { ...PERIOD, ...none, province: "ZZ" }, "vi")).toThrow(expect.objectContaining({ status: 404 }));
  // A training of the other province's hub attended from A and C: the hub shows, C's attendance does not.
  const training = w.db.insert(teleSessions).values({ kind: "training", hubFacilityId: w.H2.id, heldOn: "2026-02-20", startTime: "08:00", durationMinutes: 60, title: "Liên tỉnh" }).returning().get();
  w.db.insert(teleParticipants).values([{ sessionId: training.id, facilityId: w.A.id, side: "spoke", name: "BS A" }, { sessionId: training.id, facilityId: w.C.id, side: "spoke", name: "BS C" }]).run();
  const wider = teleReport(w.db, department, filters, "vi");
  expect(wider.byHub.map((h) => [h.label, h.trainings, h.attendees])).toEqual([["BV Trung tâm", 2, 4], ["BV Khác", 1, 1]]);
  expect(wider.bySpoke.map((s) => s.label)).toEqual(["TTYT A", "TTYT B"]);
  expect(wider.totals.attendees).toBe(5);
  // Administrators open on the province with the most facilities, and read every province.
  expect(defaultReportFilters(w.db, ADMIN, PERIOD).province).toBe(w.P.code);
  const q = teleReport(w.db, ADMIN, { ...PERIOD, ...none, province: w.Q.code }, "vi");
  // Q's own sessions and the shared training, with its attendee from C only.
  expect(figures(q.totals)).toEqual([1, 0, 1, 0, 2, 1.8, 4]);
});

test("scope: a hub user does not see another hub's sessions; a spoke user sees what its facility took part in", () => {
  const w = world();
  const otherHub = userActor(w.db, "director", w.H2.id, w.Q.code);
  const own = teleReport(w.db, otherHub, defaultReportFilters(w.db, otherHub, PERIOD), "vi");
  expect(own.filters.hub).toBe(w.H2.id);
  expect(own.byHub.map((h) => h.label)).toEqual(["BV Khác"]);
  expect(figures(own.totals)).toEqual([1, 0, 1, 0, 1, 0.8, 3]);
  // Naming the other hub: not found, as if it did not exist.
  expect(() => hubReport(w.db, otherHub, { hubFacilityId: w.H.id, ...PERIOD }, "vi")).toThrow(expect.objectContaining({ status: 404 }));
  // Without a hub filter the reach still leaves H's sessions out.
  const everything = teleReport(w.db, otherHub, { ...PERIOD, ...none }, "vi");
  expect(everything.byHub.map((h) => h.label)).toEqual(["BV Khác"]);

  const spokeDirector = userActor(w.db, "director", w.A.id, w.P.code);
  const filters = defaultReportFilters(w.db, spokeDirector, PERIOD);
  expect(filters).toEqual(expect.objectContaining({ spoke: w.A.id, hub: null }));
  const spokeSide = teleReport(w.db, spokeDirector, filters, "vi");
  expect(figures(spokeSide.totals)).toEqual([3, 2, 1, 66.7, 2, 2.5, 3]);
  // Its hub may be named (they are linked); the figures stay those A took part in.
  const withHub = teleReport(w.db, spokeDirector, { ...PERIOD, ...none, hub: w.H.id }, "vi");
  expect(withHub.totals.consultations).toBe(3);
  expect(() => teleReport(w.db, spokeDirector, { ...PERIOD, ...none, hub: w.H2.id }, "vi")).toThrow(expect.objectContaining({ status: 404 }));
});

test("the session log takes the reports' province filter: sessions a facility of the province took part in", () => {
  const w = world();
  const page = { page: 1, pageSize: 50, offset: 0 };
  const inQ = listSessions(w.db, ADMIN, { province: w.Q.code }, page, "vi");
  expect(inQ.rows.map((r) => r.hubName)).toEqual(["BV Khác", "BV Khác"]);
  const inP = listSessions(w.db, ADMIN, { province: w.P.code, from: "2026-01-01", to: "2026-03-31" }, page, "vi");
  expect(inP.total).toBe(7);
});

test("a hub's period and a province's spokes are read from the covering report indexes, not the table", () => {
  const w = world();
  const plan = (query: ReturnType<typeof sql>) => w.db.all<{ detail: string }>(sql`explain query plan ${query}`).map((r) => r.detail).join(" / ");
  expect(
    plan(sql`select substr(held_on, 1, 7), kind, outcome, spoke_facility_id, chapter_number, sum(duration_minutes) from tele_sessions
      where hub_facility_id = ${w.H.id} and held_on between '2026-01-01' and '2026-03-31' group by 1, 2, 3, 4, 5`),
  ).toContain("COVERING INDEX tele_sessions_hub_report_idx");
  expect(
    plan(sql`select substr(held_on, 1, 7), outcome, hub_facility_id, count(*) from tele_sessions
      where spoke_facility_id in (select id from facilities where province_code = ${w.P.code}) and kind = 'consultation'
        and held_on between '2026-01-01' and '2026-03-31' group by 1, 2, 3`),
  ).toContain("COVERING INDEX tele_sessions_spoke_report_idx");
});
