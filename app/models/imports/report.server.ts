// The full row report of an import, as CSV or XLSX, in the reader's language: every row of
// the file with its verdict, its changes (before → after) and its reasons.
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import type { TFunction } from "i18next";
import type { Db } from "~/db/client.server";
import type { Actor } from "~/models/access/policy";
import { translateMessage } from "~/utils/messages";
import { allBatchRows, type BatchRow } from "./batches.server";

function table(rows: BatchRow[], t: TFunction): string[][] {
  const header = ["row", "key", "label", "status", "changes", "resolved", "messages"].map((k) => t(`imports:batch.${k}`));
  const blank = t("imports:batch.blank");
  return [
    header,
    ...rows.map((r) => [
      r.rowNumber > 0 ? String(r.rowNumber) : "",
      r.key,
      r.label ?? "",
      t(`enums:importRowStatus.${r.status}`),
      (r.changes ?? []).map((c) => `${t(`imports:fields.${c.field}`, { defaultValue: c.field })}: ${c.before ?? blank} → ${c.after ?? blank}`).join("; "),
      r.resolved ?? "",
      (r.messages ?? []).map((m) => translateMessage(t, m)).join(" "),
    ]),
  ];
}

export function importReportCsv(db: Db, actor: Actor, batchId: number, t: TFunction): string {
  // A byte-order mark so that spreadsheet programs open the Vietnamese text as UTF-8.
  return "\ufeff" + stringify(table(allBatchRows(db, actor, batchId), t));
}

export async function importReportXlsx(db: Db, actor: Actor, batchId: number, t: TFunction): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(t("imports:batch.download").slice(0, 31));
  const rows = table(allBatchRows(db, actor, batchId), t);
  // Codes stay text: a code such as 10.10 must not become the number 10.1 when opened.
  for (const row of rows) sheet.addRow(row.map((cell) => cell));
  sheet.getColumn(2).numFmt = "@";
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((c, i) => (c.width = [8, 14, 50, 14, 60, 20, 60][i] ?? 20));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
