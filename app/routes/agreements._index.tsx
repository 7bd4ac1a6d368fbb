import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field } from "~/components/fields";
import { AgreementStatusBadge } from "~/components/agreements/status-badge";
import { FilterBar, FilterSelect } from "~/components/filter-bar";
import { Pagination } from "~/components/pagination";
import { SearchBox } from "~/components/search-box";
import { getDb } from "~/db/client.server";
import { formatDate } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { hasCapability } from "~/models/access/policy";
import { getLocale } from "~/i18n/locale.server";
import { requireActor } from "~/models/auth/session.server";
import { listAgreements, listFilterOptions } from "~/models/agreements/queries.server";
import { todayInVietnam } from "~/utils/domain-response.server";
import { listFilterSchema } from "~/models/agreements/schemas";
import { AGREEMENT_STATUSES, AGREEMENT_TYPES } from "~/models/enums";
import { pageFromUrl } from "~/utils/pagination";
import { localizedTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "agreements:title");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const url = new URL(request.url);
  const filter = listFilterSchema.parse(Object.fromEntries(url.searchParams));
  const db = getDb();
  const locale = await getLocale(request);
  return json({
    filter,
    page: listAgreements(db, actor, filter, pageFromUrl(url), todayInVietnam(), locale),
    options: listFilterOptions(db, actor, locale),
    canCreate: hasCapability(actor, "agreements.manage"),
  });
}

export default function AgreementsPage() {
  const { filter, page, options, canCreate } = useLoaderData<typeof loader>();
  const { t } = useTranslation("agreements");
  const { t: te } = useTranslation("enums");
  const locale = useLocale();
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="page-title">{t("title")}</h1>
        <div className="ml-auto flex flex-wrap gap-2">
          <Link to="/director" className="btn-secondary">
            {t("dashboardLink")}
          </Link>
          <Link to="/network" className="btn-secondary">
            {t("networkLink")}
          </Link>
          {canCreate ? (
            <Link to="/agreements/new" className="btn">
              {t("new")}
            </Link>
          ) : null}
        </div>
      </div>
      <p className="text-slate-600">{t("intro")}</p>
      <FilterBar>
        <SearchBox defaultValue={filter.q} placeholder={t("filters.searchPlaceholder")} />
        <FilterSelect
          name="status"
          label={t("filters.status")}
          defaultValue={filter.status}
          options={[...AGREEMENT_STATUSES, "expiring" as const].map((s) => ({ value: s, label: te(`agreementStatus.${s}`) }))}
        />
        <FilterSelect name="type" label={t("filters.type")} defaultValue={filter.type} options={AGREEMENT_TYPES.map((s) => ({ value: s, label: te(`agreementType.${s}`) }))} />
        <FilterSelect name="party" label={t("filters.party")} defaultValue={filter.party} options={options.parties.map((p) => ({ value: String(p.id), label: p.name }))} />
        <FilterSelect
          name="province"
          label={t("filters.province")}
          defaultValue={filter.province}
          options={options.provinces.map((p) => ({ value: p.code, label: locale === "vi" ? p.name : p.nameEn }))}
        />
        <Field
          className="w-28"
          field={{ id: "filter-expiringDays" }}
          label={t("filters.expiringDays")}
          inputProps={{ name: "expiringDays", type: "number", min: 1, max: 3650, defaultValue: filter.expiringDays ?? "" }}
        />
      </FilterBar>
      {page.rows.length === 0 ? (
        <p className="card text-slate-600">{t("none")}</p>
      ) : (
        <div className="card overflow-x-auto p-0">
          <table className="table table-cards">
            <thead>
              <tr>
                <th>{t("fields.number")}</th>
                <th>{t("fields.title")}</th>
                <th className="hidden md:table-cell">{t("fields.parties")}</th>
                <th>{t("fields.term")}</th>
                <th>{t("fields.status")}</th>
                <th className="hidden sm:table-cell">{t("fields.progress")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.rows.map((a) => (
                <tr key={a.id}>
                  <td className="whitespace-nowrap">
                    <Link to={`/agreements/${a.id}`} className="link">
                      {a.number}
                    </Link>
                  </td>
                  <td data-label={t("fields.title")}>
                    {a.title}
                    <p className="text-xs text-slate-500">{te(`agreementType.${a.type}`)}</p>
                  </td>
                  <td className="hidden md:table-cell" data-label={t("fields.parties")}>
                    <ul className="text-xs">
                      {a.parties.map((p) => (
                        <li key={p.facilityId}>
                          <span className="text-slate-500">{te(`partyRole.${p.role}`)}:</span> {p.shortName}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td className="whitespace-nowrap text-xs" data-label={t("fields.term")}>
                    {formatDate(a.startOn, locale)} – {a.endOn ? formatDate(a.endOn, locale) : "…"}
                  </td>
                  <td data-label={t("fields.status")}>
                    <AgreementStatusBadge status={a.displayStatus} />
                  </td>
                  <td className="hidden whitespace-nowrap text-xs sm:table-cell" data-label={t("fields.progress")}>
                    {a.items > 0 ? t("plan.progressLabel", { accepted: a.accepted, planned: a.items }) : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page.page} pageCount={page.pageCount} total={page.total} />
    </div>
  );
}
