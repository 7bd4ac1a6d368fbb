import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StageBadge } from "~/components/agreements/status-badge";
import { DecayList } from "~/components/planning/decay-list";
import { getDb } from "~/db/client.server";
import { formatDate } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { requireActor } from "~/models/auth/session.server";
import { getDirectorDashboard } from "~/models/agreements/dashboard.server";
import { facilityDisplayName } from "~/models/facilities/names";
import { getLocale } from "~/i18n/locale.server";
import { listDecayAlerts } from "~/models/planning/decay.server";
import { todayInVietnam } from "~/utils/domain-response.server";
import { localizedTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "agreements:dashboard.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  const actor = await requireActor(request);
  const facilityName = actor.facilityName === null ? null : facilityDisplayName({ name: actor.facilityName, nameEn: actor.facilityNameEn }, locale);
  const today = todayInVietnam();
  const decay = listDecayAlerts(getDb(), actor, today, { page: 1, pageSize: 5, offset: 0 }, locale);
  return json({ facilityName, dashboard: getDirectorDashboard(getDb(), actor, today, locale), decay });
}

type ItemRow = ReturnType<typeof getDirectorDashboard>["overdue"]["rows"][number];

function ItemList({ title, empty, total, rows, testId }: { title: string; empty: string; total: number; rows: ItemRow[]; testId: string }) {
  const { t } = useTranslation("agreements");
  const locale = useLocale();
  return (
    <section className="card" data-testid={testId}>
      <h2 className="mb-2 font-semibold">{title} <span className="badge bg-slate-100">{total}</span></h2>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">{empty}</p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm">
          {rows.map((r) => (
            <li key={r.id} className="flex flex-wrap items-center gap-2 py-1.5">
              <Link to={`/agreements/${r.agreementId}/items/${r.id}`} className="link">{r.techniqueCode} {r.techniqueName}</Link>
              <span className="text-slate-500">{r.fromName} → {r.toName} · {r.agreementNumber}</span>
              <StageBadge stage={r.stage} />
              {r.targetDate ? <span className="text-xs text-slate-600">{formatDate(r.targetDate, locale)}</span> : null}
            </li>
          ))}
        </ul>
      )}
      {total > rows.length ? <p className="mt-2 text-xs text-slate-500">{t("dashboard.more", { shown: rows.length, total })}</p> : null}
    </section>
  );
}

export default function DirectorPage() {
  const { facilityName, dashboard, decay } = useLoaderData<typeof loader>();
  const { t } = useTranslation("agreements");
  const locale = useLocale();
  return (
    <div className="space-y-4">
      <h1 className="page-title">{t("dashboard.title")}</h1>
      <p className="text-slate-600">{facilityName ? t("dashboard.intro", { facility: facilityName }) : t("dashboard.introAll")}</p>
      <section className="card" data-testid="expiring">
        <h2 className="mb-2 font-semibold">{t("dashboard.expiring", { days: dashboard.days })} <span className="badge bg-slate-100">{dashboard.expiring.length}</span></h2>
        {dashboard.expiring.length === 0 ? (
          <p className="text-sm text-slate-600">{t("dashboard.noneExpiring")}</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm">
            {dashboard.expiring.map((a) => (
              <li key={a.id} className="flex flex-wrap gap-2 py-1.5">
                <Link to={`/agreements/${a.id}`} className="link">{a.number}</Link>
                <span>{a.title}</span>
                <span className="badge bg-amber-100 text-amber-900">
                  {t("dashboard.ends", { date: formatDate(a.endOn, locale) })} · {t("detail.daysLeft", { count: a.daysLeft })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <ItemList testId="overdue" title={t("dashboard.overdue")} empty={t("dashboard.noneOverdue")} total={dashboard.overdue.total} rows={dashboard.overdue.rows} />
      <ItemList testId="awaiting" title={t("dashboard.awaiting")} empty={t("dashboard.noneAwaiting")} total={dashboard.awaiting.total} rows={dashboard.awaiting.rows} />
      <DecayList rows={decay.rows} total={decay.total} href="/planning/decay" />
    </div>
  );
}
