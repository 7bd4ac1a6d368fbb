// Reads an uploaded spreadsheet (CSV or XLSX) into rows of text cells, keeping each row's
// number as the user sees it in the sheet (header = row 1 in a CSV). Nothing here knows what
// the columns mean: the catalogue and places imports map the headers themselves.
import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { DomainError } from "~/models/errors";

/** `numeric` lists the columns whose cell held a number in the workbook (XLSX only): a code
 *  typed as a number has lost its trailing zeros (10.10 reads 10.1). */
export type SheetRow = { rowNumber: number; cells: string[]; numeric?: number[] };
export type Sheet = { rows: SheetRow[] };
export type UploadedFile = { fileName: string; bytes: Buffer | Uint8Array };

const XLSX_MAGIC = [0x50, 0x4b, 0x03, 0x04]; // a zip archive

export function fileKind(file: UploadedFile): "csv" | "xlsx" | null {
  const name = file.fileName.toLowerCase();
  const bytes = file.bytes;
  const isZip = XLSX_MAGIC.every((b, i) => bytes[i] === b);
  if (name.endsWith(".xlsx") || (isZip && !name.endsWith(".csv"))) return "xlsx";
  if (name.endsWith(".csv") || name.endsWith(".txt") || name.endsWith(".tsv")) return "csv";
  return null;
}

/**
 * Reads the file; throws DomainError("imports:errors.notXlsx" | "imports:errors.csvMalformed" | "imports:errors.unsupportedType")
 * when it is not a CSV/XLSX or cannot be parsed. Empty trailing rows are dropped.
 */
export async function readTable(file: UploadedFile): Promise<Sheet> {
  const kind = fileKind(file);
  if (kind === null) {
    throw new DomainError("imports:errors.unsupportedType", { field: "file", params: { fileName: file.fileName } });
  }
  if (file.bytes.length === 0) throw new DomainError("imports:errors.empty", { field: "file" });
  return kind === "csv" ? readCsv(file.bytes) : readXlsx(file.bytes);
}

export function readCsv(bytes: Buffer | Uint8Array): Sheet {
  let text: string;
  try {
    // Catalogues are published in UTF-8; a legacy (e.g. Windows-1258) file fails here instead
    // of importing garbled names.
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new DomainError("imports:errors.notUtf8", { field: "file" });
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  // Spreadsheet programs set to Vietnamese export with ";" (the decimal separator is ",").
  const delimiter = [",", ";", "\t"].reduce((best, d) => (count(firstLine, d) > count(firstLine, best) ? d : best));
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false, trim: true }) as string[][];
  } catch (error) {
    // The parser's own message is English; the user gets the line it stopped at.
    const line = (error as { lines?: unknown }).lines;
    throw new DomainError("imports:errors.csvMalformed", {
      field: "file",
      params: { line: typeof line === "number" ? line : "?" },
    });
  }
  const rows: SheetRow[] = [];
  records.forEach((cells, index) => {
    if (cells.every((c) => c === "")) return;
    rows.push({ rowNumber: index + 1, cells });
  });
  return { rows };
}

export async function readXlsx(bytes: Buffer | Uint8Array): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs wants an ArrayBuffer-backed Buffer.
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    // exceljs answers in English (e.g. "Can't find end of central directory"): not for users.
    throw new DomainError("imports:errors.notXlsx", { field: "file" });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new DomainError("imports:errors.empty", { field: "file" });
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    const numeric: number[] = [];
    for (let col = 1; col <= row.cellCount; col++) {
      const value = row.getCell(col).value;
      if (typeof value === "number" || (isFormula(value) && typeof value.result === "number")) numeric.push(col - 1);
      cells.push(cellText(value));
    }
    if (cells.every((c) => c === "")) return;
    rows.push(numeric.length ? { rowNumber, cells, numeric } : { rowNumber, cells });
  });
  return { rows };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return value.trim();
  if (typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text).join("").trim();
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    if ("text" in value && typeof value.text === "string") return value.text.trim();
    if ("error" in value) return "";
  }
  return String(value).trim();
}

function isFormula(value: ExcelJS.CellValue): value is ExcelJS.CellFormulaValue {
  return typeof value === "object" && value !== null && "formula" in value;
}

function count(text: string, ch: string): number {
  let n = 0;
  for (const c of text) if (c === ch) n++;
  return n;
}
