import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useMemo, type ReactNode } from "react";
import { I18nextProvider, useTranslation } from "react-i18next";
import { AppShell, SimpleShell, type ShellUser } from "~/components/app-shell";
import { createI18n, DEFAULT_LOCALE } from "~/i18n/i18n";
import { getLocale } from "~/i18n/locale.server";
import { getActor } from "~/models/auth/session.server";
import type { Locale } from "~/models/enums";
import stylesheet from "~/tailwind.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesheet }];

export const meta: MetaFunction = () => [{ title: "CGKT – Chuyển giao kỹ thuật & đào tạo" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  const actor = await getActor(request);
  // Only what the header shows; pages load their own data with requireActor.
  const user: ShellUser | null = actor
    ? { displayName: actor.displayName, username: actor.username, role: actor.role, facilityName: actor.facilityName }
    : null;
  return json({ locale, user });
}

function Document({ locale, children }: { locale: Locale; children: ReactNode }) {
  const i18n = useMemo(() => createI18n(locale), [locale]);
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <I18nextProvider i18n={i18n}>{children}</I18nextProvider>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

/** Signed-in users get the full frame; signed-out pages (sign-in) a simple one without the menu. */
function Frame({ locale, user, children }: { locale: Locale; user: ShellUser | null; children: ReactNode }) {
  return user ? (
    <AppShell locale={locale} user={user}>
      {children}
    </AppShell>
  ) : (
    <SimpleShell locale={locale}>{children}</SimpleShell>
  );
}

export default function App() {
  const { locale, user } = useLoaderData<typeof loader>();
  return (
    <Document locale={locale}>
      <Frame locale={locale} user={user}>
        <Outlet />
      </Frame>
    </Document>
  );
}

function ErrorContent() {
  const error = useRouteError();
  const { t } = useTranslation("common");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (!isRouteErrorResponse(error)) console.error(error);
  const [title, body] =
    status === 404
      ? [t("errors.notFoundTitle"), t("errors.notFoundBody")]
      : status === 403
        ? [t("errors.forbiddenTitle"), t("errors.forbiddenBody")]
        : status === 400
          ? [t("errors.badRequestTitle"), typeof error === "object" && error && "data" in error ? String((error as { data: unknown }).data ?? "") : ""]
          : [t("errors.genericTitle"), t("errors.genericBody")];
  return (
    <div className="card mx-auto mt-8 max-w-xl text-center" role="alert">
      <p className="text-4xl font-bold text-teal-800">{status}</p>
      <h1 className="page-title mt-2">{title}</h1>
      <p className="mt-2 text-slate-600">{body}</p>
      <a href="/" className="btn mt-4">
        {t("errors.goHome")}
      </a>
    </div>
  );
}

// The one shared error boundary: 404 and 403 pages, and anything unexpected, without a stack trace.
export function ErrorBoundary() {
  const data = useRouteLoaderData<typeof loader>("root");
  const locale = data?.locale ?? DEFAULT_LOCALE;
  return (
    <Document locale={locale}>
      <Frame locale={locale} user={data?.user ?? null}>
        <ErrorContent />
      </Frame>
    </Document>
  );
}
