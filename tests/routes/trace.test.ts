// The pair's story and an agreement's contributions over real requests: ids checked (400),
// another province's pair refused (404), and the contributions agreeing with the drill-down.
import { expect, test } from "vitest";
import { getDb } from "~/db/client.server";
import { recordAdoptionEvent } from "~/models/adoption/ledger.server";
import { acceptTransferItem, moveStage } from "~/models/transfers/stages.server";
import { loader as figuresLoader } from "~/routes/agreements.$id.figures";
import { loader as pairsLoader } from "~/routes/reports.pairs";
import { loader as storyLoader } from "~/routes/reports.pairs_.$facilityId.$techniqueId";
import { makeTransferWorld } from "../helpers/agreements";
import { authedRequest, createSignedInUser, responseOf } from "../helpers/auth";
import { makeStaff, makeTechnique } from "../helpers/factories";
import { bodyOf } from "../helpers/routes";

const TODAY = "2026-03-15";
const args = (url: string, cookie: string, params: Record<string, string> = {}) => ({ request: authedRequest(url, { cookie }), params, context: {} });

/** Two lines of one agreement accepted in 2026, one approved; a pair of the province in-house. */
async function world() {
  const w = makeTransferWorld(getDb());
  const second = makeTechnique(w.db, { minLevel: "B" });
  const lines = [
    { line: w.item({ requiredCases: 0 }), technique: w.hipReplacement, to: w.spokeA },
    { line: w.item({ requiredCases: 0, techniqueCode: second.code, toFacilityId: w.spokeB.id }), technique: second, to: w.spokeB },
  ];
  for (const { line, to } of lines) {
    let version = line.version;
    for (const toStage of ["surveyed", "training", "supervised", "independent"] as const) {
      version = moveStage(w.db, w.director, w.agreement.id, line.id, { toStage, movedOn: "2026-02-01", version }, { today: TODAY }).version;
    }
    const doctor = makeStaff(w.db, { facilityId: to.id });
    acceptTransferItem(w.db, w.director, w.agreement.id, line.id, { acceptedOn: "2026-03-01", minutesNumber: `NT-${line.id}`, staffIds: [doctor.id], version }, { today: TODAY });
  }
  const own = makeTechnique(w.db, { minLevel: "B" });
  w.db.transaction((tx) => {
    recordAdoptionEvent(tx, { facilityId: w.spokeA.id, techniqueId: w.hipReplacement.id, kind: "approved", eventOn: "2026-03-10", decisionNumber: "12/QĐ-SYT" }, null, TODAY);
    recordAdoptionEvent(tx, { facilityId: w.spokeB.id, techniqueId: own.id, kind: "started", eventOn: "2026-01-10", source: "in_house" }, null, TODAY);
  });
  const department = await createSignedInUser(w.db, { role: "department", provinceCode: w.province.code });
  const stranger = await createSignedInUser(w.db, { role: "department" });
  return { ...w, lines, own, department, stranger };
}

