// Header recognition for spreadsheet imports: headers are matched after folding case,
// diacritics, "đ", underscores and punctuation, so "Mã kỹ thuật", "MA KY THUAT" and
// "ma_ky_thuat" are the same column. Pure: no file, no database.
import { foldSearch } from "~/utils/search";

/** "Mã kỹ thuật (*)" -> "ma ky thuat"; "ma_tt43" -> "ma tt43". */
export function foldHeader(text: string): string {
  return foldSearch(text.replace(/\(.*?\)|\*/g, " ").replace(/[_\-./:]+/g, " "))
    .replace(/[^a-z0-9 ]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** Each field and the folded header spellings that name it. */
export type ColumnSpec<F extends string> = Record<F, readonly string[]>;
export type ColumnMap<F extends string> = Partial<Record<F, number>>;

/** Column index of each field found in a header row (the first matching column wins). */
export function matchHeaders<F extends string>(cells: readonly string[], spec: ColumnSpec<F>): ColumnMap<F> {
  const folded = cells.map((c) => foldHeader(c ?? ""));
  const map: ColumnMap<F> = {};
  for (const field of Object.keys(spec) as F[]) {
    const aliases = spec[field].map(foldHeader);
    const index = folded.findIndex((h) => h !== "" && aliases.includes(h));
    if (index !== -1) map[field] = index;
  }
  return map;
}

export type HeaderMatch<F extends string> =
  | { ok: true; headerRowNumber: number; headerIndex: number; columns: ColumnMap<F> }
  | { ok: false; missing: F[] };

/**
 * Finds the header row among the first `scanRows` rows (sheets often carry a title above the
 * table): the first row holding every required column. When none does, reports the required
 * columns missing from the closest row.
 */
export function locateHeader<F extends string>(
  rows: readonly { rowNumber: number; cells: readonly string[] }[],
  spec: ColumnSpec<F>,
  required: readonly F[],
  scanRows = 10,
): HeaderMatch<F> {
  let bestMissing: F[] = [...required];
  for (let i = 0; i < Math.min(scanRows, rows.length); i++) {
    const columns = matchHeaders(rows[i].cells, spec);
    const missing = required.filter((f) => columns[f] === undefined);
    if (missing.length === 0) return { ok: true, headerRowNumber: rows[i].rowNumber, headerIndex: i, columns };
    if (missing.length < bestMissing.length) bestMissing = missing;
  }
  return { ok: false, missing: bestMissing };
}

/** A row-level problem: the sheet's row number, the record's key, and a translation key with params. */
export type RowIssue = {
  row: number;
  code: string;
  key: string;
  params?: Record<string, string | number>;
};

export type UpsertCounts = { created: number; updated: number; unchanged: number };

export function emptyCounts(): UpsertCounts {
  return { created: 0, updated: 0, unchanged: 0 };
}
