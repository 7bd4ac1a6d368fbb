import { Form, NavLink, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { hasCapability } from "~/models/access/policy";
import type { Locale, Role } from "~/models/enums";
import { NAV_ITEMS } from "./nav";
import { OutboxIndicator } from "./offline/outbox-indicator";

/** What the header shows of the signed-in user (the root loader's `user`). */
export type ShellUser = { displayName: string; username: string; role: Role; facilityName: string | null; unread: number };

type Props = { locale: Locale; user?: ShellUser | null; userSlot?: ReactNode; children: ReactNode };

/** Administration is for administrators (everything) and department officers (the audit trail). */
function visibleFor(user: ShellUser | null | undefined, key: string): boolean {
  if (key !== "admin") return true;
  return !!user && (hasCapability(user, "users.manage") || hasCapability(user, "audit.read"));
}

function LanguageSwitch({ locale }: { locale: Locale }) {
  const { t } = useTranslation("common");
  const location = useLocation();
  const here = location.pathname + location.search;
  return (
    // A full page load: the browser holds only the current language's strings.
    <Form method="post" action="/locale" replace reloadDocument>
      <input type="hidden" name="locale" value={locale === "vi" ? "en" : "vi"} />
      <input type="hidden" name="redirectTo" value={here} />
      <button type="submit" className="btn-secondary" lang={locale === "vi" ? "en" : "vi"}>
        {t("switchTo")}
      </button>
    </Form>
  );
}

/** The bell in the header: the user's notifications, with the number still unread. */
function NotificationBell({ unread }: { unread: number }) {
  const { t } = useTranslation("common");
  const label = unread > 0 ? t("notifications.bellUnread", { count: unread }) : t("notifications.bell");
  return (
    <NavLink
      to="/notifications"
      className="relative inline-flex h-9 w-9 items-center justify-center rounded-md border border-slate-300 text-slate-700 hover:bg-slate-100"
      aria-label={label}
      title={label}
      data-testid="notification-bell"
    >
      <svg viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
        <path d="M18 8a6 6 0 1 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
        <path d="M13.7 21a2 2 0 0 1-3.4 0" />
      </svg>
      {unread > 0 ? (
        <span
          className="absolute -right-1.5 -top-1.5 min-w-[1.25rem] rounded-full bg-red-600 px-1 text-center text-xs font-semibold leading-5 text-white"
          data-testid="unread-count"
        >
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
    </NavLink>
  );
}

function UserMenu({ user }: { user: ShellUser }) {
  const { t } = useTranslation("auth");
  const { t: te } = useTranslation("enums");
  const scope = [te(`role.${user.role}`), user.facilityName].filter(Boolean).join(" · ");
  return (
    <div className="flex items-center gap-2">
      <NavLink
        to="/account/security"
        className="hidden max-w-[24rem] flex-col text-right leading-tight hover:underline md:flex"
        title={t("shell.security")}
        data-testid="user-menu"
      >
        <span className="truncate text-sm font-medium">{user.displayName}</span>
        <span className="truncate text-xs text-slate-500">{scope}</span>
      </NavLink>
      {/* On phones sign-out lives in the menu, so the header keeps to one line. */}
      <Form method="post" action="/logout" className="hidden sm:block">
        <button type="submit" className="btn-secondary whitespace-nowrap" title={t("shell.signedInAs", { username: user.username })}>
          {t("shell.signOut")}
        </button>
      </Form>
    </div>
  );
}

/** On phones the header has no room for the user's name: the menu shows it. */
function PhoneUserCard({ user }: { user: ShellUser }) {
  const { t } = useTranslation("auth");
  const { t: te } = useTranslation("enums");
  return (
    <div className="mb-2 border-b border-slate-200 px-3 pb-2 text-sm md:hidden">
      <p className="font-medium">{user.displayName}</p>
      <p className="text-xs text-slate-500">{[te(`role.${user.role}`), user.facilityName].filter(Boolean).join(" · ")}</p>
      <div className="mt-1 flex items-center justify-between gap-2">
        <NavLink to="/account/security" className="link text-xs">
          {t("shell.security")}
        </NavLink>
        <Form method="post" action="/logout" className="sm:hidden">
          <button type="submit" className="btn-secondary whitespace-nowrap px-2 py-1 text-xs">
            {t("shell.signOut")}
          </button>
        </Form>
      </div>
    </div>
  );
}

/** The page frame for signed-out visitors (sign-in, second-factor set-up): no menu. */
export function SimpleShell({ locale, children }: { locale: Locale; children: ReactNode }) {
  const { t } = useTranslation("common");
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-3xl items-center gap-3 px-3 py-2">
          <span className="flex flex-col leading-tight">
            <span className="font-semibold text-teal-800">{t("appName")}</span>
            <span className="hidden text-xs text-slate-500 sm:block">{t("appTagline")}</span>
          </span>
          <div className="ml-auto">
            <LanguageSwitch locale={locale} />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-3xl px-3 py-4">
        {children}
      </main>
    </div>
  );
}

export function AppShell({ locale, user, userSlot, children }: Props) {
  const { t } = useTranslation("common");
  const links = NAV_ITEMS.filter((item) => visibleFor(user, item.key)).map((item) => (
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
            <summary className="btn-secondary cursor-pointer list-none whitespace-nowrap">☰ {t("menu")}</summary>
            <nav className="absolute left-0 z-20 mt-1 w-64 max-w-[calc(100vw-1.5rem)] rounded-md border border-slate-200 bg-white p-2 shadow-lg">
              {user ? <PhoneUserCard user={user} /> : null}
              {links}
            </nav>
          </details>
          <NavLink to="/" className="flex min-w-0 flex-col leading-tight" title={t("appName")}>
            <span className="font-semibold text-teal-800 sm:hidden">{t("appShort")}</span>
            <span className="hidden font-semibold text-teal-800 sm:inline">{t("appName")}</span>
            <span className="hidden text-xs text-slate-500 sm:block">{t("appTagline")}</span>
          </NavLink>
          <div className="ml-auto flex items-center gap-2">
            {userSlot}
            {user ? <OutboxIndicator user={user.username} /> : null}
            {user ? <NotificationBell unread={user.unread} /> : null}
            <LanguageSwitch locale={locale} />
            {user ? <UserMenu user={user} /> : null}
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
