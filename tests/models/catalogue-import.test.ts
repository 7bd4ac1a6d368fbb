import fs from "node:fs";
import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { expect, test } from "vitest";
import type { Db } from "~/db/client.server";
import { importCatalogue } from "~/models/catalogue/import.server";
import { createTestDb } from "../helpers/db";
import { makeUser } from "../helpers/factories";

const HEADER = "stt,ma_tuong_duong,ma_tt43,ten_ky_thuat_tt43,phan_tuyen,phan_loai_pttt,chuong_tt43,stt_gia_tt39,ten_gia_tt39,gia_tt39_vnd,ma_lien_thong";
const SMALL_CSV = [
  HEADER,
  "1,10.0929.0559,10.929,Phẫu thuật thay toàn bộ khớp háng,B,PDB,X. NGOẠI KHOA,559,Phẫu thuật thay khớp háng,4500000,37.8D05.0559",
  "2,18.0100.0028,18.100,Chụp Xquang khớp vai thẳng,D,,XVIII. ĐIỆN QUANG,29,Chụp X-quang số hóa 1 phim,64200,37.2A03.0028",
  "3,18.0100.0029,18.100,Chụp Xquang khớp vai thẳng [thẳng và nghiêng],D,,XVIII. ĐIỆN QUANG,30,Chụp X-quang số hóa 2 phim,96200,37.2A03.0029",
  "4,13.0019.0001,13.19,Giảm đau trong đẻ bằng phương pháp gây tê ngoài màng cứng,B,T1,XIII. PHỤ SẢN,1,Giảm đau trong đẻ,700000,37.8D01.0001",
].join("\n");

function csv(text: string, fileName = "catalogue.csv") {
  return { fileName, bytes: Buffer.from(text, "utf-8") };
}

function snapshot(db: Db) {
  return {
    chapters: db.all(sql`select * from chapters order by number`),
    techniques: db.all(sql`select code, chapter_number, number, name, min_level, procedure_class, updated_at from techniques order by code`),
    billing: db.all(sql`select * from technique_billing_codes order by code`),
  };
}

async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Danh mục");
  rows.forEach((r) => sheet.addRow(r));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

test("a small published CSV creates chapters, techniques and every billing code", async () => {
  const db = createTestDb();
  const report = await importCatalogue(db, csv(SMALL_CSV), null);
  expect(report).toMatchObject({
    format: "published",
    rowsRead: 4,
    rowsImported: 4,
    rowsSkipped: 0,
    chapters: { created: 3, updated: 0, unchanged: 0 },
    techniques: { created: 3, updated: 0, unchanged: 0 },
    billingCodes: { created: 4, updated: 0, unchanged: 0 },
    issues: [],
  });
  const hip = db.get<{ name: string; min_level: string; procedure_class: string; search_text: string }>(
    sql`select * from techniques where code = '10.929'`,
  );
  expect(hip).toMatchObject({ name: "Phẫu thuật thay toàn bộ khớp háng", min_level: "B", procedure_class: "PDB" });
  expect(hip.search_text).toContain("thay toan bo khop hang");
  expect(db.all(sql`select roman, name from chapters where number = 18`)).toEqual([{ roman: "XVIII", name: "ĐIỆN QUANG" }]);
});

test("re-importing the same file changes nothing and says so", async () => {
  const db = createTestDb();
  await importCatalogue(db, csv(SMALL_CSV), null);
  const before = snapshot(db);
  const again = await importCatalogue(db, csv(SMALL_CSV), null);
  expect(again.techniques).toEqual({ created: 0, updated: 0, unchanged: 3 });
  expect(again.billingCodes).toEqual({ created: 0, updated: 0, unchanged: 4 });
  expect(again.chapters).toEqual({ created: 0, updated: 0, unchanged: 3 });
  expect(snapshot(db)).toEqual(before);
});

