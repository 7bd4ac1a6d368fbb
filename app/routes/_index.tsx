import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ROLE_SHORTCUTS, SHORTCUT_KEYS } from "~/components/nav";
import { getDb } from "~/db/client.server";
import { formatNumber } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { requireActor } from "~/models/auth/session.server";
import { getOverviewCounts } from "~/models/overview.server";
import { localizedTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "common:home.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  return json({ counts: getOverviewCounts(getDb()), shortcuts: ROLE_SHORTCUTS[actor.role] });
}

export default function Index() {
  const { counts, shortcuts } = useLoaderData<typeof loader>();
  const { t } = useTranslation("common");
  const locale = useLocale();
  const tiles = [
    { label: t("home.facilities"), value: counts.facilities, to: "/facilities" },
    { label: t("home.techniques"), value: counts.techniques, to: "/techniques" },
    { label: t("home.provinces"), value: counts.provinces, to: "/facilities" },
    { label: t("home.staff"), value: counts.staff, to: "/staff" },
  ];
  return (
    <div className="space-y-4">
      <h1 className="page-title">{t("home.title")}</h1>
      <p className="max-w-3xl text-slate-600">{t("home.intro")}</p>
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
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        {tiles.map((tile) => (
          <Link key={tile.label} to={tile.to} className="card block hover:border-teal-600">
            <p className="text-2xl font-semibold text-teal-800">{formatNumber(tile.value, locale)}</p>
            <p className="text-sm text-slate-600">{tile.label}</p>
          </Link>
        ))}
      </div>
    </div>
  );
}
