import { eq, sql } from "drizzle-orm";
import { expect, test } from "vitest";
import type { Db } from "~/db/client.server";
import { staff, staffTechniques } from "~/db/schema";
import { getFixedT } from "~/i18n/i18n";
import { applyImport, getImportBatch, listBatchRows } from "~/models/imports/batches.server";
import type { Sheet } from "~/models/imports/read-table.server";
import { importStaffSheet, previewStaffImport, staffImport } from "~/models/staff/import.server";
import { translateMessage } from "~/utils/messages";
import { userActor } from "../helpers/actors";
import { createTestDb } from "../helpers/db";
import { makeChapter, makeFacility, makeStaff, makeTechnique } from "../helpers/factories";

const TODAY = "2026-03-05";
const HEADER = ["Họ và tên", "Chức danh", "Chuyên khoa", "Số CCHN", "Email", "Kỹ thuật"];

function sheetOf(...rows: string[][]): Sheet {
  return { rows: [HEADER, ...rows].map((cells, i) => ({ rowNumber: i + 1, cells })) };
}

function csv(...rows: string[][]): { fileName: string; bytes: Buffer } {
  const text = [HEADER, ...rows].map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(",")).join("\n");
  return { fileName: "nhan-su.csv", bytes: Buffer.from(text) };
}

function world() {
  const db = createTestDb();
  makeChapter(db, 3, "NHI KHOA");
  const facility = makeFacility(db, { name: "Bệnh viện Đa khoa tỉnh Lào Cai số 2" });
  const director = userActor(db, "director", facility.id, facility.provinceCode);
  return { db, facility, director, options: { facilityId: facility.id, provinceCode: facility.provinceCode } };
}

function rowsOf(db: Db, actor: Parameters<typeof listBatchRows>[1], id: number) {
  return listBatchRows(db, actor, id, null, { page: 1, pageSize: 100, offset: 0 }).rows;
}

const vi = (m: string) => translateMessage(getFixedT("vi"), m);
const en = (m: string) => translateMessage(getFixedT("en"), m);

test("the preview gives each row its verdict and writes nothing until confirmed", async () => {
  const { db, facility, director } = world();
  const technique = makeTechnique(db, { code: "10.367" });
  makeStaff(db, { facilityId: facility.id, fullName: "Phạm Minh Đức", licenceNumber: "000123/LC-CCHN", email: "duc@bv.vn" });
  makeStaff(db, { facilityId: facility.id, fullName: "Vũ Thị Lan", cadre: "nurse", licenceNumber: null });
  const file = csv(
    ["Phạm Minh Đức", "BSCKI", "Ngoại khoa", "000123/LC-CCHN", "duc.pm@bv.vn", "10.367"],
    ["Vũ Thị Lan", "ĐD", "", "", "", ""],
    ["Lò Thị Hoa", "Y sĩ", "III", "000456/LC-CCHN", "", ""],
    ["Ngô Văn Tư", "phi công", "", "", "", ""],
  );
  const id = await previewStaffImport(db, director, file, null, TODAY);
  expect(getImportBatch(db, director, id).summary).toMatchObject({ new: 1, changed: 1, unchanged: 1, refused: 1, conflict: 0 });
  const rows = rowsOf(db, director, id);
  expect(rows.map((r) => [r.rowNumber, r.status, r.label])).toEqual([
    [2, "changed", "Phạm Minh Đức"],
    [3, "unchanged", "Vũ Thị Lan"],
    [4, "new", "Lò Thị Hoa"],
    [5, "refused", "Ngô Văn Tư"],
  ]);
  // old and new side by side; the specialty is shown by its chapter
  expect(rows[0].changes).toEqual([
    { field: "staff.specialty", before: null, after: "X. NGOẠI KHOA" },
    { field: "staff.email", before: "duc@bv.vn", after: "duc.pm@bv.vn" },
    { field: "staff.techniques", before: null, after: "10.367" },
  ]);
  expect(rows[1].messages?.map(en)).toEqual(["Recognised by full name (the stored person has no licence number)."]);
  expect(vi(rows[3].messages![0])).toMatch(/^Cột “Chức danh”: “phi công” không phải là chức danh đã biết/);
  expect(db.select().from(staff).where(eq(staff.fullName, "Lò Thị Hoa")).all()).toHaveLength(0);

  await applyImport(db, staffImport, director, id, TODAY);
  const hoa = db.select().from(staff).where(eq(staff.fullName, "Lò Thị Hoa")).get()!;
  expect(hoa).toMatchObject({ cadre: "assistant_doctor", chapterNumber: 3, licenceNumber: "000456/LC-CCHN", facilityId: facility.id });
  const duc = db.select().from(staff).where(eq(staff.licenceNumber, "000123/LC-CCHN")).get()!;
  expect(duc).toMatchObject({ email: "duc.pm@bv.vn", chapterNumber: 10, cadre: "doctor", version: 2 });
  expect(db.select().from(staffTechniques).where(eq(staffTechniques.staffId, duc.id)).all().map((t) => t.techniqueId)).toEqual([technique.id]);
  expect(db.get(sql`select count(*) as n from audit_events where entity_type = 'staff'`)).toEqual({ n: 2 });

  // the same file again: nothing new, nothing changed
  const again = await previewStaffImport(db, director, file, null, TODAY);
  expect(getImportBatch(db, director, again).summary).toMatchObject({ new: 0, changed: 0, unchanged: 3, refused: 1 });
});

