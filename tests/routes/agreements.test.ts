import ExcelJS from "exceljs";
import { expect, test } from "vitest";
import { getDb } from "~/db/client.server";
import { listFacilityTechniques } from "~/models/adoption/facility-techniques.server";
import * as detailRoute from "~/routes/agreements.$id._index";
import * as documentRoute from "~/routes/agreements.$id.documents.new";
import * as editRoute from "~/routes/agreements.$id.edit";
import * as meetingRoute from "~/routes/agreements.$id.meetings.new";
import * as downloadRoute from "~/routes/agreements.$id.documents.$documentId";
import * as exportRoute from "~/routes/agreements.$id.export";
import * as itemRoute from "~/routes/agreements.$id.items.$itemId";
import * as newItemRoute from "~/routes/agreements.$id.items.new";
import * as printRoute from "~/routes/agreements.$id.print";
import * as listRoute from "~/routes/agreements._index";
import * as newRoute from "~/routes/agreements.new";
import * as directorRoute from "~/routes/director";
import * as networkRoute from "~/routes/network._index";
import { makeSignedInTransferNetwork } from "../helpers/agreements";
import { authedRequest } from "../helpers/auth";
import { makeFacility, makeStaff, makeTechnique } from "../helpers/factories";
import { call, useTemporaryUploadsDir } from "../helpers/routes";

useTemporaryUploadsDir("h4-uploads-");

async function setup() {
  const db = getDb();
  const { province, hub, spokeA, spokeB, cookie, user, stranger } = await makeSignedInTransferNetwork(db);
  const technique = makeTechnique(db, { minLevel: "B" });
  const form = (overrides: Record<string, string> = {}) => ({
    number: `HĐ-${Math.random().toString(36).slice(2, 7)}`,
    title: "Hợp tác chuyển giao kỹ thuật",
    type: "technique_transfer",
    signedOn: "2026-01-10",
    startOn: "2026-01-15",
    endOn: "2027-01-14",
    minRotationMonths: "3",
    "parties[0].facilityCode": hub.code,
    "parties[0].role": "supporting",
    "parties[1].facilityCode": spokeA.code,
    "parties[1].role": "receiving",
    "parties[2].facilityCode": spokeB.code,
    "parties[2].role": "receiving",
    ...overrides,
  });
  async function create(overrides: Record<string, string> = {}) {
    const res = await call(newRoute.action, { request: authedRequest("/agreements/new", { cookie, form: form(overrides) }) });
    expect(res.status).toBe(302);
    return Number(res.headers.get("Location")!.split("/").pop());
  }
  return { db, province, hub, spokeA, spokeB, cookie, user, stranger, technique, form, create };
}

test("signed-out visitors are sent to the sign-in page", async () => {
  const res = await call(listRoute.loader, { request: authedRequest("/agreements") });
  expect(res.status).toBe(302);
  expect(res.headers.get("Location")).toContain("/login");
});

test("creating an agreement saves the session's facility as owner whatever the form says, and lists it", async () => {
  const s = await setup();
  const id = await s.create({ ownerFacilityCode: s.spokeA.code });
  const detail = await (await call(detailRoute.loader, { request: authedRequest(`/agreements/${id}`, { cookie: s.cookie }), params: { id: String(id) } })).json();
  expect(detail.detail.owner.id).toBe(s.hub.id);
  const list = await (await call(listRoute.loader, { request: authedRequest("/agreements?status=draft", { cookie: s.cookie }) })).json();
  expect(list.page.rows.map((r: { id: number }) => r.id)).toContain(id);
});

test("bad agreement input answers 400 with the message next to the field", async () => {
  const s = await setup();
  const endBefore = await call(newRoute.action, { request: authedRequest("/agreements/new", { cookie: s.cookie, form: s.form({ endOn: "2026-01-01" }) }) });
  expect(endBefore.status).toBe(400);
  expect((await endBefore.json()).result.error.endOn).toEqual(["common:validation.endBeforeStart"]);
  const noRole = await call(newRoute.action, { request: authedRequest("/agreements/new", { cookie: s.cookie, form: s.form({ "parties[1].role": "" }) }) });
  expect(noRole.status).toBe(400);
  expect((await noRole.json()).result.error["parties[1].role"]).toEqual(["agreements:errors.partyRoleMissing"]);
});

