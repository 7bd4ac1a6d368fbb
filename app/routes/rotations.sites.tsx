import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getLocale } from "~/i18n/locale.server";
import { tabClass, withParams } from "~/components/view-links";
import { Pagination } from "~/components/pagination";
import { getDb } from "~/db/client.server";
import { formatDate, formatMonth } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { requireActor } from "~/models/auth/session.server";
import { getReceivingSites } from "~/models/rotations/sites.server";
import { parseSiteFilters, shiftMonth, SITE_MONTH_CHOICES } from "~/models/rotations/sites";
import { todayInVietnam } from "~/utils/domain-response.server";
import { localizedTitle } from "~/utils/meta";
import { pageFromUrl } from "~/utils/pagination";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "rotations:sites.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  const actor = await requireActor(request);
  const url = new URL(request.url);
  const today = todayInVietnam();
  const filters = parseSiteFilters(url.searchParams, today);
  const { months, sites } = getReceivingSites(getDb(), actor, filters, pageFromUrl(url, 20), locale);
  return json({ filters, months, sites, current: today.slice(0, 7) });
}

export default function ReceivingSitesPage() {
  const { filters, months, sites, current } = useLoaderData<typeof loader>();
  const { t } = useTranslation("rotations");
  const { t: te } = useTranslation("enums");
  const locale = useLocale();
  const { search } = useLocation();
  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="page-title">{t("sites.title")}</h1>
          <p className="mt-1 text-sm text-slate-600">
            {formatMonth(months[0], locale)} – {formatMonth(months[months.length - 1], locale)}
          </p>
        </div>
        <Link to="/rotations/board" className="btn-secondary">
          {t("board.title")}
        </Link>
      </header>
      <p className="max-w-3xl text-sm text-slate-600">{t("sites.intro")}</p>
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm text-slate-600">{t("sites.monthsLabel")}</span>
        {SITE_MONTH_CHOICES.map((m) => (
          <Link key={m} to={withParams(search, { months: String(m) })} className={tabClass(filters.months === m)} aria-current={filters.months === m ? "page" : undefined}>
            {t("sites.months", { count: m })}
          </Link>
        ))}
        <span className="flex gap-1 sm:ml-2">
          <Link to={withParams(search, { from: shiftMonth(filters.from, -filters.months) })} className="btn-secondary" rel="prev">
            ‹ {t("board.prev")}
          </Link>
          <Link to={withParams(search, { from: current })} className="btn-secondary">
            {t("board.today")}
          </Link>
          <Link to={withParams(search, { from: shiftMonth(filters.from, filters.months) })} className="btn-secondary" rel="next">
            {t("board.next")} ›
          </Link>
        </span>
      </div>
      {sites.rows.length === 0 ? <p className="card text-slate-600">{t("sites.empty")}</p> : null}
      {sites.rows.map((site) => (
        <section key={site.id} className="card space-y-3" aria-labelledby={`site-${site.id}`} data-site={site.shortName}>
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id={`site-${site.id}`} className="font-semibold text-slate-800" title={site.name}>
              {site.shortName}
            </h2>
            <span className={`text-sm ${site.gaps > 0 ? "font-medium text-amber-800" : "text-slate-600"}`} data-testid="site-gaps">
              {site.gaps > 0 ? t("sites.gaps", { count: site.gaps }) : t("sites.noGaps")}
            </span>
          </div>
          <ol className="grid grid-cols-1 gap-2 sm:grid-cols-2 lg:grid-cols-3">
            {site.months.map((m) => (
              <li
                key={m.month}
                className={`rounded-md border p-2 text-sm ${m.stays.length === 0 ? "border-amber-300 bg-amber-50" : "border-slate-200"}`}
                data-month={m.month}
                data-empty={m.stays.length === 0 ? "true" : undefined}
              >
                <p className="font-medium text-slate-700">{formatMonth(m.month, locale)}</p>
                {m.stays.length === 0 ? (
                  <p className="text-amber-900">{t("sites.nobody")}</p>
                ) : (
                  <ul className="mt-1 space-y-1.5">
                    {m.stays.map((s) => (
                      <li key={s.rotationId}>
                        <Link to={`/rotations/${s.rotationId}`} className="link font-medium">
                          {s.staffName}
                        </Link>{" "}
                        <span className="text-xs text-slate-500">
                          {t("sites.from", { name: s.fromName })} · {t("sites.until", { start: formatDate(s.startOn, locale), end: formatDate(s.endOn, locale) })} ·{" "}
                          {te(`rotationPurpose.${s.purpose}`)}
                        </span>
                        {s.lines.length === 0 ? (
                          <p className="text-xs text-slate-500">{t("sites.noLines")}</p>
                        ) : (
                          <ul className="text-xs">
                            {s.lines.map((line) => (
                              <li key={line.id}>
                                <Link to={`/agreements/${line.agreementId}/items/${line.id}`} className="link">
                                  {line.code} {line.name}
                                </Link>
                              </li>
                            ))}
                          </ul>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
        </section>
      ))}
      <Pagination page={sites.page} pageCount={sites.pageCount} total={sites.total} />
    </div>
  );
}
