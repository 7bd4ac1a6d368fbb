import { eq, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { expect, test } from "vitest";
import { getDb } from "~/db/client.server";
import { staff } from "~/db/schema";
import { action as batchAction, loader as batchLoader } from "~/routes/imports.$id";
import { action as importAction, loader as importLoader } from "~/routes/staff.import";
import { authedRequest, createSignedInUser } from "../helpers/auth";
import { makeChapter, makeFacility, makeStaff } from "../helpers/factories";
import { bodyOf, call } from "../helpers/routes";

async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Nhân sự");
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function upload(cookie: string, bytes: Buffer | string, fileName: string, fields: Record<string, string> = {}) {
  const form = new FormData();
  form.set("file", new File([typeof bytes === "string" ? bytes : new Uint8Array(bytes)], fileName));
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return authedRequest("/staff/import", { cookie, form });
}

function batchIdOf(response: Response): string {
  expect(response.status).toBe(302);
  const location = response.headers.get("Location")!;
  expect(location).toMatch(/^\/imports\/\d+$/);
  return location.split("/").pop()!;
}

test("a director uploads the hospital's sheet, sees the preview and confirms; rows go to their own facility", async () => {
  const db = getDb();
  makeChapter(db, 3, "NHI KHOA");
  makeChapter(db, 10, "NGOẠI KHOA");
  const facility = makeFacility(db);
  const other = makeFacility(db);
  const { cookie } = await createSignedInUser(db, { role: "director", facilityId: facility.id });
  expect((await bodyOf(await call(importLoader, { request: authedRequest("/staff/import", { cookie }) }))).facilities).toBeNull();
  const bytes = await xlsx([
    ["DANH SÁCH CÁN BỘ"],
    ["Họ và tên", "Chức danh", "Chuyên khoa", "Số CCHN"],
    ["Lò Thị Hoa", "Y sĩ", "Nhi khoa", "000456/LC-CCHN"],
    ["Hoàng Văn Nam", "Bác sỹ", "X", "000457/LC-CCHN"],
    ["Ngô Thị Mai", "phi công", "", ""],
  ]);
  const id = batchIdOf(await call(importAction, { request: upload(cookie, bytes, "nhan-su.xlsx", { facilityId: String(other.id) }) }));
  const preview = await bodyOf(await call(batchLoader, { request: authedRequest(`/imports/${id}`, { cookie }), params: { id } }));
  expect(preview.batch).toMatchObject({ kind: "staff", status: "preview", summary: { new: 2, refused: 1 } });
  expect(preview.rows.rows.map((r: { rowNumber: number; status: string }) => [r.rowNumber, r.status])).toEqual([
    [3, "new"],
    [4, "new"],
    [5, "refused"],
  ]);
  expect(db.select().from(staff).where(eq(staff.fullName, "Lò Thị Hoa")).all()).toHaveLength(0);

  const confirmed = await call(batchAction, { request: authedRequest(`/imports/${id}`, { cookie, form: { intent: "confirm" } }), params: { id } });
  expect(confirmed.status).toBe(302);
  const hoa = db.select().from(staff).where(eq(staff.fullName, "Lò Thị Hoa")).get()!;
  expect(hoa).toMatchObject({ cadre: "assistant_doctor", chapterNumber: 3, facilityId: facility.id });
  // a second confirmation of the same batch writes nothing more
  const again = await call(batchAction, { request: authedRequest(`/imports/${id}`, { cookie, form: { intent: "confirm" } }), params: { id } });
  expect(again.status).toBe(409);
  expect(db.get(sql`select count(*) as n from staff where facility_id = ${facility.id}`)).toEqual({ n: 2 });
});

test("an XLSX whose one cell holds 5 million characters is refused row by row, and nothing is saved", async () => {
  const db = getDb();
  const { cookie } = await createSignedInUser(db, { role: "director" });
  const bytes = await xlsx([["Họ và tên", "Chức danh"], ["N".repeat(5_000_000), "BS"]]);
  expect(bytes.length).toBeLessThan(200_000);
  const id = batchIdOf(await call(importAction, { request: upload(cookie, bytes, "huge.xlsx") }));
  const preview = await bodyOf(await call(batchLoader, { request: authedRequest(`/imports/${id}`, { cookie }), params: { id } }));
  expect(preview.batch.summary).toMatchObject({ new: 0, refused: 1 });
  expect(preview.rows.rows[0].messages[0]).toMatch(/^imports:staff\.inColumn\|/);
  expect(db.get(sql`select count(*) as n from staff where length(full_name) > 200`)).toEqual({ n: 0 });
});

test("an administrator chooses the facility; a duplicate licence names its holder in the preview", async () => {
  const db = getDb();
  const facility = makeFacility(db);
  const elsewhere = makeFacility(db, { name: "Bệnh viện Bạch Mai" });
  makeStaff(db, { facilityId: elsewhere.id, fullName: "Trần Quốc Bảo", licenceNumber: "001234/BYT-CCHN" });
  const { cookie } = await createSignedInUser(db, { role: "admin" });
  const csv = "Họ và tên,Chức danh,Số CCHN\nTrần Văn Bảo,BS,001234/BYT-CCHN\n";
  const missing = await call(importAction, { request: upload(cookie, csv, "a.csv") });
  expect(missing.status).toBe(400);
  expect((await bodyOf(missing)).fieldErrors.facilityId).toEqual(["common:validation.required"]);
  const id = batchIdOf(await call(importAction, { request: upload(cookie, csv, "a.csv", { facilityId: String(facility.id) }) }));
  const preview = await bodyOf(await call(batchLoader, { request: authedRequest(`/imports/${id}`, { cookie }), params: { id } }));
  expect(preview.rows.rows[0].status).toBe("refused");
  expect(preview.rows.rows[0].messages[0]).toContain("Trần Quốc Bảo");
  expect(preview.rows.rows[0].messages[0]).toContain("Bệnh viện Bạch Mai");
});

test("bad uploads answer 400, 403, 413 or 415, never 500", async () => {
  const db = getDb();
  const director = await createSignedInUser(db, { role: "director" });
  const trainer = await createSignedInUser(db, { role: "trainer" });
  const status = async (request: Request) => (await call(importAction, { request })).status;

  expect(await status(upload(trainer.cookie, "Họ và tên,Chức danh\nA,BS\n", "a.csv"))).toBe(403);
  expect(await status(authedRequest("/staff/import", { cookie: director.cookie, form: { file: "x" } }))).toBe(415);
  expect(await status(authedRequest("/staff/import", { cookie: director.cookie, form: new FormData() }))).toBe(400);
  expect(await status(upload(director.cookie, "%PDF-1.4", "hop-dong.pdf"))).toBe(415);
  expect(await status(upload(director.cookie, Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), "hong.xlsx"))).toBe(400);
  const headers = await call(importAction, { request: upload(director.cookie, "Tên,Tuổi\nA,30\n", "a.csv") });
  expect(headers.status).toBe(400);
  expect((await bodyOf(headers)).fieldErrors.file[0]).toBe("imports:staff.noHeader");
  expect(await status(upload(director.cookie, Buffer.alloc(21 * 1024 * 1024, 0x41), "big.csv"))).toBe(413);
});
