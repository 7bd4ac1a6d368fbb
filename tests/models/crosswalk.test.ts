import { sql } from "drizzle-orm";
import { expect, test } from "vitest";
import type { Db } from "~/db/client.server";
import type { Actor } from "~/models/access/policy";
import { crosswalkImport, previewCrosswalkImport, techniqueCrosswalk } from "~/models/catalogue/crosswalk.server";
import { importCatalogue, QD7603_EDITION } from "~/models/catalogue/import.server";
import { applyImport, getImportBatch, listBatchRows } from "~/models/imports/batches.server";
import { createTestDb } from "../helpers/db";
import { makeUser } from "../helpers/factories";

const TODAY = "2026-12-02";
const QD = [
  "stt,ma_tuong_duong,ma_tt43,ten_ky_thuat_tt43,phan_tuyen,phan_loai_pttt,chuong_tt43,stt_gia_tt39,ten_gia_tt39,gia_tt39_vnd,ma_lien_thong",
  "1,01.0110.0001,1.110,Kỹ thuật một trăm mười,B,T1,I. HỒI SỨC CẤP CỨU VÀ CHỐNG ĐỘC,,,,",
  "2,02.0081.0002,2.81,Kỹ thuật nội khoa 81,B,T1,II. NỘI KHOA,,,,",
  "3,10.0929.0559,10.929,Phẫu thuật thay toàn bộ khớp háng,B,PDB,X. NGOẠI KHOA,,,,",
].join("\n");
const TT23 = [
  "stt,ma_ky_thuat,chuong,ten_ky_thuat,ma_tuong_duong_qd7603__derived",
  "1,1.11,01. HỒI SỨC CẤP CỨU VÀ CHỐNG ĐỘC,Kỹ thuật mười một,01.0110.0001",
  "2,1.47,01. HỒI SỨC CẤP CỨU VÀ CHỐNG ĐỘC,Kỹ thuật chuyển chương,02.0081.0002",
  "3,BS_10.2001,10. NGOẠI KHOA,Thay khớp háng bằng robot,10.0929.0559",
  "4,10.929,10. NGOẠI KHOA,Phẫu thuật thay toàn bộ khớp háng,10.0929.0559",
  "5,10.930,10. NGOẠI KHOA,Không có mã tương đương,",
  "6,10.931,10. NGOẠI KHOA,Mã tương đương lạ,99.9999.9999",
].join("\n");

async function setUp(): Promise<{ db: Db; admin: Actor }> {
  const db = createTestDb();
  await importCatalogue(db, { fileName: "qd.csv", bytes: Buffer.from(QD) }, QD7603_EDITION, TODAY);
  await importCatalogue(db, { fileName: "tt23.csv", bytes: Buffer.from(TT23) }, { editionCode: "tt23-2024-pl1", editionName: "TT23", effectiveFrom: "2025-01-01", complete: false }, TODAY);
  const user = makeUser(db, { role: "admin" });
  return { db, admin: { userId: user.id, role: "admin", facilityId: null, provinceCode: null } };
}

test("a price list carrying both codes links each older technique to the new one by its billing code; a lost trailing zero is never linked", async () => {
  const { db, admin } = await setUp();
  const id = await previewCrosswalkImport(db, admin, { fileName: "tt23.csv", bytes: Buffer.from(TT23) }, TODAY);
  const batch = getImportBatch(db, admin, id);
  expect(batch.summary).toMatchObject({ new: 2, conflict: 1, unchanged: 2, refused: 1 });
  const rows = listBatchRows(db, admin, id, null, { page: 1, pageSize: 50, offset: 0 }).rows;
  expect(rows.find((r) => r.rowNumber === 2)).toMatchObject({ status: "conflict", key: "1.110 → 1.11", messages: ['imports:crosswalk.lostZero|{"from":"1.110","to":"1.11"}'] });
  expect(rows.find((r) => r.rowNumber === 3)).toMatchObject({ status: "new", key: "2.81 → 1.47", resolved: "02.0081.0002 → 2.81" });
  expect(rows.find((r) => r.rowNumber === 5)).toMatchObject({ status: "unchanged", messages: ["imports:crosswalk.sameTechnique"] });
  expect(rows.find((r) => r.rowNumber === 7)).toMatchObject({ status: "refused", messages: ['imports:crosswalk.unknownBillingCode|{"value":"99.9999.9999"}'] });
  await applyImport(db, crosswalkImport, admin, id, TODAY);
  const hip = db.get<{ id: number }>(sql`select id from techniques where code = '10.929'`)!;
  expect(techniqueCrosswalk(db, hip.id).to).toEqual([expect.objectContaining({ code: "BS_10.2001", source: "price_list" })]);
  // Both techniques keep their own identity: nothing merged.
  expect(db.get(sql`select count(*) as n from techniques where code in ('10.929', 'BS_10.2001')`)).toEqual({ n: 2 });
});

test("a file of code pairs links one old code to several new ones; unknown codes are refused with their row; re-importing changes nothing", async () => {
  const { db, admin } = await setUp();
  const pairs = ["Mã cũ,Mã mới,Ghi chú", "10.929,BS_10.2001,tách kỹ thuật", "10.929,10.930,", "10.929,10.999,", "2.81,1.47,"].join("\n");
  const id = await previewCrosswalkImport(db, admin, { fileName: "pairs.csv", bytes: Buffer.from(pairs) }, TODAY);
  expect(getImportBatch(db, admin, id).summary).toMatchObject({ new: 3, refused: 1 });
  expect(listBatchRows(db, admin, id, "refused", { page: 1, pageSize: 5, offset: 0 }).rows[0]).toMatchObject({
    rowNumber: 4,
    messages: ['imports:crosswalk.unknownCode|{"value":"10.999"}'],
  });
  await applyImport(db, crosswalkImport, admin, id, TODAY);
  expect(db.get(sql`select count(*) as n from technique_crosswalk`)).toEqual({ n: 3 });
  const again = await previewCrosswalkImport(db, admin, { fileName: "pairs.csv", bytes: Buffer.from(pairs) }, TODAY);
  expect(getImportBatch(db, admin, again).summary).toMatchObject({ new: 0, unchanged: 3, refused: 1 });
});

test("a crosswalk file with no recognisable header is refused whole", async () => {
  const { db, admin } = await setUp();
  await expect(previewCrosswalkImport(db, admin, { fileName: "x.csv", bytes: Buffer.from("a,b\n1,2") }, TODAY)).rejects.toMatchObject({
    message: "imports:errors.unrecognisedHeaders",
  });
});
