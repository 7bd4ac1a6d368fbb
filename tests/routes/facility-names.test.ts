// Facility names follow the interface language: the English name for an English reader when
// one is stored, the Vietnamese name otherwise, in a list and on the agreement's print view.
import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { getDb } from "~/db/client.server";
import { facilities } from "~/db/schema";
import { localeCookie } from "~/i18n/locale.server";
import * as printRoute from "~/routes/agreements.$id.print";
import * as listRoute from "~/routes/agreements._index";
import * as facilitiesRoute from "~/routes/facilities._index";
import { makeActiveAgreement, makeSignedInTransferNetwork } from "../helpers/agreements";
import { authedRequest } from "../helpers/auth";
import { bodyOf, call } from "../helpers/routes";

async function setup() {
  const db = getDb();
  const network = await makeSignedInTransferNetwork(db);
  const { hub, spokeA, spokeB, user } = network;
  db.update(facilities).set({ nameEn: "Hub Teaching Hospital" }).where(eq(facilities.id, hub.id)).run();
  db.update(facilities).set({ nameEn: "Spoke A General Hospital" }).where(eq(facilities.id, spokeA.id)).run();
  // spokeB keeps no English name: it shows in Vietnamese in both languages.
  const agreement = makeActiveAgreement(db, { userId: user.id, role: "director", facilityId: hub.id, provinceCode: null }, { supporting: [hub], receiving: [spokeA, spokeB] });
  const lng = async (locale: "vi" | "en") => (await localeCookie.serialize(locale)).split(";")[0];
  const cookieIn = async (locale: "vi" | "en") => `${network.cookie}; ${await lng(locale)}`;
  return { ...network, agreement, cookieIn };
}

test("the agreements list names parties in English for an English reader and in Vietnamese otherwise", async () => {
  const s = await setup();
  const names = async (cookie: string) => {
    const res = await call(listRoute.loader, { request: authedRequest("/agreements", { cookie }) });
    expect(res.status).toBe(200);
    const body = await bodyOf(res);
    const row = body.page.rows.find((r: { id: number }) => r.id === s.agreement.id);
    return { parties: row.parties.map((p: { shortName: string }) => p.shortName).sort(), options: body.options.parties.map((p: { name: string }) => p.name) };
  };
  const en = await names(await s.cookieIn("en"));
  expect(en.parties).toEqual(["Hub Teaching Hospital", "Spoke A General Hospital", s.spokeB.shortName].sort());
  expect(en.options).toContain("Hub Teaching Hospital");
  const vi = await names(await s.cookieIn("vi"));
  expect(vi.parties).toEqual([s.hub.shortName, s.spokeA.shortName, s.spokeB.shortName].sort());
  expect(vi.options).not.toContain("Hub Teaching Hospital");
  // No language cookie: Vietnamese, the default.
  expect((await names(s.cookie)).parties).toEqual(vi.parties);
});

test("the print view and the facility registry follow the language too", async () => {
  const s = await setup();
  const print = async (cookie: string) =>
    bodyOf(await call(printRoute.loader, { request: authedRequest(`/agreements/${s.agreement.id}/print`, { cookie }), params: { id: String(s.agreement.id) } }));
  const en = await print(await s.cookieIn("en"));
  expect(en.detail.owner.name).toBe("Hub Teaching Hospital");
  expect(en.detail.parties.map((p: { name: string }) => p.name).sort()).toEqual(["Hub Teaching Hospital", "Spoke A General Hospital", s.spokeB.name].sort());
  const vi = await print(await s.cookieIn("vi"));
  expect(vi.detail.owner.name).toBe(s.hub.name);

  const registry = async (cookie: string) =>
    (await bodyOf(await call(facilitiesRoute.loader, { request: authedRequest(`/facilities?q=${encodeURIComponent(s.hub.code)}`, { cookie }) }))).result.rows.map(
      (r: { name: string }) => r.name,
    );
  expect(await registry(await s.cookieIn("en"))).toContain("Hub Teaching Hospital");
  expect(await registry(await s.cookieIn("vi"))).toContain(s.hub.name);
});
