import ExcelJS from "exceljs";
import { expect, test } from "vitest";
import type { Db } from "~/db/client.server";
import { techniqueBillingCodes } from "~/db/schema";
import { getFixedT } from "~/i18n/i18n";
import type { Actor } from "~/models/access/policy";
import { importLedgerFile, previewLedgerImport } from "~/models/adoption/import.server";
import { approveListRequest, getListRequest } from "~/models/adoption/list-requests.server";
import { applyImport, getImportBatch, listBatchRows } from "~/models/imports/batches.server";
import { ledgerImport } from "~/models/adoption/import.server";
import { getDepartmentDashboard } from "~/models/reports/dashboard.server";
import { translateMessage } from "~/utils/messages";
import { departmentActor, userActor } from "../helpers/actors";
import { createTestDb } from "../helpers/db";
import { makeFacility, makeProvince, makeTechnique } from "../helpers/factories";

const TODAY = "2025-10-15";

// A province with a provincial hospital (level B) and three central-level techniques (cross-level for it).
function setup() {
  const db = createTestDb();
  const p = makeProvince(db);
  const hospital = makeFacility(db, { provinceCode: p.code, level: "B", openedOn: "2010-01-01" });
  const director = userActor(db, "director", hospital.id, p.code);
  const department = departmentActor(db, p.code);
  const [a, b, c] = [makeTechnique(db, { minLevel: "A" }), makeTechnique(db, { minLevel: "A" }), makeTechnique(db, { minLevel: "A" })];
  const billing = (techniqueId: number, code: string) => db.insert(techniqueBillingCodes).values({ techniqueId, code, techniqueName: "x" }).run();
  return { db, p, hospital, director, department, a, b, c, billing };
}

const csv = (header: string, lines: string[], fileName = "so-ky-thuat.csv") => ({ fileName, bytes: Buffer.from([header, ...lines].join("\n")) });
const count = (db: Db, table: string, where = "1 = 1") => (db.$client.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).get() as { n: number }).n;
const official = (db: Db, department: Actor, provinceCode: string) => getDepartmentDashboard(db, department, provinceCode, TODAY).provincialAdded.official;
const vi = getFixedT("vi", "imports");
const en = getFixedT("en", "imports");

test("the preview resolves technique and billing codes, refuses what it cannot read, and writes nothing until confirmed", async () => {
  const { db, hospital, director, a, b, c, billing } = setup();
  billing(b.id, "10.0043.1241");
  const file = csv("Mã kỹ thuật,Ngày bắt đầu", [
    `${a.code},01/03/2024`,
    "10.0043.1241,2024-06-15",
    "99.9999,2024-01-01",
    "22.0001.0001,2024-01-01",
    "hello,2024-01-01",
    `${c.code},2030-01-01`,
    `${c.code},2009-12-31`,
  ]);
  const id = await previewLedgerImport(db, director, file, null, TODAY);
  expect(count(db, "adoption_events")).toBe(0);
  expect(getImportBatch(db, director, id).summary).toMatchObject({ new: 2, refused: 5, unchanged: 0, conflict: 0 });
  const rows = listBatchRows(db, director, id, null, { page: 1, pageSize: 50, offset: 0 }).rows;
  expect(rows.map((r) => [r.rowNumber, r.status, r.resolved ?? null])).toEqual([
    [2, "new", `${a.code} ${a.name}`],
    [3, "new", `10.0043.1241 → ${b.code} ${b.name}`],
    [4, "refused", null],
    [5, "refused", null],
    [6, "refused", null],
    [7, "refused", `${c.code} ${c.name}`],
    [8, "refused", `${c.code} ${c.name}`],
  ]);
  expect(rows[1].changes).toEqual([{ field: "startedOn", before: null, after: "2024-06-15" }]);
  expect(rows[2].messages).toEqual(['imports:ledger.unknownCode|{"value":"99.9999"}']);
  expect(rows[3].messages).toEqual(['imports:ledger.unknownBillingCode|{"value":"22.0001.0001"}']);
  expect(rows[4].messages?.[0]).toMatch(/^imports:ledger\.badCode\|/);
  expect(rows[5].messages?.[0]).toMatch(/^adoption:errors\.futureDate\|/);
  expect(rows[6].messages?.[0]).toMatch(/^adoption:errors\.beforeFacilityOpened\|/);
  expect(translateMessage(en, rows[2].messages![0])).toBe("There is no technique 99.9999 in the catalogue.");

  const applied = await applyImport(db, ledgerImport, director, id, TODAY);
  expect(applied.status).toBe("applied");
  expect(applied.result).toMatchObject({ started: 2, approved: 0 });
  expect(count(db, "adoption_events", `facility_id = ${hospital.id} AND kind = 'started'`)).toBe(2);
});

