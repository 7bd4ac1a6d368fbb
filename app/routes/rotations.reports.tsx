import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getLocale } from "~/i18n/locale.server";
import { getDb } from "~/db/client.server";
import { localizedTitle } from "~/utils/meta";
import { formatNumber } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { requireActor } from "~/models/auth/session.server";
import { rotationReport, type ReportRow } from "~/models/rotations/reports.server";
import { todayInVietnam } from "~/utils/domain-response.server";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "rotations:reports.title");

function parseYear(url: URL): number | null {
  const y = Number(url.searchParams.get("year"));
  return Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : null;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  const actor = await requireActor(request);
  const year = parseYear(new URL(request.url));
  return json({ year, report: rotationReport(getDb(), actor, todayInVietnam(), year, locale) });
}

function Table({ title, first, rows, noAgreement }: { title: string; first: string; rows: ReportRow[]; noAgreement?: string }) {
  const { t } = useTranslation("rotations");
  const locale = useLocale();
  return (
    <section className="card p-0">
      <h2 className="border-b border-slate-200 px-4 py-2 font-semibold">{title}</h2>
      {rows.length === 0 ? (
        <p className="p-4 text-sm text-slate-600">{t("reports.empty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{first}</th>
                <th scope="col" className="text-right">
                  {t("reports.rotations")}
                </th>
                <th scope="col" className="hidden text-right sm:table-cell">
                  {t("reports.people")}
                </th>
                <th scope="col" className="text-right">
                  {t("reports.deliveredMonths")}
                </th>
                <th scope="col" className="hidden text-right sm:table-cell">
                  {t("reports.scheduledMonths")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <tr key={r.key}>
                  <td>{r.key === 0 && noAgreement ? noAgreement : r.label}</td>
                  <td className="text-right tabular-nums">{formatNumber(r.rotations, locale)}</td>
                  <td className="hidden text-right tabular-nums sm:table-cell">{formatNumber(r.people, locale)}</td>
                  <td className="text-right tabular-nums">{formatNumber(r.deliveredMonths, locale, 1)}</td>
                  <td className="hidden text-right tabular-nums sm:table-cell">{formatNumber(r.scheduledMonths, locale, 1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export default function RotationReportsPage() {
  const { year, report } = useLoaderData<typeof loader>();
  const { t } = useTranslation("rotations");
  const locale = useLocale();
  const { search } = useLocation();
  return (
    <div className="space-y-4">
      <p>
        <Link to="/rotations" className="link text-sm">
          ← {t("list.title")}
        </Link>
      </p>
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="page-title">{t("reports.title")}</h1>
          <p className="mt-1 text-sm text-slate-600">{t("reports.intro")}</p>
        </div>
        <a href={`/rotations/reports.xlsx${search}`} className="btn-secondary" download>
          {t("reports.download")}
        </a>
      </header>
      <Form method="get" className="card flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="year" className="label">
            {t("reports.year")}
          </label>
          <input id="year" name="year" type="number" min={2000} max={2100} defaultValue={year ?? ""} className="input w-32" />
        </div>
        <button type="submit" className="btn">
          {t("reports.apply")}
        </button>
      </Form>
      <p className="text-sm">
        {t("reports.totals", {
          rotations: formatNumber(report.totals.rotations, locale),
          people: formatNumber(report.totals.people, locale),
          delivered: formatNumber(report.totals.deliveredMonths, locale, 1),
          scheduled: formatNumber(report.totals.scheduledMonths, locale, 1),
        })}
      </p>
      <Table title={t("reports.byAgreement")} first={t("reports.agreement")} rows={report.byAgreement} noAgreement={t("reports.noAgreement")} />
      <Table title={t("reports.byFacility")} first={t("reports.facility")} rows={report.byFacility} />
      <Table title={t("reports.byYear")} first={t("reports.year")} rows={report.byYear} />
    </div>
  );
}
