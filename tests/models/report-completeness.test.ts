// Reporting completeness: who recorded ledger entries in a period, who did not, since when.
import { sql } from "drizzle-orm";
import { expect, test } from "vitest";
import type { Actor } from "~/models/access/policy";
import { recordAdoptionEvents } from "~/models/adoption/ledger.server";
import { submitListRequest } from "~/models/adoption/list-requests.server";
import { currentHalfYear, parseCompletenessParams } from "~/models/reports/completeness";
import { getLedgerCompleteness, vietnamDayStartUtc } from "~/models/reports/completeness.server";
import { createTestDb } from "../helpers/db";
import { makeFacility, makeProvince, makeTechnique } from "../helpers/factories";

const TODAY = "2026-08-20";
const page = { page: 1, pageSize: 50, offset: 0 };
const admin: Actor = { userId: 0, role: "admin", facilityId: null, provinceCode: null };

function province() {
  const db = createTestDb();
  const p = makeProvince(db);
  const other = makeProvince(db);
  const active = makeFacility(db, { provinceCode: p.code, level: "B", name: "BV Đa khoa Tỉnh" });
  const stale = makeFacility(db, { provinceCode: p.code, level: "C", name: "TTYT khu vực Bảo Yên" });
  const never = makeFacility(db, { provinceCode: p.code, level: "D", name: "Trạm Y tế xã An" });
  const approvedOnly = makeFacility(db, { provinceCode: p.code, level: "C", name: "TTYT khu vực Sa Pa" });
  const requester = makeFacility(db, { provinceCode: p.code, level: "C", name: "TTYT khu vực Bắc Hà" });
  makeFacility(db, { provinceCode: p.code, kind: "health_department", level: null, name: "Sở Y tế" });
  makeFacility(db, { provinceCode: p.code, level: "C", name: "TTYT đã giải thể", active: false });
  const elsewhere = makeFacility(db, { provinceCode: other.code, level: "B", name: "BV tỉnh khác" });
  const t = [1, 2, 3, 4].map(() => makeTechnique(db, { minLevel: "B" }));
  const listed = makeTechnique(db, { minLevel: "B" });
  // recorded: when the entry was written (UTC), whatever its own date.
  const entries = [
    { facilityId: active.id, techniqueId: t[0].id, kind: "started" as const, eventOn: "2026-03-01", recorded: "2026-07-01T03:00:00.000Z" },
    { facilityId: active.id, techniqueId: t[1].id, kind: "started" as const, eventOn: "2026-02-01", recorded: "2026-06-30T17:30:00.000Z" }, // 1 July in Vietnam
    { facilityId: stale.id, techniqueId: t[0].id, kind: "started" as const, eventOn: "2025-05-01", recorded: "2026-06-30T16:59:00.000Z" }, // 30 June in Vietnam
    { facilityId: approvedOnly.id, techniqueId: t[2].id, kind: "started" as const, eventOn: "2025-01-01", recorded: "2025-01-05T03:00:00.000Z" },
    { facilityId: approvedOnly.id, techniqueId: t[2].id, kind: "approved" as const, eventOn: "2026-07-15", recorded: "2026-07-15T03:00:00.000Z" },
    { facilityId: elsewhere.id, techniqueId: t[3].id, kind: "started" as const, eventOn: "2026-07-01", recorded: "2026-07-02T03:00:00.000Z" },
  ];
  db.transaction((tx) => recordAdoptionEvents(tx, entries, null, TODAY, { audit: false }));
  for (const e of entries) {
    db.run(sql`update adoption_events set created_at = ${e.recorded} where facility_id = ${e.facilityId} and technique_id = ${e.techniqueId} and kind = ${e.kind}`);
  }
  submitListRequest(db, admin, { facilityId: requester.id, items: [{ techniqueCode: listed.code, startedOn: "2026-05-01" }] }, TODAY);
  db.run(sql`update technique_list_requests set submitted_at = '2026-08-01T02:00:00.000Z' where facility_id = ${requester.id}`);
  db.run(sql`update adoption_events set created_at = '2026-08-01T02:00:00.000Z' where facility_id = ${requester.id}`);
  const department: Actor = { userId: 0, role: "department", facilityId: null, provinceCode: p.code };
  return { db, p, other, department, active, stale, never, approvedOnly, requester };
}

