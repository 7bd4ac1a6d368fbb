import { expect, test } from "vitest";
import {
  analyseCatalogue,
  parseChapter,
  parseLevel,
  parseProcedureClass,
  parseTechniqueCode,
} from "~/models/catalogue/import-rules";
import { foldHeader } from "~/models/imports/headers";

const PUBLISHED_HEADER = [
  "stt", "ma_tuong_duong", "ma_tt43", "ten_ky_thuat_tt43", "phan_tuyen", "phan_loai_pttt",
  "chuong_tt43", "stt_gia_tt39", "ten_gia_tt39", "gia_tt39_vnd", "ma_lien_thong",
];

function sheet(...rows: string[][]) {
  return rows.map((cells, i) => ({ rowNumber: i + 1, cells }));
}

test("headers are matched without case, diacritics, underscores or a required-marker", () => {
  expect(foldHeader("Mã kỹ thuật (*)")).toBe("ma ky thuat");
  expect(foldHeader("MA KY THUAT")).toBe("ma ky thuat");
  expect(foldHeader("ma_tt43")).toBe("ma tt43");
  expect(foldHeader("Phân loại PTTT")).toBe("phan loai pttt");
});

test("the published Decision 7603 layout is recognised", () => {
  const result = analyseCatalogue(
    sheet(PUBLISHED_HEADER, ["1", "01.0009.0098", "1.9", "Đặt catheter động mạch", "B", "T1", "I. HỒI SỨC CẤP CỨU VÀ CHỐNG ĐỘC", "101", "Đặt catheter", "1363000", "37.8B00.0098"]),
  );
  expect(result.format).toBe("published");
  expect(result.issues).toEqual([]);
  expect(result.records[0]).toMatchObject({
    code: "1.9",
    minLevel: "B",
    procedureClass: "T1",
    chapter: { number: 1, roman: "I", name: "HỒI SỨC CẤP CỨU VÀ CHỐNG ĐỘC" },
    billing: { code: "01.0009.0098", priceVnd: 1363000, linkCode: "37.8B00.0098" },
  });
});

test("a plain sheet with a title row and unaccented headers is recognised, header row kept for numbering", () => {
  const result = analyseCatalogue(
    sheet(
      ["DANH MỤC KỸ THUẬT BỆNH VIỆN"],
      ["STT", "MA KY THUAT", "Ten ky thuat", "CHƯƠNG", "phân tuyến"],
      ["1", "10.929", "Phẫu thuật thay toàn bộ khớp háng", "X", "B"],
    ),
  );
  expect(result.format).toBe("plain");
  expect(result.headerRowNumber).toBe(2);
  expect(result.records).toHaveLength(1);
  expect(result.records[0]).toMatchObject({ rowNumber: 3, code: "10.929", procedureClass: undefined, billing: null });
});

test("a file without the required headers is refused naming the missing columns", () => {
  expect(() => analyseCatalogue(sheet(["Mã kỹ thuật", "Tên"], ["10.1", "x"]))).toThrowError(
    expect.objectContaining({ message: "imports:errors.unrecognisedHeaders", params: { missing: "Tên kỹ thuật, Chương" } }),
  );
});

test("chapters are read as 'X. NGOẠI KHOA', 'X', '10' or 'Chương X'", () => {
  expect(parseChapter("X. NGOẠI KHOA")).toEqual({ number: 10, roman: "X", name: "NGOẠI KHOA" });
  expect(parseChapter("X")).toEqual({ number: 10, roman: "X", name: null });
  expect(parseChapter("10")).toEqual({ number: 10, roman: "X", name: null });
  expect(parseChapter("Chương XXVIII")).toEqual({ number: 28, roman: "XXVIII", name: null });
  expect(parseChapter("XXIX")).toBe("invalid");
  expect(parseChapter("IIII")).toBe("invalid");
  expect(parseChapter("Ngoại khoa")).toBe("invalid");
  expect(parseChapter("")).toBeNull();
});

test("levels and procedure classes accept the usual spellings and blanks", () => {
  expect(parseLevel(" b ")).toBe("B");
  expect(parseLevel("Tuyến A")).toBe("A");
  expect(parseLevel("")).toBeNull();
  expect(parseLevel("E")).toBe("invalid");
  expect(parseProcedureClass("PĐB")).toBe("PDB");
  expect(parseProcedureClass("T.ĐB")).toBe("TDB");
  expect(parseProcedureClass("p 2")).toBe("P2");
  expect(parseProcedureClass("")).toBeNull();
  expect(parseProcedureClass("P4")).toBe("invalid");
});

test("technique codes are chapter.number, with lettered variants, chapters 1 to 28", () => {
  expect(parseTechniqueCode("10.367")).toEqual({ chapterNumber: 10, number: 367 });
  expect(parseTechniqueCode("27.205b")).toEqual({ chapterNumber: 27, number: 205 });
  expect(parseTechniqueCode("29.1")).toBeNull();
  expect(parseTechniqueCode("10")).toBeNull();
  expect(parseTechniqueCode("10,367")).toBeNull();
});

