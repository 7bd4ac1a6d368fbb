import { expect, test } from "vitest";
import { getDb } from "~/db/client.server";
import { loader as reportLoader } from "~/routes/reports._index";
import { authedRequest, createSignedInUser, responseOf } from "../helpers/auth";
import { makeFacility, makeProvince } from "../helpers/factories";

const args = (request: Request) => ({ request, params: {}, context: {} });
const get = async (url: string, cookie: string) => responseOf(reportLoader(args(authedRequest(url, { cookie }))));

test("the report carries a map: the provinces for a national report by province, the officer's facilities for a report by facility", async () => {
  const db = getDb();
  const p = makeProvince(db);
  const other = makeProvince(db);
  const centre = makeFacility(db, { provinceCode: p.code, level: "C", name: "TTYT khu vực Bản đồ" });
  makeFacility(db, { provinceCode: p.code, kind: "health_department", level: null });
  makeFacility(db, { provinceCode: other.code, level: "C" });
  const admin = await createSignedInUser(db, { role: "admin" });
  const national = await (await get("/reports?dimension=province", admin.cookie)).json();
  expect(national.map.kind).toBe("provinces");
  expect(national.map.provinces.map((x: { code: string }) => x.code)).toEqual(expect.arrayContaining([p.code, other.code]));

  const department = await createSignedInUser(db, { role: "department", provinceCode: p.code });
  const byFacility = await (await get("/reports?dimension=facility", department.cookie)).json();
  expect(byFacility.map.kind).toBe("facilities");
  expect(byFacility.map.facilities.map((f: { id: number }) => f.id)).toEqual([centre.id]);
  // A department report by province is its one province: no map.
  expect((await (await get("/reports?dimension=province", department.cookie)).json()).map).toBeNull();
});
