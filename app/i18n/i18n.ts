import i18next, { type i18n, type TFunction } from "i18next";
import { isIsoDate } from "~/models/dates";
import { LOCALES, type Locale } from "~/models/enums";
import { formatDate, formatNumber } from "./format";
import { NAMESPACES, resources } from "./resources";

export const DEFAULT_LOCALE: Locale = "vi";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/**
 * Every message parameter that is a calendar date ("2026-03-05", as models pass them) is shown
 * in the reader's language (05/03/2026, 5 Mar 2026); an impossible date such as 2026-02-30 is
 * left as typed, since the message is about it. A number marked `decimal` keeps one decimal
 * in the reader's notation.
 */
function formatParameter(value: unknown, format?: string, lng?: string): string {
  if (isIsoDate(value)) return formatDate(value, isLocale(lng) ? lng : DEFAULT_LOCALE);
  // `{{score, decimal}}`: one decimal in the reader's notation (4,5 / 4.5).
  if (format === "decimal" && typeof value === "number") return formatNumber(value, isLocale(lng) ? lng : DEFAULT_LOCALE, 1);
  // Other values go back untouched (i18next turns numbers into text and treats undefined as missing).
  return value as string;
}

/** A fresh, synchronously initialised i18next instance for one locale (per request or render). */
export function createI18n(locale: Locale): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    resources: resources as unknown as Record<string, Record<string, object>>,
    ns: NAMESPACES,
    defaultNS: "common",
    initAsync: false,
    interpolation: { escapeValue: false, alwaysFormat: true, format: formatParameter },
    returnNull: false,
    showSupportNotice: false,
  });
  return instance;
}

/** A translate function for server-side text (exports, calendar files, e-mails). */
export function getFixedT(locale: Locale, ns: string = "common"): TFunction {
  return createI18n(locale).getFixedT(locale, ns);
}
