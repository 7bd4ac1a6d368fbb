// Pure rules of the catalogue import: which columns a sheet has, what a valid row is, and which
// rows of a file contradict each other. No file reading and no database here.
//
// Decision: a row with a problem is refused and reported (row number as in the sheet, header =
// row 1), the other rows can be imported; a file whose headers are not recognised, or that
// cannot be read at all, imports nothing. Codes are text: 1.2, 1.20 and 1.200 are three
// techniques, and a code that a spreadsheet stored as a number is refused, never guessed.
import type { Level, ProcedureClass } from "~/models/enums";
import { LEVELS, PROCEDURE_CLASSES } from "~/models/enums";
import { DomainError } from "~/models/errors";
import { foldSearch } from "~/utils/search";
import { locateHeader, type ColumnMap, type ColumnSpec, type RowIssue } from "~/models/imports/headers";

/** The 28 specialty chapters of Circular 43/2013 (names as the catalogue writes them). */
export const CHAPTER_NAMES: Record<number, string> = {
  1: "HỒI SỨC CẤP CỨU VÀ CHỐNG ĐỘC",
  2: "NỘI KHOA",
  3: "NHI KHOA",
  4: "LAO",
  5: "DA LIỄU",
  6: "TÂM THẦN",
  7: "NỘI TIẾT",
  8: "Y HỌC CỔ TRUYỀN",
  9: "GÂY MÊ HỒI SỨC",
  10: "NGOẠI KHOA",
  11: "BỎNG",
  12: "UNG BƯỚU",
  13: "PHỤ SẢN",
  14: "MẮT",
  15: "TAI MŨI HỌNG",
  16: "RĂNG HÀM MẶT",
  17: "PHỤC HỒI CHỨC NĂNG",
  18: "ĐIỆN QUANG",
  19: "Y HỌC HẠT NHÂN",
  20: "NỘI SOI CHẨN ĐOÁN CAN THIỆP",
  21: "THĂM DÒ CHỨC NĂNG",
  22: "HUYẾT HỌC TRUYỀN MÁU",
  23: "HÓA SINH",
  24: "VI SINH",
  25: "GIẢI PHẪU BỆNH",
  26: "VI PHẪU",
  27: "PHẪU THUẬT NỘI SOI",
  28: "PHẪU THUẬT TẠO HÌNH THẨM MỸ",
};
export const CHAPTER_COUNT = 28;

export type CatalogueField =
  | "techniqueCode"
  | "name"
  | "chapter"
  | "level"
  | "billingCode"
  | "procedureClass"
  | "priceItem"
  | "priceName"
  | "priceVnd"
  | "linkCode";

/** Headers of the published file (Decision 7603, Appendix 1) and of the plain sheets people keep. */
export const CATALOGUE_COLUMNS: ColumnSpec<CatalogueField> = {
  techniqueCode: ["ma_tt43", "ma_ky_thuat", "Mã kỹ thuật", "Mã KT", "Mã kỹ thuật TT43", "Mã TT43", "Mã kỹ thuật TT23", "Mã TT23"],
  name: ["ten_ky_thuat_tt43", "ten_ky_thuat", "Tên kỹ thuật", "Tên kỹ thuật TT43", "Tên KT", "Tên dịch vụ kỹ thuật", "Tên kỹ thuật TT23"],
  chapter: ["chuong_tt43", "chuong", "Chương", "Chuyên khoa", "Chương TT43", "Chương TT23"],
  level: ["phan_tuyen", "Phân tuyến", "Phân tuyến kỹ thuật", "Tuyến"],
  billingCode: ["ma_tuong_duong", "Mã tương đương", "Mã TĐ"],
  procedureClass: ["phan_loai_pttt", "Phân loại PTTT", "Phân loại PT/TT", "Loại PTTT", "Phân loại"],
  priceItem: ["stt_gia_tt39", "STT giá TT39"],
  priceName: ["ten_gia_tt39", "Tên giá TT39", "Tên dịch vụ giá"],
  priceVnd: ["gia_tt39_vnd", "Giá TT39", "Giá"],
  linkCode: ["ma_lien_thong", "Mã liên thông"],
};
/** The level column is optional: Circular 23/2024 has none (and a file without it changes no level). */
export const REQUIRED_CATALOGUE_FIELDS = ["techniqueCode", "name", "chapter"] as const;

