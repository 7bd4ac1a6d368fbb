// Pure rules of the staff import: the columns a hospital's staff sheet has, how cadres and
// specialties are written there, and what a valid row is. No file reading, no database.
//
// Every field of a row goes through the staff form's own zod schema (schemas.ts), so an import
// can never store what the form would refuse: lengths, e-mail format, chapter range.
import type { ZodIssue } from "zod";
import { CHAPTER_NAMES, CHAPTER_COUNT, columnLetter, parseChapter } from "~/models/catalogue/import-rules";
import type { Cadre } from "~/models/enums";
import { LIMITS } from "~/models/fields";
import { locateHeader, type ColumnMap, type ColumnSpec } from "~/models/imports/headers";
import { encodeMessage } from "~/utils/messages";
import { foldSearch } from "~/utils/search";
import { parseTechniqueCodes, staffSchema } from "./schemas";

export type StaffColumn = "fullName" | "cadre" | "specialty" | "title" | "licenceNumber" | "email" | "techniques";

/** Header spellings (folded by headers.ts: case, diacritics and punctuation do not matter). */
export const STAFF_COLUMNS: ColumnSpec<StaffColumn> = {
  fullName: ["Họ và tên", "Họ tên", "Họ và tên cán bộ", "Tên cán bộ", "Full name", "Name"],
  cadre: ["Chức danh", "Chức danh nghề nghiệp", "Chức danh chuyên môn", "Nhóm", "Cadre", "Profession"],
  specialty: ["Chuyên khoa", "Chương", "Chuyên ngành", "Specialty", "Chapter"],
  title: ["Học hàm, học vị", "Học hàm học vị", "Học vị", "Trình độ", "Chức vụ", "Title", "Academic title"],
  licenceNumber: [
    "Số CCHN",
    "CCHN",
    "Số chứng chỉ hành nghề",
    "Chứng chỉ hành nghề",
    "Số giấy phép hành nghề",
    "Giấy phép hành nghề",
    "Số GPHN",
    "Licence number",
    "License number",
    "Licence",
  ],
  email: ["Email", "E-mail", "Thư điện tử"],
  techniques: ["Kỹ thuật", "Mã kỹ thuật", "Kỹ thuật thực hiện độc lập", "Techniques", "Technique codes"],
};
export const REQUIRED_STAFF_COLUMNS = ["fullName", "cadre"] as const;

/** The translation key of a column's label, shown in the reader's language ("Chức danh" / "Cadre"). */
export function columnLabelKey(column: StaffColumn): string {
  return `imports:fields.staff.${column}`;
}

/** "Cột “Chức danh”: …" — a problem of one cell, naming its column in the reader's language. */
export function cellMessage(column: StaffColumn, problem: string): string {
  return encodeMessage("imports:staff.inColumn", { columnMessage: columnLabelKey(column), problemMessage: problem });
}

// ---- Cadres -------------------------------------------------------------------------------

/** Academic degrees and titles written before a cadre ("ThS.BS", "PGS.TS. Bác sĩ"): skipped. */
const DEGREES = new Set(["gs", "pgs", "ts", "ths", "tskh", "ncs", "thac si", "tien si", "giao su", "pho giao su"]);

/** Whole spellings that are not covered by the prefix rules below (codes, English labels). */
const CADRE_WORDS: Record<string, Cadre> = {
  doctor: "doctor",
  physician: "doctor",
  "assistant doctor": "assistant_doctor",
  "assistant doctor y si": "assistant_doctor",
  assistant_doctor: "assistant_doctor",
  nurse: "nurse",
  midwife: "midwife",
  technician: "technician",
  pharmacist: "pharmacist",
  other: "other",
  khac: "other",
  "ho ly": "other",
  "y ta": "nurse",
  hs: "midwife",
  nhs: "midwife",
  cnhs: "midwife",
  cndd: "nurse",
  cnxn: "technician",
  cnkt: "technician",
  cnktyh: "technician",
};

