import ExcelJS from "exceljs";
import { count } from "drizzle-orm";
import { expect, test } from "vitest";
import { adoptionEvents } from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import { importLedgerFile } from "~/models/adoption/import.server";
import { createTestDb } from "../helpers/db";
import { makeFacility, makeTechnique, makeUser } from "../helpers/factories";

const TODAY = "2025-10-15";

function setup() {
  const db = createTestDb();
  const facility = makeFacility(db, { level: "C", openedOn: "2010-01-01" });
  const director: Actor = { userId: makeUser(db, { role: "director", facilityId: facility.id }).id, role: "director", facilityId: facility.id, provinceCode: facility.provinceCode };
  const a = makeTechnique(db, { minLevel: "B" });
  const b = makeTechnique(db, { minLevel: "C" });
  return { db, facility, director, a, b };
}

const csv = (lines: string[]) => ({ fileName: "danh-muc.csv", bytes: Buffer.from(["Mã kỹ thuật,Ngày bắt đầu", ...lines].join("\n")) });

test("a CSV list imports with a per-row report, and importing it again changes nothing", async () => {
  const { db, facility, director, a, b } = setup();
  const file = csv([`${a.code},2024-03-01`, `${b.code},15/06/2023`, "99.9999,2024-01-01", `${a.code},2030-01-01`, `${b.code},2009-12-31`]);
  const first = await importLedgerFile(db, director, facility.id, file, TODAY);
  expect(first.rows.map((r) => [r.row, r.outcome, r.message ?? null])).toEqual([
    [2, "created", null],
    [3, "created", null],
    [4, "refused", "adoption:errors.unknownTechnique"],
    [5, "refused", "adoption:errors.futureDate"],
    [6, "refused", "adoption:errors.beforeFacilityOpened"],
  ]);
  expect(db.select({ n: count() }).from(adoptionEvents).get()!.n).toBe(2);
  const again = await importLedgerFile(db, director, facility.id, file, TODAY);
  expect([again.created, again.unchanged, again.refused]).toEqual([0, 2, 3]);
  expect(db.select({ n: count() }).from(adoptionEvents).get()!.n).toBe(2);
});

test("an XLSX list with real date cells imports the same way", async () => {
  const { db, facility, director, a } = setup();
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("Danh mục");
  sheet.addRow(["Danh mục kỹ thuật bệnh viện"]);
  sheet.addRow(["Mã kỹ thuật", "Ngày bắt đầu"]);
  sheet.addRow([a.code, new Date(Date.UTC(2024, 1, 29))]);
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  const report = await importLedgerFile(db, director, facility.id, { fileName: "danh-muc.xlsx", bytes }, TODAY);
  expect(report.rows).toEqual([{ row: 3, code: a.code, date: "2024-02-29", outcome: "created" }]);
});

test("another facility's director cannot import into this ledger", async () => {
  const { db, facility, a } = setup();
  const other = makeFacility(db);
  const outsider: Actor = { userId: makeUser(db, { role: "director", facilityId: other.id }).id, role: "director", facilityId: other.id, provinceCode: other.provinceCode };
  await expect(importLedgerFile(db, outsider, facility.id, csv([`${a.code},2024-03-01`]), TODAY)).rejects.toMatchObject({ status: 403 });
});
