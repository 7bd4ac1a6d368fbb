// Importing a facility's technique list (CSV or XLSX: technique code and start date) into the
// ledger. Each row is reported: recorded, already recorded (re-importing changes nothing) or
// refused with its reason; the recorded rows are written in one transaction.
import { sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { facilities } from "~/db/schema";
import { canChange, type Actor } from "~/models/access/policy";
import { DomainError, ForbiddenError, NotFoundError } from "~/models/errors";
import { locateHeader, type ColumnSpec } from "~/models/imports/headers";
import { readTable, type UploadedFile } from "~/models/imports/read-table.server";
import { LEDGER_ERROR_KEYS, recordAdoptionEvents, type AdoptionEventInput } from "./ledger.server";
import { findDateViolation } from "./rules";

type Field = "code" | "startedOn";
const COLUMNS: ColumnSpec<Field> = {
  code: ["ma ky thuat", "ma", "code", "technique code", "ma tt43", "ma kt"],
  startedOn: ["ngay bat dau", "ngay", "ngay trien khai", "start date", "started on", "date", "started"],
};

/** The header a file should carry for each column, named in the "missing columns" message. */
const COLUMN_LABELS: Record<Field, string> = { code: "Mã kỹ thuật", startedOn: "Ngày bắt đầu" };

export type ImportRowOutcome = "created" | "unchanged" | "refused";
export type ImportRowReport = { row: number; code: string; date: string; outcome: ImportRowOutcome; message?: string; params?: Record<string, string | number> };
export type LedgerImportReport = { read: number; created: number; unchanged: number; refused: number; rows: ImportRowReport[] };

/** "2025-03-15", "15/03/2025" or "15-03-2025" -> "2025-03-15"; anything else is returned as is. */
export function normaliseDate(text: string): string {
  const t = text.trim();
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (dmy) return `${dmy[3]}-${dmy[2].padStart(2, "0")}-${dmy[1].padStart(2, "0")}`;
  return t.slice(0, 10);
}

export async function importLedgerFile(
  db: Db,
  actor: Actor,
  facilityId: number,
  file: UploadedFile,
  today: string,
): Promise<LedgerImportReport> {
  const facility = db.get<{ id: number; provinceCode: string | null; openedOn: string | null } | undefined>(
    sql`select id, province_code as provinceCode, opened_on as openedOn from ${facilities} where id = ${facilityId}`,
  );
  if (!facility) throw new NotFoundError();
  if (!canChange(actor, "adoption.manage", { facilityId, provinceCode: facility.provinceCode })) throw new ForbiddenError();
  const sheet = await readTable(file);
  const header = locateHeader(sheet.rows, COLUMNS, ["code", "startedOn"]);
  if (!header.ok) throw new DomainError("imports:errors.unrecognisedHeaders", { field: "file", params: { missing: header.missing.map((f) => COLUMN_LABELS[f]).join(", ") } });

  const techniqueIds = new Map(db.all<{ code: string; id: number }>(sql`select code, id from techniques`).map((t) => [t.code, t.id]));
  const started = new Set(
    db
      .all<{ techniqueId: number }>(sql`select distinct technique_id as techniqueId from adoption_events where facility_id = ${facilityId} and kind = 'started'`)
      .map((r) => r.techniqueId),
  );
  const rows: ImportRowReport[] = [];
  const events: AdoptionEventInput[] = [];
  for (const row of sheet.rows.slice(header.headerIndex + 1)) {
    const code = (row.cells[header.columns.code!] ?? "").trim();
    const date = normaliseDate(row.cells[header.columns.startedOn!] ?? "");
    const report: ImportRowReport = { row: row.rowNumber, code, date, outcome: "refused" };
    rows.push(report);
    const techniqueId = techniqueIds.get(code);
    if (!techniqueId) {
      report.message = LEDGER_ERROR_KEYS.unknownTechnique;
      report.params = { code };
      continue;
    }
    const violation = findDateViolation(date, today, facility.openedOn);
    if (violation) {
      report.message = LEDGER_ERROR_KEYS[violation];
      report.params = { date, today, openedOn: facility.openedOn ?? "" };
      continue;
    }
    if (started.has(techniqueId)) {
      report.outcome = "unchanged";
      continue;
    }
    started.add(techniqueId);
    report.outcome = "created";
    events.push({ facilityId, techniqueId, kind: "started", eventOn: date, source: "import" });
  }
  if (events.length > 0) db.transaction((tx) => recordAdoptionEvents(tx, events, actor, today));
  const count = (o: ImportRowOutcome) => rows.filter((r) => r.outcome === o).length;
  return { read: rows.length, created: count("created"), unchanged: count("unchanged"), refused: count("refused"), rows };
}
