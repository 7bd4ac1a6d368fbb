import { expect, test } from "vitest";
import { getDb } from "~/db/client.server";
import { loader as listLoader } from "~/routes/facilities._index";
import { loader as detailLoader } from "~/routes/facilities.$id";
import { foldSearch } from "~/utils/search";
import { authedRequest, createSignedInUser } from "../helpers/auth";
import { makeFacility, makeLedgerEvent, makeProvince, makeTechnique } from "../helpers/factories";
import { thrown } from "../helpers/routes";

test("a signed-in user filters facilities by province and searches without diacritics", async () => {
  const db = getDb();
  const { cookie } = await createSignedInUser(db, { role: "department" });
  const laoCai = makeProvince(db, { code: "15", name: "Lào Cai" });
  const name = "Bệnh viện Đa khoa tỉnh Lào Cai số 1";
  makeFacility(db, { name, searchText: foldSearch(name), provinceCode: laoCai.code });
  makeFacility(db, { name: "Bệnh viện Bạch Mai", searchText: foldSearch("Bệnh viện Bạch Mai"), level: "A" });

  const response = await listLoader({
    request: authedRequest("/facilities?province=15&q=da+khoa+lao+cai", { cookie }),
    params: {},
    context: {},
  });
  const data = await response.json();

  expect(data.result.rows.map((r: { name: string }) => r.name)).toEqual([name]);
  expect(data.result.total).toBe(1);
  expect(data.provinces.map((p: { code: string }) => p.code)).toContain("15");
});

test("a signed-out visitor of the facility list is sent to the sign-in page", async () => {
  const response = await thrown(listLoader({ request: new Request("http://localhost/facilities"), params: {}, context: {} }));
  expect(response.status).toBe(302);
  expect(response.headers.get("Location")).toMatch(/^\/login/);
});

test("the facility page shows its network and the techniques it performs, cross-level ones counted", async () => {
  const db = getDb();
  const { cookie } = await createSignedInUser(db, { role: "viewer" });
  const upper = makeFacility(db, { name: "Bệnh viện Bạch Mai", level: "A" });
  const facility = makeFacility(db, { name: "BV Đa khoa tỉnh số 2", level: "B", directedById: upper.id });
  makeFacility(db, { name: "TTYT khu vực Bảo Thắng", level: "C", directedById: facility.id });
  const cross = makeTechnique(db, { chapterNumber: 10, number: 2001, minLevel: "A", name: "Ghép thận" });
  const own = makeTechnique(db, { chapterNumber: 10, number: 2002, minLevel: "B", name: "Nội soi khớp gối" });
  for (const t of [cross, own]) {
    makeLedgerEvent(db, { facilityId: facility.id, techniqueId: t.id, kind: "started", eventOn: "2024-02-29" });
  }

  const response = await detailLoader({
    request: authedRequest(`/facilities/${facility.id}?q=ghep`, { cookie }),
    params: { id: String(facility.id) },
    context: {},
  });
  const data = await response.json();

  expect(data.facility.network.directedBy?.name).toBe("Bệnh viện Bạch Mai");
  expect(data.facility.network.directs.map((d: { name: string }) => d.name)).toEqual(["TTYT khu vực Bảo Thắng"]);
  expect(data.techniques.rows.map((r: { name: string; crossLevel: boolean }) => [r.name, r.crossLevel])).toEqual([
    ["Ghép thận", true],
  ]);
  expect(data.techniques.performedTotal).toBe(2);
  expect(data.techniques.crossLevelTotal).toBe(1);
});

test("an unknown or non-numeric facility id answers 404", async () => {
  const db = getDb();
  const { cookie } = await createSignedInUser(db, { role: "viewer" });
  for (const id of ["999999", "abc", "1.5", "-3"]) {
    const response = await thrown(
      detailLoader({ request: authedRequest(`/facilities/${id}`, { cookie }), params: { id }, context: {} }),
    );
    expect(response.status, id).toBe(404);
  }
});

test("a signed-out visitor of a facility page is sent to the sign-in page", async () => {
  const facility = makeFacility(getDb());
  const response = await thrown(
    detailLoader({ request: new Request(`http://localhost/facilities/${facility.id}`), params: { id: String(facility.id) }, context: {} }),
  );
  expect(response.status).toBe(302);
  expect(response.headers.get("Location")).toMatch(/^\/login/);
});
