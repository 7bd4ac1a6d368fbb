import fs from "node:fs";
import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { expect, test } from "vitest";
import type { Db } from "~/db/client.server";
import type { Actor } from "~/models/access/policy";
import { catalogueImport, importCatalogue, isCutShort, previewCatalogueImport, QD7603_EDITION, type CatalogueImportOptions } from "~/models/catalogue/import.server";
import { applyImport, discardImport, getImportBatch, listBatchRows } from "~/models/imports/batches.server";
import { createTestDb } from "../helpers/db";
import { makeUser } from "../helpers/factories";

const TODAY = "2026-12-02";
const HEADER = "stt,ma_tuong_duong,ma_tt43,ten_ky_thuat_tt43,phan_tuyen,phan_loai_pttt,chuong_tt43,stt_gia_tt39,ten_gia_tt39,gia_tt39_vnd,ma_lien_thong";
const SMALL_CSV = [
  HEADER,
  "1,10.0929.0559,10.929,Phẫu thuật thay toàn bộ khớp háng,B,PDB,X. NGOẠI KHOA,559,Phẫu thuật thay khớp háng,4500000,37.8D05.0559",
  "2,18.0100.0028,18.100,Chụp Xquang khớp vai thẳng,D,,XVIII. ĐIỆN QUANG,29,Chụp X-quang số hóa 1 phim,64200,37.2A03.0028",
  "3,18.0100.0029,18.100,Chụp Xquang khớp vai thẳng [thẳng và nghiêng],D,,XVIII. ĐIỆN QUANG,30,Chụp X-quang số hóa 2 phim,96200,37.2A03.0029",
  "4,13.0019.0001,13.19,Giảm đau trong đẻ bằng phương pháp gây tê ngoài màng cứng,B,T1,XIII. PHỤ SẢN,1,Giảm đau trong đẻ,700000,37.8D01.0001",
].join("\n");
const TT23: CatalogueImportOptions = { editionCode: "tt23-2024-pl1", editionName: "Thông tư 23/2024/TT-BYT, Phụ lục 1", effectiveFrom: "2025-01-01", complete: true };
const TT23_HEADER = "stt,ma_ky_thuat,chuong,ten_ky_thuat,ma_tuong_duong_qd7603__derived";

function csv(text: string, fileName = "catalogue.csv") {
  return { fileName, bytes: Buffer.from(text, "utf-8") };
}

function adminOf(db: Db): Actor {
  const admin = makeUser(db, { role: "admin" });
  return { userId: admin.id, role: "admin", facilityId: null, provinceCode: null };
}

function snapshot(db: Db) {
  return {
    chapters: db.all(sql`select * from chapters order by number`),
    techniques: db.all(sql`select code, chapter_number, number, name, min_level, procedure_class, updated_at from techniques order by code`),
    billing: db.all(sql`select * from technique_billing_codes order by code`),
    levels: db.all(sql`select * from technique_levels order by id`),
  };
}

