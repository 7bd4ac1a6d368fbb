// A facility's staff against the CME requirement: who is short now and who will be within a year.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FilterBar, FilterSelect } from "~/components/filter-bar";
import { CreditStandingBadge } from "~/components/courses/credit-bits";
import { RowsTable } from "~/components/courses/rows-table";
import { Pagination } from "~/components/pagination";
import { SearchBox } from "~/components/search-box";
import { getDb } from "~/db/client.server";
import { formatDate, formatNumber } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { requireActor } from "~/models/auth/session.server";
import { listCreditFacilities, listFacilityCredits } from "~/models/credits/credits.server";
import { creditWindow, REQUIRED_HOURS } from "~/models/credits/rules";
import { CREDIT_STANDING_FILTERS, type CreditStandingFilter } from "~/models/credits/schemas";
import { orRespond, todayInVietnam } from "~/utils/domain-response.server";
import { notFound } from "~/utils/http.server";
import { parsePositiveInt } from "~/utils/numbers";
import { pageFromUrl } from "~/utils/pagination";
import { localizedTitle } from "~/utils/meta";
import { getLocale } from "~/i18n/locale.server";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "courses:credits.facilityTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  const actor = await requireActor(request);
  const url = new URL(request.url);
  const db = getDb();
  const facilities = listCreditFacilities(db, actor, locale);
  const asked = url.searchParams.get("facility");
  const facilityId = asked ? parsePositiveInt(asked) : actor.facilityId || facilities[0]?.id || null;
  if (asked && facilityId === null) throw notFound();
  const raw = url.searchParams.get("standing") ?? "short";
  const standing = (CREDIT_STANDING_FILTERS as readonly string[]).includes(raw) ? (raw as CreditStandingFilter) : "short";
  const q = url.searchParams.get("q") ?? "";
  const today = todayInVietnam();
  // Another facility's staff is a 403 page, not an error.
  const result = facilityId ? orRespond(() => listFacilityCredits(db, actor, facilityId, today, { standing, q }, pageFromUrl(url), locale)) : null;
  return json({ result, facilities, facilityId, standing, q, today, window: creditWindow(today) });
}

export default function CreditsPage() {
  const { result, facilities, facilityId, standing, q, window } = useLoaderData<typeof loader>();
  const { t } = useTranslation("courses");
  const locale = useLocale();
  return (
    <div className="space-y-4">
      <header>
        <Link to="/courses" className="link text-sm">← {t("list.title")}</Link>
        <h1 className="page-title mt-1">{t("credits.facilityTitle")}</h1>
        <p className="mt-1 text-sm text-slate-600">
          {t("credits.facilityIntro", { required: REQUIRED_HOURS, start: formatDate(window.start, locale), end: formatDate(window.end, locale) })}
        </p>
        {result ? <p className="mt-1 font-medium">{result.facilityName}</p> : null}
      </header>
      <FilterBar>
        <SearchBox defaultValue={q} label={t("credits.search")} />
        {facilities.length > 0 ? (
          <FilterSelect name="facility" label={t("credits.facility")} defaultValue={facilityId} options={facilities.map((f) => ({ value: String(f.id), label: f.name }))} />
        ) : null}
        <FilterSelect
          name="standing"
          label={t("credits.standingFilter")}
          defaultValue={standing === "all" ? "" : standing}
          allLabel={t("credits.filter.all")}
          options={CREDIT_STANDING_FILTERS.filter((s) => s !== "all").map((s) => ({ value: s, label: t(`credits.filter.${s}`) }))}
        />
      </FilterBar>
      {!result ? (
        <p className="card text-slate-600">{t("credits.noFacility")}</p>
      ) : (
        <>
          <section className="card p-0">
            <RowsTable
              rows={result.rows}
              testId="facility-credits"
              empty={t("credits.emptyFacility")}
              emptyClassName="p-4 text-slate-600"
              columns={[
                { label: t("participants.name") },
                { label: t("credits.total"), className: "text-right" },
                { label: t("credits.expiring"), className: "hidden text-right sm:table-cell" },
                { label: t("credits.standing") },
              ]}
            >
              {(r) => (
                <tr key={r.staffId}>
                  <td><Link to={`/credits/${r.staffId}`} className="link">{r.fullName}</Link></td>
                  <td className="text-right tabular-nums">{formatNumber(r.total, locale, 1)}</td>
                  <td className="hidden text-right tabular-nums sm:table-cell">{formatNumber(r.expiring, locale, 1)}</td>
                  <td><CreditStandingBadge standing={r.standing} /></td>
                </tr>
              )}
            </RowsTable>
          </section>
          <Pagination page={result.page} pageCount={result.pageCount} total={result.total} />
        </>
      )}
    </div>
  );
}
