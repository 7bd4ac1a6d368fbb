// Walks the reports' registry: every dimension, metric and category is named in both languages,
// every dimension produces a report on a small ledger whose groups carry the reader's names, and
// the drill-down link of every group (the query string the pages build from the registry, read
// back as the pairs route reads it) lists exactly the pairs its figure counts.
import { sql } from "drizzle-orm";
import { expect, test } from "vitest";
import { resources } from "~/i18n/resources";
import { getFixedT } from "~/i18n/i18n";
import type { Actor } from "~/models/access/policy";
import { LEVELS, type Locale } from "~/models/enums";
import { buildReport, yearPeriods } from "~/models/reports/adoption-report.server";
import { parseDrillParams, reportQuery } from "~/models/reports/params";
import { loadDrillDown } from "~/models/reports/queries.server";
import {
  categoryLabelKey,
  categoryShortLabelKey,
  COMPETENCE_GROUPS,
  DIMENSIONS,
  dimensionLabelKey,
  groupFilter,
  groupLabel,
  metricLabelKey,
  REPORT_CATEGORIES,
  REPORT_DIMENSIONS,
  REPORT_METRICS,
} from "~/models/reports/registry";
import { admin, buildLedger, replay, TODAY } from "../helpers/report-ledger";

const LOCALES: Locale[] = ["vi", "en"];

/** The text a namespaced key ("ns:a.b") holds in a language's bundled resources, or undefined. */
function lookup(locale: Locale, key: string): unknown {
  const [ns, path] = key.split(":");
  let node: unknown = (resources[locale] as Record<string, unknown>)[ns];
  for (const part of path.split(".")) node = node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined;
  return node;
}

/** Every key a group of the dimension may have, as far as the keys are a closed list. */
const KNOWN_KEYS: Partial<Record<(typeof REPORT_DIMENSIONS)[number], readonly string[]>> = { level: LEVELS, competence: COMPETENCE_GROUPS };

test("every dimension, metric and category of the registry is named in both languages", () => {
  const keys: string[] = [
    ...REPORT_DIMENSIONS.map(dimensionLabelKey),
    ...REPORT_METRICS.map(metricLabelKey),
    ...REPORT_CATEGORIES.flatMap((c) => [categoryLabelKey(c), categoryShortLabelKey(c)]),
  ];
  // Group keys that the page translates (levels, competence groups) have their translations too.
  for (const d of REPORT_DIMENSIONS) {
    const keyLabel = DIMENSIONS[d].keyLabel as ((key: string) => { key: string }) | null;
    if (!keyLabel) continue;
    expect(KNOWN_KEYS[d], `the keys of ${d} are translated, so the test must know them`).toBeDefined();
    for (const k of KNOWN_KEYS[d]!) keys.push(keyLabel(k).key);
  }
  for (const locale of LOCALES) {
    for (const key of keys) {
      const text = lookup(locale, key);
      expect(typeof text === "string" && text.trim().length > 0, `${locale} ${key}`).toBe(true);
    }
  }
  // Vietnamese is really Vietnamese (not the English text copied over).
  expect(lookup("vi", dimensionLabelKey("level"))).not.toBe(lookup("en", dimensionLabelKey("level")));
});

test("every dimension produces a report whose groups are named for the reader and drill down to exactly the pairs they count", () => {
  const { db, provinces, facilities } = buildLedger("report-registry");
  // One facility with an English name, so the English report is seen to use it.
  db.run(sql`update facilities set name_en = 'Registry Test Hospital' where id = ${facilities[0].id}`);
  const department: Actor = { userId: 0, role: "department", facilityId: null, provinceCode: provinces[0] };
  const baselineYear = 2020;
  const periods = yearPeriods(baselineYear, TODAY);
  const last = periods.length - 1;
  const reportYear = Number(TODAY.slice(0, 4));
  let drilled = 0;
  for (const actor of [admin, department]) {
    const base = actor.role === "department" ? { provinceCode: actor.provinceCode! } : {};
    const pairs = replay(db, actor, { ...base }, TODAY);
    for (const dimension of REPORT_DIMENSIONS) {
      for (const locale of LOCALES) {
        const t = getFixedT(locale);
        const report = buildReport(db, actor, { periods, reportDate: TODAY, dimension, filter: { ...base }, locale }, baselineYear);
        const context = `${actor.role} ${dimension} ${locale}`;
        expect(report.total.periods[last].all.cumulative, context).toBeGreaterThan(0);
        if (dimension !== "total") expect(report.rows.length, context).toBeGreaterThan(actor === admin ? 1 : 0);
        else expect(report.rows, context).toEqual([]);

        for (const row of report.rows) {
          // The label is the reader's name for the group, never the bare key (but "-", no province).
          expect(row.label, `${context} ${row.key}`).toBe(groupLabel(dimension, row, (key, options) => t(key, options ?? {})));
          if (row.key !== "-") expect(row.label, `${context} ${row.key}`).not.toBe(row.key);
        }
        if (dimension === "facility") {
          const named = report.rows.find((r) => r.key === String(facilities[0].id));
          if (named) expect(named.label).toBe(locale === "en" ? "Registry Test Hospital" : facilities[0].name);
        }
        if (locale === "en") continue;

        // Each figure of the last period, for every group and the total, against its drill-down.
        for (const row of [...report.rows, { ...report.total, key: null }]) {
          const expectedPairs = row.key === null ? pairs : pairs.filter((x) => x.keys[dimension] === row.key);
          for (const category of REPORT_CATEGORIES) {
            for (const metric of REPORT_METRICS) {
              const query = reportQuery({ ...base, ...groupFilter(dimension, row.key), baselineYear, metric, category, year: reportYear });
              const params = parseDrillParams(new URL(`http://x/reports/pairs?${query}`), reportYear);
              const page = loadDrillDown(db, actor, params, TODAY, { page: 1, pageSize: 1000, offset: 0 });
              const label = `${context} ${row.key} ${category} ${metric} ?${query}`;
              expect(page.total, label).toBe(row.periods[last][category][metric]);
              const listed = page.rows.map((r) => `${r.facilityId}:${r.techniqueId}`);
              expect(listed.length, label).toBe(page.total);
              // Exactly the group's pairs that the figure's definition selects.
              const from = (x: (typeof pairs)[number]) => x.from[category];
              const end = TODAY;
              const start = `${reportYear}-01-01`;
              const wanted = expectedPairs.filter((x) => {
                const f = from(x);
                if (f === null || f > end) return false;
                if (metric === "new") return f >= start;
                return x.performedOn(end) && (metric === "cumulative" || f > `${baselineYear}-12-31`);
              });
              expect(listed, label).toEqual(wanted.map((x) => `${x.facilityId}:${x.techniqueId}`));
              drilled++;
            }
          }
        }
      }
    }
  }
  expect(drilled).toBeGreaterThan(REPORT_DIMENSIONS.length * 2 * 6);
});