export type CatalogueFormat = "published" | "tt23" | "plain";

export type ChapterRef = { number: number; roman: string; name: string | null };

export type BillingLine = {
  code: string;
  techniqueName: string;
  /** `undefined`: the column is absent from the file, so the stored value is kept. */
  priceItem: string | null | undefined;
  priceName: string | null | undefined;
  priceVnd: number | null | undefined;
  linkCode: string | null | undefined;
};

/** One valid row of the file. */
export type CatalogueRecord = {
  rowNumber: number;
  code: string;
  chapter: ChapterRef;
  number: number;
  name: string;
  /** null: blank cell (the stored level is kept); `undefined`: the file has no level column. */
  minLevel: Level | null | undefined;
  /** `undefined` when the sheet has no procedure-class column (the stored value is kept). */
  procedureClass: ProcedureClass | null | undefined;
  billing: BillingLine | null;
};

export type CatalogueAnalysis = {
  format: CatalogueFormat;
  /** Whether the file has a level column (an edition with levels). */
  hasLevels: boolean;
  headerRowNumber: number;
  rowsRead: number;
  records: CatalogueRecord[];
  issues: RowIssue[];
};

// Up to C, so that a chapter written XCIX is read as 99 and refused by name.
const ROMAN: [number, string][] = [
  [100, "C"],
  [90, "XC"],
  [50, "L"],
  [40, "XL"],
  [10, "X"],
  [9, "IX"],
  [5, "V"],
  [4, "IV"],
  [1, "I"],
];

export function toRoman(n: number): string {
  let out = "";
  for (const [value, letters] of ROMAN) {
    while (n >= value) {
      out += letters;
      n -= value;
    }
  }
  return out;
}

/** "XXVIII" -> 28; null when not a canonical Roman numeral. */
export function fromRoman(text: string): number | null {
  const upper = text.toUpperCase();
  if (!/^[IVXLC]+$/.test(upper)) return null;
  const values: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 };
  let total = 0;
  for (let i = 0; i < upper.length; i++) {
    const v = values[upper[i]];
    const nextV = values[upper[i + 1]] ?? 0;
    total += v < nextV ? -v : v;
  }
  return toRoman(total) === upper ? total : null;
}

const TECHNIQUE_CODE = /^(BS_)?(\d{1,3})\.(\d{1,5})([a-z])?$/i;

/** Provisional code of a new technique that no list names yet (KTM: kỹ thuật mới). */
export const NEW_TECHNIQUE_CODE = /^KTM-\d{1,8}$/;

/** Any code a form may name a technique by: a listed code or a new technique's provisional one. */
export function isTechniqueCodeForm(code: string): boolean {
  return parseTechniqueCode(code) !== null || NEW_TECHNIQUE_CODE.test(code);
}

/** `chapter.number`, e.g. 10.367, 27.205b (a lettered variant) or BS_1.387 (a technique new in
 *  Circular 23/2024); chapters 1–28. */
export function parseTechniqueCode(code: string): { chapterNumber: number; number: number } | null {
  const m = TECHNIQUE_CODE.exec(code);
  if (!m) return null;
  const chapterNumber = Number(m[2]);
  if (chapterNumber < 1 || chapterNumber > CHAPTER_COUNT) return null;
  return { chapterNumber, number: Number(m[3]) };
}

/** Why a code is not a technique code: its shape, or a chapter that does not exist (99.1). */
export function techniqueCodeProblem(code: string): { key: string; params: Record<string, string | number> } | null {
  const m = TECHNIQUE_CODE.exec(code);
  if (!m) return { key: "imports:catalogue.badCode", params: { value: code } };
  const chapterNumber = Number(m[2]);
  if (chapterNumber < 1 || chapterNumber > CHAPTER_COUNT) {
    return { key: "imports:catalogue.unknownChapterInCode", params: { value: code, chapter: chapterNumber, max: CHAPTER_COUNT } };
  }
  return null;
}

