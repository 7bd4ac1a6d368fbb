import { expect, test } from "vitest";
import { getDb, type Db } from "~/db/client.server";
import { agreements, targets, transferItems, transferStageEvents } from "~/db/schema";
import { addDaysIso, vietnamToday } from "~/models/dates";
import { TRANSFER_STAGES, type TransferStage } from "~/models/enums";
import { loader as reportLoader } from "~/routes/reports._index";
import { loader as targetsLoader } from "~/routes/targets._index";
import { loader as targetLoader } from "~/routes/targets.$id._index";
import { foldSearch } from "~/utils/search";
import { authedRequest, createSignedInUser, responseOf } from "../helpers/auth";
import { makeFacility, makeProvince, makeTechnique } from "../helpers/factories";

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });
const get = async (url: string, cookie: string) => responseOf(reportLoader(args(authedRequest(url, { cookie }))));

let counter = 0;

/**
 * A province with history (six lines accepted 30 days after independence) and three
 * cross-level lines at the independent stage: each is accepted within a month of today.
 */
async function province(db: Db) {
  const p = makeProvince(db);
  const supporter = makeFacility(db, { provinceCode: p.code, level: "A" });
  const receiver = makeFacility(db, { provinceCode: p.code, level: "B" });
  const number = `${++counter}/HĐ-DỰBÁO`;
  const agreement = db
    .insert(agreements)
    .values({ number, title: number, searchText: foldSearch(number), type: "technique_transfer", status: "active", startOn: "2023-01-01", ownerFacilityId: supporter.id })
    .returning()
    .get();
  const line = (stage: TransferStage) => {
    const technique = makeTechnique(db, { minLevel: "A" });
    const item = db
      .insert(transferItems)
      .values({ agreementId: agreement.id, techniqueId: technique.id, fromFacilityId: supporter.id, toFacilityId: receiver.id, stage, targetDate: "2099-12-31" })
      .returning()
      .get();
    for (let i = 0; i <= TRANSFER_STAGES.indexOf(stage); i++) {
      db.insert(transferStageEvents)
        .values({ transferItemId: item.id, fromStage: i === 0 ? null : TRANSFER_STAGES[i - 1], toStage: TRANSFER_STAGES[i], movedOn: addDaysIso("2024-01-01", 30 * i) })
        .run();
    }
  };
  for (let i = 0; i < 6; i++) line("accepted");
  for (let i = 0; i < 3; i++) line("independent");
  const department = await createSignedInUser(db, { role: "department", provinceCode: p.code });
  return { p, receiver, department };
}

test("the report carries the forecast of its province for next year and to the end of the plan phases", async () => {
  const db = getDb();
  const { p, department } = await province(db);
  const response = await get(`/reports?province=${p.code}`, department.cookie);
  expect(response.status).toBe(200);
  const data = await response.json();
  const today = vietnamToday(new Date());
  expect(data.forecast.year).toBe(Number(today.slice(0, 4)) + 1);
  expect(data.forecast.openLines).toBe(3);
  expect(data.forecast.countingLines).toBe(3);
  // All three are accepted 30 days from today, well before the phases end (2099).
  expect(data.forecast.phases).toMatchObject({ p10: 3, median: 3, p90: 3 });
  const expectedNextYear = addDaysIso(today, 30).slice(0, 4) === String(data.forecast.year) ? 3 : 0;
  expect(data.forecast.nextYear.median).toBe(expectedNextYear);
  expect(data.forecastError).toBeNull();
});

test("a forecast year before the data, absurd or unreadable is a 400 beside the year field, the report still shown", async () => {
  const db = getDb();
  const { p, department } = await province(db);
  const year = Number(vietnamToday(new Date()).slice(0, 4));
  for (const [value, key] of [
    [String(year - 1), "beforeData"],
    ["1800", "beforeData"],
    ["99999", "tooFar"],
    ["abc", "notYear"],
  ] as const) {
    const response = await get(`/reports?province=${p.code}&forecastYear=${value}`, department.cookie);
    expect(response.status, value).toBe(400);
    const data = await response.json();
    expect(data.forecastError).toContain(`planning:forecast.errors.${key}`);
    expect(data.forecast).toBeNull();
    expect(data.report).not.toBeNull();
    expect(data.forecastYear).toBe(value);
  }
  const later = await get(`/reports?province=${p.code}&forecastYear=${year + 2}`, department.cookie);
  expect(later.status).toBe(200);
  expect((await later.json()).forecast.year).toBe(year + 2);
});

test("another province's forecast is refused to a department officer", async () => {
  const db = getDb();
  const { department } = await province(db);
  const other = makeProvince(db);
  const response = await get(`/reports?province=${other.code}`, department.cookie);
  expect(response.status).toBe(403);
});

test("a running cross-level target carries its forecast range and chance on the list and its page", async () => {
  const db = getDb();
  const { p, department } = await province(db);
  const today = vietnamToday(new Date());
  const end = addDaysIso(today, 90);
  const make = (targetValue: number) =>
    db
      .insert(targets)
      .values({ title: `Vượt tuyến ${targetValue}`, indicator: "new_cross_level_techniques", provinceCode: p.code, periodStart: "2024-01-01", periodEnd: end, targetValue })
      .returning()
      .get();
  const reachable = make(3);
  const unreachable = make(4);
  const list = await (await responseOf(targetsLoader(args(authedRequest(`/targets?province=${p.code}`, { cookie: department.cookie }))))).json();
  const row = (id: number) => list.page.rows.find((r: { id: number }) => r.id === id);
  // Nothing adopted yet: the value is 0, and the three lines bring it to 3 by the period end.
  expect(row(reachable.id).forecast).toMatchObject({ p10: 3, median: 3, p90: 3, chance: 1, periodEnd: end });
  expect(row(unreachable.id).forecast).toMatchObject({ median: 3, chance: 0 });
  const detail = await (await responseOf(targetLoader(args(authedRequest(`/targets/${reachable.id}`, { cookie: department.cookie }), { id: String(reachable.id) })))).json();
  expect(detail.target.forecast).toMatchObject({ chance: 1, draws: 2000 });
});