async function xlsx(rows: (string | number | ExcelJS.CellValue)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Danh mục");
  rows.forEach((r) => sheet.addRow(r));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Previews a file as the administrator; returns the batch and a reader of its rows by status. */
async function preview(db: Db, actor: Actor, file: { fileName: string; bytes: Buffer }, options: CatalogueImportOptions = QD7603_EDITION) {
  const id = await previewCatalogueImport(db, actor, file, options, TODAY);
  const rows = (status: Parameters<typeof listBatchRows>[3]) => listBatchRows(db, actor, id, status, { page: 1, pageSize: 100, offset: 0 }).rows;
  return { id, batch: getImportBatch(db, actor, id), rows };
}

test("a small published CSV creates chapters, techniques, every billing code, the edition and its dated levels", async () => {
  const db = createTestDb();
  const result = await importCatalogue(db, csv(SMALL_CSV), QD7603_EDITION, TODAY);
  expect(result.rows).toEqual({ new: 4 });
  expect(result.written).toMatchObject({ chaptersCreated: 3, techniquesCreated: 3, billingCodesCreated: 4, levelsRecorded: 3 });
  const hip = db.get<{ name: string; min_level: string; procedure_class: string; search_text: string }>(sql`select * from techniques where code = '10.929'`);
  expect(hip).toMatchObject({ name: "Phẫu thuật thay toàn bộ khớp háng", min_level: "B", procedure_class: "PDB" });
  expect(hip.search_text).toContain("thay toan bo khop hang");
  expect(db.all(sql`select roman, name from chapters where number = 18`)).toEqual([{ roman: "XVIII", name: "ĐIỆN QUANG" }]);
  expect(db.all(sql`select code, has_levels from catalogue_editions`)).toEqual([{ code: "qd7603", has_levels: 1 }]);
  expect(db.get(sql`select count(*) as n from technique_edition_entries`)).toEqual({ n: 3 });
  expect(db.all(sql`select l.level, l.valid_from from technique_levels l join techniques t on t.id = l.technique_id where t.code = '10.929'`)).toEqual([
    { level: "B", valid_from: "2018-12-25" },
  ]);
});

test("re-importing the same file previews every row unchanged and writes nothing", async () => {
  const db = createTestDb();
  const admin = adminOf(db);
  await importCatalogue(db, csv(SMALL_CSV), QD7603_EDITION, TODAY);
  const before = snapshot(db);
  const { batch } = await preview(db, admin, csv(SMALL_CSV));
  expect(batch.summary).toEqual({ new: 0, changed: 0, unchanged: 4, retired: 0, conflict: 0, refused: 0 });
  expect(snapshot(db)).toEqual(before);
});

test("a preview writes nothing; confirming writes exactly what it showed, with old and new side by side", async () => {
  const db = createTestDb();
  const admin = adminOf(db);
  await importCatalogue(db, csv(SMALL_CSV), QD7603_EDITION, TODAY);
  const edited = SMALL_CSV.replace("XIII. PHỤ SẢN,1,Giảm đau trong đẻ,700000", "XIII. PHỤ SẢN,1,Giảm đau trong đẻ,750000").replace("khớp háng,B,PDB", "khớp háng,A,PDB");
  const before = snapshot(db);
  const { id, batch, rows } = await preview(db, admin, csv(edited));
  expect(batch.summary).toMatchObject({ changed: 2, unchanged: 2 });
  expect(snapshot(db)).toEqual(before);
  const hip = rows("changed").find((r) => r.key === "10.929")!;
  expect(hip.changes).toEqual([{ field: "minLevel", before: "B", after: "A" }]);
  expect(hip.messages).toEqual([`imports:catalogue.levelFrom|{"date":"${TODAY}"}`]);
  await applyImport(db, catalogueImport, admin, id, TODAY);
  expect(db.get(sql`select min_level from techniques where code = '10.929'`)).toEqual({ min_level: "A" });
  expect(db.get(sql`select price_vnd from technique_billing_codes where code = '13.0019.0001'`)).toEqual({ price_vnd: 750000 });
  // The level change is dated today: before it, the technique keeps level B.
  expect(db.all(sql`select l.level, l.valid_from from technique_levels l join techniques t on t.id = l.technique_id where t.code = '10.929' order by l.valid_from`)).toEqual([
    { level: "B", valid_from: "2018-12-25" },
    { level: "A", valid_from: TODAY },
  ]);
  expect(getImportBatch(db, admin, id)).toMatchObject({ status: "applied" });
  expect(db.get(sql`select count(*) as n from audit_events where entity_type = 'import_catalogue'`)).toEqual({ n: 1 });
  await expect(applyImport(db, catalogueImport, admin, id, TODAY)).rejects.toMatchObject({ status: 409 });
});

test("a confirmation after the catalogue changed answers 409 and writes nothing; a discarded preview cannot be confirmed", async () => {
  const db = createTestDb();
  const admin = adminOf(db);
  const first = await preview(db, admin, csv(SMALL_CSV));
  await importCatalogue(db, csv(SMALL_CSV.split("\n").slice(0, 2).join("\n")), QD7603_EDITION, TODAY);
  const before = snapshot(db);
  await expect(applyImport(db, catalogueImport, admin, first.id, TODAY)).rejects.toMatchObject({ status: 409, message: "imports:errors.changedSincePreview" });
  expect(snapshot(db)).toEqual(before);
  const second = await preview(db, admin, csv(SMALL_CSV));
  discardImport(db, admin, second.id);
  await expect(applyImport(db, catalogueImport, admin, second.id, TODAY)).rejects.toMatchObject({ status: 409 });
  expect(snapshot(db)).toEqual(before);
});

test("a blank level or price never erases the stored value", async () => {
  const db = createTestDb();
  await importCatalogue(db, csv(SMALL_CSV), QD7603_EDITION, TODAY);
  const blanked = SMALL_CSV.replace("khớp háng,B,PDB,X. NGOẠI KHOA,559,Phẫu thuật thay khớp háng,4500000", "khớp háng,,,X. NGOẠI KHOA,,,");
  const result = await importCatalogue(db, csv(blanked), QD7603_EDITION, TODAY);
  expect(result.rows).toEqual({ unchanged: 4 });
  expect(db.get(sql`select min_level, procedure_class from techniques where code = '10.929'`)).toEqual({ min_level: "B", procedure_class: "PDB" });
  expect(db.get(sql`select price_vnd, price_item from technique_billing_codes where code = '10.0929.0559'`)).toEqual({ price_vnd: 4500000, price_item: "559" });
});

test("codes are text: 1.2, 1.20 and 1.200 are three techniques; BS_ and lettered codes import", async () => {
  const db = createTestDb();
  const text = [
    TT23_HEADER,
    "1,1.2,01. HỒI SỨC CẤP CỨU VÀ CHỐNG ĐỘC,Ghi điện tim cấp cứu tại giường,",
    "2,1.20,01. HỒI SỨC CẤP CỨU VÀ CHỐNG ĐỘC,Kỹ thuật hai mươi,",
    "3,1.200,01. HỒI SỨC CẤP CỨU VÀ CHỐNG ĐỘC,Kỹ thuật hai trăm,",
    "4,BS_1.387,01. HỒI SỨC CẤP CỨU VÀ CHỐNG ĐỘC,Kỹ thuật mới bổ sung,",
    "5,27.205b,27. PHẪU THUẬT NỘI SOI,Phẫu thuật nội soi biến thể b,",
  ].join("\n");
  const result = await importCatalogue(db, csv(text), TT23, TODAY);
  expect(result.rows).toEqual({ new: 5 });
  expect(db.all(sql`select code, chapter_number as chapter, min_level from techniques order by id`)).toEqual([
    { code: "1.2", chapter: 1, min_level: null },
    { code: "1.20", chapter: 1, min_level: null },
    { code: "1.200", chapter: 1, min_level: null },
    { code: "BS_1.387", chapter: 1, min_level: null },
    { code: "27.205b", chapter: 27, min_level: null },
  ]);
  expect(db.all(sql`select code, has_levels from catalogue_editions`)).toEqual([{ code: "tt23-2024-pl1", has_levels: 0 }]);
});

test("the same code twice with different names is a conflict: neither row is written, and nothing is merged", async () => {
  const db = createTestDb();
  const admin = adminOf(db);
  const text = [TT23_HEADER, "1,10.5,10. NGOẠI KHOA,Tên thứ nhất,", "2,10.6,10. NGOẠI KHOA,Kỹ thuật khác,", "3,10.5,10. NGOẠI KHOA,Tên thứ hai,"].join("\n");
  const { batch, rows } = await preview(db, admin, csv(text), TT23);
  expect(batch.summary).toMatchObject({ new: 1, conflict: 2 });
  expect(rows("conflict").map((r) => r.rowNumber)).toEqual([2, 4]);
  expect(rows("conflict")[0].messages?.[0]).toMatch(/^imports:catalogue\.conflictNotWritten/);
});

test("a name cut short inside a word is a conflict; an edition that drops a qualifier is a change", async () => {
  expect(isCutShort("Phẫu thuật thay toàn bộ khớp h", "Phẫu thuật thay toàn bộ khớp háng")).toBe(true);
  expect(isCutShort("Nội soi (có sinh", "Nội soi (có sinh thiết)")).toBe(true);
  expect(isCutShort("Dẫn lưu khí màng phổi áp lực thấp", "Dẫn lưu khí màng phổi áp lực thấp ≤ 8 giờ")).toBe(false);
  const db = createTestDb();
  const admin = adminOf(db);
  await importCatalogue(db, csv(SMALL_CSV), QD7603_EDITION, TODAY);
  const text = [TT23_HEADER, "1,10.929,10. NGOẠI KHOA,Phẫu thuật thay toàn bộ khớp h,", "2,13.19,13. PHỤ SẢN,Giảm đau trong đẻ,"].join("\n");
  const { batch, rows } = await preview(db, admin, csv(text), { ...TT23, complete: false });
  expect(batch.summary).toMatchObject({ conflict: 1, changed: 1 });
  expect(rows("conflict")[0]).toMatchObject({ key: "10.929", messages: ["imports:catalogue.nameCutShort"] });
  expect(rows("changed")[0].changes).toEqual([
    { field: "name", before: "Giảm đau trong đẻ bằng phương pháp gây tê ngoài màng cứng", after: "Giảm đau trong đẻ" },
  ]);
});

test("refused rows name their reason: a code typed as a number, a chapter that does not exist, an error cell, a formula", async () => {
  const db = createTestDb();
  const admin = adminOf(db);
  const bytes = await xlsx([
    ["Mã kỹ thuật", "Tên kỹ thuật", "Chương", "Phân tuyến"],
    [10.1, "Kỹ thuật mười phẩy mười", "X", "B"],
    ["99.1", "Chương không có", "", "B"],
    ["10.2", { error: "#N/A" } as ExcelJS.CellErrorValue, "X", "B"],
    [{ formula: 'CONCATENATE("10",".3")', result: "10.3" } as ExcelJS.CellFormulaValue, "Mã bằng công thức", "X", "B"],
    ["10.4", "Kỹ thuật đúng", "X", "B"],
  ]);
  const { batch, rows } = await preview(db, admin, { fileName: "ds.xlsx", bytes }, { ...QD7603_EDITION, complete: false });
  expect(batch.summary).toMatchObject({ new: 1, refused: 4 });
  const messages = Object.fromEntries(rows("refused").map((r) => [r.rowNumber, r.messages?.map((m) => m.split("|")[0])]));
  expect(messages[2]).toContain("imports:catalogue.codeNotText");
  expect(rows("refused").find((r) => r.rowNumber === 3)?.messages).toContain('imports:catalogue.unknownChapterInCode|{"value":"99.1","chapter":99,"max":28}');
  expect(rows("refused").find((r) => r.rowNumber === 4)?.messages).toContain('imports:errors.errorCell|{"column":"B","row":4}');
  expect(rows("refused").find((r) => r.rowNumber === 5)?.messages).toContain('imports:errors.formulaCell|{"column":"A","row":5}');
});

test("unrecognised headers, unreadable files and oversized ones store nothing and write nothing", async () => {
  const db = createTestDb();
  const admin = adminOf(db);
  await importCatalogue(db, csv(SMALL_CSV), QD7603_EDITION, TODAY);
  const before = snapshot(db);
  const attempt = (file: { fileName: string; bytes: Buffer }) => previewCatalogueImport(db, admin, file, QD7603_EDITION, TODAY);
  await expect(attempt(csv("code;title;level\n10.1;Something;B\n"))).rejects.toMatchObject({ message: "imports:errors.unrecognisedHeaders" });
  await expect(attempt({ fileName: "x.xlsx", bytes: Buffer.from("PK\u0003\u0004 not really a zip") })).rejects.toMatchObject({ message: "imports:errors.notXlsx" });
  await expect(attempt({ fileName: "x.csv", bytes: Buffer.from('Mã kỹ thuật,Tên kỹ thuật,Chương\n10.1,"Không đóng,10\n') })).rejects.toMatchObject({
    message: "imports:errors.csvMalformed",
  });
  await expect(attempt({ fileName: "x.csv", bytes: Buffer.from([0x4d, 0xe3, 0x20, 0x6b, 0x0a]) })).rejects.toMatchObject({ message: "imports:errors.notUtf8" });
  await expect(attempt({ fileName: "x.pdf", bytes: Buffer.from("%PDF") })).rejects.toMatchObject({ message: "imports:errors.unsupportedType" });
  await expect(attempt({ fileName: "big.csv", bytes: Buffer.alloc(51 * 1024 * 1024, 0x61) })).rejects.toMatchObject({ message: "imports:errors.tooLarge", status: 413 });
  expect(snapshot(db)).toEqual(before);
  expect(db.get(sql`select count(*) as n from import_batches`)).toEqual({ n: 0 });
});

test("a CSV saved with semicolons by a Vietnamese spreadsheet program is read", async () => {
  const db = createTestDb();
  const text = "\uFEFFMã kỹ thuật;Tên kỹ thuật;Chương;Phân tuyến\r\n10.929;Phẫu thuật thay toàn bộ khớp háng;10;B\r\n";
  expect((await importCatalogue(db, csv(text), QD7603_EDITION, TODAY)).rows).toEqual({ new: 1 });
});

test("only an administrator previews or confirms; another user's preview is not found", async () => {
  const db = createTestDb();
  const admin = adminOf(db);
  const director: Actor = { userId: admin.userId + 1000, role: "director", facilityId: 1, provinceCode: null };
  await expect(previewCatalogueImport(db, director, csv(SMALL_CSV), QD7603_EDITION, TODAY)).rejects.toMatchObject({ status: 403 });
  const { id } = await preview(db, admin, csv(SMALL_CSV));
  expect(() => getImportBatch(db, director, id)).toThrowError(expect.objectContaining({ status: 404 }));
  await expect(applyImport(db, catalogueImport, director, id, TODAY)).rejects.toMatchObject({ status: 404 });
  expect(db.get(sql`select count(*) as n from techniques`)).toEqual({ n: 0 });
});

test("a complete newer edition retires what it no longer lists; the retired technique keeps its ledger and comes back when listed again", async () => {
  const db = createTestDb();
  await importCatalogue(db, csv(SMALL_CSV), QD7603_EDITION, TODAY);
  const text = [TT23_HEADER, "1,10.929,10. NGOẠI KHOA,Phẫu thuật thay toàn bộ khớp háng,", "2,18.100,18. ĐIỆN QUANG,Chụp Xquang khớp vai thẳng,"].join("\n");
  const result = await importCatalogue(db, csv(text), TT23, TODAY);
  expect(result.rows).toMatchObject({ unchanged: 2, retired: 1 });
  expect(db.all(sql`select code, retired_on, min_level from techniques where retired_on is not null`)).toEqual([{ code: "13.19", retired_on: "2025-01-01", min_level: "B" }]);
  const relisted = [TT23_HEADER, "1,13.19,13. PHỤ SẢN,Giảm đau trong đẻ bằng phương pháp gây tê ngoài màng cứng,"].join("\n");
  const again = await importCatalogue(db, csv(relisted), { ...TT23, complete: false }, TODAY);
  expect(again.rows).toEqual({ changed: 1 });
  expect(db.get(sql`select retired_on from techniques where code = '13.19'`)).toEqual({ retired_on: null });
});

test("the real Decision 7603 file gives 8,544 techniques and 9,190 billing codes; 18.100 keeps its 5 codes; importing it again changes nothing", async () => {
  const db = createTestDb();
  const bytes = fs.readFileSync("seeds/data/qd7603_pl1_dvkt_tuong_duong.csv");
  const result = await importCatalogue(db, { fileName: "qd7603_pl1_dvkt_tuong_duong.csv", bytes }, QD7603_EDITION, TODAY);
  expect(result.issues).toEqual([]);
  expect(db.get(sql`select count(*) as n from techniques`)).toEqual({ n: 8544 });
  expect(db.get(sql`select count(*) as n from technique_billing_codes`)).toEqual({ n: 9190 });
  expect(db.get(sql`select count(*) as n from chapters`)).toEqual({ n: 28 });
  expect(db.all(sql`select b.code from technique_billing_codes b join techniques t on t.id = b.technique_id where t.code = '18.100'`)).toHaveLength(5);
  // 13 rows leave the level blank: 8 distinct techniques.
  expect(db.get(sql`select count(*) as n from techniques where min_level is null`)).toEqual({ n: 8 });
  const admin = adminOf(db);
  const again = await preview(db, admin, { fileName: "qd7603.csv", bytes });
  expect(again.batch.summary).toEqual({ new: 0, changed: 0, unchanged: 9190, retired: 0, conflict: 0, refused: 0 });
});

test("the Circular 23/2024 list as published: 19,437 techniques created or matched, its malformed code refused with its row, no legacy level changed", async () => {
  const db = createTestDb();
  await importCatalogue(db, { fileName: "qd7603.csv", bytes: fs.readFileSync("seeds/data/qd7603_pl1_dvkt_tuong_duong.csv") }, QD7603_EDITION, TODAY);
  const levelsBefore = db.all(sql`select code, min_level from techniques order by code`);
  const historyBefore = db.all(sql`select * from technique_levels order by id`);
  const admin = adminOf(db);
  const bytes = fs.readFileSync("seeds/data/tt23_2024_pl01_danh_muc_ky_thuat.csv");
  const { id, batch, rows } = await preview(db, admin, { fileName: "tt23_2024_pl01_danh_muc_ky_thuat.csv", bytes }, TT23);
  const { new: created, changed, unchanged, conflict, refused, retired } = batch.summary;
  expect(created + changed + unchanged + conflict).toBe(19437);
  expect(refused).toBe(1);
  expect(rows("refused")).toEqual([expect.objectContaining({ rowNumber: 15894, key: "19165", messages: ['imports:catalogue.badCode|{"value":"19165"}'] })]);
  expect(created).toBe(10911);
  expect(retired).toBe(18);
  await applyImport(db, catalogueImport, admin, id, TODAY);
  expect(db.get(sql`select count(*) as n from technique_edition_entries x join catalogue_editions e on e.id = x.edition_id where e.code = 'tt23-2024-pl1'`)).toEqual({
    n: 19437 - conflict,
  });
  expect(db.get(sql`select count(*) as n from techniques where code like 'BS_%'`)).toEqual({ n: 1232 });
  // No legacy level changed: the old techniques keep theirs, the new ones have none.
  expect(db.all(sql`select t.code, t.min_level from techniques t where t.code in (select x.code from technique_edition_entries x join catalogue_editions e on e.id = x.edition_id where e.code = 'qd7603') order by t.code`)).toEqual(levelsBefore);
  expect(db.all(sql`select * from technique_levels order by id`)).toEqual(historyBefore);
  expect(db.get(sql`select count(*) as n from techniques where retired_on = '2025-01-01'`)).toEqual({ n: 18 });
});
