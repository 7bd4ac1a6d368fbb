// The SQL twins of `facilityDisplayName` / `facilityShortDisplayName` (names.ts): lists that are
// built, grouped or sorted in the database name facilities with these expressions, so the page
// and its order agree with the one rule.
import { sql, type AnyColumn, type SQL } from "drizzle-orm";
import { facilities } from "~/db/schema";
import type { Locale } from "~/models/enums";

type NameColumns = { name: AnyColumn; nameEn: AnyColumn; shortName: AnyColumn };

/** The full name in the reader's language, for a drizzle table (or an alias of facilities). */
export function facilityNameSql(locale: Locale, t: NameColumns = facilities): SQL<string> {
  return locale === "en" ? sql<string>`coalesce(nullif(trim(${t.nameEn}), ''), ${t.name})` : sql<string>`${t.name}`;
}

/** The compact label in the reader's language: the English name for English readers, else the short name. */
export function facilityShortNameSql(locale: Locale, t: NameColumns = facilities): SQL<string> {
  return locale === "en" ? sql<string>`coalesce(nullif(trim(${t.nameEn}), ''), ${t.shortName})` : sql<string>`${t.shortName}`;
}

function checkedAlias(alias: string): string {
  // Only ever called with a literal alias from our own queries; refuse anything else outright.
  if (!/^[a-z_][a-z0-9_]*$/i.test(alias)) throw new Error(`not an SQL alias: ${alias}`);
  return alias;
}

/** `facilityNameSql` for hand-written SQL where facilities appear as `alias`. */
export function facilityNameSqlAt(alias: string, locale: Locale): SQL<string> {
  const a = checkedAlias(alias);
  return sql.raw(locale === "en" ? `coalesce(nullif(trim(${a}.name_en), ''), ${a}.name)` : `${a}.name`) as SQL<string>;
}

/** `facilityShortNameSql` for hand-written SQL where facilities appear as `alias`. */
export function facilityShortNameSqlAt(alias: string, locale: Locale): SQL<string> {
  const a = checkedAlias(alias);
  return sql.raw(locale === "en" ? `coalesce(nullif(trim(${a}.name_en), ''), ${a}.short_name)` : `${a}.short_name`) as SQL<string>;
}
