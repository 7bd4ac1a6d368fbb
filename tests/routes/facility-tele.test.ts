// The facility page's remote-support part over real requests: the hub's spokes, the figures
// of the report it links to, and nothing of links the reader may not read.
import { format, subMonths } from "date-fns";
import { expect, test } from "vitest";
import { getDb } from "~/db/client.server";
import { teleLinks, teleSessions } from "~/db/schema";
import { loader as facilityLoader } from "~/routes/facilities.$id";
import { loader as reportLoader } from "~/routes/tele.reports";
import { fromIsoDate } from "~/models/dates";
import { todayInVietnam } from "~/utils/domain-response.server";
import { authedRequest, createSignedInUser } from "../helpers/auth";
import { makeChapter, makeFacility, makeProvince } from "../helpers/factories";
import { bodyOf, call } from "../helpers/routes";

async function setup() {
  const db = getDb();
  makeChapter(db, 10);
  const P = makeProvince(db);
  const Q = makeProvince(db);
  const hub = makeFacility(db, { name: "BV Trung tâm", provinceCode: P.code });
  const spoke = makeFacility(db, { name: "TTYT Cơ sở", level: "C", provinceCode: P.code });
  const otherHub = makeFacility(db, { name: "BV Tỉnh khác", provinceCode: Q.code });
  db.insert(teleLinks).values([{ hubFacilityId: hub.id, spokeFacilityId: spoke.id, chapterNumber: 10, startOn: "2025-01-01" }]).run();
  const today = todayInVietnam();
  const longAgo = format(subMonths(fromIsoDate(today), 13), "yyyy-MM-dd");
  const consult = (heldOn: string, outcome: "treated_locally" | "referred_up") =>
    db.insert(teleSessions).values({ kind: "consultation", hubFacilityId: hub.id, spokeFacilityId: spoke.id, heldOn, startTime: "08:00", durationMinutes: 30, chapterNumber: 10, title: "Ca", outcome }).run();
  consult(today, "treated_locally");
  consult(today, "referred_up");
  consult(longAgo, "treated_locally");
  const hubDirector = await createSignedInUser(db, { role: "director", facilityId: hub.id });
  const otherDirector = await createSignedInUser(db, { role: "director", facilityId: otherHub.id });
  return { hub, spoke, hubDirector, otherDirector };
}

const page = async (id: number, cookie: string) => bodyOf(await call(facilityLoader, { request: authedRequest(`/facilities/${id}`, { cookie }), params: { id: String(id) } }));

test("a hub's page names its spoke and gives the last twelve months of the report it links to", async () => {
  const s = await setup();
  const { tele } = await page(s.hub.id, s.hubDirector.cookie);
  expect(tele.asHub.partners.map((p: { name: string }) => p.name)).toEqual(["TTYT Cơ sở"]);
  expect(tele.asSpoke).toBeNull();
  expect(tele.canManage).toBe(true);
  const report = await bodyOf(await call(reportLoader, { request: authedRequest(`/tele/reports?hub=${s.hub.id}`, { cookie: s.hubDirector.cookie }) }));
  expect(tele.asHub.totals).toEqual(report.report.totals);
  // The consultation of thirteen months ago is outside the year.
  expect([tele.asHub.totals.consultations, tele.asHub.totals.share]).toEqual([2, 50]);
  // The spoke's own page shows the hub from the other side.
  const spokePage = await page(s.spoke.id, s.hubDirector.cookie);
  expect(spokePage.tele.asSpoke.partners.map((p: { name: string }) => p.name)).toEqual(["BV Trung tâm"]);
});

test("another province's director reads the hub's page without its links or figures", async () => {
  const s = await setup();
  const { tele } = await page(s.hub.id, s.otherDirector.cookie);
  expect(tele).toEqual(expect.objectContaining({ asHub: null, asSpoke: null, canManage: false }));
});
