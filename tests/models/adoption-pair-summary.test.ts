// adoption_pairs, the summary the reports count, stays equal to a recomputation from the ledger
// after every kind of write: the ledger form, a list import, the department's approval of a
// list, the acceptance of a transfer item, a back-dated level change and a catalogue import
// that changes a technique's level.
import { eq, sql, TransactionRollbackError } from "drizzle-orm";
import { expect, test } from "vitest";
import type { Db } from "~/db/client.server";
import { transferItems } from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import { addLedgerEntry } from "~/models/adoption/entries.server";
import { importLedgerFile } from "~/models/adoption/import.server";
import { approveListRequest, submitListRequest } from "~/models/adoption/list-requests.server";
import { rebuildAdoptionPairs } from "~/models/adoption/pair-summary.server";
import type { Tx } from "~/models/audit/audit.server";
import { importCatalogue, QD7603_EDITION } from "~/models/catalogue/import.server";
import { changeFacilityLevel, createFacility } from "~/models/facilities/commands.server";
import { getAdoptionReport } from "~/models/reports/adoption-report.server";
import { addTransferItem } from "~/models/transfers/plan.server";
import { acceptTransferItem, moveStage } from "~/models/transfers/stages.server";
import { departmentActor, userActor } from "../helpers/actors";
import { makeActiveAgreement } from "../helpers/agreements";
import { createTestDb } from "../helpers/db";
import { makeFacility, makeProvince, makeStaff, makeTechnique } from "../helpers/factories";

const TODAY = "2025-10-15";
const admin: Actor = { userId: 0, role: "admin", facilityId: null, provinceCode: null };

function stored(db: Tx) {
  return db.all<Record<string, unknown>>(sql`select facility_id, technique_id, started_on, approved_on, official_on, suspended_on,
      level_at_start, min_level, chapter_number, cross_level
    from adoption_pairs order by facility_id, technique_id`);
}

/** The rows kept step by step equal a rebuild from the ledger (computed, then rolled back). */
function expectInStep(db: Db) {
  const kept = stored(db);
  let rebuilt: unknown[] = [];
  try {
    db.transaction((tx) => {
      rebuildAdoptionPairs(tx);
      rebuilt = stored(tx);
      tx.rollback();
    });
  } catch (error) {
    if (!(error instanceof TransactionRollbackError)) throw error;
  }
  expect(kept).toEqual(rebuilt);
  return kept;
}

const row = (db: Db, facilityId: number, techniqueId: number) =>
  stored(db).find((r) => r.facility_id === facilityId && r.technique_id === techniqueId);

test("the ledger form, a list import and the department's approval each keep their pairs' rows", async () => {
  const db = createTestDb();
  const province = makeProvince(db);
  const hospital = makeFacility(db, { provinceCode: province.code, level: "C", openedOn: "2010-01-01" });
  const director = userActor(db, "director", hospital.id, province.code);
  const department = departmentActor(db, province.code);
  const [ecmo, hip, xray] = [makeTechnique(db, { minLevel: "A" }), makeTechnique(db, { minLevel: "B", chapterNumber: 3 }), makeTechnique(db, { minLevel: "D" })];

  addLedgerEntry(db, director, hospital.id, { techniqueCode: ecmo.code, kind: "started", eventOn: "2021-04-01" }, TODAY);
  expect(expectInStep(db)).toEqual([
    expect.objectContaining({ technique_id: ecmo.id, started_on: "2021-04-01", approved_on: null, official_on: null, suspended_on: null, level_at_start: "C", min_level: "A", cross_level: 1 }),
  ]);
  addLedgerEntry(db, director, hospital.id, { techniqueCode: ecmo.code, kind: "suspended", eventOn: "2023-02-01" }, TODAY);
  addLedgerEntry(db, director, hospital.id, { techniqueCode: ecmo.code, kind: "resumed", eventOn: "2023-05-01" }, TODAY);
  addLedgerEntry(db, director, hospital.id, { techniqueCode: ecmo.code, kind: "suspended", eventOn: "2024-01-01" }, TODAY);
  expectInStep(db);
  // The first suspension is kept: the pair is performed without a break until then.
  expect(row(db, hospital.id, ecmo.id)).toEqual(expect.objectContaining({ suspended_on: "2023-02-01" }));

  const csv = { fileName: "danh-muc.csv", bytes: Buffer.from(["Mã kỹ thuật,Ngày bắt đầu", `${hip.code},2022-03-01`, `${xray.code},2020-01-15`].join("\n")) };
  expect((await importLedgerFile(db, director, hospital.id, csv, TODAY)).written.started).toBe(2);
  expectInStep(db);
  expect(row(db, hospital.id, xray.id)).toEqual(expect.objectContaining({ min_level: "D", cross_level: 0 }));

  const request = submitListRequest(db, director, { items: [{ techniqueCode: hip.code, startedOn: "2022-03-01" }] }, TODAY);
  approveListRequest(db, department, request.id, { decisionNumber: "12/QĐ-SYT", decisionOn: "2025-09-30", version: request.version }, TODAY);
  expectInStep(db);
  expect(row(db, hospital.id, hip.id)).toEqual(expect.objectContaining({ approved_on: "2025-09-30", official_on: "2025-09-30", chapter_number: 3, cross_level: 1 }));
});