test("a licence number twice in the file is a conflict naming the other row; neither is written", () => {
  const { db, director, options } = world();
  const { plan, written } = importStaffSheet(
    db,
    director,
    sheetOf(["Hoàng Văn Nam", "BS", "", "CCHN-9", "", ""], ["Lý Thị Thu", "ĐD", "", "CCHN-9", "", ""], ["Đinh Văn Hải", "KTV", "", "CCHN-10", "", ""]),
    options,
  );
  expect(plan.rows.map((r) => r.status)).toEqual(["conflict", "conflict", "new"]);
  expect(en(plan.rows[0].messages![0])).toBe("Licence number CCHN-9 is also on row 3 (Lý Thị Thu): neither row is written.");
  expect(vi(plan.rows[1].messages![0])).toBe("Số CCHN CCHN-9 cũng có ở dòng 2 (Hoàng Văn Nam): không dòng nào được ghi.");
  expect(written).toMatchObject({ created: 1 });
  expect(db.select().from(staff).where(eq(staff.licenceNumber, "CCHN-9")).all()).toHaveLength(0);
});

test("a licence number held in another facility is refused naming its holder and facility", () => {
  const { db, director, options } = world();
  const other = makeFacility(db, { name: "Bệnh viện Bạch Mai" });
  makeStaff(db, { facilityId: other.id, fullName: "Trần Quốc Bảo", licenceNumber: "001234/BYT-CCHN" });
  const { plan } = importStaffSheet(db, director, sheetOf(["Trần Văn Bảo", "Bác sỹ", "", "001234/BYT-CCHN", "", ""]), options);
  expect(plan.rows[0].status).toBe("refused");
  expect(vi(plan.rows[0].messages![0])).toBe("Cột “Số CCHN”: Số CCHN 001234/BYT-CCHN đã thuộc về Trần Quốc Bảo (Bệnh viện Bạch Mai).");
  expect(en(plan.rows[0].messages![0])).toBe("Column “Licence number”: Licence number 001234/BYT-CCHN already belongs to Trần Quốc Bảo (Bệnh viện Bạch Mai).");
});

test("e-mail is checked as the staff form checks it", () => {
  const { db, director, options } = world();
  const { plan } = importStaffSheet(
    db,
    director,
    sheetOf(["Nguyễn Văn An", "BS", "", "", "an.nv@benhvien", ""], ["Nguyễn Văn Bình", "BS", "", "", "binh@bv.vn", ""]),
    options,
  );
  expect(plan.rows.map((r) => r.status)).toEqual(["refused", "new"]);
  expect(en(plan.rows[0].messages![0])).toBe("Column “Email”: " + getFixedT("en")("common:validation.email"));
});

test("a huge cell is refused by the form's limits and never saved", async () => {
  const { db, director } = world();
  const huge = "A".repeat(1_000_000);
  const id = await previewStaffImport(db, director, csv([huge, "Bác sĩ", "", "", "", ""], ["Lê Văn Cường", "BS", "", "", "", huge]), null, TODAY);
  const rows = rowsOf(db, director, id);
  expect(rows.map((r) => r.status)).toEqual(["refused", "refused"]);
  // the reader keeps 10,001 characters of a longer cell: enough to say it is too long
  expect(en(rows[0].messages![0])).toBe("Column “Full name”: 10001 characters long, 200 at most.");
  expect(en(rows[1].messages![0])).toBe("Column “Techniques”: 10001 characters long, 4000 at most.");
  expect(rows[0].label!.length).toBeLessThanOrEqual(500);
  expect(db.get(sql`select count(*) as n, max(length(full_name)) as longest from staff`)).toEqual({ n: 0, longest: null });
});

