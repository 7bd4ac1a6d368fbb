import { Form, NavLink, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Locale } from "~/models/enums";
import { NAV_ITEMS } from "./nav";

type Props = { locale: Locale; userSlot?: ReactNode; children: ReactNode };

export function AppShell({ locale, userSlot, children }: Props) {
  const { t } = useTranslation("common");
  const location = useLocation();
  const here = location.pathname + location.search;
  const links = NAV_ITEMS.map((item) => (
    <NavLink
      key={item.to}
      to={item.to}
      end={item.to === "/"}
      prefetch="intent"
      className={({ isActive }) =>
        `block rounded px-3 py-1.5 text-sm ${
          isActive ? "bg-teal-700 text-white" : "text-slate-700 hover:bg-slate-200"
        }`
      }
    >
      {t(`nav.${item.key}`)}
    </NavLink>
  ));
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only">
        {t("skipToContent")}
      </a>
      <header className="no-print border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl items-center gap-3 px-3 py-2">
          <details className="relative lg:hidden">
            <summary className="btn-secondary cursor-pointer list-none">☰ {t("menu")}</summary>
            <nav className="absolute left-0 z-20 mt-1 w-64 rounded-md border border-slate-200 bg-white p-2 shadow-lg">
              {links}
            </nav>
          </details>
          <NavLink to="/" className="flex flex-col leading-tight">
            <span className="font-semibold text-teal-800">{t("appName")}</span>
            <span className="hidden text-xs text-slate-500 sm:block">{t("appTagline")}</span>
          </NavLink>
          <div className="ml-auto flex items-center gap-2">
            {userSlot}
            <Form method="post" action="/locale" replace>
              <input type="hidden" name="locale" value={locale === "vi" ? "en" : "vi"} />
              <input type="hidden" name="redirectTo" value={here} />
              <button type="submit" className="btn-secondary" lang={locale === "vi" ? "en" : "vi"}>
                {t("switchTo")}
              </button>
            </Form>
          </div>
        </div>
      </header>
      <div className="mx-auto flex max-w-7xl gap-4 px-3 py-4">
        <nav className="no-print hidden w-56 shrink-0 lg:block" aria-label={t("menu")}>
          <div className="sticky top-4 space-y-0.5">{links}</div>
        </nav>
        <main id="main" className="min-w-0 flex-1">
          {children}
        </main>
      </div>
    </div>
  );
}
