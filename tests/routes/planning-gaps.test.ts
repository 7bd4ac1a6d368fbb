import ExcelJS from "exceljs";
import { expect, test } from "vitest";
import { getDb } from "~/db/client.server";
import { action, loader } from "~/routes/planning.gaps";
import { loader as provinceLoader } from "~/routes/planning.gaps_.province";
import { loader as xlsxLoader } from "~/routes/planning.gaps.province[.]xlsx";
import { userActor } from "../helpers/actors";
import { makeActiveAgreement } from "../helpers/agreements";
import { authedRequest, createSignedInUser } from "../helpers/auth";
import { makeFacility, makeLedgerEvent, makeProvince, makeStaff, makeTechnique } from "../helpers/factories";
import { bodyOf, call } from "../helpers/routes";

/** A level-C centre receiving from a level-B hub under an open agreement on chapter 10; the hub performs a B technique with its staff. */
async function world(chapter = 10) {
  const db = getDb();
  const p = makeProvince(db);
  const centre = makeFacility(db, { level: "C", kind: "regional_centre", provinceCode: p.code });
  const hub = makeFacility(db, { level: "B", provinceCode: p.code });
  const technique = makeTechnique(db, { chapterNumber: chapter, minLevel: "B" });
  makeLedgerEvent(db, { facilityId: hub.id, techniqueId: technique.id, kind: "started", eventOn: "2024-01-01" });
  makeStaff(db, { facilityId: hub.id }, [technique.id]);
  const hubDirector = await createSignedInUser(db, { role: "director", facilityId: hub.id });
  const agreement = makeActiveAgreement(db, userActor(db, "director", hub.id, p.code), { supporting: [hub], receiving: [centre] }, { chapters: [chapter] });
  const centreDirector = await createSignedInUser(db, { role: "director", facilityId: centre.id });
  const stranger = await createSignedInUser(db, { role: "director" });
  const department = await createSignedInUser(db, { role: "department", provinceCode: p.code });
  return { db, p, centre, hub, technique, agreement, hubDirector, centreDirector, stranger, department };
}

test("a director sees its own matrix without a parameter; another facility's director gets 403", async () => {
  const { centre, technique, centreDirector, stranger } = await world();
  const own = await call(loader, { request: authedRequest("/planning/gaps", { cookie: centreDirector.cookie }) });
  expect(own.status).toBe(200);
  const data = await bodyOf(own);
  expect(data.gaps.facility.id).toBe(centre.id);
  expect(data.gaps.shown.flatMap((c: { lines: { code: string }[] }) => c.lines.map((l) => l.code))).toContain(technique.code);
  const refused = await call(loader, { request: authedRequest(`/planning/gaps?facility=${centre.id}`, { cookie: stranger.cookie }) });
  expect(refused.status).toBe(403);
});

test("a bad facility parameter is a 400, an unknown one a 404; a department officer without one goes to the province matrix", async () => {
  const { department, hubDirector } = await world();
  for (const bad of ["abc", "0", "-3", "1.5"]) {
    const res = await call(loader, { request: authedRequest(`/planning/gaps?facility=${bad}`, { cookie: hubDirector.cookie }) });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("planning:gaps.errors.badFacility");
  }
  expect((await call(loader, { request: authedRequest("/planning/gaps?facility=99999", { cookie: hubDirector.cookie }) })).status).toBe(404);
  expect((await call(loader, { request: authedRequest("/planning/gaps?facility=1&chapter=x", { cookie: hubDirector.cookie }) })).status).toBe(400);
  const redirect = await call(loader, { request: authedRequest("/planning/gaps", { cookie: department.cookie }) });
  expect(redirect.status).toBe(302);
  expect(redirect.headers.get("Location")).toBe("/planning/gaps/province");
});

