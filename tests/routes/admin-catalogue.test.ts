import { sql } from "drizzle-orm";
import { expect, test } from "vitest";
import { getDb } from "~/db/client.server";
import { action, loader } from "~/routes/admin.catalogue";
import { action as batchAction, loader as batchLoader } from "~/routes/imports.$id";
import { loader as reportCsv } from "~/routes/imports.$id.report[.]csv";
import { loader as reportXlsx } from "~/routes/imports.$id.report[.]xlsx";
import { authedRequest, createSignedInUser } from "../helpers/auth";
import { bodyOf, call, thrown } from "../helpers/routes";

const CSV = [
  "Mã kỹ thuật,Tên kỹ thuật,Chương,Phân tuyến,Mã tương đương",
  "10.929,Phẫu thuật thay toàn bộ khớp háng,X. NGOẠI KHOA,B,10.0929.0559",
  "10.930,,X. NGOẠI KHOA,B,10.0930.0559",
].join("\n");

const EDITION = { editionCode: "qd7603", editionName: "QĐ 7603/QĐ-BYT", effectiveFrom: "2018-12-25", complete: "on" };

function upload(cookie: string, text: string, fields: Record<string, string> = EDITION, fileName = "danh-muc.csv") {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set("file", new File([text], fileName, { type: "text/csv" }));
  return authedRequest("/admin/catalogue", { cookie, form });
}

test("an administrator uploads a sheet, sees its preview with every row's verdict, confirms, and the counts follow", async () => {
  const db = getDb();
  const { cookie } = await createSignedInUser(db, { role: "admin" });
  const before = db.get<{ n: number }>(sql`select count(*) as n from techniques`)!.n;
  const response = await call(action, { request: upload(cookie, CSV) });
  expect(response.status).toBe(302);
  const location = response.headers.get("Location")!;
  const id = location.split("/").pop()!;
  expect(location).toBe(`/imports/${id}`);
  // Nothing written yet.
  expect(db.get<{ n: number }>(sql`select count(*) as n from techniques`)!.n).toBe(before);
  const preview = await bodyOf(await call(batchLoader, { request: authedRequest(location, { cookie }), params: { id } }));
  expect(preview.batch).toMatchObject({ kind: "catalogue", status: "preview", fileName: "danh-muc.csv" });
  expect(preview.batch.summary).toMatchObject({ new: 1, refused: 1 });
  expect(preview.rows.rows).toEqual([
    expect.objectContaining({ rowNumber: 2, status: "new", key: "10.929" }),
    expect.objectContaining({ rowNumber: 3, status: "refused", key: "10.930", messages: ["imports:catalogue.emptyName"] }),
  ]);
  const csvReport = await call(reportCsv, { request: authedRequest(`${location}/report.csv`, { cookie }), params: { id } });
  expect(csvReport.headers.get("Content-Type")).toContain("text/csv");
  expect(await csvReport.text()).toContain("Thiếu tên kỹ thuật.");
  const xlsxReport = await call(reportXlsx, { request: authedRequest(`${location}/report.xlsx`, { cookie }), params: { id } });
  expect(xlsxReport.status).toBe(200);

  const confirmed = await call(batchAction, { request: authedRequest(location, { cookie, form: { intent: "confirm" } }), params: { id } });
  expect(confirmed.status).toBe(302);
  expect(db.get<{ n: number }>(sql`select count(*) as n from techniques`)!.n).toBe(before + 1);
  const page = await bodyOf(await call(loader, { request: authedRequest("/admin/catalogue", { cookie }) }));
  expect(page.editions).toEqual([expect.objectContaining({ code: "qd7603", hasLevels: true })]);
  expect(db.get(sql`select count(*) as n from audit_events where entity_type = 'import_catalogue' and entity_id = ${id}`)).toEqual({ n: 1 });
  // A second confirmation is a conflict, not a second write.
  const again = await call(batchAction, { request: authedRequest(location, { cookie, form: { intent: "confirm" } }), params: { id } });
  expect(again.status).toBe(409);
});

test("a file with unrecognised headers answers 400 next to the file field and stores nothing", async () => {
  const db = getDb();
  const { cookie } = await createSignedInUser(db, { role: "admin" });
  const batches = db.get(sql`select count(*) as n from import_batches`);
  const response = await call(action, { request: upload(cookie, "a,b\n1,2\n") });
  expect(response.status).toBe(400);
  expect((await bodyOf(response)).fieldErrors.file[0]).toMatch(/^imports:errors\.unrecognisedHeaders\|/);
  expect(db.get(sql`select count(*) as n from import_batches`)).toEqual(batches);
});

test("a missing edition date or a bad edition code answers 400 next to its field", async () => {
  const db = getDb();
  const { cookie } = await createSignedInUser(db, { role: "admin" });
  const response = await call(action, { request: upload(cookie, CSV, { editionCode: "TT 23!", editionName: "x", effectiveFrom: "2024-02-30" }) });
  expect(response.status).toBe(400);
  const { fieldErrors } = await bodyOf(response);
  expect(fieldErrors.editionCode).toEqual(["imports:catalogue.badEditionCode"]);
  expect(fieldErrors.effectiveFrom).toEqual(["common:validation.invalidDate"]);
});

test("a body that is not a file upload answers 415", async () => {
  const db = getDb();
  const { cookie } = await createSignedInUser(db, { role: "admin" });
  const request = authedRequest("/admin/catalogue", { cookie, method: "POST", headers: { "Content-Type": "application/json" }, form: undefined });
  const response = await call(action, { request });
  expect(response.status).toBe(415);
});

test("a director may neither see the page nor import, nor open an administrator's preview", async () => {
  const db = getDb();
  const admin = await createSignedInUser(db, { role: "admin" });
  const response = await call(action, { request: upload(admin.cookie, CSV) });
  const id = response.headers.get("Location")!.split("/").pop()!;
  const { cookie } = await createSignedInUser(db, { role: "director" });
  expect((await thrown(loader({ request: authedRequest("/admin/catalogue", { cookie }), params: {}, context: {} }))).status).toBe(403);
  expect((await thrown(action({ request: upload(cookie, CSV), params: {}, context: {} }))).status).toBe(403);
  expect((await call(batchLoader, { request: authedRequest(`/imports/${id}`, { cookie }), params: { id } })).status).toBe(404);
  expect((await call(batchAction, { request: authedRequest(`/imports/${id}`, { cookie, form: { intent: "confirm" } }), params: { id } })).status).toBe(404);
});

test("an upload from another site is refused", async () => {
  const db = getDb();
  const { cookie } = await createSignedInUser(db, { role: "admin" });
  const form = new FormData();
  form.set("file", new File([CSV], "x.csv"));
  const request = authedRequest("/admin/catalogue", { cookie, form, origin: "https://evil.example" });
  expect((await thrown(action({ request, params: {}, context: {} }))).status).toBe(403);
});