/** Spreadsheet column letter of a 0-based index: 0 -> A, 27 -> AB. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** Billing code `CC.SSSS.GGGG` (a lettered variant such as 27.205b.0463 exists). */
export function isBillingCode(code: string): boolean {
  return /^\d{2}\.\d{3,4}[a-z]?\.\d{4}$/i.test(code);
}

/** "B", "b", "Tuyến B" -> "B"; blank -> null; anything else -> "invalid". */
export function parseLevel(text: string): Level | null | "invalid" {
  const folded = foldSearch(text).replace(/^tuyen\s*/, "").toUpperCase();
  if (folded === "") return null;
  return (LEVELS as readonly string[]).includes(folded) ? (folded as Level) : "invalid";
}

/** "PĐB", "P.ĐB", "pdb", "T 1" -> enum value; blank -> null; anything else -> "invalid". */
export function parseProcedureClass(text: string): ProcedureClass | null | "invalid" {
  const folded = foldSearch(text).replace(/[^a-z0-9]/g, "").toUpperCase();
  if (folded === "") return null;
  return (PROCEDURE_CLASSES as readonly string[]).includes(folded) ? (folded as ProcedureClass) : "invalid";
}

/** A chapter cell's number and name before the range check; null when blank, "shape" when unreadable. */
function readChapter(text: string): { number: number; name: string | null } | null | "shape" {
  const trimmed = text.trim().replace(/^ch(ư|u)(ơ|o)ng\s+/i, "");
  if (trimmed === "") return null;
  const m = /^([0-9]{1,2}|[IVXLCivxlc]+)\s*(?:[.:\-–)]\s*(.*))?$/.exec(trimmed);
  if (!m) return "shape";
  const number = /^\d+$/.test(m[1]) ? Number(m[1]) : fromRoman(m[1]);
  if (number === null) return "shape";
  return { number, name: m[2]?.trim() || null };
}

/**
 * "X. NGOẠI KHOA", "X", "10", "Chương X", "10. Ngoại khoa" -> chapter 10 (name when given);
 * null when blank; "invalid" otherwise (unreadable, or a chapter outside 1–28).
 */
export function parseChapter(text: string): ChapterRef | null | "invalid" {
  const read = readChapter(text);
  if (read === null) return null;
  if (read === "shape" || read.number < 1 || read.number > CHAPTER_COUNT) return "invalid";
  return { number: read.number, roman: toRoman(read.number), name: read.name };
}

/** Why a chapter cell is refused: not a chapter at all, or a chapter that does not exist (99, XCIX). */
export function chapterProblem(text: string): { key: string; params: Record<string, string | number>; chapter: number | null } | null {
  const read = readChapter(text);
  if (read === null) return null;
  if (read === "shape") return { key: "imports:catalogue.badChapter", params: { value: text }, chapter: null };
  if (read.number < 1 || read.number > CHAPTER_COUNT) {
    return { key: "imports:catalogue.unknownChapter", params: { value: text, chapter: read.number, max: CHAPTER_COUNT }, chapter: read.number };
  }
  return null;
}

/** Whole VND; "1.363.000", "1,363,000" and "1363000" read the same; blank -> null. */
export function parsePrice(text: string): number | null | "invalid" {
  const digits = text.replace(/[.,\s]/g, "");
  if (digits === "") return null;
  return /^\d{1,12}$/.test(digits) ? Number(digits) : "invalid";
}

type RawRow = {
  rowNumber: number;
  cells: readonly string[];
  numeric?: readonly number[];
  errors?: readonly number[];
  formulas?: readonly number[];
};

/** Longest technique name kept (the longest published name has about 400 characters). */
export const MAX_NAME_LENGTH = 1000;

/**
 * Recognises the header row and validates every row below it. Throws
 * DomainError("imports:errors.unrecognisedHeaders") when the required columns are not found:
 * then nothing may be imported.
 */