/** Rules on the folded text after the degrees: the first that matches decides. */
const CADRE_RULES: [RegExp, Cadre][] = [
  // Bác sĩ / Bác sỹ / BS / BSCKI / BS.CKII / BSNT / BSĐK / BS YHCT
  [/^(bac s[iy]|bs[a-z0-9]*)( |$)/, "doctor"],
  // Y sĩ / Y sỹ / YS / Y sĩ đa khoa
  [/^(y s[iy]|ys[a-z0-9]*)( |$)/, "assistant_doctor"],
  // Điều dưỡng / ĐD / ĐDV / CN điều dưỡng / Cử nhân điều dưỡng / Y tá
  [/^((cu nhan|cn) )?(dieu duong|dd[a-z0-9]*|y ta)( |$)/, "nurse"],
  // Hộ sinh / Nữ hộ sinh / CN hộ sinh / HS
  [/^((cu nhan|cn) )?(nu )?(ho sinh|hs)( |$)/, "midwife"],
  // Kỹ thuật viên / Kĩ thuật viên / KTV / CN kỹ thuật y / CN xét nghiệm / Kỹ thuật y
  [/^(k[yi] thuat vien|ktv[a-z0-9]*|k[yi] thuat y)( |$)/, "technician"],
  [/^(cu nhan|cn) (k[yi] thuat|xet nghiem|ktyh?|xn|chan doan hinh anh|cdha|vat ly tri lieu|phuc hoi chuc nang)( |$)/, "technician"],
  // Dược sĩ / Dược sỹ / DS / DSĐH / DSCKI / Dược sĩ trung học
  [/^(duoc s[iy]|ds[a-z0-9]*)( |$)/, "pharmacist"],
];

/** Lower case, no diacritics, punctuation as spaces: "ThS.BS" -> "ths bs", "BS.CKII" -> "bs ckii". */
function foldCadre(text: string): string {
  return foldSearch(text.replace(/[.,;:/\\()_\-–]+/g, " "));
}

/**
 * A cadre as hospitals write it: the code ("doctor"), the Vietnamese or English label, or the
 * usual spellings and abbreviations (Bác sỹ, BS, BSCKI, ThS.BS, Y sĩ, YS, ĐD, CN điều dưỡng,
 * HS, KTV, CN kỹ thuật y, DS…). null when blank or not recognised.
 */
export function parseCadre(text: string): Cadre | null {
  let folded = foldCadre(text);
  if (folded === "") return null;
  if (CADRE_WORDS[folded]) return CADRE_WORDS[folded];
  // Leading degrees: "pgs ts bs" -> "bs", "thac si bac si" -> "bac si" (only while something follows).
  for (let changed = true; changed; ) {
    changed = false;
    for (const degree of DEGREES) {
      if (folded.startsWith(`${degree} `)) {
        folded = folded.slice(degree.length + 1);
        changed = true;
      }
    }
  }
  if (CADRE_WORDS[folded]) return CADRE_WORDS[folded];
  for (const [rule, cadre] of CADRE_RULES) if (rule.test(folded)) return cadre;
  return null;
}

// ---- Specialties --------------------------------------------------------------------------

/** Short names people use for a chapter, folded (the catalogue's full names match too). */
const CHAPTER_ALIASES: Record<string, number> = {
  "hoi suc cap cuu": 1,
  "hoi suc cap cuu va chong doc": 1,
  "cap cuu": 1,
  "chong doc": 1,
  noi: 2,
  nhi: 3,
  "lao phoi": 4,
  "tam than kinh": 6,
  "yhct": 8,
  "dong y": 8,
  "gay me": 9,
  "gmhs": 9,
  ngoai: 10,
  "ngoai chung": 10,
  "ung thu": 12,
  san: 13,
  "san phu khoa": 13,
  "phu san khoa": 13,
  tmh: 15,
  rhm: 16,
  phcn: 17,
  "chan doan hinh anh": 18,
  cdha: 18,
  "noi soi": 20,
  "tham do chuc nang": 21,
  "huyet hoc": 22,
  "truyen mau": 22,
  "hoa sinh": 23,
  "vi sinh": 24,
  "giai phau benh": 25,
  "phau thuat noi soi": 27,
  "tao hinh tham my": 28,
};

/** "Ngoại khoa", "NGOẠI KHOA", "khoa Ngoại" -> "ngoai". */
function foldChapterName(text: string): string {
  return foldSearch(text.replace(/[.,;:/\\()_\-–]+/g, " "))
    .replace(/^(chuyen )?khoa /, "")
    .replace(/ khoa$/, "")
    .trim();
}

let chapterNameIndex: Map<string, number> | null = null;

