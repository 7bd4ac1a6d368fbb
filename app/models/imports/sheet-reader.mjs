// Reads a CSV or XLSX file into rows of text cells. Plain JavaScript on purpose: it runs in a
// worker thread (sheet-reader.worker.mjs), outside the bundled server, so a large or hostile
// workbook never holds the request thread. Returns { ok: true, rows } or { ok: false, key,
// params } with a translation key: no exception crosses the thread.
//
// Each row keeps its number as the user sees it (header = row 1 in a CSV); `numeric` lists the
// columns whose XLSX cell held a number (a code typed as a number has lost its trailing zeros:
// 10.10 reads 10.1); `errors` those holding an error value (#N/A); `formulas` those computed by
// a formula (the cached result is read, and the column can refuse it).
import { parse } from "csv-parse/sync";

/** Longest cell kept whole; a longer one is cut here and refused by the row's field limits. */
export const MAX_CELL_CHARS = 10_000;
export const MAX_ROWS = 100_000;

/** @param {{ fileName: string, bytes: Uint8Array, kind: "csv" | "xlsx" }} input */
export async function readSheet(input) {
  return input.kind === "csv" ? readCsv(input.bytes) : readXlsx(input.bytes);
}

function clip(text) {
  // One more character than allowed keeps "too long" detectable after the cut.
  return text.length > MAX_CELL_CHARS ? text.slice(0, MAX_CELL_CHARS + 1) : text;
}

/** @param {Uint8Array} bytes */
export function readCsv(bytes) {
  let text;
  try {
    // Catalogues are published in UTF-8; a legacy (e.g. Windows-1258) file fails here instead
    // of importing garbled names.
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, key: "imports:errors.notUtf8" };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  // Spreadsheet programs set to Vietnamese export with ";" (the decimal separator is ",").
  const delimiter = [",", ";", "\t"].reduce((best, d) => (count(firstLine, d) > count(firstLine, best) ? d : best));
  let records;
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false, trim: true, to_line: MAX_ROWS + 2 });
  } catch (error) {
    // The parser's own message is English; the user gets the line it stopped at.
    const line = error && typeof error.lines === "number" ? error.lines : "?";
    return { ok: false, key: "imports:errors.csvMalformed", params: { line } };
  }
  if (records.length > MAX_ROWS + 1) return { ok: false, key: "imports:errors.tooManyRows", params: { max: MAX_ROWS } };
  const rows = [];
  records.forEach((cells, index) => {
    if (cells.every((c) => c === "")) return;
    rows.push({ rowNumber: index + 1, cells: cells.map(clip) });
  });
  return { ok: true, rows };
}

/** @param {Uint8Array} bytes */
export async function readXlsx(bytes) {
  // Loaded only for workbooks: a CSV read starts the worker without it.
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes));
  } catch {
    // exceljs answers in English (e.g. "Can't find end of central directory"): not for users.
    return { ok: false, key: "imports:errors.notXlsx" };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: false, key: "imports:errors.empty" };
  if (sheet.rowCount > MAX_ROWS + 1) return { ok: false, key: "imports:errors.tooManyRows", params: { max: MAX_ROWS } };
  const rows = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells = [];
    const numeric = [];
    const errors = [];
    const formulas = [];
    const width = Math.min(row.cellCount, 200);
    for (let col = 1; col <= width; col++) {
      const value = row.getCell(col).value;
      const formula = isFormula(value);
      const result = formula ? value.result : value;
      if (typeof result === "number") numeric.push(col - 1);
      if (formula) formulas.push(col - 1);
      if (result && typeof result === "object" && "error" in result) errors.push(col - 1);
      cells.push(clip(cellText(value)));
    }
    if (cells.every((c) => c === "") && errors.length === 0) return;
    const out = { rowNumber, cells };
    if (numeric.length) out.numeric = numeric;
    if (errors.length) out.errors = errors;
    if (formulas.length) out.formulas = formulas;
    rows.push(out);
  });
  return { ok: true, rows };
}

function cellText(value) {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return value.trim();
  if (typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text).join("").trim();
    if ("result" in value) return cellText(value.result);
    if ("text" in value && typeof value.text === "string") return value.text.trim();
    if ("error" in value) return "";
  }
  return String(value).trim();
}

function isFormula(value) {
  return typeof value === "object" && value !== null && ("formula" in value || "sharedFormula" in value);
}

function count(text, ch) {
  let n = 0;
  for (const c of text) if (c === ch) n++;
  return n;
}
