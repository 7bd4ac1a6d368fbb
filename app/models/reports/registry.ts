// The adoption reports' registry (pure, client-safe): the dimensions a report is grouped by, the
// metrics and the categories, each listed once with what the URL schema, the pages, the exports
// and the drill-down links need. The SQL of each dimension (its group key over pair rows and
// facility rows, the names of its groups) is in registry.server.ts, keyed by the same list, so a
// dimension missing there fails the type check.
import type { Level } from "~/models/enums";

/** Competence groups on the report date: the three levels of Law 15/2023, or not yet classified. */
export const COMPETENCE_GROUPS = ["specialised", "basic", "initial", "none"] as const;
export type CompetenceGroup = (typeof COMPETENCE_GROUPS)[number];

/** The figures of a group and period. */
export const REPORT_METRICS = ["new", "cumulative", "change"] as const;
export type ReportMetric = (typeof REPORT_METRICS)[number];

/** Official figures count approved pairs; "all" every recorded one. */
export const REPORT_CATEGORIES = ["official", "all"] as const;
export type Category = (typeof REPORT_CATEGORIES)[number];

export const metricLabelKey = (m: ReportMetric) => `reports:metric.${m}` as const;
export const categoryLabelKey = (c: Category) => `reports:category.${c}` as const;
export const categoryShortLabelKey = (c: Category) => `reports:categoryShort.${c}` as const;

/**
 * The filter fields a group adds to a drill-down (the names of ReportParams, so the query
 * string builder and PairFilter read them as they are).
 */
export type GroupFilter = {
  provinceCode?: string;
  levels?: Level[];
  competence?: CompetenceGroup;
  facilityId?: number;
  chapterNumber?: number;
};

/** The province key of facilities without a province (national bodies); its drill-down lists their pairs. */
export const NO_PROVINCE_KEY = "-";

/** A translation of a group key: an i18next key (namespaced) and its options. */
export type KeyLabel = { key: string; defaultValue?: string };

type Dimension = {
  /** How a group key reads: a translation, or null when the key's name comes from the database (row.label). */
  keyLabel: ((key: string) => KeyLabel) | null;
  /** Row order: by the figures (largest first), by the key (numbers in order), or by a fixed list. */
  order: "figures" | "key" | readonly string[];
  /** The filter a group of this dimension adds to its drill-down (nothing for the total). */
  drill: (key: string) => GroupFilter;
  /** Offered by the six- and twelve-month summaries. */
  periodSummary: boolean;
  /** The map beside the charts: the provinces of a national report, the facilities of a province report. */
  map: { kind: "provinces" | "facilities"; needsProvince: boolean } | null;
};

export const DIMENSIONS = {
  total: { keyLabel: null, order: "figures", drill: () => ({}), periodSummary: false, map: null },
  province: {
    keyLabel: null,
    order: "figures",
    drill: (key) => ({ provinceCode: key }),
    periodSummary: true,
    map: { kind: "provinces", needsProvince: false },
  },
  level: {
    keyLabel: (key) => ({ key: `enums:level.${key}`, defaultValue: key }),
    order: "key",
    drill: (key) => ({ levels: [key as Level] }),
    periodSummary: false,
    map: null,
  },
  competence: {
    keyLabel: (key) => (key === "none" ? { key: "reports:report.notClassified" } : { key: `enums:competence.${key}` }),
    order: COMPETENCE_GROUPS,
    drill: (key) => ({ competence: key as CompetenceGroup }),
    periodSummary: false,
    map: null,
  },
  facility: {
    keyLabel: null,
    order: "figures",
    drill: (key) => ({ facilityId: Number(key) }),
    periodSummary: true,
    map: { kind: "facilities", needsProvince: true },
  },
  chapter: { keyLabel: null, order: "key", drill: (key) => ({ chapterNumber: Number(key) }), periodSummary: false, map: null },
} as const satisfies Record<string, Dimension>;

export type ReportDimension = keyof typeof DIMENSIONS;
/** Every dimension, in the order the pages offer them. */
export const REPORT_DIMENSIONS = Object.keys(DIMENSIONS) as [ReportDimension, ...ReportDimension[]];
export const DEFAULT_DIMENSION: ReportDimension = "province";

/** The dimensions of the six- and twelve-month summaries. */
export type PeriodDimension = { [D in ReportDimension]: (typeof DIMENSIONS)[D]["periodSummary"] extends true ? D : never }[ReportDimension];
export const PERIOD_DIMENSIONS = REPORT_DIMENSIONS.filter((d): d is PeriodDimension => DIMENSIONS[d].periodSummary);
export const DEFAULT_PERIOD_DIMENSION: PeriodDimension = "facility";

/** The map a report shows (null: none), given whether it is narrowed to one province. */
export function reportMap(dimension: ReportDimension, oneProvince: boolean): "provinces" | "facilities" | null {
  const map = (DIMENSIONS[dimension] as Dimension).map;
  return map && map.needsProvince === oneProvince ? map.kind : null;
}

export const dimensionLabelKey = (d: ReportDimension) => `reports:dimension.${d}` as const;

/** The drill-down filter of a group (`key` null: the total row, which adds nothing). */
export function groupFilter(dimension: ReportDimension, key: string | null): GroupFilter {
  if (key === null) return {};
  return (DIMENSIONS[dimension] as Dimension).drill(key);
}

/** A group's name in the reader's language: its translation, else the name the database gave it. */
export function groupLabel(dimension: ReportDimension, row: { key: string; label: string }, t: (key: string, options?: { defaultValue?: string }) => string): string {
  const keyLabel = (DIMENSIONS[dimension] as Dimension).keyLabel;
  if (!keyLabel) return row.label;
  const { key, defaultValue } = keyLabel(row.key);
  return t(key, defaultValue === undefined ? undefined : { defaultValue });
}

/** Compares two rows of a report by the dimension's order (`size` ranks "figures"; ties by label). */
export function compareGroups<R extends { key: string; label: string }>(dimension: ReportDimension, size: (row: R) => number[]) {
  const order = (DIMENSIONS[dimension] as Dimension).order;
  return (a: R, b: R): number => {
    if (order === "key") return a.key.localeCompare(b.key, "en", { numeric: true });
    if (Array.isArray(order)) return order.indexOf(a.key) - order.indexOf(b.key);
    const sa = size(a);
    const sb = size(b);
    for (let i = 0; i < sa.length; i++) if (sb[i] !== sa[i]) return sb[i] - sa[i];
    return a.label.localeCompare(b.label, "vi");
  };
}
