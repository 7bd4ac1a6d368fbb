import { expect, test } from "vitest";
import type { Db } from "~/db/client.server";
import { agreementParties, agreements, transferItems } from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import { changeRotationStatus, createRotation } from "~/models/rotations/commands.server";
import { getReceivingSites } from "~/models/rotations/sites.server";
import { userActor, departmentActor } from "../helpers/actors";
import { createTestDb } from "../helpers/db";
import { makeFacility, makeProvince, makeStaff, makeTechnique } from "../helpers/factories";

const page = { page: 1, pageSize: 20, offset: 0 };
const sixMonths = { from: "2026-01", months: 6 as const };

function world() {
  const db = createTestDb();
  const province = makeProvince(db);
  const sender = makeFacility(db, { shortName: "BVĐK LC2", level: "B", provinceCode: province.code });
  const baoThang = makeFacility(db, { shortName: "TTYT Bảo Thắng", level: "C", provinceCode: province.code });
  const baoYen = makeFacility(db, { shortName: "TTYT Bảo Yên", level: "C", provinceCode: province.code });
  const technique = makeTechnique(db, { name: "Phẫu thuật nội soi cắt ruột thừa" });
  const agreement = db
    .insert(agreements)
    .values({ number: "01/2026/HĐ", title: "Hợp tác", searchText: "hop tac", type: "technique_transfer", status: "active", startOn: "2025-01-01", ownerFacilityId: sender.id })
    .returning()
    .get();
  db.insert(agreementParties)
    .values([
      { agreementId: agreement.id, facilityId: sender.id, role: "supporting" },
      { agreementId: agreement.id, facilityId: baoThang.id, role: "receiving" },
      { agreementId: agreement.id, facilityId: baoYen.id, role: "receiving" },
    ])
    .run();
  const item = db.insert(transferItems).values({ agreementId: agreement.id, techniqueId: technique.id, fromFacilityId: sender.id, toFacilityId: baoThang.id }).returning().get();
  const trainer = userActor(db, "trainer", sender.id, province.code);
  const hoa = makeStaff(db, { facilityId: sender.id, fullName: "Nguyễn Thị Hoa" }, [technique.id]);
  const minh = makeStaff(db, { facilityId: sender.id, fullName: "Trần Văn Minh" });
  return { db, province, sender, baoThang, baoYen, technique, agreement, item, trainer, hoa, minh };
}

function summary(db: Db, actor: Actor) {
  return getReceivingSites(db, actor, sixMonths, page).sites.rows.map((s) => ({
    site: s.shortName,
    gaps: s.gaps,
    months: s.months.map((m) => m.stays.map((x) => x.staffName).join(", ") || "-"),
  }));
}

test("each receiving site shows who is there month by month, for which plan lines, and the empty months", () => {
  const w = world();
  createRotation(w.db, w.trainer, { staffId: w.hoa.id, toFacilityId: w.baoThang.id, purpose: "technique_transfer", startOn: "2026-01-15", endOn: "2026-04-14", transferItemIds: [w.item.id], shortTerm: false, limitOverride: false });
  const cancelled = createRotation(w.db, w.trainer, { staffId: w.minh.id, toFacilityId: w.baoThang.id, purpose: "manpower_support", startOn: "2026-05-01", endOn: "2026-07-31", transferItemIds: [], shortTerm: false, limitOverride: false });
  changeRotationStatus(w.db, w.trainer, cancelled.id, { to: "cancelled", cancelReason: "Thiếu người", version: 1 }, "2026-01-02");

  const department = departmentActor(w.db, w.province.code);
  expect(summary(w.db, department)).toEqual([
    { site: "TTYT Bảo Thắng", gaps: 2, months: ["Nguyễn Thị Hoa", "Nguyễn Thị Hoa", "Nguyễn Thị Hoa", "Nguyễn Thị Hoa", "-", "-"] },
    // Under agreement as a receiving party, with nobody there: every month is a gap.
    { site: "TTYT Bảo Yên", gaps: 6, months: ["-", "-", "-", "-", "-", "-"] },
  ]);
  const stay = getReceivingSites(w.db, department, sixMonths, page).sites.rows[0].months[0].stays[0];
  expect(stay).toMatchObject({ fromName: "BVĐK LC2", startOn: "2026-01-15", endOn: "2026-04-14" });
  expect(stay.lines).toEqual([{ id: w.item.id, agreementId: w.agreement.id, code: w.technique.code, name: "Phẫu thuật nội soi cắt ruột thừa" }]);
});

test("a facility's users see their own site only; another province sees none", () => {
  const w = world();
  createRotation(w.db, w.trainer, { staffId: w.hoa.id, toFacilityId: w.baoThang.id, purpose: "technique_transfer", startOn: "2026-01-15", endOn: "2026-04-14", transferItemIds: [], shortTerm: false, limitOverride: false });
  expect(summary(w.db, userActor(w.db, "viewer", w.baoThang.id, w.province.code)).map((s) => s.site)).toEqual(["TTYT Bảo Thắng"]);
  expect(summary(w.db, w.trainer)).toEqual([]);
  const elsewhere = makeProvince(w.db);
  expect(summary(w.db, departmentActor(w.db, elsewhere.code))).toEqual([]);
});

test("hundreds of rotations are read in the same few queries", () => {
  const w = world();
  const sites = Array.from({ length: 30 }, (_, i) => makeFacility(w.db, { shortName: `TYT ${String(i).padStart(2, "0")}`, level: "D", provinceCode: w.province.code }));
  let n = 0;
  for (const site of sites) {
    for (let k = 0; k < 10; k += 1) {
      const person = makeStaff(w.db, { facilityId: w.sender.id });
      const start = `2026-0${1 + (k % 5)}-01`;
      w.db.$client
        .prepare("insert into rotations (staff_id, from_facility_id, to_facility_id, purpose, start_on, end_on, status) values (?, ?, ?, 'manpower_support', ?, ?, 'confirmed')")
        .run(person.id, w.sender.id, site.id, start, `2026-0${1 + (k % 5)}-28`);
      n += 1;
    }
  }
  expect(n).toBe(300);
  const admin = userActor(w.db, "admin", null, null);
  const prepare = w.db.$client.prepare.bind(w.db.$client);
  let statements = 0;
  w.db.$client.prepare = ((source: string) => {
    statements += 1;
    return prepare(source);
  }) as typeof w.db.$client.prepare;
  const result = getReceivingSites(w.db, admin, sixMonths, { page: 1, pageSize: 50, offset: 0 });
  w.db.$client.prepare = prepare;
  expect(result.sites.total).toBe(32);
  expect(result.sites.rows.filter((s) => s.shortName.startsWith("TYT")).every((s) => s.gaps === 1)).toBe(true);
  expect(statements).toBeLessThanOrEqual(3);
});
