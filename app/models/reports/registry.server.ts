// The SQL of each report dimension (registry.ts lists them): how a pair row or a facility row
// becomes a group key, and the names of the groups whose names live in the database. The
// figures (pair-counts), the suspended-pair pass (adoption-report) and the labels read these
// and nothing else, so a dimension's key is written once for every query that groups by it.
import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "~/models/audit/audit.server";
import type { Locale } from "~/models/enums";
import { facilityNameSqlAt } from "~/models/facilities/names.server";
import { competenceGroupSql, levelNowSql } from "./pairs-sql.server";
import { getFixedT } from "~/i18n/i18n";
import { groupLabel, NO_PROVINCE_KEY, type ReportDimension } from "./registry";

export type DimensionSql = {
  /** The group key of a pair row `p` of pairsSql, on the report date. */
  pairKey: (reportDate: string) => SQL;
  /** The group key of a facility row `fa`, when the key is a property of the facility (counted per facility). */
  facilityKey: ((reportDate: string) => SQL) | null;
  /**
   * The group key from a chapter number column, when the key is a property of the technique's
   * chapter (or of nothing): the whole country is then counted per chapter without listing
   * facilities, and a few facilities per pair grouped by chapter.
   */
  chapterKey: ((chapterNumber: SQL) => SQL) | null;
  /** Names of the groups in the reader's language; null when the key itself is translated (registry.ts). */
  names: ((db: Tx, keys: string[], locale: Locale) => { k: string | number; label: string }[]) | null;
};

const list = (values: SQL[]) => sql.join(values, sql`, `);

export const DIMENSION_SQL: Record<ReportDimension, DimensionSql> = {
  total: {
    pairKey: () => sql`'total'`,
    facilityKey: () => sql`'total'`,
    chapterKey: () => sql`'total'`,
    names: null,
  },
  province: {
    pairKey: () => sql`coalesce(p.province_code, ${NO_PROVINCE_KEY})`,
    facilityKey: () => sql`coalesce(fa.province_code, ${NO_PROVINCE_KEY})`,
    chapterKey: null,
    names: (db, keys, locale) =>
      db.all(sql`select code as k, ${sql.raw(locale === "en" ? "name_en" : "name")} as label from provinces where code in (${list(keys.map((k) => sql`${k}`))})`),
  },
  level: {
    pairKey: () => sql`p.level_now`,
    facilityKey: (reportDate) => levelNowSql(reportDate),
    chapterKey: null,
    names: null,
  },
  competence: {
    pairKey: (reportDate) => competenceGroupSql(sql`p.facility_id`, reportDate),
    facilityKey: (reportDate) => competenceGroupSql(sql`fa.id`, reportDate),
    chapterKey: null,
    names: null,
  },
  facility: {
    pairKey: () => sql`cast(p.facility_id as text)`,
    facilityKey: () => sql`cast(fa.id as text)`,
    chapterKey: null,
    names: (db, keys, locale) =>
      db.all(sql`select id as k, ${facilityNameSqlAt("facilities", locale)} as label from facilities where id in (${list(keys.map((k) => sql`${Number(k)}`))})`),
  },
  chapter: {
    pairKey: () => sql`cast(p.chapter_number as text)`,
    facilityKey: null,
    chapterKey: (chapterNumber) => sql`cast(${chapterNumber} as text)`,
    // Chapters carry their Vietnamese name only: both languages read it.
    names: (db, keys) =>
      db.all(sql`select number as k, roman || '. ' || name as label from chapters where number in (${list(keys.map((k) => sql`${Number(k)}`))})`),
  },
};

/**
 * The names of group keys in the reader's language, as every page, chart and export shows
 * them: the database's names, else the key's translation (registry.ts), else the key itself
 * (a facility without a province is "-").
 */
export function groupNames(db: Tx, dimension: ReportDimension, keys: string[], locale: Locale = "vi"): Map<string, string> {
  const stored = new Map<string, string>();
  const names = DIMENSION_SQL[dimension].names;
  if (keys.length > 0 && names) for (const r of names(db, keys, locale)) stored.set(String(r.k), r.label);
  const t = getFixedT(locale);
  return new Map(keys.map((k) => [k, groupLabel(dimension, { key: k, label: stored.get(k) ?? k }, (key, options) => t(key, options ?? {}))]));
}
