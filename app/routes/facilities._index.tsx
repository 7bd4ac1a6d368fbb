import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/page-header";
import { FilterBar, FilterSelect, ResultsTable } from "~/components/filter-bar";
import { LevelBadge } from "~/components/level-badge";
import { facilityHref } from "~/components/links";
import { Pagination } from "~/components/pagination";
import { SearchBox } from "~/components/search-box";
import { getDb } from "~/db/client.server";
import { formatNumber } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { hasCapability } from "~/models/access/policy";
import { getLocale } from "~/i18n/locale.server";
import { requireActor } from "~/models/auth/session.server";
import { FACILITY_KINDS, LEVELS } from "~/models/enums";
import {
  getFacilityLink,
  listFacilities,
  listProvinces,
  parseFacilityFilters,
} from "~/models/facilities/queries.server";
import { pageFromUrl } from "~/utils/pagination";
import { localizedTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "facilities:list.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const url = new URL(request.url);
  const filters = parseFacilityFilters(url);
  const db = getDb();
  const locale = await getLocale(request);
  return json({
    filters,
    result: listFacilities(db, filters, pageFromUrl(url), locale),
    provinces: listProvinces(db),
    directedBy: filters.directedBy === undefined ? null : getFacilityLink(db, filters.directedBy, locale),
    canManage: hasCapability(actor, "facilities.manage"),
  });
}

export default function FacilitiesPage() {
  const { filters, result, provinces, directedBy, canManage } = useLoaderData<typeof loader>();
  const { t } = useTranslation("facilities");
  const { t: te } = useTranslation("enums");
  const locale = useLocale();
  return (
    <div className="space-y-4">
      <PageHeader title={t("list.title")} intro={t("list.intro")}>
        {canManage ? (
          <nav className="flex flex-wrap gap-2">
            <Link to="/facilities/new" className="btn">
              {t("actions.new")}
            </Link>
            <Link to="/facilities/reclassify" className="btn-secondary">
              {t("actions.batch")}
            </Link>
            <Link to="/facilities/import" className="btn-secondary">
              {t("actions.import")}
            </Link>
          </nav>
        ) : null}
      </PageHeader>
      <FilterBar keep={{ directedBy: filters.directedBy?.toString() }}>
        <SearchBox defaultValue={filters.q} label={t("list.searchLabel")} placeholder={t("list.searchPlaceholder")} />
        <FilterSelect
          name="province"
          label={t("list.province")}
          defaultValue={filters.province}
          options={provinces.map((p) => ({ value: p.code, label: locale === "en" ? p.nameEn : p.name }))}
        />
        <FilterSelect
          name="level"
          label={t("list.level")}
          defaultValue={filters.level}
          options={LEVELS.map((l) => ({ value: l, label: te(`level.${l}`) }))}
        />
        <FilterSelect
          name="kind"
          label={t("list.kind")}
          defaultValue={filters.kind}
          options={FACILITY_KINDS.map((k) => ({ value: k, label: te(`facilityKind.${k}`) }))}
        />
      </FilterBar>
      {directedBy ? (
        <p className="text-sm text-slate-700">{t("list.directedByFilter", { name: directedBy.name })}</p>
      ) : null}

      <ResultsTable
        id="facilities-results"
        title={t("list.title")}
        empty={result.rows.length === 0 ? t("list.empty") : null}
        columns={[
          { label: t("columns.name") },
          { label: t("columns.kind"), className: "hidden md:table-cell" },
          { label: t("columns.level") },
          { label: t("columns.grade"), className: "hidden sm:table-cell" },
          { label: t("columns.province"), className: "hidden sm:table-cell" },
          { label: t("columns.beds"), className: "hidden text-right sm:table-cell" },
        ]}
      >
        {result.rows.map((f) => {
          const province = (locale === "en" ? f.provinceNameEn : f.provinceName) ?? t(`country.${f.country}`, { defaultValue: f.country });
          return (
            <tr key={f.id}>
              <td>
                <Link to={facilityHref(f.id)} className="link font-medium">
                  {f.name}
                </Link>
                <p className="text-xs text-slate-500">
                  {f.shortName}
                  <span className="md:hidden"> · {te(`facilityKind.${f.kind}`)}</span>
                  <span className="sm:hidden"> · {province}</span>
                </p>
              </td>
              <td className="hidden md:table-cell">{te(`facilityKind.${f.kind}`)}</td>
              <td data-label={t("columns.level")}>
                <LevelBadge level={f.level} />
              </td>
              <td className="hidden whitespace-nowrap sm:table-cell">{te(`grade.${f.grade}`)}</td>
              <td className="hidden sm:table-cell">{province}</td>
              <td className="hidden text-right tabular-nums sm:table-cell">
                {f.beds > 0 ? formatNumber(f.beds, locale) : "—"}
              </td>
            </tr>
          );
        })}
      </ResultsTable>
      <Pagination page={result.page} pageCount={result.pageCount} total={result.total} />
    </div>
  );
}
