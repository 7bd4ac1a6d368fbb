import { sql } from "drizzle-orm";
import { expect, test } from "vitest";
import { getDb } from "~/db/client.server";
import { communes } from "~/db/schema";
import { action as newAction, loader as newLoader } from "~/routes/facilities.new";
import { action as editAction, loader as editLoader } from "~/routes/facilities.$id_.edit";
import { action as reclassifyAction } from "~/routes/facilities.$id_.reclassify";
import { action as batchAction, loader as batchLoader } from "~/routes/facilities.reclassify";
import { loader as detailLoader } from "~/routes/facilities.$id";
import { authedRequest, createSignedInUser } from "../helpers/auth";
import { makeFacility, makeProvince } from "../helpers/factories";
import { bodyOf, call } from "../helpers/routes";

function commune(code: string, provinceCode: string) {
  getDb()
    .insert(communes)
    .values({ code, name: `Xã ${code}`, nameEn: `Commune ${code}`, fullName: `Xã ${code}`, fullNameEn: `Commune ${code}`, provinceCode, unitType: "Commune" })
    .run();
  return code;
}

const station = { name: "Trạm Y tế xã Bảo Hà", shortName: "TYT Bảo Hà", kind: "commune_station", level: "D", grade: "none", ownership: "public", beds: "5" };

async function department() {
  const db = getDb();
  const province = makeProvince(db);
  const { cookie } = await createSignedInUser(db, { role: "department", provinceCode: province.code });
  return { db, province, cookie };
}

function fieldErrors(body: { result: { error?: Record<string, string[]> } }) {
  return body.result.error ?? {};
}

test("a department officer creates a facility of its province and lands on its page", async () => {
  const { province, cookie } = await department();
  const form = await call(newLoader, { request: authedRequest("/facilities/new", { cookie }) });
  expect((await bodyOf(form)).fixedProvince).toBe(province.code);
  const c = commune("91001", province.code);
  const response = await call(newAction, {
    request: authedRequest("/facilities/new", { cookie, form: { ...station, code: "R-TYT-1", provinceCode: province.code, communeCode: c, competence: "initial", openedOn: "2010-01-01" } }),
  });
  expect(response.status).toBe(302);
  const id = response.headers.get("Location")!.split("/").pop()!;
  const detail = await bodyOf(await call(detailLoader, { request: authedRequest(`/facilities/${id}`, { cookie }), params: { id } }));
  expect(detail.facility).toMatchObject({ code: "R-TYT-1", level: "D", competence: "initial", communeCode: c });
  expect(detail.canManage).toBe(true);
});

test("bad registrations answer with the message next to the field and the right status", async () => {
  const { province, cookie } = await department();
  const other = makeProvince(getDb());
  makeFacility(getDb(), { code: "R-TAKEN", provinceCode: province.code });
  const post = (form: Record<string, string>) =>
    call(newAction, { request: authedRequest("/facilities/new", { cookie, form: { ...station, code: "R-NEW", provinceCode: province.code, ...form } }) });

  const taken = await post({ code: "R-TAKEN" });
  expect(taken.status).toBe(409);
  expect(fieldErrors(await bodyOf(taken)).code).toEqual(['facilities:errors.codeTaken|{"code":"R-TAKEN"}']);

  const outside = await post({ communeCode: commune("91002", other.code) });
  expect(outside.status).toBe(400);
  expect(fieldErrors(await bodyOf(outside)).communeCode).toEqual(['facilities:errors.communeOutsideProvince|{"code":"91002"}']);

  const closed = await post({ openedOn: "2020-01-02", closedOn: "2020-01-01" });
  expect(closed.status).toBe(400);
  expect(fieldErrors(await bodyOf(closed)).closedOn).toEqual(["facilities:errors.closedBeforeOpened"]);

  const nonCare = await post({ kind: "health_department", level: "B" });
  expect(nonCare.status).toBe(400);
  expect(fieldErrors(await bodyOf(nonCare)).level).toEqual(["facilities:errors.nonCareLevel"]);

  const elsewhere = await post({ provinceCode: other.code });
  expect(elsewhere.status).toBe(403);
  expect(getDb().get(sql`select count(*) as n from facilities where code = 'R-NEW'`)).toEqual({ n: 0 });
});

