import ExcelJS from "exceljs";
import { expect, test } from "vitest";
import { getDb } from "~/db/client.server";
import { teleLinks, teleParticipants, teleSessions } from "~/db/schema";
import { loader as reportLoader } from "~/routes/tele.reports";
import { loader as xlsxLoader } from "~/routes/tele.reports[.]xlsx";
import { loader as logLoader } from "~/routes/tele.sessions._index";
import { authedRequest, createSignedInUser } from "../helpers/auth";
import { makeChapter, makeFacility, makeProvince } from "../helpers/factories";
import { bodyOf, call } from "../helpers/routes";

async function setup() {
  const db = getDb();
  makeChapter(db, 10);
  const P = makeProvince(db);
  const Q = makeProvince(db);
  const hub = makeFacility(db, { shortName: "BV Trung tâm", provinceCode: P.code });
  const spoke = makeFacility(db, { shortName: "TTYT Cơ sở", level: "C", provinceCode: P.code });
  const otherHub = makeFacility(db, { shortName: "BV Tỉnh khác", provinceCode: Q.code });
  const otherSpoke = makeFacility(db, { shortName: "TTYT Tỉnh khác", level: "C", provinceCode: Q.code });
  db.insert(teleLinks)
    .values([
      { hubFacilityId: hub.id, spokeFacilityId: spoke.id, chapterNumber: 10, startOn: "2025-01-01" },
      { hubFacilityId: otherHub.id, spokeFacilityId: otherSpoke.id, chapterNumber: 10, startOn: "2025-01-01" },
    ])
    .run();
  const consult = (h: number, s: number, heldOn: string, outcome: "advice_only" | "treated_locally" | "referred_up") =>
    db.insert(teleSessions).values({ kind: "consultation", hubFacilityId: h, spokeFacilityId: s, heldOn, startTime: "14:00", durationMinutes: 30, chapterNumber: 10, title: "Ca", outcome }).run();
  consult(hub.id, spoke.id, "2026-01-06", "treated_locally");
  consult(hub.id, spoke.id, "2026-01-13", "referred_up");
  consult(hub.id, spoke.id, "2026-03-03", "advice_only");
  consult(otherHub.id, otherSpoke.id, "2026-02-10", "referred_up");
  const training = db.insert(teleSessions).values({ kind: "training", hubFacilityId: hub.id, heldOn: "2026-02-05", startTime: "08:00", durationMinutes: 120, chapterNumber: 10, title: "Chủ đề" }).returning().get();
  db.insert(teleParticipants).values([{ sessionId: training.id, facilityId: spoke.id, side: "spoke", name: "BS A" }]).run();
  const hubDirector = await createSignedInUser(db, { role: "director", facilityId: hub.id });
  const spokeViewer = await createSignedInUser(db, { role: "viewer", facilityId: spoke.id });
  const otherDirector = await createSignedInUser(db, { role: "director", facilityId: otherHub.id });
  const department = await createSignedInUser(db, { role: "department", provinceCode: P.code });
  return { db, P, Q, hub, spoke, otherHub, otherSpoke, hubDirector, spokeViewer, otherDirector, department };
}

const PERIOD = "from=2026-01&to=2026-03";
const get = (url: string, cookie: string) => call(reportLoader, { request: authedRequest(url, { cookie }) });

