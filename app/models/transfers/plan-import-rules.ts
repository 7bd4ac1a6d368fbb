// Pure rules of the priority-technique plan file: its six columns (the export writes them, the
// import reads them, so a file exported and imported again changes nothing) and what each cell
// may hold. No file reading, no database.
import { columnLetter } from "~/models/catalogue/import-rules";
import { readLedgerDate } from "~/models/adoption/rules";
import { locateHeader, type ColumnMap, type ColumnSpec, type HeaderMatch } from "~/models/imports/headers";
import { encodeMessage } from "~/utils/messages";

export const PLAN_COLUMNS = ["techniqueCode", "phase", "from", "to", "requiredCases", "targetDate"] as const;
export type PlanColumn = (typeof PLAN_COLUMNS)[number];

/**
 * Header spellings (folded: case, diacritics and punctuation do not matter). The first of each
 * list is the Vietnamese header the export writes; the English export header is also listed.
 */
export const PLAN_HEADERS: ColumnSpec<PlanColumn> = {
  techniqueCode: ["Mã kỹ thuật", "Technique code", "Mã KT", "Mã"],
  phase: ["Giai đoạn", "Phase"],
  from: ["Đơn vị chuyển giao", "Supporting party", "Bên chuyển giao", "Bên hỗ trợ", "Đơn vị hỗ trợ"],
  to: ["Đơn vị nhận chuyển giao", "Receiving party", "Đơn vị nhận", "Bên nhận", "Bên nhận chuyển giao"],
  requiredCases: ["Số ca có giám sát", "Required supervised cases", "Số ca giám sát", "Số ca cần giám sát"],
  targetDate: ["Hạn hoàn thành", "Due date", "Ngày hoàn thành dự kiến", "Thời hạn", "Target date"],
};

/** A line is known by its technique and its receiver (one line per pair in an agreement). */
export const REQUIRED_PLAN_COLUMNS = ["techniqueCode", "to"] as const;

export function locatePlanHeader(rows: readonly { rowNumber: number; cells: readonly string[] }[]): HeaderMatch<PlanColumn> {
  return locateHeader(rows, PLAN_HEADERS, REQUIRED_PLAN_COLUMNS);
}

export function planColumnLabelKey(column: PlanColumn): string {
  return `imports:fields.plan.${column}`;
}

/** "Cột “Giai đoạn”: …" — a problem of one cell, naming its column in the reader's language. */
export function planCellMessage(column: PlanColumn, problem: string): string {
  return encodeMessage("imports:staff.inColumn", { columnMessage: planColumnLabelKey(column), problemMessage: problem });
}

/** What a row says; `undefined` for a blank cell (a stored line keeps its value). */
export type PlanRowValues = {
  techniqueCode?: string;
  phase?: number;
  from?: string;
  to?: string;
  requiredCases?: number;
  targetDate?: string;
};

type RawRow = { rowNumber: number; cells: readonly string[]; numeric?: readonly number[]; errors?: readonly number[] };

function wholeNumber(text: string, min: number, max: number): number | null {
  if (!/^\d+$/.test(text)) return null;
  const n = Number(text);
  return n >= min && n <= max ? n : null;
}

/**
 * Reads one row: a code typed as a number is refused (10.10 would read 10.1, another
 * technique: codes are never merged), phase 1–20, cases 0–1000 (the item form's limits),
 * dates as dd/mm/yyyy or yyyy-mm-dd.
 */
export function readPlanRow(row: RawRow, columns: ColumnMap<PlanColumn>): { values: PlanRowValues; problems: string[] } {
  const problems: string[] = [];
  const values: PlanRowValues = {};
  const cell = (column: PlanColumn) => {
    const index = columns[column];
    if (index === undefined) return undefined;
    const text = (row.cells[index] ?? "").trim();
    return text === "" ? undefined : text;
  };
  for (const column of PLAN_COLUMNS) {
    const index = columns[column];
    if (index !== undefined && row.errors?.includes(index)) {
      problems.push(planCellMessage(column, encodeMessage("imports:errors.errorCell", { column: columnLetter(index), row: row.rowNumber })));
    }
  }
  const code = cell("techniqueCode");
  if (code !== undefined) {
    if (row.numeric?.includes(columns.techniqueCode!)) problems.push(planCellMessage("techniqueCode", encodeMessage("imports:staff.codeNotText", { value: code.slice(0, 80) })));
    else if (code.length > 20) problems.push(planCellMessage("techniqueCode", encodeMessage("imports:staff.tooLong", { max: 20, length: code.length })));
    else values.techniqueCode = code;
  }
  const phase = cell("phase");
  if (phase !== undefined) {
    const n = wholeNumber(phase, 1, 20);
    if (n === null) problems.push(planCellMessage("phase", encodeMessage("imports:plan.badNumber", { value: phase.slice(0, 40), min: 1, max: 20 })));
    else values.phase = n;
  }
  const cases = cell("requiredCases");
  if (cases !== undefined) {
    const n = wholeNumber(cases, 0, 1000);
    if (n === null) problems.push(planCellMessage("requiredCases", encodeMessage("imports:plan.badNumber", { value: cases.slice(0, 40), min: 0, max: 1000 })));
    else values.requiredCases = n;
  }
  const date = cell("targetDate");
  if (date !== undefined) {
    const iso = readLedgerDate(date);
    if (iso === null) problems.push(planCellMessage("targetDate", encodeMessage("imports:plan.badDate", { value: date.slice(0, 40) })));
    else values.targetDate = iso;
  }
  for (const column of ["from", "to"] as const) {
    const text = cell(column);
    if (text === undefined) continue;
    if (text.length > 300) problems.push(planCellMessage(column, encodeMessage("imports:staff.tooLong", { max: 300, length: text.length })));
    else values[column] = text;
  }
  return { values, problems };
}
