import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { DEFAULT_LOCALE, isLocale, registerResources } from "~/i18n/i18n";
import type { Locale } from "~/models/enums";
import { registerServiceWorker } from "~/utils/offline-worker";

// The page is served in its reader's language (<html lang>); only that language's strings are
// loaded, as their own long-cached chunk, before the page comes alive. Changing language
// reloads the document (the language switch's form), which loads the other one.
const LANGUAGES: Record<Locale, () => Promise<{ default: Parameters<typeof registerResources>[1] }>> = {
  vi: () => import("~/i18n/locales/vi"),
  en: () => import("~/i18n/locales/en"),
};
const lang = document.documentElement.lang;
const locale: Locale = isLocale(lang) ? lang : DEFAULT_LOCALE;

void LANGUAGES[locale]().then(({ default: strings }) => {
  registerResources(locale, strings);
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  });
});

// The entry pages open without a connection once the service worker keeps them (secure contexts only).
registerServiceWorker();