test("a ledger file keyed by billing codes with decisions, imported by the department, raises the official figure by exactly the rows approved", async () => {
  const { db, p, hospital, department, a, b, c, billing } = setup();
  billing(a.id, "10.0001.0001");
  billing(b.id, "10.0002.0002");
  billing(c.id, "10.0003.0003");
  const before = official(db, department, p.code);
  const file = csv("Mã cơ sở,Mã tương đương,Ngày bắt đầu,Số quyết định,Ngày phê duyệt", [
    `${hospital.code},10.0001.0001,15/03/2024,1520/QĐ-SYT,20/09/2025`,
    `${hospital.code},10.0002.0002,2024-04-01,1520/QĐ-SYT,2025-09-20`,
    `${hospital.code},10.0003.0003,2024-05-01,,`,
  ]);
  const id = await previewLedgerImport(db, department, file, null, TODAY);
  const rows = listBatchRows(db, department, id, null, { page: 1, pageSize: 50, offset: 0 }).rows;
  expect(rows.map((r) => r.status)).toEqual(["new", "new", "new"]);
  expect(rows[0].changes).toEqual([
    { field: "startedOn", before: null, after: "2024-03-15" },
    { field: "decision", before: null, after: "1520/QĐ-SYT (2025-09-20)" },
  ]);
  expect(official(db, department, p.code)).toBe(before);
  const applied = await applyImport(db, ledgerImport, department, id, TODAY);
  expect(applied.result).toMatchObject({ started: 3, approved: 2, listRequests: 0 });
  expect(official(db, department, p.code)).toBe(before + 2);
  expect(getDepartmentDashboard(db, department, p.code, TODAY).provincialAdded.all).toBe(3);
  expect(db.$client.prepare("SELECT decision_number AS d, event_on AS on_ FROM adoption_events WHERE kind = 'approved' ORDER BY id").all()).toEqual([
    { d: "1520/QĐ-SYT", on_: "2025-09-20" },
    { d: "1520/QĐ-SYT", on_: "2025-09-20" },
  ]);

  // The same file again changes nothing; a later file with blank decision cells erases nothing.
  const again = await importLedgerFile(db, department, null, file, TODAY);
  expect(again.summary).toMatchObject({ new: 0, changed: 0, unchanged: 3 });
  const blank = await importLedgerFile(db, department, hospital.id, csv("Mã tương đương,Ngày bắt đầu,Số quyết định,Ngày phê duyệt", ["10.0001.0001,15/03/2024,,"]), TODAY);
  expect(blank.summary).toMatchObject({ unchanged: 1 });
  expect(official(db, department, p.code)).toBe(before + 2);
});

test("a director's rows with a decision become one list request awaiting the department; approving it raises the official figure", async () => {
  const { db, p, hospital, director, department, a, b, c } = setup();
  const before = official(db, department, p.code);
  const file = csv("Mã kỹ thuật,Ngày bắt đầu,Số quyết định,Ngày phê duyệt", [
    `${a.code},15/03/2024,88/QĐ-SYT,01/09/2025`,
    `${b.code},,88/QĐ-SYT,01/09/2025`,
    `${c.code},2024-05-01,,`,
  ]);
  const result = await importLedgerFile(db, director, null, file, TODAY);
  expect(result.rows.map((r) => r.status)).toEqual(["new", "new", "new"]);
  expect(result.rows[0].changes).toEqual([
    { field: "startedOn", before: null, after: "2024-03-15" },
    { field: "listRequest", before: null, after: "88/QĐ-SYT (2025-09-01)" },
  ]);
  expect(result.written).toMatchObject({ started: 2, approved: 0, listRequests: 1, requestedTechniques: 2 });
  expect(count(db, "adoption_events", "kind = 'approved'")).toBe(0);
  expect(official(db, department, p.code)).toBe(before);
  const requestRow = db.$client.prepare("SELECT id, status, comment, facility_id AS facilityId FROM technique_list_requests").get() as { id: number; status: string; comment: string; facilityId: number };
  expect(requestRow).toMatchObject({ status: "submitted", facilityId: hospital.id, comment: "QĐ 88/QĐ-SYT (2025-09-01)" });
  const request = getListRequest(db, department, requestRow.id, "vi")!;
  expect(request.items.map((i) => [i.code, i.startedOn])).toEqual(expect.arrayContaining([[a.code, "2024-03-15"], [b.code, null]]));

  // Importing it again: the waiting request is named, nothing new is requested.
  const again = await importLedgerFile(db, director, null, file, TODAY);
  expect(again.summary).toMatchObject({ unchanged: 3, new: 0, changed: 0 });
  expect(again.rows[1].messages).toEqual([`imports:ledger.alreadyRequested|{"request":${requestRow.id}}`]);

  approveListRequest(db, department, requestRow.id, { decisionNumber: "88/QĐ-SYT", decisionOn: "2025-09-01", version: request.version }, TODAY);
  expect(official(db, department, p.code)).toBe(before + 2);
});