export function analyseCatalogue(rows: readonly RawRow[]): CatalogueAnalysis {
  const header = locateHeader<CatalogueField>(rows, CATALOGUE_COLUMNS, REQUIRED_CATALOGUE_FIELDS);
  if (!header.ok) {
    throw new DomainError("imports:errors.unrecognisedHeaders", {
      field: "file",
      params: { missing: header.missing.map((f) => COLUMN_LABELS[f]).join(", ") },
    });
  }
  const columns = header.columns;
  const codeHeader = rows[header.headerIndex].cells[columns.techniqueCode!]?.trim();
  const format: CatalogueFormat =
    columns.billingCode !== undefined && codeHeader === "ma_tt43" ? "published" : codeHeader === "ma_ky_thuat" ? "tt23" : "plain";
  const records: CatalogueRecord[] = [];
  const issues: RowIssue[] = [];
  const billingRows = new Map<string, number>();
  const techniques = new Map<string, CatalogueRecord>();
  const dataRows = rows.slice(header.headerIndex + 1);

  for (const row of dataRows) {
    const result = validateCatalogueRow(row, columns);
    if (!result.ok) {
      issues.push(...result.issues);
      continue;
    }
    const record = result.record;
    // The same billing code twice in one file: the later row is refused.
    if (record.billing) {
      const firstRow = billingRows.get(record.billing.code);
      if (firstRow !== undefined) {
        issues.push(issue(record, "imports:catalogue.duplicateBillingCode", { billingCode: record.billing.code, firstRow }));
        continue;
      }
    }
    // Several rows of one technique (one per billing code) must agree on its level, class and
    // chapter; rows without a billing line must also agree on the name.
    const first = techniques.get(record.code);
    if (first && !sameTechnique(first, record)) {
      issues.push(issue(record, "imports:catalogue.conflictingTechnique", { firstRow: first.rowNumber }));
      continue;
    }
    if (record.billing) billingRows.set(record.billing.code, record.rowNumber);
    if (!first) techniques.set(record.code, record);
    records.push(record);
  }
  return { format, hasLevels: columns.level !== undefined, headerRowNumber: header.headerRowNumber, rowsRead: dataRows.length, records, issues };
}

/** Labels of the columns, for the "missing columns" message (the Vietnamese header people use). */
export const COLUMN_LABELS: Record<CatalogueField, string> = {
  techniqueCode: "Mã kỹ thuật",
  name: "Tên kỹ thuật",
  chapter: "Chương",
  level: "Phân tuyến",
  billingCode: "Mã tương đương",
  procedureClass: "Phân loại PTTT",
  priceItem: "STT giá TT39",
  priceName: "Tên giá TT39",
  priceVnd: "Giá TT39",
  linkCode: "Mã liên thông",
};

export type RowResult = { ok: true; record: CatalogueRecord } | { ok: false; issues: RowIssue[] };

