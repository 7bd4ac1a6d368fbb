// Reporting completeness: which facilities of the province recorded ledger entries in a period,
// which did not, and when each last did; sortable and filterable, linked from the dashboard.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/page-header";
import { DateField } from "~/components/date-field";
import { FilterBar, FilterSelect } from "~/components/filter-bar";
import { LevelBadge } from "~/components/level-badge";
import { Pagination } from "~/components/pagination";
import { SearchBox } from "~/components/search-box";
import { getDb } from "~/db/client.server";
import { formatDate, formatNumber } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { readsEverything } from "~/models/access/policy";
import { requireActor } from "~/models/auth/session.server";
import { addDaysIso } from "~/models/dates";
import { listProvinces } from "~/models/facilities/queries.server";
import {
  COMPLETENESS_SORTS,
  COMPLETENESS_STATUSES,
  currentHalfYear,
  parseCompletenessParams,
} from "~/models/reports/completeness";
import { getLedgerCompleteness } from "~/models/reports/completeness.server";
import { dashboardProvince } from "~/models/reports/dashboard.server";
import { orRespond, todayInVietnam } from "~/utils/domain-response.server";
import { encodeMessage, translateMessage } from "~/utils/messages";
import { localizedTitle } from "~/utils/meta";
import { pageFromUrl } from "~/utils/pagination";

export const meta: MetaFunction = ({ matches }) =>
  localizedTitle(matches, "reports:completeness.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const url = new URL(request.url);
  const today = todayInVietnam();
  const db = getDb();
  const provinces = readsEverything(actor) ? listProvinces(db) : null;
  const run = () => {
    const province = url.searchParams.get("province");
    // A department officer asking for another province is refused (403), as on the dashboard.
    const provinceCode = dashboardProvince(db, actor, province);
    const params = parseCompletenessParams(url, today);
    const result = getLedgerCompleteness(
      db,
      actor,
      { provinceCode, ...params },
      today,
      pageFromUrl(url, 50)
    );
    return json({
      result,
      params,
      provinceCode,
      provinces,
      today,
      error: null,
    });
  };
  // A refused period (an end before its start) answers the page itself, beside the filter.
  return orRespond(run, (error) =>
    json(
      { result: null, params: null, provinceCode: null, provinces, today, error: encodeMessage(error.message, error.params) },
      { status: 400 },
    ),
  );
}

/** Whether a facility updated its ledger in the period. */
function UpdateBadge({ updated }: { updated: boolean }) {
  const { t } = useTranslation("reports");
  return updated ? (
    <span className="badge bg-emerald-100 text-emerald-800">{t("completeness.statuses.updated")}</span>
  ) : (
    <span className="badge bg-amber-100 text-amber-900">{t("completeness.statuses.missing")}</span>
  );
}

