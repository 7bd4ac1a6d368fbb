import { createCookie } from "@remix-run/node";
import type { Locale } from "~/models/enums";
import { DEFAULT_LOCALE, isLocale } from "./i18n";

// The chosen language persists for a year in a plain cookie (it is not a secret).
export const localeCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

export async function getLocale(request: Request): Promise<Locale> {
  const value = await localeCookie.parse(request.headers.get("Cookie"));
  return isLocale(value) ? value : DEFAULT_LOCALE;
}