test("dates read as dd/mm/yyyy, yyyy-mm-dd and Excel date cells; an unreadable date names the whole cell and both forms", async () => {
  const { db, director, a, b, c } = setup();
  const d = makeTechnique(db, { minLevel: "A" });
  const result = await importLedgerFile(
    db,
    director,
    null,
    csv("Mã kỹ thuật,Ngày bắt đầu", [`${a.code},5/3/2024`, `${b.code},2024-02-29`, `${c.code},31/02/2024`, `${d.code},tháng 3 năm 2024`]),
    TODAY,
  );
  expect(result.rows.map((r) => [r.status, r.changes?.[0]?.after ?? null])).toEqual([
    ["new", "2024-03-05"],
    ["new", "2024-02-29"],
    ["refused", null],
    ["refused", null],
  ]);
  const message = result.rows[3].messages![0];
  expect(message).toBe('imports:ledger.badDate|{"column":"Ngày bắt đầu","value":"tháng 3 năm 2024"}');
  expect(translateMessage(vi, message)).toBe(
    "Cột «Ngày bắt đầu»: không đọc được ngày «tháng 3 năm 2024». Hãy ghi dd/mm/yyyy (ví dụ 15/03/2025) hoặc yyyy-mm-dd (ví dụ 2025-03-15).",
  );
  expect(translateMessage(en, message)).toContain("“tháng 3 năm 2024”");
  expect(translateMessage(en, result.rows[2].messages![0])).toContain("“31/02/2024”");

  // XLSX: a real date cell reads as its date; a code typed as a number is refused and says why.
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("Sổ");
  sheet.addRow(["Sổ theo dõi kỹ thuật"]);
  sheet.addRow(["Mã kỹ thuật", "Ngày bắt đầu"]);
  const e = makeTechnique(db, { minLevel: "A" });
  sheet.addRow([e.code, new Date(Date.UTC(2024, 1, 29))]);
  sheet.addRow([10.1, new Date(Date.UTC(2024, 1, 29))]);
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  const xlsx = await importLedgerFile(db, director, null, { fileName: "so.xlsx", bytes }, TODAY);
  expect(xlsx.rows.map((r) => [r.rowNumber, r.status])).toEqual([[3, "new"], [4, "refused"]]);
  expect(xlsx.rows[0].changes).toEqual([{ field: "startedOn", before: null, after: "2024-02-29" }]);
  expect(translateMessage(en, xlsx.rows[1].messages![0])).toContain("10.10 is read as 10.1");
});

test("rows that disagree about one technique are conflicts and none is written; a repeated row is unchanged", async () => {
  const { db, director, a, b, c, billing } = setup();
  billing(a.id, "10.0001.0001");
  const result = await importLedgerFile(
    db,
    director,
    null,
    csv("Mã kỹ thuật,Ngày bắt đầu", [`${a.code},2024-03-01`, "10.0001.0001,2024-04-01", `${b.code},2024-03-01`, `${b.code},01/03/2024`, `${c.code},2024-03-01`]),
    TODAY,
  );
  expect(result.rows.map((r) => r.status)).toEqual(["conflict", "conflict", "new", "unchanged", "new"]);
  expect(result.rows[0].messages?.[0]).toBe(`imports:ledger.conflictingRows|{"rows":"2, 3","code":"${a.code}"}`);
  expect(result.rows[3].messages).toEqual(['imports:ledger.repeated|{"firstRow":4}']);
  expect(count(db, "adoption_events", `technique_id = ${a.id}`)).toBe(0);
  expect(count(db, "adoption_events")).toBe(2);
});

test("the ledger keeps its dates: a file with another start date leaves the event as it is and says so", async () => {
  const { db, director, a } = setup();
  await importLedgerFile(db, director, null, csv("Mã kỹ thuật,Ngày bắt đầu", [`${a.code},2024-03-01`]), TODAY);
  const again = await importLedgerFile(db, director, null, csv("Mã kỹ thuật,Ngày bắt đầu", [`${a.code},2024-05-01`]), TODAY);
  expect(again.rows[0]).toMatchObject({ status: "unchanged", messages: ['imports:ledger.ledgerKeepsStart|{"date":"2024-03-01","fileDate":"2024-05-01"}'] });
  expect(count(db, "adoption_events")).toBe(1);
});

