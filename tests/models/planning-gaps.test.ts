import { sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import type { Db } from "~/db/client.server";
import type { Actor } from "~/models/access/policy";
import { ConflictError, DomainError, ForbiddenError, NotFoundError } from "~/models/errors";
import { addGapToPlan, getFacilityGaps, getProvinceGaps, resolveGapProvince, type FacilityGaps } from "~/models/planning/gaps.server";
import { departmentActor, userActor } from "../helpers/actors";
import { makeActiveAgreement } from "../helpers/agreements";
import { createDemoDb, createTestDb } from "../helpers/db";
import { DEMO_TODAY } from "../helpers/demo-today";
import { makeFacility, makeLedgerEvent, makeProvince, makeStaff, makeTechnique } from "../helpers/factories";

const TODAY = "2026-03-15";
const options = (overrides: Partial<Parameters<typeof getFacilityGaps>[3]> = {}) => ({
  allChapters: false,
  chapter: null,
  page: 1,
  today: TODAY,
  locale: "vi" as const,
  ...overrides,
});
const codes = (gaps: FacilityGaps) => gaps.shown.flatMap((c) => c.lines.map((l) => l.code));
const line = (gaps: FacilityGaps, code: string) => gaps.shown.flatMap((c) => c.lines).find((l) => l.code === code)!;

/**
 * A tiny network: the level-C centre `target` of province P; two level-C peers; the level-B
 * hospital `hub` that supports `target` under an open agreement covering chapter 10; a B
 * hospital `idle` that performs the same technique but whose only performer left; a B hospital
 * `unlisted` whose staff member performs it though the hospital's ledger does not; a central
 * hospital `central` elsewhere that performs it with its staff. Techniques of chapter 10 (C, C,
 * B, B, one retired C, one A and one D, which are not C's or B's) and of chapter 3 (B).
 */
function tinyNetwork() {
  const db = createTestDb();
  const p = makeProvince(db);
  const elsewhere = makeProvince(db);
  const target = makeFacility(db, { level: "C", kind: "regional_centre", provinceCode: p.code, shortName: "TTYT Đích" });
  const peer1 = makeFacility(db, { level: "C", kind: "regional_centre", provinceCode: p.code });
  const peer2 = makeFacility(db, { level: "C", kind: "regional_centre", provinceCode: elsewhere.code });
  const hub = makeFacility(db, { level: "B", provinceCode: p.code, shortName: "BV Hub", beds: 500 });
  const idle = makeFacility(db, { level: "B", provinceCode: p.code, shortName: "BV Idle" });
  const unlisted = makeFacility(db, { level: "B", provinceCode: p.code, shortName: "BV Unlisted" });
  const central = makeFacility(db, { level: "A", kind: "central_hospital", provinceCode: elsewhere.code, shortName: "BV Trung ương", beds: 100 });
  const department = makeFacility(db, { level: null, kind: "health_department", provinceCode: p.code });
  const t = {
    c1: makeTechnique(db, { chapterNumber: 10, number: 1, minLevel: "C" }),
    c2: makeTechnique(db, { chapterNumber: 10, number: 2, minLevel: "C" }),
    b1: makeTechnique(db, { chapterNumber: 10, number: 3, minLevel: "B" }),
    b2: makeTechnique(db, { chapterNumber: 10, number: 4, minLevel: "B" }),
    retired: makeTechnique(db, { chapterNumber: 10, number: 5, minLevel: "C", retiredOn: "2026-01-01" }),
    a: makeTechnique(db, { chapterNumber: 10, number: 6, minLevel: "A" }),
    d: makeTechnique(db, { chapterNumber: 10, number: 7, minLevel: "D" }),
    b3: makeTechnique(db, { chapterNumber: 3, number: 1, minLevel: "B" }),
  };
  const perform = (facilityId: number, techniqueId: number, on = "2024-01-10") => makeLedgerEvent(db, { facilityId, techniqueId, kind: "started", eventOn: on });
  perform(target.id, t.c2.id);
  // Performed once, suspended since: a gap again.
  perform(target.id, t.b2.id, "2023-01-01");
  makeLedgerEvent(db, { facilityId: target.id, techniqueId: t.b2.id, kind: "suspended", eventOn: "2025-01-01" });
  perform(peer1.id, t.b1.id);
  perform(peer1.id, t.c1.id);
  perform(peer2.id, t.b1.id);
  perform(hub.id, t.b1.id);
  perform(hub.id, t.b2.id);
  perform(idle.id, t.b1.id);
  perform(central.id, t.b1.id);
  perform(central.id, t.b3.id);
  makeStaff(db, { facilityId: hub.id }, [t.b1.id, t.b2.id]);
  makeStaff(db, { facilityId: hub.id }, [t.b1.id]);
  makeStaff(db, { facilityId: idle.id, active: false }, [t.b1.id]);
  makeStaff(db, { facilityId: unlisted.id }, [t.b1.id]);
  const centralStaff = makeStaff(db, { facilityId: central.id }, [t.b1.id, t.b3.id]);
  // The central hospital has one person away on rotation today, of its limit of 2 (100 beds).
  db.run(sql`insert into rotations (staff_id, from_facility_id, to_facility_id, purpose, start_on, end_on, status)
    values (${centralStaff.id}, ${central.id}, ${target.id}, 'manpower_support', '2026-02-01', '2026-04-30', 'confirmed')`);
  const hubDirector = userActor(db, "director", hub.id, p.code);
  const agreement = makeActiveAgreement(db, hubDirector, { supporting: [hub], receiving: [target] }, { chapters: [10] });
  return { db, p, elsewhere, target, peer1, hub, idle, unlisted, central, department, t, hubDirector, agreement };
}

describe("the gap matrix of a tiny network", () => {
  test("exact gaps: its level and the level above, not performed (a suspended one counts), ranked by same-level peers", () => {
    const { db, p, target, peer1, t } = tinyNetwork();
    const gaps = getFacilityGaps(db, departmentActor(db, p.code), target.id, options({ allChapters: true }));
    expect(gaps.levels).toEqual(["C", "B"]);
    expect(gaps.total).toBe(4);
    // Chapter 3 first; in chapter 10, b1 (2 peers of level C) before c1 (1) before b2 (0).
    expect(codes(gaps)).toEqual([t.b3.code, t.b1.code, t.c1.code, t.b2.code]);
    expect(line(gaps, t.b1.code).peers).toBe(2);
    expect(line(gaps, t.c1.code).peers).toBe(1);
    // The same-level counts are kept between views and counted again after a ledger write.
    makeLedgerEvent(db, { facilityId: peer1.id, techniqueId: t.b2.id, kind: "started", eventOn: "2025-06-01" });
    expect(line(getFacilityGaps(db, departmentActor(db, p.code), target.id, options({ allChapters: true })), t.b2.code).peers).toBe(1);
    expect(gaps.chapterCounts.map((c) => [c.number, c.total, c.covered])).toEqual([
      [3, 1, false],
      [10, 3, true],
    ]);
  });

  test("by default only the chapters of its open agreements; a facility without one sees every chapter", () => {
    const { db, p, target, peer1, t } = tinyNetwork();
    const department = departmentActor(db, p.code);
    const gaps = getFacilityGaps(db, department, target.id, options());
    expect(gaps.chapterFilter).toBe("agreements");
    expect(codes(gaps)).toEqual([t.b1.code, t.c1.code, t.b2.code]);
    const other = getFacilityGaps(db, department, peer1.id, options());
    expect(other.chapterFilter).toBe("all");
    // For peer1, c2 (the target performs it) outranks b2 (nobody of level C does).
    expect(codes(other)).toEqual([t.b3.code, t.c2.code, t.b2.code]);
  });

  test("partners perform it and have an active performer; agreement partners first, with their load", () => {
    const { db, target, hub, central, t, hubDirector, agreement } = tinyNetwork();
    const gaps = getFacilityGaps(db, hubDirector, target.id, options({ allChapters: true }));
    const b1 = line(gaps, t.b1.code);
    // idle (its performer left) and unlisted (not in its ledger) are not partners.
    expect(b1.partners.map((p) => p.facilityId)).toEqual([hub.id, central.id]);
    expect(b1.otherPartners).toBe(0);
    expect(b1.partners[0]).toMatchObject({ staff: 2, awayNow: 0, limit: 10, agreements: [{ id: agreement.id, number: "05/HĐ", canAdd: true }] });
    expect(b1.partners[1]).toMatchObject({ staff: 1, awayNow: 1, limit: 2, agreements: [] });
    expect(line(gaps, t.b2.code).partners.map((p) => p.facilityId)).toEqual([hub.id]);
    expect(line(gaps, t.c1.code).partners).toEqual([]);
    expect(line(gaps, t.b3.code).partners.map((p) => p.facilityId)).toEqual([central.id]);
    // "With a partner only" drops c1, which nobody could transfer; the counts stay whole.
    const withPartners = getFacilityGaps(db, hubDirector, target.id, options({ allChapters: true, withPartners: true }));
    expect(codes(withPartners)).toEqual([t.b3.code, t.b1.code, t.b2.code]);
    expect(withPartners.total).toBe(4);
    expect(codes(getFacilityGaps(db, hubDirector, target.id, options({ withPartners: true, chapter: 10 })))).toEqual([t.b1.code, t.b2.code]);
  });

  test("a gap becomes a plan line in one step; the line then reads in plan; the receiving director may not add it", () => {
    const { db, target, hub, t, hubDirector, agreement, p } = tinyNetwork();
    const targetDirector = userActor(db, "director", target.id, p.code);
    expect(getFacilityGaps(db, targetDirector, target.id, options()).agreements).toEqual([{ id: agreement.id, number: "05/HĐ", canManage: false }]);
    expect(() => addGapToPlan(db, targetDirector, target.id, { agreementId: agreement.id, techniqueCode: t.b1.code, fromFacilityId: hub.id }, TODAY)).toThrow(ForbiddenError);

    const item = addGapToPlan(db, hubDirector, target.id, { agreementId: agreement.id, techniqueCode: t.b1.code, fromFacilityId: hub.id }, TODAY);
    expect(item).toMatchObject({ agreementId: agreement.id, techniqueId: t.b1.id, fromFacilityId: hub.id, toFacilityId: target.id, phase: 1, stage: "planned" });
    const audit = db.get<{ n: number }>(sql`select count(*) as n from audit_events where entity_type = 'transfer_item' and entity_id = ${String(item.id)}`);
    expect(audit?.n).toBe(1);
    const after = getFacilityGaps(db, hubDirector, target.id, options());
    expect(line(after, t.b1.code).inPlan).toBe(true);
    expect(after.chapterCounts.find((c) => c.number === 10)?.inPlan).toBe(1);
    // The same line twice is refused; so is a partner that is not a supporting party.
    expect(() => addGapToPlan(db, hubDirector, target.id, { agreementId: agreement.id, techniqueCode: t.b1.code, fromFacilityId: hub.id }, TODAY)).toThrow(ConflictError);
    expect(() => addGapToPlan(db, hubDirector, target.id, { agreementId: agreement.id, techniqueCode: t.b2.code, fromFacilityId: target.id }, TODAY)).toThrow(DomainError);
  });

  test("scope: its own users, its department, its supporters and administrators; not another hospital or province", () => {
    const { db, p, elsewhere, target, central, hubDirector, department } = tinyNetwork();
    expect(() => getFacilityGaps(db, userActor(db, "viewer", target.id, p.code), target.id, options())).not.toThrow();
    expect(() => getFacilityGaps(db, hubDirector, target.id, options())).not.toThrow();
    expect(() => getFacilityGaps(db, userActor(db, "admin", null, null), target.id, options())).not.toThrow();
    expect(() => getFacilityGaps(db, userActor(db, "director", central.id, elsewhere.code), target.id, options())).toThrow(ForbiddenError);
    expect(() => getFacilityGaps(db, departmentActor(db, elsewhere.code), target.id, options())).toThrow(ForbiddenError);
    // The supporter reads the facility it supports, not every facility of the province.
    expect(() => getFacilityGaps(db, hubDirector, central.id, options())).toThrow(ForbiddenError);
    expect(() => getFacilityGaps(db, hubDirector, 999_999, options())).toThrow(NotFoundError);
    expect(() => getFacilityGaps(db, hubDirector, department.id, options())).toThrow(DomainError);
    expect(() => getFacilityGaps(db, hubDirector, target.id, options({ chapter: 27 }))).toThrow(DomainError);
  });

  test("the province matrix counts what the facility matrix lists, per chapter", () => {
    const { db, p, elsewhere, target, hub, peer1, idle, unlisted } = tinyNetwork();
    const department = departmentActor(db, p.code);
    const matrix = getProvinceGaps(db, department, p.code, TODAY, "vi");
    // The health department delivers no care and has no row.
    const ids = (list: { id: number }[]) => list.map((f) => f.id).sort((a, b) => a - b);
    expect(matrix.rows.map((r) => r.facilityId).sort((a, b) => a - b)).toEqual(ids([target, peer1, hub, idle, unlisted]));
    for (const facility of [target, peer1, hub]) {
      const gaps = getFacilityGaps(db, department, facility.id, options({ allChapters: true }));
      const row = matrix.rows.find((r) => r.facilityId === facility.id)!;
      expect(row.total).toBe(gaps.total);
      expect(row.byChapter).toEqual(Object.fromEntries(gaps.chapterCounts.map((c) => [c.number, c.total])));
    }
    expect(matrix.rows.find((r) => r.facilityId === target.id)?.byChapter).toEqual({ 3: 1, 10: 3 });
    expect(() => getProvinceGaps(db, userActor(db, "director", hub.id, p.code), p.code, TODAY, "vi")).toThrow(ForbiddenError);
    expect(() => getProvinceGaps(db, departmentActor(db, elsewhere.code), p.code, TODAY, "vi")).toThrow(ForbiddenError);
    expect(() => resolveGapProvince(db, department, "x1")).toThrow(DomainError);
    expect(resolveGapProvince(db, department, null)).toBe(p.code);
  });
});

describe("the demo", () => {
  function laoCai(db: Db) {
    const id = (code: string) => db.get<{ id: number }>(sql`select id from facilities where code = ${code}`)!.id;
    const user = (username: string): Actor => {
      const u = db.get<{ id: number; role: Actor["role"]; facilityId: number | null }>(sql`select id, role, facility_id as facilityId from users where username = ${username}`)!;
      return { userId: u.id, role: u.role, facilityId: u.facilityId, provinceCode: "15" };
    };
    return { no2: id("LC-BVDK2"), no3: id("LC-BVDK3"), director2: user("gd.laocai2"), director3: user("gd.laocai3") };
  }

  test("Lào Cai số 3 lacks provincial and central techniques; số 2 stands beside some, and its director may plan them", () => {
    const db = createDemoDb();
    const { no2, no3, director2, director3 } = laoCai(db);
    const own = getFacilityGaps(db, director3, no3, options({ today: DEMO_TODAY }));
    expect(own.levels).toEqual(["B", "A"]);
    expect(own.total).toBeGreaterThan(1000);
    expect(own.agreements.map((a) => [a.number, a.canManage])).toEqual([["126/HĐ-BVĐK2", false]]);
    const lines = own.shown.flatMap((c) => c.lines);
    expect(new Set(lines.map((l) => l.minLevel))).toEqual(new Set(["A", "B"]));
    const withNo2 = lines.filter((l) => l.partners.some((p) => p.facilityId === no2));
    expect(withNo2.length).toBeGreaterThan(0);
    // Agreement partners come first and carry the agreement; số 3's own director cannot add.
    for (const l of withNo2) {
      expect(l.partners[0].facilityId).toBe(no2);
      expect(l.partners[0].agreements).toEqual([expect.objectContaining({ number: "126/HĐ-BVĐK2", canAdd: false })]);
    }
    const supporter = getFacilityGaps(db, director2, no3, options({ today: DEMO_TODAY }));
    expect(supporter.total).toBe(own.total);
    const first = supporter.shown.flatMap((c) => c.lines).find((l) => l.partners[0]?.facilityId === no2 && !l.inPlan)!;
    expect(first.partners[0].agreements[0].canAdd).toBe(true);
    const agreementId = first.partners[0].agreements[0].id;
    addGapToPlan(db, director2, no3, { agreementId, techniqueCode: first.code, fromFacilityId: no2 }, DEMO_TODAY);
    const after = getFacilityGaps(db, director2, no3, options({ today: DEMO_TODAY }));
    expect(after.shown.flatMap((c) => c.lines).find((l) => l.code === first.code)?.inPlan).toBe(true);
  });

  test("the Lào Cai province matrix agrees with số 3's own matrix", () => {
    const db = createDemoDb();
    const { no3, director3 } = laoCai(db);
    const department = db.get<{ id: number }>(sql`select id from users where username = 'syt.laocai'`)!;
    const actor: Actor = { userId: department.id, role: "department", facilityId: null, provinceCode: "15" };
    const matrix = getProvinceGaps(db, actor, "15", DEMO_TODAY, "vi");
    const own = getFacilityGaps(db, director3, no3, options({ today: DEMO_TODAY, allChapters: true }));
    expect(matrix.rows.find((r) => r.facilityId === no3)?.total).toBe(own.total);
    expect(matrix.rows.length).toBeGreaterThan(20);
  });
});