test("accepting a transferred technique writes the receiver's pair row", () => {
  const db = createTestDb();
  const province = makeProvince(db);
  const hub = makeFacility(db, { level: "B", provinceCode: province.code });
  const spoke = makeFacility(db, { level: "C", provinceCode: province.code });
  const director = userActor(db, "director", hub.id, province.code);
  const agreement = makeActiveAgreement(db, director, { supporting: [hub], receiving: [spoke] });
  const hip = makeTechnique(db, { minLevel: "B" });
  const opts = { today: "2026-03-15" };
  const item = addTransferItem(
    db,
    director,
    agreement.id,
    { techniqueCode: hip.code, fromFacilityId: hub.id, toFacilityId: spoke.id, phase: 1, priority: 1, requiredCases: 0, targetDate: "2026-06-30" },
    { today: "2026-01-05" },
  );
  let version = item.version;
  for (const toStage of ["surveyed", "training", "supervised", "independent"] as const) {
    version = moveStage(db, director, agreement.id, item.id, { toStage, movedOn: "2026-02-01", version }, opts).version;
  }
  expect(db.select().from(transferItems).where(eq(transferItems.id, item.id)).get()!.stage).toBe("independent");
  acceptTransferItem(db, director, agreement.id, item.id, { acceptedOn: "2026-03-10", minutesNumber: "12/BB-NT", staffIds: [makeStaff(db, { facilityId: spoke.id }).id], version }, opts);
  expect(expectInStep(db)).toEqual([
    expect.objectContaining({ facility_id: spoke.id, technique_id: hip.id, started_on: "2026-03-10", level_at_start: "C", cross_level: 1 }),
  ]);
});

test("a back-dated level change reclassifies the facility's pairs, and the report follows", () => {
  const db = createTestDb();
  const province = makeProvince(db);
  const centre = createFacility(db, { code: "TTYT-01", name: "Trung tâm Y tế khu vực Thử", shortName: "TTYT Thử", kind: "regional_centre", level: "C", provinceCode: province.code, openedOn: "2010-01-01" }, null);
  const hip = makeTechnique(db, { minLevel: "B" });
  addLedgerEntry(db, admin, centre.id, { techniqueCode: hip.code, kind: "started", eventOn: "2023-06-01" }, TODAY);
  addLedgerEntry(db, admin, centre.id, { techniqueCode: hip.code, kind: "approved", eventOn: "2023-07-01", decisionNumber: "7/QĐ" }, TODAY);
  const performed = () => getAdoptionReport(db, admin, { dimension: "total", filter: { provinceCode: province.code } }, TODAY).total.periods.at(-1)!.official.cumulative;
  expect(performed()).toBe(1);

  // Recorded today, in force since 2022: the centre was already provincial (B) when it started.
  changeFacilityLevel(db, centre.id, "B", "2022-01-01", "Nâng hạng", null, TODAY);
  expect(expectInStep(db)).toEqual([expect.objectContaining({ level_at_start: "B", cross_level: 0 })]);
  expect(performed()).toBe(0);
  // A later change does not touch what the level was on the start date.
  changeFacilityLevel(db, centre.id, "C", "2024-01-01", null, null, TODAY);
  expect(expectInStep(db)).toEqual([expect.objectContaining({ level_at_start: "B", cross_level: 0 })]);
});

test("a catalogue import that changes a technique's level classifies the pairs that start from today; earlier pairs keep the level of their start date, and a blank level changes nothing", async () => {
  const db = createTestDb();
  const header = "stt,ma_tuong_duong,ma_tt43,ten_ky_thuat_tt43,phan_tuyen,phan_loai_pttt,chuong_tt43,stt_gia_tt39,ten_gia_tt39,gia_tt39_vnd,ma_lien_thong";
  const catalogue = (level: string) => ({
    fileName: "catalogue.csv",
    bytes: Buffer.from(`${header}\n1,10.0929.0559,10.929,Phẫu thuật thay toàn bộ khớp háng,${level},PDB,X. NGOẠI KHOA,559,Phẫu thuật thay khớp háng,4500000,37.8D05.0559`),
  });
  await importCatalogue(db, catalogue("B"), QD7603_EDITION, TODAY);
  const centre = makeFacility(db, { level: "C" });
  const other = makeFacility(db, { level: "C" });
  addLedgerEntry(db, admin, centre.id, { techniqueCode: "10.929", kind: "started", eventOn: "2024-02-29" }, TODAY);
  expect(expectInStep(db)).toEqual([expect.objectContaining({ min_level: "B", cross_level: 1 })]);
  await importCatalogue(db, catalogue("C"), QD7603_EDITION, TODAY);
  // The pair that started in 2024 keeps level B; a pair starting today takes level C.
  addLedgerEntry(db, admin, other.id, { techniqueCode: "10.929", kind: "started", eventOn: TODAY }, TODAY);
  expect(expectInStep(db)).toEqual([
    expect.objectContaining({ facility_id: centre.id, min_level: "B", cross_level: 1 }),
    expect.objectContaining({ facility_id: other.id, min_level: "C", cross_level: 0 }),
  ]);
  await importCatalogue(db, catalogue(""), QD7603_EDITION, TODAY);
  expect(expectInStep(db)).toEqual([
    expect.objectContaining({ facility_id: centre.id, min_level: "B", cross_level: 1 }),
    expect.objectContaining({ facility_id: other.id, min_level: "C", cross_level: 0 }),
  ]);
});
