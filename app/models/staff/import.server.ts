// Staff import from CSV or XLSX: one header row, then one person per row. Each row is
// created on its own (through createStaffMember), so a bad row is reported and skipped
// while the good rows are kept. Headers may be English or Vietnamese, with or without
// diacritics; cadres may be written as codes ("doctor") or Vietnamese labels ("Bác sĩ").
import type { Db } from "~/db/client.server";
import type { Actor } from "~/models/access/policy";
import { CADRES, type Cadre } from "~/models/enums";
import { DomainError } from "~/models/errors";
import { readTable, type UploadedFile } from "~/models/imports/read-table.server";
import { foldSearch } from "~/utils/search";
import { addStaffMember } from "./commands.server";
import { parseTechniqueCodes } from "./schemas";

type Column = "fullName" | "cadre" | "chapterNumber" | "title" | "licenceNumber" | "email" | "techniques";

const HEADERS: Record<Column, string[]> = {
  fullName: ["full name", "name", "ho va ten", "ho ten"],
  cadre: ["cadre", "chuc danh", "chuc danh nghe nghiep", "nhom"],
  chapterNumber: ["specialty", "chapter", "chuyen khoa", "chuong"],
  title: ["title", "hoc ham hoc vi", "chuc vu", "trinh do"],
  licenceNumber: ["licence", "licence number", "license number", "so cchn", "chung chi hanh nghe", "so chung chi hanh nghe"],
  email: ["email", "e-mail", "thu dien tu"],
  techniques: ["techniques", "ky thuat", "ma ky thuat", "ky thuat thuc hien doc lap"],
};

const CADRE_WORDS: Record<string, Cadre> = {
  "bac si": "doctor",
  "dieu duong": "nurse",
  "ho sinh": "midwife",
  "ky thuat vien": "technician",
  "duoc si": "pharmacist",
  khac: "other",
};

export type ImportRowResult =
  | { rowNumber: number; ok: true; staffId: number; fullName: string }
  | { rowNumber: number; ok: false; fullName: string; message: string; params: Record<string, string | number> };

export type StaffImportReport = { created: number; failed: number; rows: ImportRowResult[] };

export function parseCadre(value: string): Cadre | null {
  const folded = foldSearch(value);
  if ((CADRES as readonly string[]).includes(folded)) return folded as Cadre;
  return CADRE_WORDS[folded] ?? null;
}

export async function importStaff(db: Db, actor: Actor, facilityId: number, file: UploadedFile): Promise<StaffImportReport> {
  const sheet = await readTable(file);
  const [header, ...rows] = sheet.rows;
  if (!header) throw new DomainError("imports:errors.empty", { field: "file" });
  const index = new Map<Column, number>();
  header.cells.forEach((cell, i) => {
    const name = foldSearch(cell).replace(/[()*:]/g, "").trim();
    for (const [column, names] of Object.entries(HEADERS) as [Column, string[]][]) {
      if (names.includes(name) && !index.has(column)) index.set(column, i);
    }
  });
  for (const column of ["fullName", "cadre"] as const) {
    if (!index.has(column)) {
      throw new DomainError("rotations:staff.import.missingColumn", { field: "file", params: { column: HEADERS[column][0] } });
    }
  }
  const cell = (cells: string[], column: Column) => {
    const i = index.get(column);
    return i === undefined ? "" : (cells[i] ?? "").trim();
  };

  const results: ImportRowResult[] = [];
  for (const row of rows) {
    const fullName = cell(row.cells, "fullName");
    const fail = (message: string, params: Record<string, string | number> = {}) =>
      results.push({ rowNumber: row.rowNumber, ok: false, fullName, message, params });
    if (!fullName) {
      fail("rotations:staff.import.missingName");
      continue;
    }
    const cadre = parseCadre(cell(row.cells, "cadre"));
    if (!cadre) {
      fail("rotations:staff.import.badCadre", { value: cell(row.cells, "cadre") });
      continue;
    }
    const chapterText = cell(row.cells, "chapterNumber");
    const chapterNumber = chapterText ? Number(chapterText) : null;
    if (chapterNumber !== null && (!Number.isInteger(chapterNumber) || chapterNumber < 1 || chapterNumber > 99)) {
      fail("rotations:staff.import.badChapter", { value: chapterText });
      continue;
    }
    try {
      const created = addStaffMember(db, actor, facilityId, {
        fullName,
        cadre,
        chapterNumber,
        title: cell(row.cells, "title") || null,
        licenceNumber: cell(row.cells, "licenceNumber") || null,
        email: cell(row.cells, "email") || null,
        techniqueCodes: parseTechniqueCodes(cell(row.cells, "techniques")),
      });
      results.push({ rowNumber: row.rowNumber, ok: true, staffId: created.id, fullName });
    } catch (error) {
      // Access errors stop the import; row-level rule errors are reported and skipped.
      if (!(error instanceof DomainError) || error.status === 403 || error.status === 404) throw error;
      fail(error.message, error.params);
    }
  }
  const created = results.filter((r) => r.ok).length;
  return { created, failed: results.length - created, rows: results };
}
