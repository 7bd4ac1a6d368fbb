// The health department's dashboard: the province's headline figures as newspapers print them,
// each a link to the list of facility × technique pairs behind it.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { FilterBar, FilterSelect } from "~/components/filter-bar";
import { DecayList } from "~/components/planning/decay-list";
import { TargetStatusBadge } from "~/components/reports/target-status";
import { getDb } from "~/db/client.server";
import { formatDate, formatNumber } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { readsEverything } from "~/models/access/policy";
import { getLocale } from "~/i18n/locale.server";
import { requireActor } from "~/models/auth/session.server";
import { listProvinces } from "~/models/facilities/queries.server";
import { listDecayAlerts } from "~/models/planning/decay.server";
import { dashboardProvince, getDepartmentDashboard } from "~/models/reports/dashboard.server";
import { orRespond, todayInVietnam } from "~/utils/domain-response.server";
import { localizedTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  localizedTitle(matches, "reports:dashboard.title", { province: data?.dashboard.provinceName ?? "" });

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const url = new URL(request.url);
  const db = getDb();
  const locale = await getLocale(request);
  return orRespond(() => {
    // A department officer asking for another province's dashboard is refused (403).
    const provinceCode = dashboardProvince(db, actor, url.searchParams.get("province"));
    const today = todayInVietnam();
    const dashboard = getDepartmentDashboard(db, actor, provinceCode, today, undefined, locale);
    const decay = listDecayAlerts(db, actor, today, { page: 1, pageSize: 5, offset: 0 }, locale, { provinceCode });
    return json({ dashboard, decay, provinces: readsEverything(actor) ? listProvinces(db) : null });
  });
}