test("the story answers 400 for ids that are not numbers and 404 for another province's pair", async () => {
  const w = await world();
  const story = (facilityId: string, techniqueId: string, cookie: string) =>
    responseOf(storyLoader(args(`/reports/pairs/${facilityId}/${techniqueId}`, cookie, { facilityId, techniqueId })));
  const ok = await story(String(w.spokeA.id), String(w.hipReplacement.id), w.department.cookie);
  expect(ok.status).toBe(200);
  const answer = await bodyOf(ok);
  const body = answer.story;
  expect(body.state).toMatchObject({ origin: "agreement", agreementNumber: "05/HĐ", approvedOn: "2026-03-10" });
  expect(body.items.map((i: { kind: string }) => i.kind)).toContain("acceptance");
  // "Back" returns to the drill-down the reader came from, never to another site.
  const from = async (referer: string) => {
    const request = authedRequest(`/reports/pairs/${w.spokeA.id}/${w.hipReplacement.id}`, { cookie: w.department.cookie, headers: { Referer: referer } });
    return (await bodyOf(await responseOf(storyLoader({ request, params: { facilityId: String(w.spokeA.id), techniqueId: String(w.hipReplacement.id) }, context: {} })))).back;
  };
  expect(await from("http://localhost/reports/pairs?metric=new&year=2026")).toBe("/reports/pairs?metric=new&year=2026");
  expect(await from("https://elsewhere.example/reports/pairs?x=1")).toBe("/reports");
  expect(answer.back).toBe("/reports");

  for (const [f, t] of [["abc", String(w.hipReplacement.id)], [String(w.spokeA.id), "1.5"], ["-3", "7"]]) {
    expect((await story(f, t, w.department.cookie)).status).toBe(400);
  }
  expect((await story(String(w.spokeA.id), String(w.hipReplacement.id), w.stranger.cookie)).status).toBe(404);
  expect((await story("999999", String(w.hipReplacement.id), w.department.cookie)).status).toBe(404);
});

test("an agreement's contributions total what the drill-downs count for the same pairs", async () => {
  const w = await world();
  const response = await responseOf(figuresLoader(args(`/agreements/${w.agreement.id}/figures`, w.department.cookie, { id: String(w.agreement.id) })));
  expect(response.status).toBe(200);
  const { contributions } = await bodyOf(response);
  expect(contributions).toMatchObject({ total: 2, crossLevel: 2, officialCrossLevel: 1, hidden: 0 });
  expect(contributions.years.map((y: { year: number }) => y.year)).toEqual([2026]);

  const drillTotal = async (query: string) => {
    const r = await responseOf(pairsLoader(args(`/reports/pairs?${query}`, w.department.cookie)));
    return (await bodyOf(r)).page;
  };
  // Every pair of the province's 2026 figures that came through the agreement, and only those.
  const all = await drillTotal(`province=${w.province.code}&metric=new&category=all&year=2026`);
  const fromAgreement = all.rows.filter((r: { agreementId: number | null }) => r.agreementId === w.agreement.id);
  expect(fromAgreement).toHaveLength(contributions.crossLevel);
  expect(all.total).toBe(contributions.crossLevel + 1); // the in-house pair besides
  expect(all.rows.find((r: { techniqueId: number }) => r.techniqueId === w.own.id).origin).toBe("in_house");
  const official = await drillTotal(`province=${w.province.code}&metric=new&category=official&year=2026`);
  expect(official.total).toBe(contributions.officialCrossLevel);

  // Each pair's figure link is a drill-down that lists it.
  for (const pair of contributions.years[0].pairs) {
    for (const href of [pair.allFigureHref, pair.officialFigureHref].filter(Boolean)) {
      const page = await drillTotal(href.split("?")[1]);
      expect(page.rows.map((r: { facilityId: number; techniqueId: number }) => `${r.facilityId}:${r.techniqueId}`)).toContain(`${pair.facilityId}:${pair.techniqueId}`);
    }
  }

  // Another province's department does not read the agreement; a bad id is a 400.
  expect((await responseOf(figuresLoader(args(`/agreements/${w.agreement.id}/figures`, w.stranger.cookie, { id: String(w.agreement.id) })))).status).toBe(403);
  expect((await responseOf(figuresLoader(args(`/agreements/x/figures`, w.department.cookie, { id: "x" })))).status).toBe(400);
});

test("a director of the supporting hospital sees the agreement's contributions counted, not the other facilities' pairs", async () => {
  const w = await world();
  const hub = await createSignedInUser(w.db, { role: "director", facilityId: w.hub.id });
  const { contributions } = await bodyOf(await responseOf(figuresLoader(args(`/agreements/${w.agreement.id}/figures`, hub.cookie, { id: String(w.agreement.id) }))));
  expect(contributions).toMatchObject({ total: 0, hidden: 2 });
});