test("a code or chapter cell naming a chapter that does not exist says so, naming the chapter, once per row", () => {
  const result = analyseCatalogue(
    sheet(
      ["Mã kỹ thuật", "Tên kỹ thuật", "Chương", "Phân tuyến"],
      ["99.1", "Chương không có", "99", "B"],
      ["10.5", "Chương viết sai", "XCIX", "B"],
      ["10.6", "Chương không đọc được", "Ngoại", "B"],
      ["0.7", "Chương số không", "", "B"],
    ),
  );
  expect(result.records).toEqual([]);
  expect(result.issues).toEqual([
    { row: 2, code: "99.1", key: "imports:catalogue.unknownChapterInCode", params: { value: "99.1", chapter: 99, max: 28 } },
    { row: 3, code: "10.5", key: "imports:catalogue.unknownChapter", params: { value: "XCIX", chapter: 99, max: 28 } },
    { row: 4, code: "10.6", key: "imports:catalogue.badChapter", params: { value: "Ngoại" } },
    { row: 5, code: "0.7", key: "imports:catalogue.unknownChapterInCode", params: { value: "0.7", chapter: 0, max: 28 } },
  ]);
});

test("every problem of a row is reported with the sheet's row number and the row is skipped", () => {
  const result = analyseCatalogue(
    sheet(
      ["Mã kỹ thuật", "Tên kỹ thuật", "Chương", "Phân tuyến", "Phân loại PTTT"],
      ["10.1", "", "X", "E", "P9"],
      ["3.5", "Kỹ thuật đúng", "X", "B", ""],
      ["abc", "Tên", "X", "B", ""],
      ["10.2", "Kỹ thuật tốt", "10", "", "PĐB"],
    ),
  );
  expect(result.records.map((r) => r.code)).toEqual(["10.2"]);
  expect(result.issues).toEqual([
    { row: 2, code: "10.1", key: "imports:catalogue.emptyName" },
    { row: 2, code: "10.1", key: "imports:catalogue.unknownLevel", params: { value: "E" } },
    { row: 2, code: "10.1", key: "imports:catalogue.unknownProcedureClass", params: { value: "P9" } },
    { row: 3, code: "3.5", key: "imports:catalogue.chapterMismatch", params: { value: "X", code: "3.5" } },
    { row: 4, code: "abc", key: "imports:catalogue.badCode", params: { value: "abc" } },
  ]);
});

test("the same billing code twice in a file refuses the later row and names the first", () => {
  const row = (billing: string, code: string) => ["", billing, code, "Chụp Xquang", "D", "", "XVIII. ĐIỆN QUANG", "", "", "", ""];
  const result = analyseCatalogue(
    sheet(PUBLISHED_HEADER, row("18.0100.0028", "18.100"), row("18.0100.0012", "18.100"), row("18.0100.0028", "18.100")),
  );
  expect(result.records).toHaveLength(2);
  expect(result.issues).toEqual([
    { row: 4, code: "18.100", key: "imports:catalogue.duplicateBillingCode", params: { billingCode: "18.0100.0028", firstRow: 2 } },
  ]);
});

test("rows of one technique with different levels are a conflict; different names are not", () => {
  const result = analyseCatalogue(
    sheet(
      PUBLISHED_HEADER,
      ["", "18.0100.0028", "18.100", "Chụp Xquang khớp vai thẳng", "D", "", "XVIII. ĐIỆN QUANG", "", "", "", ""],
      ["", "18.0100.0029", "18.100", "Chụp Xquang khớp vai thẳng [thẳng và nghiêng]", "D", "", "XVIII. ĐIỆN QUANG", "", "", "", ""],
      ["", "18.0100.0030", "18.100", "Chụp Xquang khớp vai", "C", "", "XVIII. ĐIỆN QUANG", "", "", "", ""],
    ),
  );
  expect(result.records.map((r) => r.billing?.techniqueName)).toEqual([
    "Chụp Xquang khớp vai thẳng",
    "Chụp Xquang khớp vai thẳng [thẳng và nghiêng]",
  ]);
  expect(result.issues).toEqual([{ row: 4, code: "18.100", key: "imports:catalogue.conflictingTechnique", params: { firstRow: 2 } }]);
});

test("a technique code stored as a number in a workbook is refused (10.10 would read 10.1)", () => {
  const result = analyseCatalogue([
    { rowNumber: 1, cells: ["Mã kỹ thuật", "Tên kỹ thuật", "Chương", "Phân tuyến"] },
    { rowNumber: 2, cells: ["10.1", "Phẫu thuật", "10", "B"], numeric: [0] },
  ]);
  expect(result.records).toEqual([]);
  expect(result.issues[0]).toMatchObject({ row: 2, key: "imports:catalogue.codeNotText" });
});
