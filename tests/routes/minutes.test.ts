// The minutes routes over real requests: the page (400 next to the year field), saving (403 for
// another hospital, 400 for texts too long, nothing written on refusal), the printable copy and
// the DOCX file (a real zip whose document holds the Vietnamese text).
import { eq } from "drizzle-orm";
import JSZip from "jszip";
import { expect, test } from "vitest";
import { getDb } from "~/db/client.server";
import { agreementMeetings } from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import { MINUTES_MAX_LENGTH } from "~/models/agreements/minutes";
import * as meetingEditRoute from "~/routes/agreements.$id.meetings.$meetingId.edit";
import * as pageRoute from "~/routes/agreements.$id.minutes";
import * as docxRoute from "~/routes/agreements.$id.minutes[.]docx";
import * as printRoute from "~/routes/agreements.$id.minutes_.print";
import { makeActiveAgreement, makeSignedInTransferNetwork } from "../helpers/agreements";
import { authedRequest } from "../helpers/auth";
import { call } from "../helpers/routes";

async function setup() {
  const db = getDb();
  const { province, hub, spokeA, cookie, user, stranger } = await makeSignedInTransferNetwork(db);
  const director: Actor = { userId: user.id, role: "director", facilityId: hub.id, provinceCode: province.code };
  // The term runs 2026-01-01 to 2027-12-31: minutes may be drafted for 2025 to 2028.
  const agreement = makeActiveAgreement(db, director, { supporting: [hub], receiving: [spokeA] }, { number: `${Math.floor(Math.random() * 1e6)}/HĐ-BVĐK` });
  const id = String(agreement.id);
  const meetings = () => db.select().from(agreementMeetings).where(eq(agreementMeetings.agreementId, agreement.id)).all();
  return { db, id, hub, cookie, stranger, meetings };
}

const form = (hubId: number, overrides: Record<string, string> = {}) => ({
  year: "2026",
  title: "Hội nghị tổng kết năm 2026",
  heldOn: "2026-12-01",
  hostFacilityId: String(hubId),
  minutesVi: "BIÊN BẢN HỘI NGHỊ TỔNG KẾT NĂM 2026\nĐã thống nhất kế hoạch năm 2027.",
  minutesEn: "MINUTES OF THE 2026 ANNUAL REVIEW CONFERENCE\nThe 2027 plan was agreed.",
  ...overrides,
});

test("the page drafts both languages for a year of the term; a bad year is a 400 next to the field", async () => {
  const s = await setup();
  const get = (query: string, cookie = s.cookie) => call(pageRoute.loader, { request: authedRequest(`/agreements/${s.id}/minutes${query}`, { cookie }), params: { id: s.id } });
  const ok = await get("?year=2026");
  expect(ok.status).toBe(200);
  const body = await ok.json();
  expect(body.minutes.vi).toContain("BIÊN BẢN HỘI NGHỊ TỔNG KẾT NĂM 2026");
  expect(body.minutes.en).toContain("MINUTES OF THE 2026 ANNUAL REVIEW CONFERENCE");
  expect(body.canManage).toBe(true);
  for (const query of ["", "?year=", "?year=abc", "?year=2024", "?year=2029", "?year=2026.5"]) {
    const refused = await get(query);
    expect(refused.status, query).toBe(400);
    const data = await refused.json();
    expect(data.yearError, query).toMatch(/^planning:minutes\.errors\.year/);
    expect(data.minutes).toBeNull();
  }
  expect((await get("?year=2026", s.stranger.cookie)).status).toBe(403);
});

