// Preview and confirmation times of the Circular 23/2024 Appendix 1 list as published (19,438
// rows), as CSV and as the XLSX a spreadsheet program would save (codes as text cells), on a
// fresh database holding the QĐ 7603 catalogue; beside them, the bare cost of reading the file
// and of one SQL insert per row, for comparison. Not a test: run by hand.
//
//   npx tsx tests/bench/catalogue-import.bench.ts
import fs from "node:fs";
import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { openDb } from "~/db/client.server";
import { users } from "~/db/schema";
import { catalogueImport, importCatalogue, previewCatalogueImport, QD7603_EDITION } from "~/models/catalogue/import.server";
import { applyImport, getImportBatch } from "~/models/imports/batches.server";

const TODAY = "2026-12-02";
const TT23 = { editionCode: "tt23-2024-pl1", editionName: "Thông tư 23/2024/TT-BYT, Phụ lục 1", effectiveFrom: "2025-01-01", complete: true };
const csv = fs.readFileSync("seeds/data/tt23_2024_pl01_danh_muc_ky_thuat.csv");

async function xlsxOf(bytes: Buffer): Promise<Buffer> {
  const rows = parse(bytes.toString("utf8")) as string[][];
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("PL1");
  for (const row of rows) sheet.addRow(row);
  sheet.getColumn(2).numFmt = "@";
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function run(label: string, file: { fileName: string; bytes: Buffer }) {
  const db = openDb(":memory:");
  await importCatalogue(db, { fileName: "qd7603.csv", bytes: fs.readFileSync("seeds/data/qd7603_pl1_dvkt_tuong_duong.csv") }, QD7603_EDITION, TODAY);
  const user = db.insert(users).values({ username: "admin", displayName: "Admin", passwordHash: "!", role: "admin" }).returning().get();
  const admin = { userId: user.id, role: "admin" as const, facilityId: null, provinceCode: null };
  let t = performance.now();
  const id = await previewCatalogueImport(db, admin, file, TT23, TODAY);
  const previewMs = performance.now() - t;
  t = performance.now();
  await applyImport(db, catalogueImport, admin, id, TODAY);
  const applyMs = performance.now() - t;
  const s = getImportBatch(db, admin, id).summary;
  console.log(
    `${label.padEnd(22)} preview ${previewMs.toFixed(0).padStart(6)} ms  confirm ${applyMs.toFixed(0).padStart(6)} ms  total ${(previewMs + applyMs).toFixed(0).padStart(6)} ms` +
      `  (new ${s.new}, changed ${s.changed}, unchanged ${s.unchanged}, retired ${s.retired}, conflict ${s.conflict}, refused ${s.refused})`,
  );
}

function bare() {
  const db = openDb(":memory:");
  const t = performance.now();
  const rows = parse(csv.toString("utf8")) as string[][];
  const insert = db.$client.prepare("INSERT INTO catalogue_editions (code, name, effective_from) VALUES (?, ?, '2025-01-01')");
  db.$client.transaction(() => rows.slice(1).forEach((r) => insert.run(r[1], r[3])))();
  console.log(`${"bare parse + insert".padEnd(22)} ${(performance.now() - t).toFixed(0).padStart(6)} ms  (csv-parse and one prepared INSERT per row, no checks)`);
}

bare();
await run("Circular 23, CSV", { fileName: "tt23.csv", bytes: csv });
await run("Circular 23, XLSX", { fileName: "tt23.xlsx", bytes: await xlsxOf(csv) });