test("the supporting director turns a gap into a plan line; the receiving director is refused with 403", async () => {
  const { centre, hub, technique, agreement, hubDirector, centreDirector } = await world();
  const url = `/planning/gaps?facility=${centre.id}`;
  const form = { agreementId: agreement.id, techniqueCode: technique.code, fromFacilityId: hub.id };
  const before = await bodyOf(await call(loader, { request: authedRequest(url, { cookie: hubDirector.cookie }) }));
  const line = before.gaps.shown[0].lines.find((l: { code: string }) => l.code === technique.code);
  expect(line.partners[0]).toMatchObject({ facilityId: hub.id, agreements: [{ id: agreement.id, canAdd: true }] });

  const refused = await call(action, { request: authedRequest(url, { cookie: centreDirector.cookie, form }) });
  expect(refused.status).toBe(403);

  const added = await call(action, { request: authedRequest(url, { cookie: hubDirector.cookie, form }) });
  expect(added.status).toBe(302);
  const next = added.headers.get("Location")!;
  expect(next).toContain(`added=${encodeURIComponent(technique.code)}`);
  const after = await bodyOf(await call(loader, { request: authedRequest(next, { cookie: hubDirector.cookie }) }));
  expect(after.added).toMatchObject({ code: technique.code, number: "05/HĐ", agreementId: agreement.id });
  expect(after.gaps.shown[0].lines.find((l: { code: string }) => l.code === technique.code).inPlan).toBe(true);

  const again = await call(action, { request: authedRequest(url, { cookie: hubDirector.cookie, form }) });
  expect(again.status).toBe(409);
  const invalid = await call(action, { request: authedRequest(url, { cookie: hubDirector.cookie, form: { techniqueCode: technique.code } }) });
  expect(invalid.status).toBe(400);
});

test("the province matrix and its XLSX: the department's own province; 400 for a malformed code, 403 for a director", async () => {
  // Chapter 14 is this world's own: the file's other worlds add techniques of chapter 10.
  const { p, centre, department, hubDirector } = await world(14);
  const res = await call(provinceLoader, { request: authedRequest("/planning/gaps/province", { cookie: department.cookie }) });
  expect(res.status).toBe(200);
  const data = await bodyOf(res);
  expect(data.matrix.province.code).toBe(p.code);
  const row = data.matrix.rows.find((r: { facilityId: number }) => r.facilityId === centre.id);
  expect(row.byChapter[14]).toBe(1);
  const own = await bodyOf(await call(loader, { request: authedRequest(`/planning/gaps?facility=${centre.id}&chapters=all`, { cookie: department.cookie }) }));
  expect(row.total).toBe(own.gaps.total);
  expect((await call(provinceLoader, { request: authedRequest("/planning/gaps/province?province=abc", { cookie: department.cookie }) })).status).toBe(400);
  expect((await call(provinceLoader, { request: authedRequest(`/planning/gaps/province?province=${p.code}`, { cookie: hubDirector.cookie }) })).status).toBe(403);

  const file = await call(xlsxLoader, { request: authedRequest(`/planning/gaps/province.xlsx?province=${p.code}`, { cookie: department.cookie }) });
  expect(file.status).toBe(200);
  expect(file.headers.get("Content-Type")).toContain("spreadsheetml");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await file.arrayBuffer()) as unknown as ExcelJS.Buffer);
  const sheet = wb.worksheets[0];
  const header = (sheet.getRow(1).values as unknown[]).slice(1);
  expect(header.slice(0, 3)).toEqual(["Mã cơ sở", "Cơ sở", "Tuyến"]);
  expect(header.at(-1)).toBe("Tổng");
  const column = header.findIndex((h) => String(h).startsWith("14. "));
  const cells = sheet.getRows(2, sheet.rowCount - 1)!.map((r) => (r.values as unknown[]).slice(1)).find((r) => r[0] === centre.code)!;
  expect(cells.slice(0, 3)).toEqual([centre.code, centre.shortName, "C"]);
  expect(cells[column]).toBe(1);
  expect(cells.at(-1)).toBe(row.total);
  expect((await call(xlsxLoader, { request: authedRequest(`/planning/gaps/province.xlsx?province=${p.code}`, { cookie: hubDirector.cookie }) })).status).toBe(403);
});
