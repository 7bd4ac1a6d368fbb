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
import type { ReactNode } from "react";
import { I18nextProvider, useTranslation } from "react-i18next";
import { AppShell, SimpleShell, type ShellUser } from "~/components/app-shell";
import { DEFAULT_LOCALE, getFixedT, i18nFor } from "~/i18n/i18n";
import { getLocale } from "~/i18n/locale.server";
import { getActor } from "~/models/auth/session.server";
import { countUnread, ensureExpiryReminders } from "~/models/notifications/notifications.server";
import { getDb } from "~/db/client.server";
import { todayInVietnam } from "~/utils/domain-response.server";
import type { Locale } from "~/models/enums";
import stylesheet from "~/tailwind.css";
import { translateMessage } from "~/utils/messages";
import { useNonce } from "~/utils/nonce";
import { facilityDisplayName } from "~/models/facilities/names";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

// The default title, in the user's language; pages with their own title replace it.
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `CGKT – ${getFixedT(data?.locale ?? DEFAULT_LOCALE, "common")("appName")}` },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  const actor = await getActor(request);
  // Only what the header shows; pages load their own data with requireActor.
  let user: ShellUser | null = null;
  if (actor) {
    const db = getDb();
    // Reminders are written here so that the header's count includes them on the day they fall due.
    ensureExpiryReminders(db, actor, todayInVietnam());
    user = {
      displayName: actor.displayName,
      username: actor.username,
      role: actor.role,
      facilityName: actor.facilityName === null ? null : facilityDisplayName({ name: actor.facilityName, nameEn: actor.facilityNameEn }, locale),
      unread: countUnread(db, actor.userId),
    };
  }
  return json({ locale, user });
}

function Document({ locale, children }: { locale: Locale; children: ReactNode }) {
  const i18n = i18nFor(locale);
  const nonce = useNonce();
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
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
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

/** A thrown Response whose body is a message key ("ns:key" or "ns:key|{...}") shows that message. */
function messageOf(error: unknown): string | null {
  if (!isRouteErrorResponse(error) || typeof error.data !== "string") return null;
  return /^[a-z]+:[A-Za-z0-9_.]+(\|.*)?$/s.test(error.data) ? error.data : null;
}

function ErrorContent() {
  const error = useRouteError();
  const { t } = useTranslation("common");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (!isRouteErrorResponse(error)) console.error(error);
  const message = messageOf(error);
  const said = message ? translateMessage(t, message) : null;
  // Bodies of thrown responses are never shown raw: they may be English developer text.
  const [title, body] =
    status === 404
      ? [t("errors.notFoundTitle"), t("errors.notFoundBody")]
      : status === 403
        ? [t("errors.forbiddenTitle"), said ?? t("errors.forbiddenBody")]
        : status === 401
          ? [t("errors.unauthorizedTitle"), t("errors.unauthorizedBody")]
          : status === 400 || status === 413 || status === 422
            ? [t("errors.badRequestTitle"), said ?? t("errors.badRequestBody")]
            : status === 409
              ? [t("errors.conflictTitle"), said ?? t("errors.genericBody")]
              : status === 429
                ? [t("errors.tooManyTitle"), t("errors.tooManyBody")]
                : [t("errors.genericTitle"), t("errors.genericBody")];
  return (
    <div className="card mx-auto mt-8 max-w-xl text-center" role="alert">
      <p className="text-4xl font-bold text-teal-800">{status}</p>
      <h1 className="page-title mt-2">{title}</h1>
      <p className="mt-2 text-slate-600">{body}</p>
      {status === 401 ? (
        <a href="/login" className="btn mt-4">
          {t("errors.signIn")}
        </a>
      ) : (
        <a href="/" className="btn mt-4">
          {t("errors.goHome")}
        </a>
      )}
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
