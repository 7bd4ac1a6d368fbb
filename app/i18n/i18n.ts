import i18next, { type i18n, type TFunction } from "i18next";
import { isIsoDate } from "~/models/calendar-date";
import { LOCALES, type Locale } from "~/models/enums";
import { formatDate, formatNumber } from "./format";

export const DEFAULT_LOCALE: Locale = "vi";

/**
 * One namespace per area, in lookup order: a stale save's field names are looked up under
 * `<ns>:fields.<name>` in this order, the first match naming the field. The locale indexes
 * (`locales/<lng>/index.ts`) hold the same names (resources.ts checks it).
 */
export const NAMESPACES = [
  "common",
  "enums",
  "catalogue",
  "facilities",
  "imports",
  "auth",
  "admin",
  "agreements",
  "rotations",
  "courses",
  "adoption",
  "reports",
  "staff",
  "planning",
  "solver",
  "tele",
  "offline",
] as const;
export type Namespace = (typeof NAMESPACES)[number];

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

type LanguageResources = Readonly<Record<Namespace, object>>;

// The translations each language has here: both on the server (resources.ts registers them),
// the reader's own in the browser (entry.client.tsx registers it before hydrating).
const registered = new Map<Locale, LanguageResources>();
// One initialised instance per language, built on first use and shared by every request and
// render: nothing changes an instance's language or resources after it is built, and building
// one over all the resources per request cost a tenth of a page's time.
const instances = new Map<Locale, i18n>();
const fixed = new Map<string, TFunction>();

export function registerResources(locale: Locale, resources: LanguageResources): void {
  registered.set(locale, resources);
  instances.clear();
  fixed.clear();
}

/**
 * The shared i18next instance of a language. In the browser only the page's language is
 * registered; asked for another (an error page before the root's data is known), it answers
 * with the one it has rather than with bare keys.
 */
export function i18nFor(requested: Locale): i18n {
  const locale = registered.has(requested) ? requested : ([...registered.keys()][0] ?? requested);
  let instance = instances.get(locale);
  if (instance) return instance;
  const own = registered.get(locale) ?? {};
  const fallback = registered.get(DEFAULT_LOCALE);
  instance = i18next.createInstance();
  void instance.init({
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    resources: { [locale]: own, ...(fallback && locale !== DEFAULT_LOCALE ? { [DEFAULT_LOCALE]: fallback } : {}) } as Record<string, Record<string, object>>,
    ns: NAMESPACES,
    defaultNS: "common",
    initAsync: false,
    interpolation: { escapeValue: false, alwaysFormat: true, format: formatParameter },
    returnNull: false,
    showSupportNotice: false,
  });
  instances.set(locale, instance);
  return instance;
}

/** A translate function for one language and namespace (page titles, exports, calendar files). */
export function getFixedT(locale: Locale, ns: Namespace | string = "common"): TFunction {
  const key = `${locale}:${ns}`;
  let t = fixed.get(key);
  if (!t) fixed.set(key, (t = i18nFor(locale).getFixedT(locale, ns)));
  return t;
}
