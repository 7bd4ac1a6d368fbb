import { useRouteLoaderData } from "@remix-run/react";
import type { Locale } from "~/models/enums";
import { DEFAULT_LOCALE } from "./i18n";

/** The locale chosen in the root loader; Vietnamese when the root has not loaded. */
export function useLocale(): Locale {
  const data = useRouteLoaderData<{ locale: Locale }>("root");
  return data?.locale ?? DEFAULT_LOCALE;
}