test("a blank cell keeps the stored value and techniques are only added", () => {
  const { db, facility, director, options } = world();
  const a = makeTechnique(db, { code: "10.800" });
  const b = makeTechnique(db, { code: "10.801" });
  const person = makeStaff(db, { facilityId: facility.id, fullName: "Đỗ Thị Hằng", cadre: "midwife", chapterNumber: 3, title: "ThS", licenceNumber: "L-77", email: "hang@bv.vn" }, [a.id]);
  const blank = importStaffSheet(db, director, sheetOf(["", "", "", "L-77", "", ""]), options);
  expect(blank.plan.rows.map((r) => r.status)).toEqual(["unchanged"]);
  const more = importStaffSheet(db, director, sheetOf(["Đỗ Thị Hằng", "HS", "", "L-77", "", "10.801"]), options);
  expect(more.plan.rows[0]).toMatchObject({ status: "changed", changes: [{ field: "staff.techniques", before: "10.800", after: "10.800, 10.801" }] });
  const stored = db.select().from(staff).where(eq(staff.id, person.id)).get()!;
  expect(stored).toMatchObject({ fullName: "Đỗ Thị Hằng", cadre: "midwife", chapterNumber: 3, title: "ThS", email: "hang@bv.vn" });
  expect(db.select().from(staffTechniques).where(eq(staffTechniques.staffId, person.id)).all().map((t) => t.techniqueId).sort()).toEqual([a.id, b.id].sort());
  // a name without a licence number matches the stored person; the licence number is added
  makeStaff(db, { facilityId: facility.id, fullName: "Bùi Văn Khánh", licenceNumber: null });
  const licence = importStaffSheet(db, director, sheetOf(["Bùi Văn Khánh", "", "", "L-78", "", ""]), options);
  expect(licence.plan.rows[0]).toMatchObject({ status: "changed", changes: [{ field: "staff.licenceNumber", before: null, after: "L-78" }] });
  expect(importStaffSheet(db, director, sheetOf(["Bùi Văn Khánh", "", "", "L-78", "", ""]), options).plan.rows[0].status).toBe("unchanged");
});

test("two stored people of one name without the licence number is a conflict", () => {
  const { db, facility, director, options } = world();
  makeStaff(db, { facilityId: facility.id, fullName: "Nguyễn Thị Hương" });
  makeStaff(db, { facilityId: facility.id, fullName: "Nguyễn Thị Hương" });
  const { plan } = importStaffSheet(db, director, sheetOf(["Nguyễn Thị Hương", "ĐD", "", "", "", ""]), options);
  expect(plan.rows[0].status).toBe("conflict");
  expect(en(plan.rows[0].messages![0])).toBe("The facility has 2 people named Nguyễn Thị Hương: add the licence number to say which.");
});

test("a director imports into their own facility only; other roles not at all", async () => {
  const { db, facility, director } = world();
  const other = makeFacility(db);
  // the chosen facility is ignored for a director: the session decides
  const id = await previewStaffImport(db, director, csv(["Hà Văn Sơn", "BS", "", "", "", ""]), other.id, TODAY);
  await applyImport(db, staffImport, director, id, TODAY);
  expect(db.select().from(staff).where(eq(staff.fullName, "Hà Văn Sơn")).get()?.facilityId).toBe(facility.id);
  expect(() => importStaffSheet(db, director, sheetOf(["X", "BS", "", "", "", ""]), { facilityId: other.id, provinceCode: other.provinceCode })).toThrow(/forbidden/i);
  for (const role of ["trainer", "viewer"] as const) {
    const actor = userActor(db, role, facility.id, facility.provinceCode);
    await expect(previewStaffImport(db, actor, csv(["Hà Văn Sơn", "BS", "", "", "", ""]), null, TODAY)).rejects.toMatchObject({ status: 403 });
  }
  const department = userActor(db, "department", null, facility.provinceCode);
  await expect(previewStaffImport(db, department, csv(["A", "BS", "", "", "", ""]), facility.id, TODAY)).rejects.toMatchObject({ status: 403 });
  const admin = userActor(db, "admin", null, null);
  await expect(previewStaffImport(db, admin, csv(["A", "BS", "", "", "", ""]), null, TODAY)).rejects.toMatchObject({ status: 400, field: "facilityId" });
  const byAdmin = await previewStaffImport(db, admin, csv(["Mai Văn Tâm", "BS", "", "", "", ""]), other.id, TODAY);
  await applyImport(db, staffImport, admin, byAdmin, TODAY);
  expect(db.select().from(staff).where(eq(staff.fullName, "Mai Văn Tâm")).get()?.facilityId).toBe(other.id);
});

test("a confirmation after the data changed writes nothing (409)", async () => {
  const { db, facility, director } = world();
  const id = await previewStaffImport(db, director, csv(["Hà Thị Yến", "HS", "", "Y-1", "", ""]), null, TODAY);
  makeStaff(db, { facilityId: facility.id, fullName: "Hà Thị Yến", licenceNumber: "Y-1" });
  await expect(applyImport(db, staffImport, director, id, TODAY)).rejects.toMatchObject({ status: 409 });
  expect(db.select().from(staff).where(eq(staff.licenceNumber, "Y-1")).all()).toHaveLength(1);
});

test("a file without the required columns imports nothing and names the column", async () => {
  const { db, director } = world();
  const file = { fileName: "x.csv", bytes: Buffer.from("Họ và tên,Tuổi\nA,30\n") };
  const error = await previewStaffImport(db, director, file, null, TODAY).catch((e: unknown) => e);
  expect(error).toMatchObject({ status: 400, field: "file" });
  const message = `${(error as Error).message}|${JSON.stringify((error as { params: unknown }).params)}`;
  expect(vi(message)).toBe("Tệp thiếu cột bắt buộc “Chức danh”. Không có dòng nào được nhập.");
  expect(en(message)).toBe("The file lacks the required column “Cadre”. Nothing was imported.");
});
