import { sql } from "drizzle-orm";
import { expect, test } from "vitest";
import { getDb } from "~/db/client.server";
import { action, loader } from "~/routes/admin.catalogue";
import { authedRequest, createSignedInUser } from "../helpers/auth";
import { thrown } from "../helpers/routes";

const CSV = [
  "Mã kỹ thuật,Tên kỹ thuật,Chương,Phân tuyến,Mã tương đương",
  "10.929,Phẫu thuật thay toàn bộ khớp háng,X. NGOẠI KHOA,B,10.0929.0559",
  "10.930,,X. NGOẠI KHOA,B,10.0930.0559",
].join("\n");

function upload(cookie: string, text: string, fileName = "danh-muc.csv") {
  const form = new FormData();
  form.set("file", new File([text], fileName, { type: "text/csv" }));
  return authedRequest("/admin/catalogue", { cookie, form });
}

test("an administrator uploads a sheet and gets the per-row report; the counts follow", async () => {
  const db = getDb();
  const { cookie } = await createSignedInUser(db, { role: "admin" });
  const response = await action({ request: upload(cookie, CSV), params: {}, context: {} });
  expect(response.status).toBe(200);
  const body = await response.json();
  expect(body).toMatchObject({
    ok: true,
    report: { format: "plain", rowsRead: 2, rowsImported: 1, rowsSkipped: 1, techniques: { created: 1 } },
    issues: [{ row: 3, code: "10.930", key: "imports:catalogue.emptyName" }],
    issueCount: 1,
  });
  const page = await (await loader({ request: authedRequest("/admin/catalogue", { cookie }), params: {}, context: {} })).json();
  expect(page.counts).toMatchObject({ techniques: 1, billingCodes: 1 });
  expect(db.get(sql`select count(*) as n from audit_events where entity_type = 'catalogue_import'`)).toEqual({ n: 1 });
});

test("a file with unrecognised headers answers 400 with the reason and imports nothing", async () => {
  const db = getDb();
  const { cookie } = await createSignedInUser(db, { role: "admin" });
  const before = db.get(sql`select count(*) as n from techniques`);
  const response = await action({ request: upload(cookie, "a,b\n1,2\n"), params: {}, context: {} });
  expect(response.status).toBe(400);
  expect(((await response.json()) as { error?: string }).error).toMatch(/^imports:errors\.unrecognisedHeaders\|/);
  expect(db.get(sql`select count(*) as n from techniques`)).toEqual(before);
});

test("a director may neither see the page nor import", async () => {
  const db = getDb();
  const { cookie } = await createSignedInUser(db, { role: "director" });
  expect((await thrown(loader({ request: authedRequest("/admin/catalogue", { cookie }), params: {}, context: {} }))).status).toBe(403);
  expect((await thrown(action({ request: upload(cookie, CSV), params: {}, context: {} }))).status).toBe(403);
});

test("an upload from another site is refused", async () => {
  const db = getDb();
  const { cookie } = await createSignedInUser(db, { role: "admin" });
  const form = new FormData();
  form.set("file", new File([CSV], "x.csv"));
  const request = authedRequest("/admin/catalogue", { cookie, form, origin: "https://evil.example" });
  expect((await thrown(action({ request, params: {}, context: {} }))).status).toBe(403);
});
