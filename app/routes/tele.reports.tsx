// Remote-support reports: filters (period in months, hub, spoke, specialty, province), the share
// of consultations resolved locally with its chart and table, and the tables by month, spoke,
// specialty and hub, each row drilling to the session log. A bad period answers 400 beside its field.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field } from "~/components/fields";
import { FilterBar, FilterSelect } from "~/components/filter-bar";
import { PageHeader } from "~/components/page-header";
import { ShareResolvedLocally } from "~/components/tele/reports-share";
import { TeleReportTable, type ReportTableRow } from "~/components/tele/reports-table";
import { getDb } from "~/db/client.server";
import { formatMonth } from "~/i18n/format";
import { getLocale } from "~/i18n/locale.server";
import { useLocale } from "~/i18n/use-locale";
import { readsEverything } from "~/models/access/policy";
import { requireActor } from "~/models/auth/session.server";
import { listProvinces } from "~/models/facilities/queries.server";
import { SHARE_CHART_SPOKES, sessionLogQuery } from "~/models/tele/reports";
import { reportFiltersFromQuery, teleReport, type TeleReportRow } from "~/models/tele/reports.server";
import { sessionFilterOptions } from "~/models/tele/sessions.server";
import { orRespond, todayInVietnam } from "~/utils/domain-response.server";
import { encodeMessage } from "~/utils/messages";
import { localizedTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "tele:reports.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const locale = await getLocale(request);
  const url = new URL(request.url);
  const db = getDb();
  const today = todayInVietnam();
  const options = { ...sessionFilterOptions(db, actor, locale), provinces: readsEverything(actor) ? listProvinces(db) : null };
  const raw = Object.fromEntries(["from", "to", "hub", "spoke", "chapter", "province"].map((k) => [k, url.searchParams.get(k) ?? ""]));
  return orRespond(
    () => {
      const filters = reportFiltersFromQuery(db, actor, url.searchParams, today);
      return json({ report: teleReport(db, actor, filters, locale), options, raw, error: null });
    },
    // A refused period stays on the page, next to its field.
    (error) => json({ report: null, options, raw, error: { field: error.field ?? "from", message: encodeMessage(error.message, error.params) } }, { status: 400 }),
  );
}

/** The rows with their drill-down into the session log. */
function withLinks(rows: TeleReportRow[], link: (row: TeleReportRow) => string | null): ReportTableRow[] {
  return rows.map((r) => ({ ...r, href: link(r) }));
}

export default function TeleReportsPage() {
  const { report, options, raw, error } = useLoaderData<typeof loader>();
  const { t } = useTranslation("tele");
  const { t: tr } = useTranslation("reports");
  const locale = useLocale();
  const { search } = useLocation();
  const filters = report?.filters ?? null;
  const asFilter = (list: { value: number; label: string }[]) => list.map((o) => ({ value: String(o.value), label: o.label }));
  const errorsOf = (field: string) => (error && error.field === field ? [error.message] : undefined);
  const value = (k: "from" | "to" | "hub" | "spoke" | "chapter" | "province") => {
    if (!filters) return raw[k];
    const v = { from: filters.fromMonth, to: filters.toMonth, hub: filters.hub, spoke: filters.spoke, chapter: filters.chapter, province: filters.province }[k];
    return v === null ? "" : String(v);
  };
  return (
    <div className="space-y-6">
      <PageHeader title={t("reports.title")} intro={t("reports.intro")}>
        <nav className="flex flex-wrap gap-2 print:hidden">
          <Link to="/tele" className="btn-secondary">
            {t("links.title")}
          </Link>
          <Link to={filters ? sessionLogQuery(filters, {}) : "/tele/sessions"} className="btn-secondary" data-testid="report-log">
            {t("sessions.title")}
          </Link>
          {report ? (
            <a href={`/tele/reports.xlsx${search}`} className="btn-secondary" data-testid="report-export" download>
              {t("reports.export")}
            </a>
          ) : null}
        </nav>
      </PageHeader>
      <div className="print:hidden">
        <FilterBar>
          <Field
            className="w-40"
            field={{ id: "filter-from", errors: errorsOf("from") }}
            label={t("reports.fromMonth")}
            inputProps={{ name: "from", type: "month", placeholder: "2026-01", pattern: "\\d{4}-\\d{2}", defaultValue: value("from") }}
          />
          <Field
            className="w-40"
            field={{ id: "filter-to", errors: errorsOf("to") }}
            label={t("reports.toMonth")}
            inputProps={{ name: "to", type: "month", placeholder: "2026-12", pattern: "\\d{4}-\\d{2}", defaultValue: value("to") }}
          />
          <FilterSelect name="hub" label={t("sessions.fields.hubFacilityId")} defaultValue={value("hub")} options={asFilter(options.hubs)} />
          <FilterSelect name="spoke" label={t("sessions.log.spoke")} defaultValue={value("spoke")} options={asFilter(options.spokes)} />
          <FilterSelect name="chapter" label={t("sessions.log.chapter")} defaultValue={value("chapter")} options={asFilter(options.chapters)} />
          {options.provinces ? (
            <FilterSelect
              name="province"
              label={tr("dimension.province")}
              defaultValue={value("province")}
              options={options.provinces.map((p) => ({ value: p.code, label: locale === "en" ? p.nameEn || p.name : p.name }))}
            />
          ) : null}
        </FilterBar>
      </div>
      {report && filters ? (
        <>
          <p className="text-sm text-slate-700" data-testid="report-period">
            {t("reports.period", { from: formatMonth(filters.fromMonth, locale), to: formatMonth(filters.toMonth, locale) })}
          </p>
          <ShareResolvedLocally
            lines={report.share}
            max={SHARE_CHART_SPOKES}
            choices={report.bySpoke.filter((r) => r.withOutcome > 0).map((r) => ({ id: Number(r.key), label: r.label }))}
            keep={{ from: value("from"), to: value("to"), hub: value("hub"), spoke: value("spoke"), chapter: value("chapter"), province: value("province") }}
          />
          <TeleReportTable
            title={t("reports.byMonth")}
            first={t("reports.columns.month")}
            testId="report-by-month"
            rows={withLinks(report.months, (r) => sessionLogQuery(filters, { month: String(r.key) })).map((r) => ({ ...r, label: formatMonth(String(r.key), locale) }))}
            totals={{ ...report.totals, label: t("reports.totals"), href: sessionLogQuery(filters, {}) }}
          />
          <TeleReportTable
            title={t("reports.bySpoke")}
            first={t("sessions.log.spoke")}
            testId="report-by-spoke"
            rows={withLinks(report.bySpoke, (r) => sessionLogQuery(filters, { spoke: Number(r.key) }))}
          />
          <TeleReportTable
            title={t("reports.byChapter")}
            first={t("sessions.log.chapter")}
            testId="report-by-chapter"
            rows={withLinks(report.byChapter, (r) => (r.key === null ? null : sessionLogQuery(filters, { chapter: Number(r.key) }))).map((r) =>
              r.key === null ? { ...r, label: t("reports.chapterNone") } : r,
            )}
          />
          <TeleReportTable
            title={t("reports.byHub")}
            first={t("sessions.fields.hubFacilityId")}
            testId="report-by-hub"
            rows={withLinks(report.byHub, (r) => sessionLogQuery(filters, { hub: Number(r.key) }))}
          />
        </>
      ) : null}
    </div>
  );
}
