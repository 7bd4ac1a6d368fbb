import i18next, { type i18n, type TFunction } from "i18next";
import { LOCALES, type Locale } from "~/models/enums";
import { NAMESPACES, resources } from "./resources";

export const DEFAULT_LOCALE: Locale = "vi";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
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
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}

/** A translate function for server-side text (exports, calendar files, e-mails). */
export function getFixedT(locale: Locale, ns: string = "common"): TFunction {
  return createI18n(locale).getFixedT(locale, ns);
}
