import { expect, test } from "vitest";
import { getDb } from "~/db/client.server";
import { recordAdoptionEvents } from "~/models/adoption/ledger.server";
import { vietnamToday } from "~/models/dates";
import { loader as periodsLoader } from "~/routes/reports.periods";
import { authedRequest, createSignedInUser, responseOf } from "../helpers/auth";
import { makeFacility, makeProvince, makeTechnique } from "../helpers/factories";

const args = (request: Request) => ({ request, params: {}, context: {} });

// A province whose latest official figure is in the first half of 2024 (the clock may read any year after).
async function province() {
  const db = getDb();
  const p = makeProvince(db);
  const f = makeFacility(db, { provinceCode: p.code, level: "C" });
  const events = ["2023-03-01", "2024-02-01", "2024-04-01"].flatMap((date) => {
    const t = makeTechnique(db, { minLevel: "B" });
    return [
      { facilityId: f.id, techniqueId: t.id, kind: "started" as const, eventOn: date },
      { facilityId: f.id, techniqueId: t.id, kind: "approved" as const, eventOn: date },
    ];
  });
  db.transaction((tx) => recordAdoptionEvents(tx, events, null, "2024-06-01"));
  return createSignedInUser(db, { role: "department", provinceCode: p.code });
}

const get = async (url: string, cookie: string) => responseOf(periodsLoader(args(authedRequest(url, { cookie }))));

test("the summary page opens on the last period with data, compared with the same period a year before", async () => {
  const department = await province();
  const response = await get("/reports/periods", department.cookie);
  expect(response.status).toBe(200);
  const { summary, chosen } = await response.json();
  expect(chosen).toEqual({ kind: null, year: null });
  expect([summary.kind, summary.year]).toEqual(["h1", 2024]);
  expect(summary.report.periods.map((p: { key: string }) => p.key)).toEqual(["2023-H1", "2024-H1"]);
  expect(summary.report.total.periods.map((p: { official: { new: number } }) => p.official.new)).toEqual([1, 2]);
});

test("an unreadable period or year opens the default; a period not started yet is a 400 with a message", async () => {
  const department = await province();
  const bad = await get("/reports/periods?period=q3&year=abc", department.cookie);
  expect(bad.status).toBe(200);
  expect((await bad.json()).summary.year).toBe(2024);
  const next = Number(vietnamToday(new Date()).slice(0, 4)) + 1;
  const future = await get(`/reports/periods?period=year&year=${next}`, department.cookie);
  expect(future.status).toBe(400);
  expect((await future.json()).error).toContain("reports:errors.periodInFuture");
});

test("a department officer cannot read another province's summary", async () => {
  const department = await province();
  const other = makeProvince(getDb());
  const response = await get(`/reports/periods?province=${other.code}&period=year&year=2024`, department.cookie);
  // The officer's own province is used whatever the URL says.
  expect(response.status).toBe(200);
  expect((await response.json()).provinceCode).not.toBe(other.code);
});
