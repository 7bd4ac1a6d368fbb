// The report figures an agreement contributed to: per year, the pairs that came through its
// plan lines, each with its story and the drill-down of the figure that counts it.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LevelBadge } from "~/components/level-badge";
import { techniqueHref } from "~/components/links";
import { PageHeader } from "~/components/page-header";
import { getDb } from "~/db/client.server";
import { formatDate, formatNumber } from "~/i18n/format";
import { getLocale } from "~/i18n/locale.server";
import { useLocale } from "~/i18n/use-locale";
import { getAgreementContributions } from "~/models/agreements/contributions.server";
import { requireActor } from "~/models/auth/session.server";
import { DomainError } from "~/models/errors";
import { orRespond, todayInVietnam } from "~/utils/domain-response.server";
import { localizedTitle } from "~/utils/meta";
import { parsePositiveInt } from "~/utils/numbers";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "planning:trace.figures.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const locale = await getLocale(request);
  const today = todayInVietnam();
  return orRespond(() => {
    const id = parsePositiveInt(params.id);
    if (id === null) throw new DomainError("planning:trace.story.badId");
    return json({ contributions: getAgreementContributions(getDb(), actor, id, today, locale) });
  });
}

export default function AgreementFiguresPage() {
  const { contributions: c } = useLoaderData<typeof loader>();
  const { t } = useTranslation("planning");
  const locale = useLocale();
  const n = (value: number) => formatNumber(value, locale);
  return (
    <div className="space-y-4">
      <PageHeader title={t("trace.figures.title")} intro={t("trace.figures.intro", { number: c.agreement.number })}>
        <Link to={`/agreements/${c.agreement.id}`} className="btn-secondary print:hidden">
          {t("trace.figures.back")}
        </Link>
      </PageHeader>
      <p className="text-lg font-semibold text-teal-800" data-testid="figures-total">
        {t("trace.figures.total", { count: n(c.total) as unknown as number, cross: n(c.crossLevel), official: n(c.officialCrossLevel) })}
      </p>
      {c.hidden > 0 ? <p className="text-sm text-slate-600">{t("trace.figures.hidden", { count: c.hidden })}</p> : null}
      {c.years.length === 0 ? <p className="card text-slate-600">{t("trace.figures.empty")}</p> : null}
      {c.years.map((y) => (
        <section key={y.year} className="card overflow-x-auto p-0" data-testid="figures-year" data-year={y.year}>
          <header className="flex flex-wrap items-baseline justify-between gap-2 px-4 pt-4">
            <h2 className="font-semibold">{t("trace.figures.year", { year: y.year })}</h2>
            <p className="text-sm text-slate-700" data-testid="figures-year-summary">
              {t("trace.figures.yearSummary", { count: n(y.pairs.length) as unknown as number, cross: n(y.crossLevel), official: n(y.officialCrossLevel) })}
            </p>
          </header>
          <table className="table table-cards mt-2">
            <thead>
              <tr>
                <th scope="col">{t("common:facility")}</th>
                <th scope="col">{t("reports:drill.technique")}</th>
                <th scope="col">{t("reports:drill.startedOn")}</th>
                <th scope="col">{t("reports:drill.approvedOn")}</th>
                <th scope="col">{t("trace.figures.counts")}</th>
                <th scope="col"><span className="sr-only">{t("trace.origin.story")}</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {y.pairs.map((p) => (
                <tr key={`${p.facilityId}:${p.techniqueId}`} data-testid="figures-pair">
                  <td data-label={t("common:facility")}>{p.facilityName}</td>
                  <td data-label={t("reports:drill.technique")}>
                    <Link to={techniqueHref(p.techniqueCode)} className="link font-mono text-xs">{p.techniqueCode}</Link> {p.techniqueName}{" "}
                    <LevelBadge level={p.minLevel} />
                  </td>
                  <td data-label={t("reports:drill.startedOn")} className="whitespace-nowrap">{formatDate(p.startedOn, locale)}</td>
                  <td data-label={t("reports:drill.approvedOn")} className="whitespace-nowrap">
                    {p.approvedOn ? formatDate(p.approvedOn, locale) : <span className="text-slate-500">{t("reports:drill.notApproved")}</span>}
                  </td>
                  <td data-label={t("trace.figures.counts")} className="text-sm">
                    <ul className="space-y-0.5">
                      {p.allFigureHref ? (
                        <li><Link to={p.allFigureHref} className="link" data-testid="figure-link">{t("trace.figures.allFigure", { year: p.startedOn.slice(0, 4) })}</Link></li>
                      ) : null}
                      {p.officialFigureHref && p.officialFrom ? (
                        <li><Link to={p.officialFigureHref} className="link" data-testid="figure-link">{t("trace.figures.officialFigure", { year: p.officialFrom.slice(0, 4) })}</Link></li>
                      ) : null}
                      {!p.crossLevel ? <li className="text-slate-600">{t("trace.figures.notCross")}</li> : null}
                      {p.crossLevel && !p.officialFrom ? <li className="text-slate-600">{t("trace.figures.notOfficial")}</li> : null}
                    </ul>
                  </td>
                  <td data-label={t("trace.origin.story")}>
                    <Link to={p.storyHref} className="link" data-testid="story-link">{t("trace.origin.story")}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}
