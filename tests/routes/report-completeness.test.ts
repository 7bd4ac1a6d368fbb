import { expect, test } from "vitest";
import { getDb } from "~/db/client.server";
import { loader as completenessLoader } from "~/routes/reports.completeness";
import { authedRequest, createSignedInUser, responseOf } from "../helpers/auth";
import { makeFacility, makeProvince } from "../helpers/factories";

const args = (request: Request) => ({ request, params: {}, context: {} });
const get = async (url: string, cookie: string) => responseOf(completenessLoader(args(authedRequest(url, { cookie }))));

test("the completeness page lists the officer's province; another province is 403; a reversed period is 400 with a message", async () => {
  const db = getDb();
  const p = makeProvince(db);
  const other = makeProvince(db);
  makeFacility(db, { provinceCode: p.code, level: "C", name: "TTYT khu vực Một" });
  const department = await createSignedInUser(db, { role: "department", provinceCode: p.code });
  const ok = await get("/reports/completeness?page=99999999999&sort=nonsense", department.cookie);
  expect(ok.status).toBe(200);
  const { result, params } = await ok.json();
  expect(params.sort).toBe("stale");
  expect(result.counts).toEqual({ facilities: 1, updated: 0, missing: 1 });
  expect(result.page.rows[0]).toMatchObject({ name: "TTYT khu vực Một", lastUpdate: null });
  expect((await get(`/reports/completeness?province=${other.code}`, department.cookie)).status).toBe(403);
  const reversed = await get("/reports/completeness?from=2026-03-01&to=2026-02-01", department.cookie);
  expect(reversed.status).toBe(400);
  expect((await reversed.json()).error).toContain("reports:errors.periodReversed");
});

test("a hospital director has no province view", async () => {
  const db = getDb();
  const p = makeProvince(db);
  const f = makeFacility(db, { provinceCode: p.code, level: "B" });
  const director = await createSignedInUser(db, { role: "director", facilityId: f.id });
  expect((await get("/reports/completeness", director.cookie)).status).toBe(403);
});