const options = (provinceCode: string, extra: Partial<Parameters<typeof getLedgerCompleteness>[2]> = {}) => ({
  provinceCode,
  from: "2026-07-01",
  to: TODAY,
  status: "all" as const,
  sort: "stale" as const,
  ...extra,
});

test("the half-year's completeness: who recorded entries, who did not, and the last update, longest without one first", () => {
  const { db, p, department, active, stale, never, approvedOnly, requester } = province();
  const result = getLedgerCompleteness(db, department, options(p.code), TODAY, page);
  // Care facilities of the province only: not the department itself, not a closed centre, not another province.
  expect(result.counts).toEqual({ facilities: 5, updated: 2, missing: 3 });
  expect(result.page.rows.map((r) => [r.facilityId, r.entries, r.lastUpdate])).toEqual([
    [never.id, 0, null],
    // Its approval in July is the department's work; its own last entry was in January 2025.
    [approvedOnly.id, 0, "2025-01-05"],
    // Written at 23:59 on 30 June, Vietnamese time: before the period.
    [stale.id, 0, "2026-06-30"],
    [active.id, 2, "2026-07-01"],
    [requester.id, 1, "2026-08-01"], // its list request
  ]);
});

test("filters by status and name, sorts by name, recency or entries", () => {
  const { db, p, department, active, requester, stale } = province();
  const missing = getLedgerCompleteness(db, department, options(p.code, { status: "missing" }), TODAY, page);
  expect(missing.page.total).toBe(3);
  expect(missing.page.rows.every((r) => r.entries === 0)).toBe(true);
  const updated = getLedgerCompleteness(db, department, options(p.code, { status: "updated", sort: "recent" }), TODAY, page);
  expect(updated.page.rows.map((r) => r.facilityId)).toEqual([requester.id, active.id]);
  const byName = getLedgerCompleteness(db, department, options(p.code, { sort: "name" }), TODAY, page);
  expect(byName.page.rows.map((r) => r.name)).toEqual(["BV Đa khoa Tỉnh", "Trạm Y tế xã An", "TTYT khu vực Bảo Yên", "TTYT khu vực Bắc Hà", "TTYT khu vực Sa Pa"]);
  const search = getLedgerCompleteness(db, department, options(p.code, { q: "bao yen" }), TODAY, page);
  expect(search.page.rows.map((r) => r.facilityId)).toEqual([stale.id]);
  // The first half-year: the stale centre updated then (its 30 June entry), later entries are after the period.
  const h1 = getLedgerCompleteness(db, department, options(p.code, { from: "2026-01-01", to: "2026-06-30", sort: "entries" }), TODAY, page);
  expect(h1.page.rows[0]).toMatchObject({ facilityId: stale.id, entries: 1, lastUpdate: "2026-06-30" });
  expect(h1.page.rows.find((r) => r.facilityId === active.id)!.lastUpdate).toBeNull();
});

test("a department officer reads only its province", () => {
  const { db, other, department } = province();
  expect(() => getLedgerCompleteness(db, department, options(other.code), TODAY, page)).toThrowError(/Forbidden|forbidden/);
  expect(() => getLedgerCompleteness(db, department, options("zz"), TODAY, page)).toThrowError();
});

test("parameters: the current half-year by default, a period past today up to today, a reversed period refused", () => {
  expect(currentHalfYear("2026-06-30")).toEqual({ from: "2026-01-01", to: "2026-06-30" });
  expect(currentHalfYear(TODAY)).toEqual({ from: "2026-07-01", to: TODAY });
  const url = (q: string) => new URL(`http://x/reports/completeness?${q}`);
  expect(parseCompletenessParams(url(""), TODAY)).toEqual({ from: "2026-07-01", to: TODAY, status: "all", sort: "stale", q: null });
  expect(parseCompletenessParams(url("from=2026-02-30&to=2027-01-01&status=x&sort=y"), TODAY)).toMatchObject({ from: "2026-07-01", to: TODAY, status: "all", sort: "stale" });
  expect(() => parseCompletenessParams(url("from=2026-08-01&to=2026-07-01"), TODAY)).toThrowError(/periodReversed/);
  expect(vietnamDayStartUtc("2026-07-01")).toBe("2026-06-30T17:00:00.000Z");
});
