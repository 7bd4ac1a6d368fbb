// The list behind a report number: exactly the facility × technique pairs it counts, paginated.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LevelBadge } from "~/components/level-badge";
import { Pagination } from "~/components/pagination";
import { TraceOrigin } from "~/components/reports/trace-origin";
import { getDb } from "~/db/client.server";
import { formatDate, formatNumber } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { getLocale } from "~/i18n/locale.server";
import { requireActor } from "~/models/auth/session.server";
import { drillBackQuery, parseDrillParams } from "~/models/reports/params";
import { loadDrillDown } from "~/models/reports/queries.server";
import { orRespond, todayInVietnam } from "~/utils/domain-response.server";
import { pageFromUrl } from "~/utils/pagination";
import { localizedTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "reports:drill.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const url = new URL(request.url);
  const today = todayInVietnam();
  const locale = await getLocale(request);
  return orRespond(() => {
    const params = parseDrillParams(url, Number(today.slice(0, 4)));
    const page = loadDrillDown(getDb(), actor, params, today, pageFromUrl(url, 50), locale);
    return json({ params, page });
  });
}

export default function DrillDownPage() {
  const { params, page } = useLoaderData<typeof loader>();
  const { t } = useTranslation(["reports", "planning"]);
  const locale = useLocale();
  const { search } = useLocation();
  const exportQuery = new URLSearchParams(search);
  exportQuery.delete("page");
  exportQuery.set("kind", "pairs");
  return (
    <div className="space-y-4">
      <header>
        <h1 className="page-title">{t("drill.title")}</h1>
        <p className="mt-1 text-slate-700">
          {params.from && params.to
            ? t("drill.describePeriod", {
                metric: t(`metric.${params.metric}`),
                category: t(`category.${params.category}`),
                from: formatDate(params.from, locale),
                to: formatDate(params.to, locale),
              })
            : t("drill.describe", {
                metric: t(`metric.${params.metric}`),
                category: t(`category.${params.category}`),
                year: params.year,
                baseline: params.baselineYear,
              })}
        </p>
        {params.apart ? (
          <p className="mt-1 text-slate-700" data-testid="drill-apart">
            {t("drill.apartOnly")}
          </p>
        ) : null}
        <p className="mt-1 text-2xl font-bold text-teal-800" data-testid="drill-total">
          {t("drill.summary", { count: formatNumber(page.total, locale) as unknown as number })}
        </p>
      </header>
      <div className="flex flex-wrap gap-2 print:hidden">
        <Link className="btn-secondary" to={`/reports?${drillBackQuery(search)}`}>
          {t("drill.back")}
        </Link>
        <a className="btn-secondary" href={`/reports/export?${exportQuery.toString()}&format=csv`} download>
          {t("report.exportCsv")}
        </a>
        <a className="btn-secondary" href={`/reports/export?${exportQuery.toString()}&format=xlsx`} download>
          {t("report.exportXlsx")}
        </a>
      </div>
      <section className="card overflow-x-auto p-0">
        {page.rows.length === 0 ? (
          <p className="p-4 text-slate-600">{t("drill.empty")}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("common:facility")}</th>
                <th scope="col">{t("drill.technique")}</th>
                <th scope="col" className="hidden md:table-cell">{t("drill.minLevel")}</th>
                <th scope="col" className="hidden md:table-cell">{t("drill.levelAtStart")}</th>
                <th scope="col">{t("drill.startedOn")}</th>
                <th scope="col" className="hidden sm:table-cell">{t("drill.approvedOn")}</th>
                <th scope="col">{t("adoption:ledger.source")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.rows.map((r) => (
                <tr key={`${r.facilityId}:${r.techniqueId}`} data-testid="pair-row">
                  <td>
                    <Link to={`/facilities/${r.facilityId}`} className="link">
                      {r.facilityName}
                    </Link>
                    <p className="text-xs text-slate-500">{r.provinceName}</p>
                  </td>
                  <td>
                    <Link to={`/techniques/${r.techniqueCode}`} className="link font-mono text-xs">
                      {r.techniqueCode}
                    </Link>{" "}
                    {r.techniqueName}
                  </td>
                  <td className="hidden md:table-cell"><LevelBadge level={r.minLevel} /></td>
                  <td className="hidden md:table-cell"><LevelBadge level={r.levelAtStart} /></td>
                  <td className="whitespace-nowrap">{formatDate(r.startedOn, locale)}</td>
                  <td className="hidden whitespace-nowrap sm:table-cell">
                    {r.approvedOn ? formatDate(r.approvedOn, locale) : <span className="text-slate-500">{t("drill.notApproved")}</span>}
                  </td>
                  <td className="text-sm">
                    <TraceOrigin origin={r} />
                    <Link
                      to={`/reports/pairs/${r.facilityId}/${r.techniqueId}`}
                      className="link block text-xs"
                      data-testid="pair-story"
                      aria-label={t("planning:trace.origin.storyOf", { technique: r.techniqueName, facility: r.facilityName })}
                    >
                      {t("planning:trace.origin.story")}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <Pagination page={page.page} pageCount={page.pageCount} total={page.total} />
    </div>
  );
}