test("a decision dated before the start, half a decision, and over-long fields are refused with the form's limits", async () => {
  const { db, department, hospital, a, b, c } = setup();
  const long = "x".repeat(61);
  const result = await importLedgerFile(
    db,
    department,
    hospital.id,
    csv("Mã kỹ thuật,Ngày bắt đầu,Số quyết định,Ngày phê duyệt", [
      `${a.code},2024-03-01,1/QĐ,2024-02-01`,
      `${b.code},2024-03-01,1/QĐ,`,
      `${c.code},2024-03-01,${long},2024-04-01`,
      `${"9".repeat(25)},2024-03-01,,`,
    ]),
    TODAY,
  );
  expect(result.rows.map((r) => r.status)).toEqual(["refused", "refused", "refused", "refused"]);
  expect(result.rows[0].messages).toEqual(['adoption:errors.decisionBeforeStart|{"date":"2024-02-01"}']);
  expect(result.rows[1].messages?.[0]).toMatch(/^imports:ledger\.decisionIncomplete\|/);
  expect(result.rows[2].messages).toEqual(['imports:ledger.tooLong|{"column":"Số quyết định","max":60}']);
  expect(result.rows[3].messages).toEqual(['imports:ledger.tooLong|{"column":"Mã kỹ thuật","max":20}']);
  expect(count(db, "adoption_events")).toBe(0);
});

test("scope: a director imports only for its own facility, the department only in its province, others not at all", async () => {
  const { db, p, hospital, director, department, a } = setup();
  const neighbour = makeFacility(db, { provinceCode: p.code });
  const elsewhere = makeFacility(db);
  const lines = [`${hospital.code},${a.code},2024-03-01`, `${neighbour.code},${a.code},2024-03-01`, `${elsewhere.code},${a.code},2024-03-01`, `NOPE,${a.code},2024-03-01`];
  const file = csv("Mã cơ sở,Mã kỹ thuật,Ngày bắt đầu", lines);

  // The director's facility comes from the session, whatever the form names.
  const mine = await importLedgerFile(db, director, neighbour.id, file, TODAY);
  expect(mine.rows.map((r) => r.status)).toEqual(["new", "refused", "refused", "refused"]);
  expect(mine.rows[1].messages?.[0]).toMatch(/^imports:ledger\.otherFacility\|/);

  const province = await importLedgerFile(db, department, null, file, TODAY);
  expect(province.rows.map((r) => r.status)).toEqual(["unchanged", "new", "refused", "refused"]);
  expect(province.rows[2].messages).toEqual([`imports:ledger.facilityOutOfScope|{"value":"${elsewhere.code}"}`]);
  expect(province.rows[3].messages).toEqual(['imports:ledger.unknownFacility|{"value":"NOPE"}']);

  await expect(previewLedgerImport(db, department, file, elsewhere.id, TODAY)).rejects.toMatchObject({ status: 403 });
  const outsider = departmentActor(db, makeProvince(db).code);
  await expect(previewLedgerImport(db, outsider, file, hospital.id, TODAY)).rejects.toMatchObject({ status: 403 });
  const trainer = userActor(db, "trainer", hospital.id, p.code);
  await expect(previewLedgerImport(db, trainer, file, null, TODAY)).rejects.toMatchObject({ status: 403 });
  // Without a chosen facility, a file without a facility column is refused next to the choice.
  await expect(previewLedgerImport(db, department, csv("Mã kỹ thuật,Ngày bắt đầu", [`${a.code},2024-03-01`]), null, TODAY)).rejects.toMatchObject({
    status: 400,
    field: "facilityId",
  });
});

test("a confirmation whose plan no longer matches the preview is a 409 and writes nothing", async () => {
  const { db, director, a } = setup();
  const file = csv("Mã kỹ thuật,Ngày bắt đầu", [`${a.code},2024-03-01`]);
  const id = await previewLedgerImport(db, director, file, null, TODAY);
  await importLedgerFile(db, director, null, file, TODAY);
  await expect(applyImport(db, ledgerImport, director, id, TODAY)).rejects.toMatchObject({ status: 409 });
  expect(count(db, "adoption_events")).toBe(1);
});

test("an error cell or a formula in an XLSX ledger is refused with its column and row", async () => {
  const { db, director, a, b } = setup();
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("Sổ");
  sheet.addRow(["Mã kỹ thuật", "Ngày bắt đầu"]);
  sheet.addRow([a.code, { error: "#N/A" }]);
  sheet.addRow([{ formula: `"${b.code}"`, result: b.code }, "2024-03-01"]);
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  const result = await importLedgerFile(db, director, null, { fileName: "so.xlsx", bytes }, TODAY);
  expect(result.rows.map((r) => [r.status, r.messages])).toEqual([
    ["refused", ['imports:errors.errorCell|{"column":"B","row":2}']],
    ["refused", ['imports:errors.formulaCell|{"column":"A","row":3}']],
  ]);
  expect(count(db, "adoption_events")).toBe(0);
});
