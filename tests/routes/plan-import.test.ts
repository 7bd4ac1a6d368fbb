import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { getDb } from "~/db/client.server";
import { transferItems } from "~/db/schema";
import { loader as csvLoader } from "~/routes/agreements.$id.plan[.]csv";
import { loader as xlsxLoader } from "~/routes/agreements.$id.plan[.]xlsx";
import { action as importAction, loader as importLoader } from "~/routes/agreements.$id.plan.import";
import { action as batchAction, loader as batchLoader } from "~/routes/imports.$id";
import { userActor } from "../helpers/actors";
import { makeActiveAgreement, makeSignedInTransferNetwork } from "../helpers/agreements";
import { authedRequest } from "../helpers/auth";
import { makeTechnique } from "../helpers/factories";
import { bodyOf, call } from "../helpers/routes";

function upload(cookie: string, agreementId: number, body: string, fileName = "plan.csv") {
  const form = new FormData();
  form.set("file", new File([body], fileName));
  return authedRequest(`/agreements/${agreementId}/plan/import`, { cookie, form });
}

test("a director exports the plan, imports an edited copy through the preview, and the export reads back the change", async () => {
  const db = getDb();
  const net = await makeSignedInTransferNetwork(db);
  const agreement = makeActiveAgreement(db, userActor(db, "director", net.hub.id, net.province.code), { supporting: [net.hub], receiving: [net.spokeA, net.spokeB] }, { number: `KH-${Math.random().toString(36).slice(2, 7)}` });
  const knee = makeTechnique(db, { name: "Nội soi khớp gối", minLevel: "B" });
  const params = { id: String(agreement.id) };
  expect((await call(importLoader, { request: authedRequest(`/agreements/${agreement.id}/plan/import`, { cookie: net.cookie }), params })).status).toBe(200);

  const csv = `Technique code,Phase,Supporting party,Receiving party,Required supervised cases,Due date\n${knee.code},1,${net.hub.code},${net.spokeA.code},4,15/09/2026\n`;
  const response = await call(importAction, { request: upload(net.cookie, agreement.id, csv), params });
  expect(response.status).toBe(302);
  const id = response.headers.get("Location")!.split("/").pop()!;
  const preview = await bodyOf(await call(batchLoader, { request: authedRequest(`/imports/${id}`, { cookie: net.cookie }), params: { id } }));
  expect(preview.batch).toMatchObject({ kind: "plan", summary: { new: 1 } });
  expect(db.select().from(transferItems).where(eq(transferItems.agreementId, agreement.id)).all()).toHaveLength(0);
  expect((await call(batchAction, { request: authedRequest(`/imports/${id}`, { cookie: net.cookie, form: { intent: "confirm" } }), params: { id } })).status).toBe(302);
  expect(db.select().from(transferItems).where(eq(transferItems.agreementId, agreement.id)).get()).toMatchObject({ techniqueId: knee.id, requiredCases: 4, targetDate: "2026-09-15" });

  const exported = await call(csvLoader, { request: authedRequest(`/agreements/${agreement.id}/plan.csv`, { cookie: net.cookie }), params });
  expect(exported.headers.get("Content-Type")).toContain("text/csv");
  expect(await exported.text()).toContain(`${knee.code},1,${net.hub.code},${net.spokeA.code},4,2026-09-15`);
  const workbook = await call(xlsxLoader, { request: authedRequest(`/agreements/${agreement.id}/plan.xlsx`, { cookie: net.cookie }), params });
  expect(workbook.status).toBe(200);

  // A file without the columns: a message next to the file field, 400, nothing stored.
  const bad = await call(importAction, { request: upload(net.cookie, agreement.id, "a,b\n1,2\n"), params });
  expect(bad.status).toBe(400);
  expect((await bodyOf(bad)).fieldErrors.file).toEqual(["imports:plan.noHeader"]);
  // A director of another hospital: 403 for the import, the export and the page.
  expect((await call(importAction, { request: upload(net.stranger.cookie, agreement.id, csv), params })).status).toBe(403);
  expect((await call(csvLoader, { request: authedRequest(`/agreements/${agreement.id}/plan.csv`, { cookie: net.stranger.cookie }), params })).status).toBe(403);
});