test("a hub director opens its hub report; rows drill into the session log", async () => {
  const s = await setup();
  const opened = await bodyOf(await get("/tele/reports", s.hubDirector.cookie));
  expect(opened.report.filters.hub).toBe(s.hub.id);
  const res = await get(`/tele/reports?hub=${s.hub.id}&${PERIOD}`, s.hubDirector.cookie);
  expect(res.status).toBe(200);
  const { report } = await bodyOf(res);
  expect(report.months.map((m: { key: string; consultations: number; share: number | null }) => [m.key, m.consultations, m.share])).toEqual([
    ["2026-01", 2, 50],
    ["2026-02", 0, null],
    ["2026-03", 1, 100],
  ]);
  expect(report.totals).toEqual(expect.objectContaining({ consultations: 3, resolvedLocally: 2, referredUp: 1, trainings: 1, hours: 2, attendees: 1 }));
  expect(report.bySpoke.map((r: { label: string }) => r.label)).toEqual(["TTYT Cơ sở"]);
  // The chart's spokes chosen by the reader travel as repeated `show` parameters, also without other filters.
  const chosen = await bodyOf(await get(`/tele/reports?show=${s.spoke.id}&show=x`, s.hubDirector.cookie));
  expect(chosen.report.filters).toEqual(expect.objectContaining({ hub: s.hub.id, show: [s.spoke.id] }));
  expect(chosen.report.share.map((l: { kind: string }) => l.kind)).toEqual(["all", "spoke"]);
  // The log answers the drill-down of the spoke's row.
  const log = await bodyOf(await call(logLoader, { request: authedRequest(`/tele/sessions?hub=${s.hub.id}&spoke=${s.spoke.id}&from=2026-01-01&to=2026-03-31`, { cookie: s.hubDirector.cookie }) }));
  expect(log.result.total).toBe(4);
});

test("a bad period answers 400 with the message next to its field", async () => {
  const s = await setup();
  const malformed = await get("/tele/reports?from=2026-13&to=2026-03", s.hubDirector.cookie);
  expect(malformed.status).toBe(400);
  expect((await bodyOf(malformed)).error).toEqual({ field: "from", message: "tele:reports.errors.month" });
  const reversed = await get("/tele/reports?from=2026-03&to=2026-01", s.hubDirector.cookie);
  expect(reversed.status).toBe(400);
  expect((await bodyOf(reversed)).error.field).toBe("to");
  const tooLong = await get("/tele/reports?from=2019-01&to=2026-01", s.hubDirector.cookie);
  expect(tooLong.status).toBe(400);
  const exported = await call(xlsxLoader, { request: authedRequest("/tele/reports.xlsx?from=x", { cookie: s.hubDirector.cookie }) });
  expect(exported.status).toBe(400);
});

test("another province's report is 403 for a department, another hub's 404 for a hub director", async () => {
  const s = await setup();
  expect((await get(`/tele/reports?province=${s.Q.code}&${PERIOD}`, s.department.cookie)).status).toBe(403);
  expect((await get(`/tele/reports?province=XX&${PERIOD}`, s.department.cookie)).status).toBe(404);
  const own = await bodyOf(await get("/tele/reports", s.department.cookie));
  expect(own.report.filters.province).toBe(s.P.code);
  expect(own.report.share[0]).toEqual(expect.objectContaining({ kind: "province", id: s.P.code }));
  expect((await get(`/tele/reports?hub=${s.hub.id}&${PERIOD}`, s.otherDirector.cookie)).status).toBe(404);
  expect((await get(`/tele/reports?hub=999999&${PERIOD}`, s.hubDirector.cookie)).status).toBe(404);
  // The other hub's own report leaves this hub's sessions out.
  const other = await bodyOf(await get(`/tele/reports?${PERIOD}`, s.otherDirector.cookie));
  expect(other.report.totals.consultations).toBe(1);
  // A spoke's viewer opens its spoke side.
  const spokeSide = await bodyOf(await get(`/tele/reports?spoke=${s.spoke.id}&${PERIOD}`, s.spokeViewer.cookie));
  expect(spokeSide.report.totals.consultations).toBe(3);
});

test("the export holds the same tables as the page", async () => {
  const s = await setup();
  const res = await call(xlsxLoader, { request: authedRequest(`/tele/reports.xlsx?hub=${s.hub.id}&${PERIOD}`, { cookie: s.hubDirector.cookie }) });
  expect(res.status).toBe(200);
  expect(res.headers.get("Content-Type")).toContain("spreadsheetml");
  expect(res.headers.get("Content-Disposition")).toContain("2026-01-2026-03.xlsx");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await res.arrayBuffer());
  expect(workbook.worksheets.map((w) => w.name)).toHaveLength(5);
  const months = workbook.worksheets[0];
  expect(months.getRow(2).values).toEqual([undefined, "2026-01", 2, 1, 1, 50, 0, 0, 0]);
  const share = workbook.worksheets[4];
  expect(share.getRow(3).values).toEqual([undefined, expect.any(String), "2026-02", 0, 0, ""]);
});