test("a changed level or price updates only what changed", async () => {
  const db = createTestDb();
  await importCatalogue(db, csv(SMALL_CSV), null);
  const edited = SMALL_CSV.replace("XIII. PHỤ SẢN,1,Giảm đau trong đẻ,700000", "XIII. PHỤ SẢN,1,Giảm đau trong đẻ,750000").replace(
    "khớp háng,B,PDB",
    "khớp háng,A,PDB",
  );
  const report = await importCatalogue(db, csv(edited), null);
  expect(report.techniques).toEqual({ created: 0, updated: 1, unchanged: 2 });
  expect(report.billingCodes).toEqual({ created: 0, updated: 1, unchanged: 3 });
  expect(db.get(sql`select min_level from techniques where code = '10.929'`)).toEqual({ min_level: "A" });
  expect(db.get(sql`select price_vnd from technique_billing_codes where code = '13.0019.0001'`)).toEqual({ price_vnd: 750000 });
});

test("a plain XLSX with Vietnamese headers imports, and bare chapter numbers get the official chapter name", async () => {
  const db = createTestDb();
  const bytes = await xlsx([
    ["Danh mục kỹ thuật đề nghị phê duyệt"],
    ["STT", "Mã kỹ thuật", "Tên kỹ thuật", "Chương", "Phân tuyến", "Mã tương đương", "Phân loại PTTT"],
    [1, "10.8", "Phẫu thuật lấy máu tụ dưới màng cứng cấp tính", "X", "B", "10.0008.0001", "PĐB"],
    [2, "13.47", "Chọc ối làm xét nghiệm tế bào", 13, "b", "", "T1"],
    [3, "2.365", "Nội soi khớp gối chẩn đoán (có sinh thiết)", "II. NỘI KHOA", "", "", ""],
  ]);
  const report = await importCatalogue(db, { fileName: "ds-ky-thuat.xlsx", bytes }, null);
  expect(report).toMatchObject({ format: "plain", rowsRead: 3, rowsImported: 3, issues: [] });
  expect(report.techniques.created).toBe(3);
  expect(report.billingCodes.created).toBe(1);
  expect(db.all(sql`select code, min_level, procedure_class from techniques order by code`)).toEqual([
    { code: "10.8", min_level: "B", procedure_class: "PDB" },
    { code: "13.47", min_level: "B", procedure_class: "T1" },
    { code: "2.365", min_level: null, procedure_class: null },
  ]);
  expect(db.get(sql`select name from chapters where number = 13`)).toEqual({ name: "PHỤ SẢN" });
});

test("a duplicate billing code and an unknown level are reported with their rows; the other rows import", async () => {
  const db = createTestDb();
  const text = [
    HEADER,
    "1,10.0929.0559,10.929,Phẫu thuật thay toàn bộ khớp háng,B,PDB,X. NGOẠI KHOA,,,,",
    "2,10.0930.0559,10.930,Phẫu thuật thay khớp háng bán phần,E,P1,X. NGOẠI KHOA,,,,",
    "3,10.0929.0559,10.931,Một kỹ thuật khác,B,P1,X. NGOẠI KHOA,,,,",
  ].join("\n");
  const report = await importCatalogue(db, csv(text), null);
  expect(report.rowsImported).toBe(1);
  expect(report.rowsSkipped).toBe(2);
  expect(report.issues).toEqual([
    { row: 3, code: "10.930", key: "imports:catalogue.unknownLevel", params: { value: "E" } },
    { row: 4, code: "10.931", key: "imports:catalogue.duplicateBillingCode", params: { billingCode: "10.0929.0559", firstRow: 2 } },
  ]);
  expect(db.all(sql`select code from techniques`)).toEqual([{ code: "10.929" }]);
});

test("unrecognised headers import nothing and leave the catalogue as it was", async () => {
  const db = createTestDb();
  await importCatalogue(db, csv(SMALL_CSV), null);
  const before = snapshot(db);
  await expect(importCatalogue(db, csv("code;title;level\n10.1;Something;B\n"), null)).rejects.toMatchObject({
    message: "imports:errors.unrecognisedHeaders",
  });
  expect(snapshot(db)).toEqual(before);
});