export default function CompletenessPage() {
  const { result, params, provinceCode, provinces, today, error } =
    useLoaderData<typeof loader>();
  const { t } = useTranslation("reports");
  const { t: tf } = useTranslation("enums");
  const locale = useLocale();
  const n = (v: number) => formatNumber(v, locale);
  const half = currentHalfYear(today);
  const previousHalf = {
    from: half.from.endsWith("01-01")
      ? `${Number(half.from.slice(0, 4)) - 1}-07-01`
      : `${half.from.slice(0, 4)}-01-01`,
    to: addDaysIso(half.from, -1),
  };
  const periodHref = (p: { from: string; to: string }) => {
    const q = new URLSearchParams({ from: p.from, to: p.to });
    if (provinces && provinceCode) q.set("province", provinceCode);
    return `/reports/completeness?${q.toString()}`;
  };
  const since = (date: string) =>
    Math.round((Date.parse(today) - Date.parse(date)) / 86_400_000);
  return (
    <div className="space-y-4">
      <PageHeader title={t("completeness.title")} intro={t("completeness.intro")}>
        <Link
          className="btn-secondary"
          to={
            provinces && provinceCode
              ? `/department?province=${provinceCode}`
              : "/department"
          }
        >
          {t("report.dashboard")}
        </Link>
      </PageHeader>

      <nav
        className="flex flex-wrap gap-2 text-sm"
        aria-label={t("completeness.quickPeriods")}
      >
        <Link className="btn-secondary" to={periodHref(half)}>
          {t("completeness.thisHalf")}
        </Link>
        <Link className="btn-secondary" to={periodHref(previousHalf)}>
          {t("completeness.previousHalf")}
        </Link>
        <Link
          className="btn-secondary"
          to={periodHref({ from: `${today.slice(0, 4)}-01-01`, to: today })}
        >
          {t("completeness.thisYear")}
        </Link>
      </nav>

      <FilterBar>
        {provinces ? (
          <FilterSelect
            name="province"
            label={t("dimension.province")}
            defaultValue={provinceCode}
            options={provinces.map((p) => ({
              value: p.code,
              label: locale === "en" ? p.nameEn : p.name,
            }))}
          />
        ) : null}
        <div className="flex flex-col gap-1 text-sm">
          <label className="label" htmlFor="completeness-from">
            {t("common:from")}
          </label>
          <DateField id="completeness-from" name="from" defaultValue={params?.from} max={today} />
        </div>
        <div className="flex flex-col gap-1 text-sm">
          <label className="label" htmlFor="completeness-to">
            {t("common:to")}
          </label>
          <DateField id="completeness-to" name="to" defaultValue={params?.to} max={today} />
        </div>
        <FilterSelect
          name="status"
          label={t("completeness.status")}
          defaultValue={params?.status === "all" ? undefined : params?.status}
          options={COMPLETENESS_STATUSES.filter((s) => s !== "all").map(
            (s) => ({ value: s, label: t(`completeness.statuses.${s}`) })
          )}
        />
        <FilterSelect
          name="sort"
          label={t("completeness.sort")}
          defaultValue={params?.sort}
          allLabel={t("completeness.sorts.stale")}
          options={COMPLETENESS_SORTS.filter((s) => s !== "stale").map((s) => ({
            value: s,
            label: t(`completeness.sorts.${s}`),
          }))}
        />
        <SearchBox
          defaultValue={params?.q ?? ""}
          label={t("common:facility")}
        />
      </FilterBar>

      {error ? (
        <p
          className="rounded-md border border-red-300 bg-red-50 p-3 text-red-800"
          role="alert"
        >
          {translateMessage(t, error)}
        </p>
      ) : null}

      {result ? (
        <>
          <p
            className="card border-l-4 border-teal-700"
            data-testid="completeness-summary"
          >
            {t("completeness.summary", {
              province: result.provinceName,
              from: formatDate(result.from, locale),
              to: formatDate(result.to, locale),
              updated: n(result.counts.updated),
              total: n(result.counts.facilities),
              missing: n(result.counts.missing),
            })}
          </p>
          {result.page.rows.length === 0 ? (
            <p className="card text-slate-600">{t("completeness.empty")}</p>
          ) : (
            <>
              {/* On a phone each facility is a card; from the small breakpoint up, a table. */}
              <ul
                className="space-y-2 sm:hidden"
                aria-label={t("completeness.title")}
              >
                {result.page.rows.map((row) => (
                  <li
                    key={row.facilityId}
                    className="card space-y-1 p-3"
                    data-testid="completeness-card"
                  >
                    <div className="flex items-start justify-between gap-2">
                      <Link
                        className="link font-medium"
                        to={`/adoption?facility=${row.facilityId}`}
                      >
                        {row.name}
                      </Link>
                      <LevelBadge level={row.level} />
                    </div>
                    <div className="flex flex-wrap items-center gap-2 text-sm">
                      <UpdateBadge updated={row.entries > 0} />
                      <span className="text-slate-600">
                        {t("completeness.entries")}: {n(row.entries)}
                      </span>
                    </div>
                    <p className="text-sm text-slate-700">
                      {t("completeness.lastUpdate")}:{" "}
                      {row.lastUpdate
                        ? `${formatDate(row.lastUpdate, locale)} · ${t(
                            "completeness.daysAgo",
                            { count: since(row.lastUpdate) }
                          )}`
                        : t("completeness.never")}
                    </p>
                  </li>
                ))}
              </ul>
              <section className="card hidden overflow-x-auto p-0 sm:block">
                <table className="table" data-testid="completeness-table">
                  <caption className="sr-only">
                    {t("completeness.title")}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("common:facility")}</th>
                      <th scope="col">{t("completeness.level")}</th>
                      <th scope="col">{t("completeness.status")}</th>
                      <th scope="col" className="text-right">
                        {t("completeness.entries")}
                      </th>
                      <th scope="col">{t("completeness.lastUpdate")}</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {result.page.rows.map((row) => (
                      <tr
                        key={row.facilityId}
                        data-testid="completeness-row"
                        data-updated={row.entries > 0 ? "yes" : "no"}
                      >
                        <th scope="row" className="font-normal">
                          <Link
                            className="link"
                            to={`/adoption?facility=${row.facilityId}`}
                          >
                            {row.name}
                          </Link>
                          <span className="block text-xs text-slate-500">
                            {tf(`facilityKind.${row.kind}`)}
                          </span>
                        </th>
                        <td>
                          <LevelBadge level={row.level} />
                        </td>
                        <td>
                          <UpdateBadge updated={row.entries > 0} />
                        </td>
                        <td className="text-right tabular-nums">
                          {n(row.entries)}
                        </td>
                        <td
                          className="whitespace-nowrap"
                          data-testid="last-update"
                        >
                          {row.lastUpdate ? (
                            <>
                              {formatDate(row.lastUpdate, locale)}
                              <span className="block text-xs text-slate-500">
                                {t("completeness.daysAgo", {
                                  count: since(row.lastUpdate),
                                })}
                              </span>
                            </>
                          ) : (
                            <span className="text-slate-500">
                              {t("completeness.never")}
                            </span>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            </>
          )}
          <Pagination
            page={result.page.page}
            pageCount={result.page.pageCount}
            total={result.page.total}
          />
        </>
      ) : null}
    </div>
  );
}