function chapterByName(text: string): number | null {
  if (!chapterNameIndex) {
    chapterNameIndex = new Map(Object.entries(CHAPTER_ALIASES));
    for (const [number, name] of Object.entries(CHAPTER_NAMES)) {
      chapterNameIndex.set(foldSearch(name), Number(number));
      chapterNameIndex.set(foldChapterName(name), Number(number));
    }
  }
  const folded = foldSearch(text);
  return chapterNameIndex.get(folded) ?? chapterNameIndex.get(foldChapterName(text)) ?? null;
}

/**
 * A specialty as a catalogue chapter: its number ("10"), Roman numeral ("X"), name ("Ngoại
 * khoa", "NGOẠI KHOA"), or both ("X. NGOẠI KHOA", "Chương X"). null when blank; "invalid" when
 * not a chapter, or when the number and the name given with it are different chapters.
 */
export function parseSpecialty(text: string): number | null | "invalid" {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  const parsed = parseChapter(trimmed);
  if (parsed !== null && parsed !== "invalid") {
    if (parsed.name) {
      const named = chapterByName(parsed.name);
      if (named !== null && named !== parsed.number) return "invalid";
    }
    return parsed.number;
  }
  const named = chapterByName(trimmed);
  return named !== null && named >= 1 && named <= CHAPTER_COUNT ? named : "invalid";
}

// ---- Rows ---------------------------------------------------------------------------------

export type StaffHeader =
  | { ok: true; headerRowNumber: number; headerIndex: number; columns: ColumnMap<StaffColumn> }
  | { ok: false; missing: StaffColumn[] };

export function locateStaffHeader(rows: readonly { rowNumber: number; cells: readonly string[] }[]): StaffHeader {
  return locateHeader(rows, STAFF_COLUMNS, REQUIRED_STAFF_COLUMNS);
}

// A staff list repeats a handful of cadre and specialty spellings thousands of times.
const cadreCache = new Map<string, Cadre | null>();
const specialtyCache = new Map<string, number | null | "invalid">();

function memo<T>(cache: Map<string, T>, text: string, parse: (text: string) => T): T {
  const known = cache.get(text);
  if (known !== undefined || cache.has(text)) return known as T;
  const value = parse(text);
  if (cache.size < 10_000 && text.length <= 200) cache.set(text, value);
  return value;
}

/** The cells of one row as written (trimmed); `undefined` when the file has no such column. */
export type StaffCells = Partial<Record<StaffColumn, string>>;

/** What a valid row says; `undefined` for a blank cell (the stored value is kept). */
export type StaffRowValues = {
  fullName?: string;
  cadre?: Cadre;
  chapterNumber?: number;
  title?: string;
  licenceNumber?: string;
  email?: string;
  techniqueCodes: string[];
};

type RawRow = { rowNumber: number; cells: readonly string[]; numeric?: readonly number[]; errors?: readonly number[] };

const entriesCache = new WeakMap<ColumnMap<StaffColumn>, [StaffColumn, number][]>();

/** The columns of a header, listed once per file rather than once per row. */
function entriesOf(columns: ColumnMap<StaffColumn>): [StaffColumn, number][] {
  let entries = entriesCache.get(columns);
  if (!entries) {
    entries = Object.entries(columns) as [StaffColumn, number][];
    entriesCache.set(columns, entries);
  }
  return entries;
}

export function rowCells(row: RawRow, columns: ColumnMap<StaffColumn>): StaffCells {
  const cells: StaffCells = {};
  for (const [column, index] of entriesOf(columns)) {
    cells[column] = (row.cells[index] ?? "").trim();
  }
  return cells;
}

/**
 * Reads one row's cells: cadre and specialty as hospitals write them, and the checks of the
 * cells themselves (error values, codes stored as numbers). Returns the parsed values and the
 * problems found; the form's schema is applied by `checkWithStaffSchema` once the stored values
 * a blank cell keeps are known.
 */