test("a department officer cannot open or post the edit form of another province's facility (403)", async () => {
  const { cookie } = await department();
  const elsewhere = makeFacility(getDb());
  const params = { id: String(elsewhere.id) };
  expect((await call(editLoader, { request: authedRequest(`/facilities/${elsewhere.id}/edit`, { cookie }), params })).status).toBe(403);
  const post = await call(editAction, {
    request: authedRequest(`/facilities/${elsewhere.id}/edit`, { cookie, form: { ...station, code: elsewhere.code, provinceCode: elsewhere.provinceCode!, version: String(elsewhere.version) } }),
    params,
  });
  expect(post.status).toBe(403);
  // A director has no facility registry at all.
  const { cookie: director } = await createSignedInUser(getDb(), { role: "director" });
  expect((await call(newLoader, { request: authedRequest("/facilities/new", { cookie: director }) })).status).toBe(403);
});

test("a stale edit form is a 409 that overwrites nothing; deactivation goes through the same page", async () => {
  const { province, cookie } = await department();
  const f = makeFacility(getDb(), { provinceCode: province.code, kind: "commune_station", level: "D" });
  const params = { id: String(f.id) };
  const form = { ...station, code: f.code, provinceCode: province.code, version: String(f.version) };
  const saved = await call(editAction, { request: authedRequest(`/facilities/${f.id}/edit`, { cookie, form: { ...form, beds: "7" } }), params });
  expect(saved.status).toBe(302);
  const stale = await call(editAction, { request: authedRequest(`/facilities/${f.id}/edit`, { cookie, form: { ...form, beds: "9" } }), params });
  expect(stale.status).toBe(409);
  expect((await bodyOf(stale)).stale.changedFields).toContain("beds");
  const off = await call(editAction, { request: authedRequest(`/facilities/${f.id}/edit`, { cookie, form: { intent: "deactivate", version: String(f.version + 1) } }), params });
  expect(off.status).toBe(302);
  expect(getDb().get(sql`select beds, active from facilities where id = ${f.id}`)).toEqual({ beds: 7, active: 0 });
});

test("a reclassification dated before the facility opened is refused next to the date", async () => {
  const { province, cookie } = await department();
  const f = makeFacility(getDb(), { provinceCode: province.code, kind: "regional_centre", level: "C", openedOn: "2010-05-01" });
  const params = { id: String(f.id) };
  const post = (form: Record<string, string>) =>
    call(reclassifyAction, { request: authedRequest(`/facilities/${f.id}/reclassify`, { cookie, form: { decisionNumber: "12/QĐ-UBND", ...form } }), params });
  const early = await post({ competence: "basic", validFrom: "2010-04-30" });
  expect(early.status).toBe(400);
  expect(fieldErrors(await bodyOf(early)).validFrom).toEqual(['facilities:errors.beforeOpening|{"openedOn":"2010-05-01","name":"' + f.name + '"}']);
  const nothing = await post({ validFrom: "2025-07-01" });
  expect(nothing.status).toBe(400);
  expect(fieldErrors(await bodyOf(nothing)).level).toEqual(["facilities:errors.nothingToChange"]);
  const ok = await post({ competence: "basic", level: "B", validFrom: "2025-07-01" });
  expect(ok.status).toBe(302);
  expect(getDb().get(sql`select level, competence from facilities where id = ${f.id}`)).toEqual({ level: "B", competence: "basic" });
});

test("the batch form lists the province's care facilities and records one decision for the chosen ones", async () => {
  const { province, cookie } = await department();
  const a = makeFacility(getDb(), { provinceCode: province.code, kind: "commune_station", level: "D" });
  const b = makeFacility(getDb(), { provinceCode: province.code, kind: "commune_station", level: "D", openedOn: "2026-01-01" });
  makeFacility(getDb(), { provinceCode: province.code, kind: "health_department", level: null });
  const elsewhere = makeFacility(getDb());
  const page = await bodyOf(await call(batchLoader, { request: authedRequest("/facilities/reclassify", { cookie }) }));
  expect(page.facilities.map((f: { id: number }) => f.id)).toEqual([a.id, b.id]);

  const post = (ids: number[]) =>
    call(batchAction, {
      request: authedRequest("/facilities/reclassify", { cookie, form: { facilityIds: ids, competence: "initial", validFrom: "2025-07-01", decisionNumber: "2345/QĐ-UBND" } }),
    });
  const refused = await post([a.id, b.id]);
  expect(refused.status).toBe(400);
  expect(fieldErrors(await bodyOf(refused)).facilityIds?.[0]).toMatch(/^facilities:errors.batch.beforeOpening/);
  expect((await post([a.id, elsewhere.id])).status).toBe(403);
  expect(getDb().get(sql`select count(*) as n from facility_competence_levels where facility_id in (${a.id}, ${b.id})`)).toEqual({ n: 0 });
  const done = await post([a.id]);
  expect(done.status).toBe(200);
  expect((await bodyOf(done)).done).toEqual({ count: 1, decision: "2345/QĐ-UBND" });
});
