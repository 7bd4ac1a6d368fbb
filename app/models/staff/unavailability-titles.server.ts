// A period away is named by its kind, in both languages, wherever it names a clash (the
// commitments loader) or an overlap: messages written by commands carry `title` and `titleEn`
// and the reader's template picks one. The names are the staff locale's own, read here once.
import { sql, type SQL } from "drizzle-orm";
import en from "~/i18n/locales/en/staff";
import vi from "~/i18n/locales/vi/staff";
import { UNAVAILABILITY_KINDS, type UnavailabilityKind } from "~/models/enums";

export function unavailabilityTitles(kind: UnavailabilityKind): { title: string; titleEn: string } {
  return { title: vi.unavailability.kinds[kind], titleEn: en.unavailability.kinds[kind] };
}

/** The kind's name in one language as an SQL expression over the kind column `column`. */
export function unavailabilityTitleSql(column: SQL, locale: "vi" | "en"): SQL {
  const names = locale === "vi" ? vi.unavailability.kinds : en.unavailability.kinds;
  const cases = UNAVAILABILITY_KINDS.map((kind) => sql`when ${kind} then ${names[kind]}`);
  return sql`(case ${column} ${sql.join(cases, sql` `)} else ${column} end)`;
}