test("saving writes one meeting with both texts; refusals write nothing", async () => {
  const s = await setup();
  const post = (body: Record<string, string>, cookie = s.cookie) => call(pageRoute.action, { request: authedRequest(`/agreements/${s.id}/minutes?year=2026`, { cookie, form: body }), params: { id: s.id } });

  const stranger = await post(form(s.hub.id), s.stranger.cookie);
  expect(stranger.status).toBe(403);
  const tooLong = await post(form(s.hub.id, { minutesVi: "Đ".repeat(MINUTES_MAX_LENGTH + 1) }));
  expect(tooLong.status).toBe(400);
  expect((await tooLong.json()).result.error.minutesVi).toEqual(["common:validation.tooLong"]);
  const outside = await post(form(s.hub.id, { heldOn: "2026-03-01" }));
  expect(outside.status).toBe(400);
  expect((await outside.json()).result.error.heldOn[0]).toMatch(/^planning:minutes\.errors\.heldOnOutside/);
  const badYear = await post(form(s.hub.id, { year: "2031" }));
  expect(badYear.status).toBe(400);
  expect((await badYear.json()).result.error.year[0]).toMatch(/^planning:minutes\.errors\.year/);
  expect(s.meetings()).toHaveLength(0);

  const saved = await post(form(s.hub.id));
  expect(saved.status).toBe(302);
  expect(saved.headers.get("Location")).toBe(`/agreements/${s.id}`);
  const [meeting] = s.meetings();
  expect(meeting).toEqual(expect.objectContaining({ title: "Hội nghị tổng kết năm 2026", heldOn: "2026-12-01", minutesVi: form(s.hub.id).minutesVi, minutesEn: form(s.hub.id).minutesEn }));
  // Once saved, the year's minutes are edited on the meeting's page, which shows both texts.
  expect((await post(form(s.hub.id, { heldOn: "2026-12-20" }))).status).toBe(409);
  expect(s.meetings()).toHaveLength(1);
  const edit = await call(meetingEditRoute.loader, { request: authedRequest(`/agreements/${s.id}/meetings/${meeting.id}/edit`, { cookie: s.cookie }), params: { id: s.id, meetingId: String(meeting.id) } });
  expect((await edit.json()).meeting).toEqual(expect.objectContaining({ minutesVi: meeting.minutesVi, minutesEn: meeting.minutesEn }));
});

async function documentXml(response: Response): Promise<string> {
  const zip = await JSZip.loadAsync(await response.arrayBuffer());
  const file = zip.file("word/document.xml");
  expect(file).not.toBeNull();
  return file!.async("string");
}

test("the DOCX is a Word file of the draft, then of the saved minutes, named in both forms", async () => {
  const s = await setup();
  const get = (query: string, cookie = s.cookie) => call(docxRoute.loader, { request: authedRequest(`/agreements/${s.id}/minutes.docx${query}`, { cookie }), params: { id: s.id } });
  const draft = await get("?year=2026&lang=vi");
  expect(draft.status).toBe(200);
  expect(draft.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  const disposition = draft.headers.get("Content-Disposition")!;
  expect(disposition).toMatch(/^attachment; filename="Bien-ban-tong-ket-nam-2026-\d+-HD-BVDK-vi\.docx"; filename\*=UTF-8''/);
  expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toMatch(/^Biên bản tổng kết năm 2026 - \d+-HĐ-BVĐK \(vi\)\.docx$/);
  const xml = await documentXml(draft);
  expect(xml).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
  expect(xml).toContain("BIÊN BẢN HỘI NGHỊ TỔNG KẾT NĂM 2026");
  expect(await documentXml(await get("?year=2026&lang=en"))).toContain("MINUTES OF THE 2026 ANNUAL REVIEW CONFERENCE");

  await call(pageRoute.action, { request: authedRequest(`/agreements/${s.id}/minutes`, { cookie: s.cookie, form: form(s.hub.id) }), params: { id: s.id } });
  expect(await documentXml(await get("?year=2026&lang=vi"))).toContain("Đã thống nhất kế hoạch năm 2027.");
  expect(await documentXml(await get("?year=2026&lang=en"))).toContain("The 2027 plan was agreed.");

  for (const query of ["", "?year=abc&lang=vi", "?year=2030&lang=vi", "?year=2026&lang=fr"]) {
    expect((await get(query)).status, query).toBe(400);
  }
  expect((await get("?year=2026&lang=vi", s.stranger.cookie)).status).toBe(403);
});

test("the printable copy shows one language or both", async () => {
  const s = await setup();
  const get = (query: string, cookie = s.cookie) => call(printRoute.loader, { request: authedRequest(`/agreements/${s.id}/minutes/print${query}`, { cookie }), params: { id: s.id } });
  const both = await (await get("?year=2026&lang=both")).json();
  expect(both.texts.map((x: { locale: string }) => x.locale)).toEqual(["vi", "en"]);
  const en = await (await get("?year=2026&lang=en")).json();
  expect(en.texts).toEqual([expect.objectContaining({ locale: "en", text: expect.stringContaining("SOCIALIST REPUBLIC OF VIET NAM") })]);
  expect((await get("?year=1990&lang=vi")).status).toBe(400);
  expect((await get("?year=2026&lang=xx")).status).toBe(400);
  expect((await get("?year=2026", s.stranger.cookie)).status).toBe(403);
});
