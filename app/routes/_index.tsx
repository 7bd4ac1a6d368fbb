import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SHORTCUT_KEYS } from "~/components/nav";
import { getDb } from "~/db/client.server";
import { formatNumber } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { roleShortcuts } from "~/models/access/policy";
import { requireActor } from "~/models/auth/session.server";
import { getGlance, type Glance } from "~/models/overview.server";
import { ensureExpiryReminders, listRecentNotifications } from "~/models/notifications/notifications.server";
import { RECENT_NOTIFICATIONS } from "~/models/notifications/rules";
import { NotificationText } from "~/components/notifications/notification-item";
import { todayInVietnam } from "~/utils/domain-response.server";
import { localizedTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "common:home.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const db = getDb();
  const today = todayInVietnam();
  // The root loader runs beside this one: either may write today's reminders first.
  ensureExpiryReminders(db, actor, today);
  return json({
    glance: getGlance(db, actor, today),
    shortcuts: roleShortcuts(actor.role),
    notifications: listRecentNotifications(db, actor.userId, RECENT_NOTIFICATIONS),
  });
}

type Tile = { key: string; value: number; to: string };

/** The overview's figures, each linking to the list behind it, in the user's own scope. */
function tilesOf(glance: Glance): Tile[] {
  switch (glance.kind) {
    case "facility":
      return [
        { key: "staff", value: glance.staff, to: "/staff" },
        { key: "awayToday", value: glance.awayToday, to: "/rotations/board" },
        { key: "hostedToday", value: glance.hostedToday, to: "/rotations/board" },
        { key: "activeAgreements", value: glance.activeAgreements, to: "/agreements?status=active" },
        { key: "coursesNext30Days", value: glance.coursesNext30Days, to: "/courses/calendar" },
      ];
    case "province":
      return [
        { key: "provinceFacilities", value: glance.facilities, to: "/facilities" },
        { key: "activeAgreements", value: glance.activeAgreements, to: "/agreements?status=active" },
        { key: "rotationsToday", value: glance.rotationsToday, to: "/rotations/board" },
        { key: "listRequestsWaiting", value: glance.listRequestsWaiting, to: "/adoption/requests" },
      ];
    case "none":
      return [];
    case "national":
      return [
        { key: "facilities", value: glance.facilities, to: "/facilities" },
        { key: "techniques", value: glance.techniques, to: "/techniques" },
        { key: "provinces", value: glance.provinces, to: "/facilities" },
        { key: "staff", value: glance.staff, to: "/staff" },
      ];
  }
}

export default function Index() {
  const { glance, shortcuts, notifications } = useLoaderData<typeof loader>();
  const { t } = useTranslation("common");
  const locale = useLocale();
  const tiles = tilesOf(glance);
  return (
    <div className="space-y-4">
      <h1 className="page-title">{t("home.title")}</h1>
      <p className="max-w-3xl text-slate-600">{t("home.intro")}</p>
      {notifications.length > 0 ? (
        <section aria-labelledby="recent-notifications" className="space-y-2">
          <h2 id="recent-notifications" className="font-semibold text-slate-800">
            {t("notifications.recentTitle")}
          </h2>
          <ul className="card divide-y divide-slate-200 p-0" data-testid="recent-notifications">
            {notifications.map((row) => (
              <li key={row.id} className={`px-4 py-2 text-sm ${row.readAt === null ? "bg-teal-50" : ""}`}>
                <NotificationText row={row} />
              </li>
            ))}
          </ul>
          <Link to="/notifications" className="link text-sm">
            {t("notifications.seeAll")} →
          </Link>
        </section>
      ) : null}
      <section aria-labelledby="shortcuts" className="space-y-2">
        <h2 id="shortcuts" className="font-semibold text-slate-800">
          {t("home.shortcutsTitle")}
        </h2>
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 md:grid-cols-4">
          {shortcuts.map((to) => (
            <Link key={to} to={to} className="card block font-medium text-teal-800 hover:border-teal-600">
              {t(`home.shortcuts.${SHORTCUT_KEYS[to]}`)} →
            </Link>
          ))}
        </div>
      </section>
      {glance.kind === "none" ? null : (
      <section aria-labelledby="glance" className="space-y-2">
        <h2 id="glance" className="font-semibold text-slate-800">
          {t(`home.glanceTitle.${glance.kind}`)}
        </h2>
        <div className="grid grid-cols-2 gap-3 md:grid-cols-5" data-testid="glance">
          {tiles.map((tile) => (
            <Link key={tile.key} to={tile.to} className="card block hover:border-teal-600" data-tile={tile.key}>
              <p className="text-2xl font-semibold text-teal-800">{formatNumber(tile.value, locale)}</p>
              <p className="text-sm text-slate-600">{t(`home.glance.${tile.key}`)}</p>
            </Link>
          ))}
        </div>
      </section>
      )}
    </div>
  );
}