export function readStaffRow(
  row: RawRow,
  columns: ColumnMap<StaffColumn>,
): { values: StaffRowValues; problems: string[]; refusedColumns: Set<StaffColumn> } {
  const cells = rowCells(row, columns);
  const messages: string[] = [];
  const refusedColumns = new Set<StaffColumn>();
  const problems = {
    push(message: string) {
      messages.push(message);
      const column = /"columnMessage":"imports:fields\.staff\.(\w+)"/.exec(message)?.[1];
      if (column) refusedColumns.add(column as StaffColumn);
    },
  };
  const values: StaffRowValues = { techniqueCodes: [] };
  for (const [column, index] of row.errors?.length ? entriesOf(columns) : []) {
    if (row.errors?.includes(index)) {
      problems.push(cellMessage(column, encodeMessage("imports:errors.errorCell", { column: columnLetter(index), row: row.rowNumber })));
    }
  }
  const text = (column: StaffColumn) => (cells[column] ? cells[column] : undefined);
  values.fullName = text("fullName")?.replace(/\s+/g, " ");
  values.title = text("title");
  values.email = text("email");

  const cadreText = text("cadre");
  if (cadreText !== undefined) {
    const cadre = memo(cadreCache, cadreText, parseCadre);
    if (cadre) values.cadre = cadre;
    else problems.push(cellMessage("cadre", encodeMessage("imports:staff.unknownCadre", { value: cadreText.slice(0, 80) })));
  }
  const specialtyText = text("specialty");
  if (specialtyText !== undefined) {
    const chapter = memo(specialtyCache, specialtyText, parseSpecialty);
    if (chapter === "invalid") problems.push(cellMessage("specialty", encodeMessage("imports:staff.unknownSpecialty", { value: specialtyText.slice(0, 80) })));
    else if (chapter !== null) values.chapterNumber = chapter;
  }
  const licence = text("licenceNumber");
  if (licence !== undefined) {
    // A licence number typed as a number has lost its leading zeros (001234 reads 1234).
    if (row.numeric?.includes(columns.licenceNumber!)) {
      problems.push(cellMessage("licenceNumber", encodeMessage("imports:staff.licenceNotText", { value: licence.slice(0, 80) })));
    } else values.licenceNumber = licence;
  }
  const techniques = text("techniques");
  if (techniques !== undefined) {
    if (row.numeric?.includes(columns.techniques!)) {
      // 10.10 typed as a number reads 10.1: a different technique.
      problems.push(cellMessage("techniques", encodeMessage("imports:staff.codeNotText", { value: techniques.slice(0, 80) })));
    } else if (techniques.length <= LIMITS.codeList) values.techniqueCodes = parseTechniqueCodes(techniques);
    else problems.push(cellMessage("techniques", encodeMessage("imports:staff.tooLong", { max: LIMITS.codeList, length: techniques.length })));
  }
  return { values, problems: messages, refusedColumns };
}

/** The staff form's fields a row fills in, after blank cells took the stored values. */
export type StaffFormValues = {
  fullName?: string | null;
  cadre?: Cadre | null;
  chapterNumber?: number | null;
  title?: string | null;
  licenceNumber?: string | null;
  email?: string | null;
};

/** The column of the sheet each of a person's fields comes from. */
export const STAFF_FIELD_COLUMN = {
  fullName: "fullName",
  cadre: "cadre",
  chapterNumber: "specialty",
  title: "title",
  licenceNumber: "licenceNumber",
  email: "email",
} as const satisfies Record<keyof StaffFormValues, StaffColumn>;

const FORM_FIELD_COLUMN: Record<string, StaffColumn> = { ...STAFF_FIELD_COLUMN, techniques: "techniques" };

/**
 * Applies the staff form's schema to what the record would hold: the same limits as the form
 * (a 10,000-character cell is refused here, never stored). Messages name the column.
 */
export function checkWithStaffSchema(values: StaffFormValues, skip: ReadonlySet<StaffColumn> = new Set()): string[] {
  const input = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null && v !== undefined));
  const result = staffSchema.safeParse(input);
  if (result.success) return [];
  const seen = new Set<string>();
  const messages: string[] = [];
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "");
    const column = FORM_FIELD_COLUMN[field];
    if (!column || seen.has(field) || skip.has(column)) continue;
    seen.add(field);
    messages.push(cellMessage(column, issueMessage(issue, input[field])));
  }
  return messages;
}

/** The schema's own message, with the limit and the cell's length for "too long". */
function issueMessage(issue: ZodIssue, value: unknown): string {
  if (issue.code === "too_big" && issue.type === "string") {
    return encodeMessage("imports:staff.tooLong", { max: Number(issue.maximum), length: typeof value === "string" ? value.length : 0 });
  }
  if (issue.code === "invalid_type" && (issue.received === "undefined" || issue.received === "null")) return "common:validation.required";
  if (issue.code === "invalid_string" && issue.validation === "email") return "common:validation.email";
  return issue.message.includes(":") ? issue.message : "common:validation.invalid";
}
