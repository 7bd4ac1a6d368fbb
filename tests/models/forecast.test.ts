import { expect, test } from "vitest";
import { agreements, transferItems, transferStageEvents } from "~/db/schema";
import type { Db } from "~/db/client.server";
import { TRANSFER_STAGES, type TransferStage } from "~/models/enums";
import { addDaysIso } from "~/models/dates";
import { forecastModels, loadForecast, openForecastLines, stageHistory } from "~/models/reports/forecast.server";
import { departmentActor, userActor } from "../helpers/actors";
import { createTestDb } from "../helpers/db";
import { makeFacility, makeLedgerEvent, makeProvince, makeTechnique } from "../helpers/factories";
import { foldSearch } from "~/utils/search";

const TODAY = "2026-03-15";
let agreementCounter = 0;

function agreement(db: Db, ownerFacilityId: number, status: "active" | "ended" = "active") {
  const number = `${++agreementCounter}/HĐ-TEST`;
  return db
    .insert(agreements)
    .values({ number, title: number, searchText: foldSearch(number), type: "technique_transfer", status, startOn: "2023-01-01", ownerFacilityId })
    .returning()
    .get();
}

/**
 * A plan line received by `to`, moved through the stages up to `stage` from `startOn`, 30 days a
 * stage (so acceptance comes 30 days after independence, 150 after planning).
 */
function planLine(
  db: Db,
  world: { from: number; agreementId: number },
  to: number,
  stage: TransferStage,
  options: { startOn?: string; techniqueMinLevel?: "A" | "B" | "C"; deferred?: boolean; targetDate?: string } = {},
) {
  const technique = makeTechnique(db, { minLevel: options.techniqueMinLevel ?? "A" });
  const item = db
    .insert(transferItems)
    .values({
      agreementId: world.agreementId,
      techniqueId: technique.id,
      fromFacilityId: world.from,
      toFacilityId: to,
      stage,
      targetDate: options.targetDate ?? "2026-12-31",
      deferredOn: options.deferred ? "2026-01-01" : null,
      acceptedOn: null,
    })
    .returning()
    .get();
  const start = options.startOn ?? "2024-01-01";
  const reached = TRANSFER_STAGES.indexOf(stage);
  for (let i = 0; i <= reached; i++) {
    db.insert(transferStageEvents)
      .values({ transferItemId: item.id, fromStage: i === 0 ? null : TRANSFER_STAGES[i - 1], toStage: TRANSFER_STAGES[i], movedOn: addDaysIso(start, 30 * i) })
      .run();
  }
  return { item, technique };
}

function world() {
  const db = createTestDb();
  const province = makeProvince(db);
  const other = makeProvince(db);
  const supporter = makeFacility(db, { provinceCode: province.code, level: "A" });
  const receiver = makeFacility(db, { provinceCode: province.code, level: "B" });
  const elsewhere = makeFacility(db, { provinceCode: other.code, level: "B" });
  const a = agreement(db, supporter.id);
  return { db, province, other, supporter, receiver, elsewhere, w: { from: supporter.id, agreementId: a.id } };
}

test("history per stage: lines that moved on of those with a known outcome, and days to acceptance", () => {
  const { db, province, receiver, elsewhere, w } = world();
  // Six accepted lines, two stuck at training in an ended agreement, one still open at training.
  for (let i = 0; i < 6; i++) planLine(db, w, receiver.id, "accepted");
  const ended = { from: w.from, agreementId: agreement(db, w.from, "ended").id };
  planLine(db, ended, receiver.id, "training");
  planLine(db, ended, receiver.id, "training");
  planLine(db, w, receiver.id, "training");
  // Another province's lines are not this province's history.
  planLine(db, w, elsewhere.id, "surveyed");
  const history = stageHistory(db, province.code);
  expect(history.independent).toEqual({ moved: 6, known: 6, leadDays: [30, 30, 30, 30, 30, 30] });
  // Training: 6 moved on, 2 closed without moving, the open one's outcome is unknown.
  expect(history.training).toMatchObject({ moved: 6, known: 8 });
  expect(history.training.leadDays).toEqual(new Array(6).fill(90));
  expect(history.planned).toMatchObject({ moved: 9, known: 9 });
  expect(history.planned.leadDays).toEqual(new Array(6).fill(150));
  const national = stageHistory(db, null);
  // The other province's line moved on from planning, and waits at surveyed.
  expect(national.planned).toMatchObject({ moved: 10, known: 10 });
  const models = forecastModels(db, { provinceCode: province.code });
  expect(models.training.completionRate).toBeCloseTo(0.75, 10);
  expect(models.training.source).toBe("province");
});