export default function DepartmentDashboard() {
  const { dashboard: d, decay, provinces } = useLoaderData<typeof loader>();
  const { t } = useTranslation("reports");
  const locale = useLocale();
  const n = (value: number) => formatNumber(value, locale);
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="page-title">{t("dashboard.title", { province: d.provinceName })}</h1>
          <p className="mt-1 text-sm text-slate-600">{t("dashboard.intro", { date: formatDate(d.reportDate, locale) })}</p>
        </div>
        <nav className="flex flex-wrap gap-2">
          <Link className="btn-secondary" to={`/reports?province=${d.provinceCode}&dimension=level&baseline=${d.baselineYear}`}>
            {t("dashboard.openReport")}
          </Link>
          <Link className="btn-secondary" to={`/reports?province=${d.provinceCode}&dimension=facility&baseline=${d.baselineYear}`} data-testid="open-map">
            {t("map.open")}
          </Link>
          <Link className="btn-secondary" to="/reports/periods">
            {t("report.periods")}
          </Link>
          <Link className="btn-secondary" to={provinces ? `/reports/completeness?province=${d.provinceCode}` : "/reports/completeness"} data-testid="open-completeness">
            {t("completeness.title")}
          </Link>
        </nav>
      </header>

      {provinces ? (
        <FilterBar>
          <FilterSelect
            name="province"
            label={t("dimension.province")}
            defaultValue={d.provinceCode}
            options={provinces.map((p) => ({ value: p.code, label: locale === "en" ? p.nameEn : p.name }))}
          />
        </FilterBar>
      ) : null}

      <section className="card border-l-4 border-teal-700" aria-labelledby="headline">
        <h2 id="headline" className="sr-only">
          {t("dashboard.title", { province: d.provinceName })}
        </h2>
        <p className="font-serif text-xl leading-relaxed text-slate-900 sm:text-2xl" data-testid="headline">
          <Trans
            t={t}
            i18nKey="dashboard.headline"
            values={{ baseline: d.baselineYear, added: n(d.provincialAdded.official), performing: n(d.regionalPerforming.official) }}
            components={{
              added: <Link to={d.provincialAdded.href} className="link font-bold text-teal-800" data-testid="provincial-added" />,
              performing: <Link to={d.regionalPerforming.href} className="link font-bold text-teal-800" data-testid="regional-performing" />,
            }}
          />
        </p>
      </section>

      <div className="grid gap-4 md:grid-cols-2">
        <Figure
          label={t("dashboard.provincialLabel", { baseline: d.baselineYear })}
          value={`+${n(d.provincialAdded.official)}`}
          href={d.provincialAdded.href}
          all={d.provincialAdded.all}
          allHref={d.provincialAdded.hrefAll}
        />
        <Figure
          label={t("dashboard.regionalLabel")}
          value={n(d.regionalPerforming.official)}
          href={d.regionalPerforming.href}
          all={d.regionalPerforming.all}
          allHref={d.regionalPerforming.hrefAll}
        />
      </div>

      {d.apart.unclassified + d.apart.newTechniques > 0 ? (
        <p className="text-sm text-slate-600" data-testid="counted-apart">
          {t("dashboard.countedApart", { unclassified: n(d.apart.unclassified), newTechniques: n(d.apart.newTechniques) })}{" "}
          <Link to={d.apart.href} className="link" data-testid="counted-apart-link">
            {t("dashboard.openApart")}
          </Link>
        </p>
      ) : null}

      {d.pendingRequests > 0 ? (
        <p className="card flex flex-wrap items-center justify-between gap-2 bg-amber-50">
          <span>{t("dashboard.pendingRequests", { count: d.pendingRequests })}</span>
          <Link to="/adoption/requests?status=submitted" className="btn">
            {t("dashboard.openRequests")}
          </Link>
        </p>
      ) : null}

      <div className="grid gap-4 lg:grid-cols-2">
        <Movers title={t("dashboard.facilitiesMoved")} rows={d.facilities} />
        <Movers title={t("dashboard.chaptersMoved")} rows={d.chapters} />
      </div>

      <DecayList rows={decay.rows} total={decay.total} href={provinces ? `/planning/decay?province=${d.provinceCode}` : "/planning/decay"} />

      <section className="card" aria-labelledby="targets-at-risk">
        <h2 id="targets-at-risk" className="text-lg font-semibold">
          {t("dashboard.targetsAtRisk")}
        </h2>
        {d.targets.length === 0 ? (
          <p className="mt-2 text-slate-600">{t("dashboard.noTargetsAtRisk")}</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100">
            {d.targets.map((target) => (
              <li key={target.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <Link to={`/targets/${target.id}`} className="link">
                  {target.title}
                </Link>
                <span className="flex items-center gap-2 tabular-nums">
                  {t("targets.achievementText", { value: n(target.value), target: n(target.targetValue), percent: `${formatNumber(target.percent, locale, 1)}%` })}
                  <TargetStatusBadge status={target.status} />
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function Figure({ label, value, href, all, allHref }: { label: string; value: string; href: string; all: number; allHref: string }) {
  const { t } = useTranslation("reports");
  const locale = useLocale();
  return (
    <section className="card">
      <h2 className="text-sm font-medium text-slate-600">{label}</h2>
      <Link to={href} className="mt-1 block text-4xl font-bold tabular-nums text-teal-800 hover:underline">
        {value}
      </Link>
      <Link to={allHref} className="mt-1 inline-block text-sm text-slate-600 hover:underline">
        {t("dashboard.allRecorded", { count: formatNumber(all, locale) as unknown as number })}
      </Link>
    </section>
  );
}

function Movers({ title, rows }: { title: string; rows: { key: string; label: string; change: number; cumulative: number; href: string }[] }) {
  const { t } = useTranslation("reports");
  const locale = useLocale();
  return (
    <section className="card p-0">
      <h2 className="px-4 pt-4 text-lg font-semibold">{title}</h2>
      {rows.length === 0 ? (
        <p className="p-4 text-slate-600">{t("dashboard.noMovers")}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("report.group")}</th>
              <th scope="col" className="text-right">
                {t("dashboard.change")}
              </th>
              <th scope="col" className="text-right">
                {t("metric.cumulative")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row) => (
              <tr key={row.key}>
                <td>{row.label}</td>
                <td className="text-right tabular-nums">
                  <Link to={row.href} className="link">
                    +{formatNumber(row.change, locale)}
                  </Link>
                </td>
                <td className="text-right tabular-nums">{formatNumber(row.cumulative, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
