import type { Locale } from "~/models/enums";

// Displayed instants are in Vietnam's time zone whatever the server's zone is.
export const DISPLAY_TIME_ZONE = "Asia/Ho_Chi_Minh";

const intlLocale = (locale: Locale) => (locale === "vi" ? "vi-VN" : "en-GB");

// Building an Intl formatter costs far more than using one (a list page formats hundreds of
// numbers and dates), so each (language, kind) formatter is built once and kept.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function dateFormatter(locale: Locale, kind: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}:${kind}`;
  let formatter = formatters.get(key) as Intl.DateTimeFormat | undefined;
  if (!formatter) formatters.set(key, (formatter = new Intl.DateTimeFormat(intlLocale(locale), options)));
  return formatter;
}
function numberFormatter(locale: Locale, kind: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}:${kind}`;
  let formatter = formatters.get(key) as Intl.NumberFormat | undefined;
  if (!formatter) formatters.set(key, (formatter = new Intl.NumberFormat(intlLocale(locale), options)));
  return formatter;
}

/** A cached `Intl.DateTimeFormat` for components that need their own pattern (`kind` names it). */
export function dateTimeFormat(locale: Locale, kind: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return dateFormatter(locale, `custom:${kind}`, options);
}

/** Formats a `yyyy-MM-dd` calendar date: 05/03/2026 in Vietnamese, 5 Mar 2026 in English. */
export function formatDate(date: string | null | undefined, locale: Locale): string {
  if (!date) return "";
  const [y, m, d] = date.split("-").map(Number);
  if (!y || !m || !d) return date;
  const value = new Date(Date.UTC(y, m - 1, d));
  return dateFormatter(locale, "date", {
    timeZone: "UTC",
    day: "2-digit",
    month: locale === "vi" ? "2-digit" : "short",
    year: "numeric",
  }).format(value);
}

/** Formats a `yyyy-MM` month: 03/2026 in Vietnamese, Mar 2026 in English. */
export function formatMonth(month: string, locale: Locale): string {
  const [y, m] = month.split("-").map(Number);
  if (!y || !m) return month;
  return dateFormatter(locale, "month", {
    timeZone: "UTC",
    month: locale === "vi" ? "2-digit" : "short",
    year: "numeric",
  }).format(new Date(Date.UTC(y, m - 1, 1)));
}

/** Formats a UTC ISO instant in Asia/Ho_Chi_Minh. */
export function formatDateTime(instant: string | null | undefined, locale: Locale): string {
  if (!instant) return "";
  return dateFormatter(locale, "instant", {
    timeZone: DISPLAY_TIME_ZONE,
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(instant));
}

/** The time of day of a UTC ISO instant in Asia/Ho_Chi_Minh, `HH:mm`. */
export function formatTime(instant: string | null | undefined, locale: Locale): string {
  if (!instant) return "";
  return dateFormatter(locale, "time", { timeZone: DISPLAY_TIME_ZONE, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(instant));
}

export function formatNumber(value: number | null | undefined, locale: Locale, digits = 0): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "";
  return numberFormatter(locale, `number:${digits}`, {
    maximumFractionDigits: digits,
    minimumFractionDigits: 0,
  }).format(value);
}

export function formatPercent(share: number | null | undefined, locale: Locale, digits = 1): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return "";
  return numberFormatter(locale, `percent:${digits}`, {
    style: "percent",
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  }).format(share);
}
