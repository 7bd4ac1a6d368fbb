import { expect, test } from "vitest";
import { getDb } from "~/db/client.server";
import { techniqueBillingCodes } from "~/db/schema";
import { loader as listLoader } from "~/routes/techniques._index";
import { loader as detailLoader } from "~/routes/techniques.$code";
import { authedRequest, createSignedInUser } from "../helpers/auth";
import { makeFacility, makeLedgerEvent, makeTechnique } from "../helpers/factories";
import { thrown } from "../helpers/routes";

test("a signed-in user searches the catalogue without diacritics through the query string", async () => {
  const db = getDb();
  const { cookie } = await createSignedInUser(db, { role: "viewer" });
  makeTechnique(db, { chapterNumber: 10, number: 929, name: "Phẫu thuật thay toàn bộ khớp háng", procedureClass: "PDB" });
  makeTechnique(db, { chapterNumber: 10, number: 930, name: "Phẫu thuật thay khớp háng bán phần", minLevel: "B" });
  makeTechnique(db, { chapterNumber: 10, number: 931, name: "Nội soi khớp gối" });

  const response = await listLoader({
    request: authedRequest("/techniques?q=thay+khop+hang&level=&cls=PDB", { cookie }),
    params: {},
    context: {},
  });
  const data = await response.json();

  expect(response.status).toBe(200);
  expect(data.filters).toEqual({ q: "thay khop hang", cls: "PDB" });
  expect(data.result.rows.map((r: { code: string }) => r.code)).toEqual(["10.929"]);

  const all = await (
    await listLoader({ request: authedRequest("/techniques?q=thay+khop+hang", { cookie }), params: {}, context: {} })
  ).json();
  expect(all.result.rows.map((r: { name: string }) => r.name)).toEqual([
    "Phẫu thuật thay toàn bộ khớp háng",
    "Phẫu thuật thay khớp háng bán phần",
  ]);
  expect(all.chapters.map((c: { number: number }) => c.number)).toContain(10);
});

test("a signed-out visitor of the catalogue is sent to the sign-in page", async () => {
  const response = await thrown(listLoader({ request: new Request("http://localhost/techniques?q=x"), params: {}, context: {} }));
  expect(response.status).toBe(302);
  expect(response.headers.get("Location")).toMatch(/^\/login/);
});

test("the technique page shows billing codes and the facilities performing it", async () => {
  const db = getDb();
  const { cookie } = await createSignedInUser(db, { role: "director" });
  const technique = makeTechnique(db, { chapterNumber: 10, number: 367, name: "Phẫu thuật nội soi khớp gối" });
  db.insert(techniqueBillingCodes)
    .values({ techniqueId: technique.id, code: "10.0367.0541", techniqueName: technique.name, priceVnd: 3_208_000 })
    .run();
  const performer = makeFacility(db, { name: "Bệnh viện Đa khoa tỉnh Lào Cai", level: "B" });
  const stopped = makeFacility(db, { name: "BV đã dừng", level: "C" });
  for (const event of [
    { facilityId: performer.id, techniqueId: technique.id, kind: "started", eventOn: "2022-03-15" },
    { facilityId: stopped.id, techniqueId: technique.id, kind: "started", eventOn: "2021-01-01" },
    { facilityId: stopped.id, techniqueId: technique.id, kind: "suspended", eventOn: "2023-01-01" },
  ] as const)
    makeLedgerEvent(db, event);

  const response = await detailLoader({
    request: authedRequest(`/techniques/${encodeURIComponent("10.367")}`, { cookie }),
    params: { code: "10.367" },
    context: {},
  });
  const data = await response.json();

  expect(data.technique.name).toBe("Phẫu thuật nội soi khớp gối");
  expect(data.technique.billingCodes.map((b: { code: string }) => b.code)).toEqual(["10.0367.0541"]);
  expect(data.performers.rows.map((f: { name: string }) => f.name)).toEqual(["Bệnh viện Đa khoa tỉnh Lào Cai"]);
  expect(data.performers.byLevel).toEqual({ A: 0, B: 1, C: 0, D: 0 });
});

test("an unknown technique code answers 404", async () => {
  const db = getDb();
  const { cookie } = await createSignedInUser(db, { role: "viewer" });
  const response = await thrown(
    detailLoader({ request: authedRequest("/techniques/99.999", { cookie }), params: { code: "99.999" }, context: {} }),
  );
  expect(response.status).toBe(404);
});

test("a signed-out visitor of a technique page is sent to the sign-in page", async () => {
  makeTechnique(getDb(), { chapterNumber: 10, number: 5000 });
  const response = await thrown(
    detailLoader({ request: new Request("http://localhost/techniques/10.5000"), params: { code: "10.5000" }, context: {} }),
  );
  expect(response.status).toBe(302);
  expect(response.headers.get("Location")).toMatch(/^\/login/);
});
