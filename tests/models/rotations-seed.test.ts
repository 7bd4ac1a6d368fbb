// The demo's rotations obey the rotation rules whatever day the demo is seeded: each lies
// within its agreement's term, the one visible conflict (Lào Cai số 2's absence-limit
// override) is still a real one, and the limit is not already used up for the quarter the
// suggestions page proposes first.
import { sql } from "drizzle-orm";
import { expect, test } from "vitest";
import { DEMO_STEPS, seedDemo } from "../../seeds/demo";
import { defaultSuggestionWindow, peakConcurrent } from "~/models/rotations/rules";
import { fitTerm, LAO_CAI_2_ABSENCE_LIMIT } from "../../seeds/rotations";
import { createTestDb } from "../helpers/db";

// Up to the rotations step: places, catalogue, network, staff, accounts, agreements, rotations.
const STEPS = DEMO_STEPS.slice(0, DEMO_STEPS.findIndex((s) => s.name === "rotations") + 1);

test("a plan is moved into its agreement's term, never shortened", () => {
  const term = { startOn: "2024-02-15", endOn: "2027-02-14" };
  expect(fitTerm({ start: "2024-01-01", end: "2024-03-31" }, 3, term)).toEqual({ start: "2024-02-15", end: "2024-05-14" });
  expect(fitTerm({ start: "2027-01-01", end: "2027-03-31" }, 3, term)).toEqual({ start: "2026-11-15", end: "2027-02-14" });
  expect(fitTerm({ start: "2025-01-01", end: "2025-03-31" }, 3, term)).toEqual({ start: "2025-01-01", end: "2025-03-31" });
  // an agreement ending on 31 December takes the last quarter whole
  expect(fitTerm({ start: "2026-11-01", end: "2027-01-31" }, 3, { startOn: "2024-01-01", endOn: "2026-12-31" })).toEqual({ start: "2026-10-01", end: "2026-12-31" });
  expect(fitTerm({ start: "2031-01-01", end: "2031-03-31" }, 3, { startOn: "2024-01-01", endOn: null })).toEqual({ start: "2031-01-01", end: "2031-03-31" });
  expect(() => fitTerm({ start: "2026-01-01", end: "2026-03-31" }, 3, { startOn: "2026-01-01", endOn: "2026-02-28" })).toThrow();
});

// Month ends and the turn of the year move the plans (counted in months) against the agreements
// (historical dates, one ending 60 days from today).
for (const today of ["2026-03-15", "2026-07-01", "2026-12-31"]) {
  test(`seeded on ${today}, every demo rotation lies within its open agreement and one overrides the absence limit, and the proposed quarter has room`, async () => {
    const db = createTestDb();
    await seedDemo(db, { today, steps: STEPS });
    const outside = db.all(sql`
      select r.id, a.number, r.start_on, r.end_on, a.start_on as term_start, a.end_on as term_end, a.status
        from rotations r join agreements a on a.id = r.agreement_id
        join agreement_parties s on s.agreement_id = a.id and s.facility_id = r.from_facility_id
        join agreement_parties t on t.agreement_id = a.id and t.facility_id = r.to_facility_id
       where r.start_on < a.start_on or r.end_on > coalesce(a.end_on, '9999-12-31')
          or a.status not in ('draft', 'active') or s.role <> 'supporting' or t.role <> 'receiving'`);
    expect(outside).toEqual([]);
    expect(db.get<{ n: number }>(sql`select count(*) as n from rotations where agreement_id is not null`).n).toBe(16);
    const [override] = db.all<{ id: number; fromFacilityId: number; start: string; end: string }>(
      sql`select id, from_facility_id as fromFacilityId, start_on as start, end_on as "end" from rotations where limit_override_reason is not null`,
    );
    const others = db.all<{ start: string; end: string }>(
      sql`select start_on as start, end_on as "end" from rotations where from_facility_id = ${override.fromFacilityId} and id <> ${override.id} and status <> 'cancelled'`,
    );
    // Lào Cai số 2 allows two away at once: on some day of the override two others are away.
    expect(peakConcurrent(others, override)).toBe(LAO_CAI_2_ABSENCE_LIMIT);
    // The override's company has gone home by then: someone more may leave in that quarter.
    const away = db.all<{ start: string; end: string }>(
      sql`select start_on as start, end_on as "end" from rotations where from_facility_id = ${override.fromFacilityId} and status <> 'cancelled'`,
    );
    expect(peakConcurrent(away, defaultSuggestionWindow(today))).toBeLessThan(LAO_CAI_2_ABSENCE_LIMIT);
    expect(db.get<{ n: number }>(sql`select count(*) as n from rotations where limit_override_reason is not null`).n).toBe(1);
  }, 300_000);
}