test("an unreadable file imports nothing: broken XLSX, non-UTF-8 CSV, unknown type", async () => {
  const db = createTestDb();
  const broken = { fileName: "x.xlsx", bytes: Buffer.from("PK\u0003\u0004 not really a zip") };
  // The message is ours, in the user's language, not exceljs' English.
  await expect(importCatalogue(db, broken, null)).rejects.toMatchObject({ message: "imports:errors.notXlsx", params: {} });
  const unclosed = { fileName: "x.csv", bytes: Buffer.from('Mã kỹ thuật,Tên kỹ thuật,Chương,Phân tuyến\n10.1,"Không đóng,10,B\n') };
  await expect(importCatalogue(db, unclosed, null)).rejects.toMatchObject({ message: "imports:errors.csvMalformed" });
  const latin = { fileName: "x.csv", bytes: Buffer.from([0x4d, 0xe3, 0x20, 0x6b, 0x0a]) };
  await expect(importCatalogue(db, latin, null)).rejects.toMatchObject({ message: "imports:errors.notUtf8" });
  await expect(importCatalogue(db, { fileName: "x.pdf", bytes: Buffer.from("%PDF") }, null)).rejects.toMatchObject({
    message: "imports:errors.unsupportedType",
  });
  expect(db.all(sql`select * from techniques`)).toEqual([]);
});

test("a CSV saved with semicolons by a Vietnamese spreadsheet program is read", async () => {
  const db = createTestDb();
  const text = "\uFEFFMã kỹ thuật;Tên kỹ thuật;Chương;Phân tuyến\r\n10.929;Phẫu thuật thay toàn bộ khớp háng;10;B\r\n";
  const report = await importCatalogue(db, csv(text), null);
  expect(report.rowsImported).toBe(1);
});

test("an import by an administrator writes one audit event; other roles are refused", async () => {
  const db = createTestDb();
  const admin = makeUser(db, { role: "admin" });
  await importCatalogue(db, csv(SMALL_CSV, "pl1.csv"), { userId: admin.id, role: "admin", facilityId: null, provinceCode: null });
  const events = db.all<{ entity_type: string; entity_id: string; after: string }>(
    sql`select * from audit_events where entity_type = 'catalogue_import'`,
  );
  expect(events).toHaveLength(1);
  expect(events[0].entity_id).toBe("pl1.csv");
  expect(JSON.parse(events[0].after)).toMatchObject({ rowsRead: 4, techniques: { created: 3 } });
  await expect(
    importCatalogue(db, csv(SMALL_CSV), { userId: admin.id, role: "director", facilityId: 1, provinceCode: null }),
  ).rejects.toMatchObject({ status: 403 });
});

test("the real Decision 7603 file gives 8,544 techniques and 9,190 billing codes; 18.100 keeps its 5 codes", async () => {
  const db = createTestDb();
  const bytes = fs.readFileSync("seeds/data/qd7603_pl1_dvkt_tuong_duong.csv");
  const started = performance.now();
  const report = await importCatalogue(db, { fileName: "qd7603_pl1_dvkt_tuong_duong.csv", bytes }, null);
  const ms = performance.now() - started;
  expect(report.issues).toEqual([]);
  expect(report.rowsRead).toBe(9190);
  expect(db.get(sql`select count(*) as n from techniques`)).toEqual({ n: 8544 });
  expect(db.get(sql`select count(*) as n from technique_billing_codes`)).toEqual({ n: 9190 });
  expect(db.get(sql`select count(*) as n from chapters`)).toEqual({ n: 28 });
  expect(
    db.all(sql`select b.code from technique_billing_codes b join techniques t on t.id = b.technique_id where t.code = '18.100' order by b.code`),
  ).toHaveLength(5);
  // 13 rows leave the level blank: 8 distinct techniques.
  expect(db.get(sql`select count(*) as n from techniques where min_level is null`)).toEqual({ n: 8 });
  expect(ms).toBeLessThan(5000);
  const again = await importCatalogue(db, { fileName: "qd7603_pl1_dvkt_tuong_duong.csv", bytes }, null);
  expect(again.techniques).toEqual({ created: 0, updated: 0, unchanged: 8544 });
  expect(again.billingCodes).toEqual({ created: 0, updated: 0, unchanged: 9190 });
});