test("another hospital's agreement is 403, an unknown id 404, and a stale edit 409", async () => {
  const s = await setup();
  const id = await s.create();
  const other = await call(detailRoute.loader, { request: authedRequest(`/agreements/${id}`, { cookie: s.stranger.cookie }), params: { id: String(id) } });
  expect(other.status).toBe(403);
  const unknown = await call(detailRoute.loader, { request: authedRequest(`/agreements/99999`, { cookie: s.cookie }), params: { id: "99999" } });
  expect(unknown.status).toBe(404);
  const edit = (title: string) =>
    call(editRoute.action, { request: authedRequest(`/agreements/${id}/edit`, { cookie: s.cookie, form: { ...s.form({ title }), version: "1" } }), params: { id: String(id) } });
  expect((await edit("Lần một")).status).toBe(302);
  const stale = await edit("Lần hai");
  expect(stale.status).toBe(409);
  expect((await stale.json()).stale.changedFields).toContain("title");
  const crossSite = await call(editRoute.action, {
    request: authedRequest(`/agreements/${id}/edit`, { cookie: s.cookie, form: { ...s.form(), version: "2" }, origin: "https://evil.example" }),
    params: { id: String(id) },
  });
  expect(crossSite.status).toBe(403);
});

test("the plan: unknown technique 400, skipped gate 409, early independence 409, acceptance reaches the facility's list", async () => {
  const s = await setup();
  const id = await s.create();
  await call(detailRoute.action, { request: authedRequest(`/agreements/${id}`, { cookie: s.cookie, form: { intent: "status", toStatus: "active", version: "1" } }), params: { id: String(id) } });
  const addItem = (techniqueCode: string) =>
    call(newItemRoute.action, {
      request: authedRequest(`/agreements/${id}/items/new`, {
        cookie: s.cookie,
        form: { techniqueCode, fromFacilityId: String(s.hub.id), toFacilityId: String(s.spokeA.id), phase: "1", priority: "1", requiredCases: "2" },
      }),
      params: { id: String(id) },
    });
  const unknown = await addItem("10.99999");
  expect(unknown.status).toBe(400);
  expect((await unknown.json()).result.error.techniqueCode).toEqual(['agreements:errors.techniqueUnknown|{"code":"10.99999"}']);
  expect((await addItem(s.technique.code)).status).toBe(302);
  const plan = await (await call(detailRoute.loader, { request: authedRequest(`/agreements/${id}`, { cookie: s.cookie }), params: { id: String(id) } })).json();
  const itemId = String(plan.plan.items.rows[0].id);
  const post = (form: Record<string, string | string[]>) =>
    call(itemRoute.action, { request: authedRequest(`/agreements/${id}/items/${itemId}`, { cookie: s.cookie, form }), params: { id: String(id), itemId } });
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  const skip = await post({ intent: "move", toStage: "supervised", movedOn: today, version: "1" });
  expect(skip.status).toBe(409);
  let version = 1;
  for (const toStage of ["surveyed", "training", "supervised"]) {
    expect((await post({ intent: "move", toStage, movedOn: today, version: String(version) })).status).toBe(302);
    version += 1;
  }
  // The supervisor: a supporting staff member from the list, or an outside expert's name, not both.
  const expert = makeStaff(s.db, { facilityId: s.hub.id, fullName: "TS. Hà Văn Giám" });
  const both = await post({ intent: "case", performedOn: today, performerName: "BS. Lò Thị B", supervisorId: String(expert.id), supervisorName: "GS. X", outcome: "success", supervised: "on" });
  expect(both.status).toBe(400);
  expect((await both.json()).result.error.supervisorName).toEqual(["agreements:errors.supervisorEither"]);
  const notSupporting = await post({ intent: "case", performedOn: today, performerName: "BS. Lò Thị B", supervisorId: String(makeStaff(s.db, { facilityId: s.spokeB.id }).id), outcome: "success", supervised: "on" });
  expect(notSupporting.status).toBe(400);
  expect((await post({ intent: "case", performedOn: today, performerName: "BS. Lò Thị B", supervisorId: String(expert.id), outcome: "success", supervised: "on" })).status).toBe(302);
  const early = await post({ intent: "move", toStage: "independent", movedOn: today, version: String(version) });
  expect(early.status).toBe(409);
  expect((await early.json()).result.error.toStage[0]).toContain("agreements:errors.stageCasesShort");
  expect((await post({ intent: "case", performedOn: today, performerName: "BS. Lò Thị B", outcome: "success", supervised: "on" })).status).toBe(302);
  expect((await post({ intent: "move", toStage: "independent", movedOn: today, version: String(version) })).status).toBe(302);
  const doctor = makeStaff(s.db, { facilityId: s.spokeA.id });
  const accepted = await post({ intent: "accept", acceptedOn: today, minutesNumber: "07/BB-NT", staffIds: [String(doctor.id)], version: String(version + 1) });
  expect(accepted.status).toBe(302);
  const list = listFacilityTechniques(s.db, s.spokeA.id, { page: { page: 1, pageSize: 25, offset: 0 } });
  expect(list.rows.map((r) => r.code)).toEqual([s.technique.code]);
});

