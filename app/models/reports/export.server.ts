// Report and drill-down files (CSV and XLSX) in the user's language. The table is built once
// (reportTable) and written in either format, so both files hold the same numbers as the page.
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import type { TFunction } from "i18next";
import type { AdoptionReport } from "./adoption-report.server";
import type { DrillDownRow } from "./drill-down.server";
import { originLabel } from "./origin";
import { categoryLabelKey, dimensionLabelKey, metricLabelKey, REPORT_CATEGORIES, REPORT_METRICS } from "./registry";

export type Table = { title: string; headers: string[]; rows: (string | number)[][] };

export function reportTable(report: AdoptionReport, t: TFunction, title: string): Table {
  // The first column is named by the grouping; row labels are already in the reader's language.
  const headers = [report.dimension === "total" ? t("reports:report.group") : t(dimensionLabelKey(report.dimension))];
  for (const p of report.periods) {
    for (const category of REPORT_CATEGORIES) {
      for (const metric of REPORT_METRICS) headers.push(`${p.key} · ${t(categoryLabelKey(category))} · ${t(metricLabelKey(metric))}`);
    }
  }
  const line = (label: string, row: AdoptionReport["total"]) => [
    label,
    ...row.periods.flatMap((p) => REPORT_CATEGORIES.flatMap((category) => REPORT_METRICS.map((metric) => p[category][metric]))),
  ];
  const rows = report.rows.map((r) => line(r.label, r));
  rows.push(line(t("reports:report.total"), report.total));
  return { title, headers, rows };
}

/** The pair's origin in the reader's words, as the drill-down page shows it. */
function originText(row: DrillDownRow, t: TFunction): string {
  const { key, params } = originLabel(row);
  return t(key, params);
}

export function drillTable(rows: DrillDownRow[], t: TFunction, title: string): Table {
  return {
    title,
    headers: [
      t("common:facility"),
      t("reports:fields.provinceCode"),
      t("reports:drill.levelNow"),
      t("reports:drill.levelAtStart"),
      t("reports:drill.code"),
      t("reports:drill.technique"),
      t("reports:drill.minLevel"),
      t("reports:drill.startedOn"),
      t("reports:drill.approvedOn"),
      t("adoption:ledger.source"),
    ],
    rows: rows.map((r) => [
      r.facilityName,
      r.provinceName ?? "",
      r.levelNow,
      r.levelAtStart,
      r.techniqueCode,
      r.techniqueName,
      r.minLevel ?? "",
      r.startedOn,
      r.approvedOn ?? "",
      originText(r, t),
    ]),
  };
}

/** UTF-8 with a byte-order mark so that Excel opens Vietnamese text correctly. */
export function tableToCsv(table: Table): string {
  return "\uFEFF" + stringify([table.headers, ...table.rows]);
}

export async function tableToXlsx(table: Table): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "CGKT";
  const sheet = wb.addWorksheet(table.title.slice(0, 31).replace(/[\\/?*[\]:]/g, " ") || "Report");
  sheet.addRow(table.headers).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row);
  sheet.views = [{ state: "frozen", ySplit: 1, xSplit: 1 }];
  sheet.getColumn(1).width = 40;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
