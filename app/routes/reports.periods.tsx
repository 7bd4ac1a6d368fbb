// Six- and twelve-month summaries (Circular 38/2024) per facility or province, compared with
// the previous period; every number links to its pairs.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FilterBar, FilterSelect } from "~/components/filter-bar";
import { getDb } from "~/db/client.server";
import { formatNumber } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { requireActor } from "~/models/auth/session.server";
import { vietnamToday } from "~/models/dates";
import { DomainError } from "~/models/errors";
import { throwDomainResponse } from "~/utils/domain-response.server";
import { PERIOD_KINDS, type PeriodKind } from "~/models/reports/params";
import { loadPeriodSummary } from "~/models/reports/queries.server";
import { encodeMessage, translateMessage } from "~/utils/messages";
import { localizedTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "adoption:periods.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const url = new URL(request.url);
  const today = vietnamToday(new Date());
  const kindParam = url.searchParams.get("period");
  const kind: PeriodKind = (PERIOD_KINDS as readonly string[]).includes(kindParam ?? "") ? (kindParam as PeriodKind) : "h1";
  const yearParam = Number(url.searchParams.get("year"));
  const year = Number.isInteger(yearParam) && yearParam > 1990 && yearParam <= 2100 ? yearParam : Number(today.slice(0, 4));
  const dimension = url.searchParams.get("dimension") === "province" ? "province" : "facility";
  const provinceCode = actor.role === "department" ? actor.provinceCode : url.searchParams.get("province") || null;
  try {
    const report = loadPeriodSummary(getDb(), actor, { kind, year, dimension, provinceCode, crossOnly: true }, today);
    return json({ report, kind, year, dimension, provinceCode, error: null });
  } catch (error) {
    if (error instanceof DomainError && error.status === 400) {
      return json({ report: null, kind, year, dimension, provinceCode, error: encodeMessage(error.message, error.params) }, { status: 400 });
    }
    throwDomainResponse(error);
  }
}

export default function PeriodSummaryPage() {
  const { report, kind, year, dimension, provinceCode, error } = useLoaderData<typeof loader>();
  const { t } = useTranslation("adoption");
  const locale = useLocale();
  const n = (v: number) => formatNumber(v, locale);
  const drill = (key: string | null, metric: string, p: { start: string; end: string }) => {
    const q = new URLSearchParams({ metric, category: "official", year: p.start.slice(0, 4), baseline: String(Number(p.start.slice(0, 4)) - 1), from: p.start, to: p.end });
    if (provinceCode) q.set("province", provinceCode);
    if (key && dimension === "facility") q.set("facility", key);
    if (key && dimension === "province") q.set("province", key);
    return `/reports/pairs?${q.toString()}`;
  };
  return (
    <div className="space-y-4">
      <header>
        <h1 className="page-title">{t("periods.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("periods.intro")}</p>
      </header>
      <div className="print:hidden">
        <FilterBar>
          <FilterSelect name="period" label={t("periods.kind")} defaultValue={kind} options={PERIOD_KINDS.map((k) => ({ value: k, label: t(`periods.${k}`) }))} />
          <label className="flex flex-col gap-1 text-sm">
            <span className="label">{t("periods.yearLabel")}</span>
            <input className="input w-28" type="number" name="year" defaultValue={year} min={2000} max={2100} />
          </label>
          <FilterSelect
            name="dimension"
            label={t("periods.dimension")}
            defaultValue={dimension}
            options={[
              { value: "facility", label: t("dimension.facility") },
              { value: "province", label: t("dimension.province") },
            ]}
          />
        </FilterBar>
      </div>
      {error ? (
        <p className="rounded-md border border-red-300 bg-red-50 p-3 text-red-800" role="alert">
          {translateMessage(t, error)}
        </p>
      ) : null}
      {report ? (
        <section className="card overflow-x-auto p-0">
          <table className="table">
            <caption className="px-4 pt-3 text-left font-semibold">
              {report.periods[1].key} · {t("measure.cross")} · {t("category.official")}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t(`dimension.${dimension}`)}</th>
                <th scope="col" className="text-right">{t("periods.previous", { period: report.periods[0].key })}</th>
                <th scope="col" className="text-right">{t("periods.newInPeriod")}</th>
                <th scope="col" className="text-right">{t("periods.stillPerformed")}</th>
                <th scope="col" className="text-right">{t("periods.cumulative")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {[...report.rows, { ...report.total, key: "", label: t("report.total") }].map((row) => {
                const [prev, cur] = row.periods;
                const key = row.key || null;
                return (
                  <tr key={row.key || "total"} className={row.key ? "" : "bg-slate-50 font-semibold"}>
                    <th scope="row" className="font-normal">{row.label}</th>
                    <td className="text-right tabular-nums">{n(prev.official.cumulative)}</td>
                    <td className="text-right tabular-nums">
                      <Link className="link" to={drill(key, "new", report.periods[1])}>{n(cur.official.new)}</Link>
                    </td>
                    <td className="text-right tabular-nums">{n(cur.official.change)}</td>
                    <td className="text-right tabular-nums">
                      <Link className="link" to={drill(key, "cumulative", report.periods[1])}>{n(cur.official.cumulative)}</Link>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      ) : null}
    </div>
  );
}