test("uploads: a wrong file type is 415, a file too large 413, a PDF is stored", async () => {
  const s = await setup();
  const id = await s.create();
  const upload = (name: string, bytes: Uint8Array, type: string) => {
    const fd = new FormData();
    fd.set("title", "Văn bản ký");
    fd.set("file", new File([bytes as unknown as BlobPart], name, { type }));
    return call(documentRoute.action, { request: authedRequest(`/agreements/${id}/documents/new`, { cookie: s.cookie, form: fd }), params: { id: String(id) } });
  };
  expect((await upload("script.pdf", new TextEncoder().encode("<script>"), "application/pdf")).status).toBe(415);
  const big = new Uint8Array(10 * 1024 * 1024 + 10);
  big.set(new TextEncoder().encode("%PDF"));
  expect((await upload("big.pdf", big, "application/pdf")).status).toBe(413);
  expect((await upload("ky.pdf", new TextEncoder().encode("%PDF-1.7 ok"), "application/pdf")).status).toBe(302);
  const detail = await (await call(detailRoute.loader, { request: authedRequest(`/agreements/${id}`, { cookie: s.cookie }), params: { id: String(id) } })).json();
  const documentId = String(detail.detail.documents[0].id);
  const download = await call(downloadRoute.loader, { request: authedRequest(`/agreements/${id}/documents/${documentId}`, { cookie: s.cookie }), params: { id: String(id), documentId } });
  expect(download.headers.get("Content-Type")).toBe("application/pdf");
  expect(await download.text()).toBe("%PDF-1.7 ok");
  const foreign = await call(downloadRoute.loader, { request: authedRequest(`/agreements/${id}/documents/${documentId}`, { cookie: s.stranger.cookie }), params: { id: String(id), documentId } });
  expect(foreign.status).toBe(403);
});

test("a meeting record names a party as host; any other host is refused next to the field", async () => {
  const s = await setup();
  const id = await s.create();
  const meeting = (host: number) =>
    call(meetingRoute.action, {
      request: authedRequest(`/agreements/${id}/meetings/new`, {
        cookie: s.cookie,
        form: { title: "Hội nghị giao ban năm 2025", heldOn: "2025-11-20", hostFacilityId: String(host), minutesNumber: "03/BB", minutesSignedOn: "2025-11-21" },
      }),
      params: { id: String(id) },
    });
  const outsider = makeFacility(s.db);
  const refused = await meeting(outsider.id);
  expect(refused.status).toBe(400);
  expect((await refused.json()).result.error.hostFacilityId).toEqual(["agreements:errors.hostNotParty"]);
  expect((await meeting(s.spokeA.id)).status).toBe(302);
  const detail = await (await call(detailRoute.loader, { request: authedRequest(`/agreements/${id}`, { cookie: s.cookie }), params: { id: String(id) } })).json();
  expect(detail.detail.meetings[0]).toEqual(expect.objectContaining({ minutesNumber: "03/BB", hostName: s.spokeA.name }));
});

test("the export is an XLSX workbook with the plan; the printable page, network and dashboard load", async () => {
  const s = await setup();
  const id = await s.create();
  const res = await call(exportRoute.loader, { request: authedRequest(`/agreements/${id}/export`, { cookie: s.cookie }), params: { id: String(id) } });
  expect(res.headers.get("Content-Type")).toContain("spreadsheetml");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  expect(wb.worksheets.map((w) => w.name)).toEqual(["Thỏa thuận", "Kế hoạch"]);
  expect(String(wb.worksheets[0].getCell("B2").value)).toBe("Hợp tác chuyển giao kỹ thuật");
  expect((await call(exportRoute.loader, { request: authedRequest(`/agreements/${id}/export`, { cookie: s.stranger.cookie }), params: { id: String(id) } })).status).toBe(403);
  expect((await call(printRoute.loader, { request: authedRequest(`/agreements/${id}/print`, { cookie: s.cookie }), params: { id: String(id) } })).status).toBe(200);
  expect((await call(networkRoute.loader, { request: authedRequest(`/network?province=${s.province.code}`, { cookie: s.cookie }) })).status).toBe(200);
  expect((await call(directorRoute.loader, { request: authedRequest(`/director`, { cookie: s.cookie }) })).status).toBe(200);
});
