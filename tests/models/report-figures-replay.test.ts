// The report figures and drill-downs, computed in SQL from the ledger's summary rows, against a
// replay of the raw ledger with the pure rules (ledgerStateOn, the level history read row by
// row): every dimension, filter, scope, period kind and report date of a random ledger with
// level changes, suspensions and resumptions (same-day ones too) and a catalogue level change.
import { expect, test } from "vitest";
import type { Actor } from "~/models/access/policy";
import { buildReport, yearPeriods, type Figures, type Period } from "~/models/reports/adoption-report.server";
import { countFigurePairs, listFigurePairs, type FigureSelector } from "~/models/reports/drill-down.server";
import type { Category, PairFilter } from "~/models/reports/pairs-sql.server";
import { circularPeriods } from "~/models/reports/queries.server";
import { REPORT_DIMENSIONS } from "~/models/reports/registry";
import { admin, buildLedger, replay, TODAY, type Replayed } from "../helpers/report-ledger";

function replayFigures(pairs: Replayed[], periods: Period[], baselineIndex: number, category: Category): Figures[] {
  const baselineEnd = periods[baselineIndex].end;
  return periods.map((p, i) => {
    const from = (x: Replayed) => x.from[category];
    const counted = pairs.filter((x) => from(x) !== null && from(x)! <= p.end);
    const inPeriod = counted.filter((x) => (i === 0 ? from(x)! >= p.start : from(x)! > periods[i - 1].end));
    const performed = counted.filter((x) => x.performedOn(p.end));
    return {
      new: inPeriod.length,
      cumulative: performed.length,
      change: i > baselineIndex ? performed.filter((x) => from(x)! > baselineEnd).length : 0,
    };
  });
}

const DIMENSIONS = REPORT_DIMENSIONS;

test("report figures equal a replay of the ledger for every dimension, filter, scope, period and report date", () => {
  const { db, provinces, facilities } = buildLedger("report-figures-replay");
  const department: Actor = { userId: 0, role: "department", facilityId: null, provinceCode: provinces[0] };
  const filters: PairFilter[] = [
    {},
    { crossOnly: false },
    { provinceCode: provinces[0] },
    { levels: ["B", "C"] },
    { competences: ["basic", "none"] },
    { chapterNumber: 10 },
    { provinceCode: provinces[1], chapterNumber: 3, crossOnly: false },
    { facilityId: facilities[2].id, crossOnly: false },
  ];
  let compared = 0;
  for (const reportDate of [TODAY, "2023-06-30"]) {
    const periodSets: Period[][] = [
      yearPeriods(2018, reportDate),
      yearPeriods(2020, reportDate),
      circularPeriods("h1", 2022, reportDate),
      circularPeriods("year", 2021, reportDate),
    ];
    for (const actor of [admin, department]) {
      for (const filter of filters) {
        const pairs = replay(db, actor, filter, reportDate);
        for (const periods of periodSets) {
          for (const dimension of DIMENSIONS) {
            const report = buildReport(db, actor, { periods, reportDate, dimension, filter, baselineIndex: 0 }, 2020);
            const expected = new Map<string, Replayed[]>();
            for (const x of pairs) expected.set(x.keys[dimension], [...(expected.get(x.keys[dimension]) ?? []), x]);
            const rows = dimension === "total" ? [] : [...expected.keys()].sort();
            const context = JSON.stringify({ reportDate, actor: actor.role, filter, periods: periods.map((p) => p.key), dimension });
            expect(report.rows.map((row) => row.key).sort(), context).toEqual(rows);
            for (const row of [...report.rows, { ...report.total, key: "total" }]) {
              const group = row.key === "total" ? pairs : expected.get(row.key)!;
              for (const category of ["official", "all"] as const) {
                expect(row.periods.map((p) => p[category]), `${context} ${row.key} ${category}`).toEqual(replayFigures(group, periods, 0, category));
              }
            }
            compared++;
          }
        }
      }
    }
  }
  expect(compared).toBe(2 * 4 * 2 * 8 * DIMENSIONS.length);
});

test("drill-down totals and pages equal the replayed pairs behind each figure", () => {
  const { db, provinces } = buildLedger("drill-down-replay");
  const department: Actor = { userId: 0, role: "department", facilityId: null, provinceCode: provinces[1] };
  for (const [actor, filter] of [
    [admin, {}],
    [admin, { levels: ["C", "D"] }],
    [admin, { chapterNumber: 18, crossOnly: false }],
    [department, { levels: ["B"] }],
    [admin, { competences: ["basic"] }],
  ] as [Actor, PairFilter][]) {
    const pairs = replay(db, actor, filter, TODAY);
    for (const category of ["official", "all"] as const) {
      for (const [metric, start, end] of [
        ["new", "2021-01-01", "2021-12-31"],
        ["cumulative", "2023-01-01", "2023-12-31"],
        ["cumulative", "2025-01-01", TODAY],
        ["change", "2024-07-01", "2024-12-31"],
      ] as const) {
        const selector: FigureSelector = { metric, category, start, end, baselineEnd: "2020-12-31", filter };
        const from = (x: Replayed) => x.from[category];
        const expected = pairs.filter((x) => {
          const f = from(x);
          if (f === null || f > end) return false;
          if (metric === "new") return f >= start;
          return x.performedOn(end) && (metric === "cumulative" || f > "2020-12-31");
        });
        const keys = expected.map((x) => [x.facilityId, x.techniqueId]);
        const context = JSON.stringify({ actor: actor.role, filter, selector });
        expect(countFigurePairs(db, actor, selector, TODAY), context).toBe(expected.length);
        const all = listFigurePairs(db, actor, selector, TODAY, { page: 1, pageSize: 500, offset: 0 });
        expect(all.total, context).toBe(expected.length);
        expect(all.rows.map((row) => [row.facilityId, row.techniqueId]), context).toEqual(keys);
        // A page past the end shows the last page (as every list does).
        const second = listFigurePairs(db, actor, selector, TODAY, { page: 2, pageSize: 3, offset: 3 });
        const shown = Math.min(2, Math.max(1, Math.ceil(keys.length / 3)));
        expect(second.page, context).toBe(shown);
        expect(second.rows.map((row) => [row.facilityId, row.techniqueId]), context).toEqual(keys.slice((shown - 1) * 3, shown * 3));
        expect(second.total, context).toBe(expected.length);
      }
    }
  }
});