/** Validates one data row; reports every problem of the row, not only the first. */
export function validateCatalogueRow(row: RawRow, columns: ColumnMap<CatalogueField>): RowResult {
  const cell = (field: CatalogueField) => {
    const index = columns[field];
    return index === undefined ? undefined : (row.cells[index] ?? "").trim();
  };
  const has = (field: CatalogueField) => columns[field] !== undefined;
  const code = cell("techniqueCode") ?? "";
  const problems: { key: string; params?: Record<string, string | number> }[] = [];

  // Error values (#N/A) and formulas in a column the import reads: the cell says nothing
  // reliable, so the row is refused naming the cell.
  for (const [field, index] of Object.entries(columns) as [CatalogueField, number][]) {
    const at = { column: columnLetter(index), row: row.rowNumber };
    if (row.errors?.includes(index)) problems.push({ key: "imports:errors.errorCell", params: at });
    else if (row.formulas?.includes(index) && (field === "techniqueCode" || field === "billingCode")) {
      problems.push({ key: "imports:errors.formulaCell", params: at });
    }
  }

  const parsedCode = parseTechniqueCode(code);
  const codeProblem = parsedCode ? null : techniqueCodeProblem(code)!;
  if (codeProblem) {
    problems.push(codeProblem);
  } else if (row.numeric?.includes(columns.techniqueCode!)) {
    // 10.10 typed as a number reads 10.1: refuse rather than import the wrong technique.
    problems.push({ key: "imports:catalogue.codeNotText", params: { value: code } });
  }
  const name = (cell("name") ?? "").replace(/\s+/g, " ");
  if (name === "") problems.push({ key: "imports:catalogue.emptyName" });
  else if (name.length > MAX_NAME_LENGTH) problems.push({ key: "common:validation.tooLong", params: { max: MAX_NAME_LENGTH } });

  const levelText = cell("level") ?? "";
  const level = has("level") ? parseLevel(levelText) : undefined;
  if (level === "invalid") problems.push({ key: "imports:catalogue.unknownLevel", params: { value: levelText } });

  let procedureClass: ProcedureClass | null | undefined;
  if (has("procedureClass")) {
    const text = cell("procedureClass") ?? "";
    const parsed = parseProcedureClass(text);
    if (parsed === "invalid") problems.push({ key: "imports:catalogue.unknownProcedureClass", params: { value: text } });
    else procedureClass = parsed;
  }

  const chapterText = cell("chapter") ?? "";
  let chapter = parseChapter(chapterText);
  if (chapter === "invalid") {
    const { key, params, chapter: number } = chapterProblem(chapterText)!;
    // 99.1 in chapter 99: one fault, already named by the code's message.
    if (!(codeProblem?.key === "imports:catalogue.unknownChapterInCode" && codeProblem.params.chapter === number)) problems.push({ key, params });
  } else if (parsedCode) {
    if (chapter === null) {
      chapter = { number: parsedCode.chapterNumber, roman: toRoman(parsedCode.chapterNumber), name: null };
    } else if (chapter.number !== parsedCode.chapterNumber) {
      // The chapter is the part of the code before the dot: "X" with 3.120 is a typing error.
      problems.push({ key: "imports:catalogue.chapterMismatch", params: { value: chapterText, code } });
    }
  }

  let billing: BillingLine | null = null;
  const billingCode = cell("billingCode") ?? "";
  if (billingCode !== "") {
    if (!isBillingCode(billingCode)) {
      problems.push({ key: "imports:catalogue.badBillingCode", params: { value: billingCode } });
    } else if (parsedCode && !billingCode.toLowerCase().startsWith(twoDigitChapter(code))) {
      problems.push({ key: "imports:catalogue.billingCodeMismatch", params: { value: billingCode, code } });
    }
    const priceText = cell("priceVnd");
    const price = priceText === undefined ? undefined : parsePrice(priceText);
    if (price === "invalid") problems.push({ key: "imports:catalogue.badPrice", params: { value: priceText ?? "" } });
    billing = {
      code: billingCode,
      techniqueName: name,
      priceItem: optional(cell("priceItem")),
      priceName: optional(cell("priceName")),
      priceVnd: price === "invalid" ? null : price,
      linkCode: optional(cell("linkCode")),
    };
  }

  if (problems.length > 0 || !parsedCode || chapter === "invalid" || chapter === null || level === "invalid") {
    return { ok: false, issues: problems.map((p) => ({ row: row.rowNumber, code: code.slice(0, 50), ...p })) };
  }
  return {
    ok: true,
    record: {
      rowNumber: row.rowNumber,
      code,
      chapter,
      number: parsedCode.number,
      name,
      minLevel: level,
      procedureClass,
      billing,
    },
  };
}

/** The billing code repeats the chapter in two digits: technique 1.9 -> "01.". */
function twoDigitChapter(code: string): string {
  return code.split(".")[0].padStart(2, "0") + ".";
}

function optional(text: string | undefined): string | null | undefined {
  if (text === undefined) return undefined;
  return text === "" ? null : text;
}

function sameTechnique(a: CatalogueRecord, b: CatalogueRecord): boolean {
  const sameName = a.name === b.name || (a.billing !== null && b.billing !== null);
  return sameName && a.minLevel === b.minLevel && a.procedureClass === b.procedureClass && a.chapter.number === b.chapter.number;
}

function issue(record: CatalogueRecord, key: string, params?: Record<string, string | number>): RowIssue {
  return { row: record.rowNumber, code: record.code, key, ...(params ? { params } : {}) };
}
