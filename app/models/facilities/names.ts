// How a facility is named to a reader. The registry keeps the official Vietnamese name and,
// optionally, an English one; an English reader sees the English name wherever one is stored,
// everyone else (and any facility without one) the Vietnamese name. The SQL twin of these rules,
// for lists built and sorted in the database, is `facilityNameSql` in names.server.ts.
import type { Locale } from "~/models/enums";

/** The English name when it is meant for this reader, else null. */
function englishFor(nameEn: string | null | undefined, locale: Locale): string | null {
  if (locale !== "en") return null;
  const trimmed = nameEn?.trim();
  return trimmed ? trimmed : null;
}

/** A facility's full name in the reader's language (the Vietnamese one when no English is stored). */
export function facilityDisplayName(f: { name: string; nameEn?: string | null }, locale: Locale): string {
  return englishFor(f.nameEn, locale) ?? f.name;
}

/**
 * The compact label (lists, board rows, chips). The short name is a Vietnamese abbreviation
 * ("BVĐK Lào Cai số 2") with no English counterpart, so an English reader gets the English name.
 */
export function facilityShortDisplayName(f: { shortName: string; nameEn?: string | null }, locale: Locale): string {
  return englishFor(f.nameEn, locale) ?? f.shortName;
}
