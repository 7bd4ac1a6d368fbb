// Page titles in the user's language: meta functions run without React, so they read the
// locale from the root loader's data and translate with a fixed t.
import { DEFAULT_LOCALE, getFixedT, isLocale } from "~/i18n/i18n";

type Match = { id: string; data?: unknown };

/** The reader's locale as the root loader chose it (Vietnamese before it has loaded). */
export function metaLocale(matches: readonly Match[]) {
  const rootData = matches.find((m) => m.id === "root")?.data as { locale?: unknown } | undefined;
  return isLocale(rootData?.locale) ? rootData.locale : DEFAULT_LOCALE;
}

/** `[{ title: "<translated key> – CGKT" }]` for a meta function; `key` is "ns:path". */
export function localizedTitle(matches: readonly Match[], key: string, params?: Record<string, unknown>) {
  const locale = metaLocale(matches);
  const [ns, path] = key.split(":");
  return [{ title: `${getFixedT(locale, ns)(path, params ?? {})} – CGKT` }];
}
