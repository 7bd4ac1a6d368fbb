// Administrative units (the 34 provinces and 3,321 communes since the 2025 reorganisation):
// idempotent upsert by code from CSV/XLSX, with the same per-row report as the catalogue.
// A file without the required headers, or unreadable, imports nothing.
import type { Db } from "~/db/client.server";
import type { Actor } from "~/models/access/policy";
import { hasCapability } from "~/models/access/policy";
import { recordAudit } from "~/models/audit/audit.server";
import { DomainError, ForbiddenError } from "~/models/errors";
import { emptyCounts, locateHeader, type ColumnSpec, type RowIssue, type UpsertCounts } from "~/models/imports/headers";
import { readTable, type SheetRow, type UploadedFile } from "~/models/imports/read-table.server";

export type PlacesImportReport = {
  fileName: string;
  rowsRead: number;
  rowsImported: number;
  rowsSkipped: number;
  counts: UpsertCounts;
  issues: RowIssue[];
};

type PlaceField = "code" | "name" | "nameEn" | "fullName" | "fullNameEn" | "unitType" | "provinceCode";

const PLACE_COLUMNS: ColumnSpec<PlaceField> = {
  code: ["code", "Mã", "Mã đơn vị"],
  name: ["name", "Tên", "Tên đơn vị"],
  nameEn: ["name_en", "Tên tiếng Anh"],
  fullName: ["full_name", "Tên đầy đủ"],
  fullNameEn: ["full_name_en", "Tên đầy đủ tiếng Anh"],
  unitType: ["unit_type", "Loại", "Cấp"],
  provinceCode: ["province_code", "Mã tỉnh"],
};

type PlaceRecord = {
  code: string;
  name: string;
  name_en: string;
  full_name: string;
  full_name_en: string;
  unit_type: string;
  province_code?: string;
};

/** "Hà Nội" -> "Ha Noi" (case kept), the fallback for a missing English name. */
function asciiName(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D");
}

function parsePlaces(
  rows: readonly SheetRow[],
  kind: "province" | "commune",
  knownProvinces: ReadonlySet<string>,
): { records: PlaceRecord[]; issues: RowIssue[]; rowsRead: number } {
  const required: PlaceField[] = kind === "province" ? ["code", "name"] : ["code", "name", "provinceCode"];
  const header = locateHeader(rows, PLACE_COLUMNS, required);
  if (!header.ok) {
    throw new DomainError("imports:errors.unrecognisedHeaders", { field: "file", params: { missing: header.missing.join(", ") } });
  }
  const codePattern = kind === "province" ? /^\d{2}$/ : /^\d{5}$/;
  const records: PlaceRecord[] = [];
  const issues: RowIssue[] = [];
  const firstRowOf = new Map<string, number>();
  const dataRows = rows.slice(header.headerIndex + 1);
  for (const row of dataRows) {
    const cell = (f: PlaceField) => {
      const i = header.columns[f];
      return i === undefined ? "" : (row.cells[i] ?? "").trim();
    };
    const code = cell("code");
    const name = cell("name");
    const problems: Omit<RowIssue, "row" | "code">[] = [];
    if (!codePattern.test(code)) problems.push({ key: "imports:places.badCode", params: { value: code } });
    if (name === "") problems.push({ key: "imports:places.emptyName" });
    const provinceCode = cell("provinceCode");
    if (kind === "commune" && !knownProvinces.has(provinceCode)) {
      problems.push({ key: "imports:places.unknownProvince", params: { value: provinceCode } });
    }
    const firstRow = firstRowOf.get(code);
    if (firstRow !== undefined) problems.push({ key: "imports:places.duplicateCode", params: { firstRow } });
    if (problems.length > 0) {
      issues.push(...problems.map((p) => ({ row: row.rowNumber, code, ...p })));
      continue;
    }
    firstRowOf.set(code, row.rowNumber);
    const nameEn = cell("nameEn") || asciiName(name);
    records.push({
      code,
      name,
      name_en: nameEn,
      full_name: cell("fullName") || name,
      full_name_en: cell("fullNameEn") || nameEn,
      unit_type: cell("unitType"),
      ...(kind === "commune" ? { province_code: provinceCode } : {}),
    });
  }
  return { records, issues, rowsRead: dataRows.length };
}

async function importPlaces(
  db: Db,
  file: UploadedFile,
  actor: Actor | null,
  kind: "province" | "commune",
): Promise<PlacesImportReport> {
  if (actor && !hasCapability(actor, "catalogue.manage")) throw new ForbiddenError();
  const sheet = await readTable(file);
  const sqlite = db.$client;
  const table = kind === "province" ? "provinces" : "communes";
  const columns = ["code", "name", "name_en", "full_name", "full_name_en", "unit_type", ...(kind === "commune" ? ["province_code"] : [])] as const;
  const knownProvinces = new Set((sqlite.prepare("SELECT code FROM provinces").all() as { code: string }[]).map((r) => r.code));
  const { records, issues, rowsRead } = parsePlaces(sheet.rows, kind, knownProvinces);
  const counts = emptyCounts();

  db.transaction((tx) => {
    const stored = new Map(
      (sqlite.prepare(`SELECT ${columns.join(", ")} FROM ${table}`).all() as PlaceRecord[]).map((r) => [r.code, r]),
    );
    const insert = sqlite.prepare(
      `INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
    );
    const update = sqlite.prepare(
      `UPDATE ${table} SET ${columns.slice(1).map((c) => `${c} = ?`).join(", ")} WHERE code = ?`,
    );
    for (const record of records) {
      const values = columns.map((c) => record[c as keyof PlaceRecord] ?? "");
      const current = stored.get(record.code);
      if (!current) {
        insert.run(...values);
        counts.created++;
      } else if (columns.some((c) => current[c as keyof PlaceRecord] !== record[c as keyof PlaceRecord])) {
        update.run(...values.slice(1), record.code);
        counts.updated++;
      } else {
        counts.unchanged++;
      }
    }
    if (actor) {
      recordAudit(tx, {
        userId: actor.userId,
        action: "create",
        entityType: `${kind}_import`,
        entityId: file.fileName.slice(0, 200),
        after: { rowsRead, ...counts, rowsSkipped: new Set(issues.map((i) => i.row)).size },
      });
    }
  });

  return {
    fileName: file.fileName,
    rowsRead,
    rowsImported: records.length,
    rowsSkipped: new Set(issues.map((i) => i.row)).size,
    counts,
    issues,
  };
}

/** Upserts provinces by code. */
export function importProvinces(db: Db, file: UploadedFile, actor: Actor | null): Promise<PlacesImportReport> {
  return importPlaces(db, file, actor, "province");
}

/** Upserts communes by code; each must name a province already stored. */
export function importCommunes(db: Db, file: UploadedFile, actor: Actor | null): Promise<PlacesImportReport> {
  return importPlaces(db, file, actor, "commune");
}
