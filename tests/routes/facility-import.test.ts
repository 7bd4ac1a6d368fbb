import { sql } from "drizzle-orm";
import { expect, test } from "vitest";
import { getDb } from "~/db/client.server";
import { action as uploadAction, loader as uploadLoader } from "~/routes/facilities.import";
import { action as batchAction, loader as batchLoader } from "~/routes/imports.$id";
import { authedRequest, createSignedInUser } from "../helpers/auth";
import { makeProvince } from "../helpers/factories";
import { bodyOf, call } from "../helpers/routes";

function upload(cookie: string, lines: string[], fields: Record<string, string> = {}) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set("file", new File([["Mã cơ sở,Tên cơ sở,Loại hình,Tuyến,Mã tỉnh", ...lines].join("\n")], "co-so.csv", { type: "text/csv" }));
  return authedRequest("/facilities/import", { cookie, form });
}

test("a department uploads a facility list of its province, previews it and confirms; other provinces' rows are refused", async () => {
  const db = getDb();
  const p = makeProvince(db);
  const other = makeProvince(db);
  const { cookie } = await createSignedInUser(db, { role: "department", provinceCode: p.code });
  expect((await bodyOf(await call(uploadLoader, { request: authedRequest("/facilities/import", { cookie }) }))).fixedProvince).toBe(p.code);
  // The form's province field cannot widen the scope: the department's own province is used.
  const response = await call(uploadAction, {
    request: upload(cookie, [`UP-1,Trạm Y tế xã Một,Trạm Y tế xã,D,`, `UP-2,Trạm Y tế xã Hai,Trạm Y tế xã,D,${other.code}`], { provinceCode: other.code }),
  });
  expect(response.status).toBe(302);
  const location = response.headers.get("Location")!;
  const id = location.split("/").pop()!;
  const preview = await bodyOf(await call(batchLoader, { request: authedRequest(location, { cookie }), params: { id } }));
  expect(preview.batch.summary).toMatchObject({ new: 1, refused: 1 });
  expect(db.get(sql`select count(*) as n from facilities where code like 'UP-%'`)).toEqual({ n: 0 });
  const confirm = await call(batchAction, { request: authedRequest(location, { cookie, form: { intent: "confirm" } }), params: { id } });
  expect(confirm.status).toBeLessThan(400);
  expect(db.get(sql`select province_code as provinceCode from facilities where code = 'UP-1'`)).toEqual({ provinceCode: p.code });
});

test("a file without the facility columns is a 400 with the reason; a director may not import facilities", async () => {
  const db = getDb();
  const { cookie } = await createSignedInUser(db, { role: "department" });
  const form = new FormData();
  form.set("file", new File(["a,b\n1,2"], "x.csv", { type: "text/csv" }));
  const bad = await call(uploadAction, { request: authedRequest("/facilities/import", { cookie, form }) });
  expect(bad.status).toBe(400);
  expect((await bodyOf(bad)).fieldErrors.file[0]).toMatch(/^imports:errors.unrecognisedHeaders/);
  const { cookie: director } = await createSignedInUser(db, { role: "director" });
  expect((await call(uploadLoader, { request: authedRequest("/facilities/import", { cookie: director }) })).status).toBe(403);
});