test("open lines: open agreement, not accepted, not deferred; cross-level and already performed read right", () => {
  const { db, province, receiver, w } = world();
  const cross = planLine(db, w, receiver.id, "training", { techniqueMinLevel: "A" });
  const sameLevel = planLine(db, w, receiver.id, "training", { techniqueMinLevel: "B" }); // not cross-level at a B facility
  planLine(db, w, receiver.id, "training", { deferred: true });
  planLine(db, w, receiver.id, "accepted");
  planLine(db, { from: w.from, agreementId: agreement(db, w.from, "ended").id }, receiver.id, "training");
  const performed = planLine(db, w, receiver.id, "supervised", { techniqueMinLevel: "A" });
  makeLedgerEvent(db, { facilityId: receiver.id, techniqueId: performed.technique.id, kind: "started", eventOn: "2025-01-01" });
  const department = departmentActor(db, province.code);
  const lines = openForecastLines(db, department, { provinceCode: province.code });
  expect(lines.map((l) => [l.pairKey, l.stage, l.crossLevel, l.alreadyPerformed]).sort()).toEqual(
    [
      [`${receiver.id}:${cross.technique.id}`, "training", true, false],
      [`${receiver.id}:${sameLevel.technique.id}`, "training", false, false],
      [`${receiver.id}:${performed.technique.id}`, "supervised", true, true],
    ].sort(),
  );
});

test("scope: a department officer forecasts its own province only; a director only its facility", () => {
  const { db, province, other, receiver, elsewhere, w } = world();
  planLine(db, w, receiver.id, "independent");
  planLine(db, w, elsewhere.id, "independent");
  const department = departmentActor(db, province.code);
  expect(() => loadForecast(db, department, { provinceCode: other.code }, { year: 2027 }, TODAY)).toThrow(expect.objectContaining({ status: 403 }));
  const own = loadForecast(db, department, { provinceCode: province.code }, { year: 2027 }, TODAY);
  expect(own.openLines).toBe(1);
  const director = userActor(db, "director", elsewhere.id, other.code);
  expect(() => loadForecast(db, director, { facilityId: receiver.id }, { year: 2027 }, TODAY)).toThrow(expect.objectContaining({ status: 403 }));
  // Without a named facility the director's read scope keeps only its own lines.
  expect(loadForecast(db, director, { provinceCode: null }, { year: 2027 }, TODAY).openLines).toBe(1);
});

test("the forecast of a small province: lines that will surely be accepted within the year", () => {
  const { db, province, receiver, w } = world();
  // History: six lines accepted 30 days after independence; today's independent lines finish in April.
  for (let i = 0; i < 6; i++) planLine(db, w, receiver.id, "accepted");
  for (let i = 0; i < 3; i++) planLine(db, w, receiver.id, "independent", { targetDate: "2026-04-30" });
  const department = departmentActor(db, province.code);
  const thisYear = loadForecast(db, department, { provinceCode: province.code }, { year: 2026 }, TODAY);
  expect(thisYear.nextYear).toMatchObject({ p10: 3, median: 3, p90: 3 });
  expect(thisYear.phases).toMatchObject({ median: 3, period: { end: "2026-04-30" } });
  expect(thisYear.byFacility).toEqual([{ facilityId: receiver.id, nextYear: expect.objectContaining({ median: 3 }), phases: expect.objectContaining({ median: 3 }) }]);
  expect(thisYear.facilityNames[receiver.id]).toBe(receiver.name);
  const next = loadForecast(db, department, { provinceCode: province.code }, { year: 2027 }, TODAY);
  expect(next.nextYear.median).toBe(0);
  // Same data, same figures.
  expect(loadForecast(db, department, { provinceCode: province.code }, { year: 2027 }, TODAY)).toEqual(next);
});
