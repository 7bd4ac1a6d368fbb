import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getLocale } from "~/i18n/locale.server";
import { FilterBar, FilterSelect } from "~/components/filter-bar";
import { Pagination } from "~/components/pagination";
import { SearchBox } from "~/components/search-box";
import { getDb } from "~/db/client.server";
import { localizedTitle } from "~/utils/meta";
import { hasCapability } from "~/models/access/policy";
import { requireActor } from "~/models/auth/session.server";
import { listChapters } from "~/models/catalogue/queries.server";
import { CADRES } from "~/models/enums";
import { listStaff, parseStaffFilters, staffFacilityOptions } from "~/models/staff/queries.server";
import { pageFromUrl } from "~/utils/pagination";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "staff:title");

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  const actor = await requireActor(request);
  const url = new URL(request.url);
  const filters = parseStaffFilters(url);
  const db = getDb();
  return json({
    filters,
    result: listStaff(db, actor, filters, pageFromUrl(url), locale),
    chapters: listChapters(db),
    facilities: staffFacilityOptions(db, actor, locale),
    canManage: hasCapability(actor, "staff.manage"),
  });
}

export default function StaffPage() {
  const { filters, result, chapters, facilities, canManage } = useLoaderData<typeof loader>();
  const { t } = useTranslation("staff");
  const { t: te } = useTranslation("enums");
  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="page-title">{t("title")}</h1>
          <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
        </div>
        {canManage ? (
          <nav className="flex gap-2" aria-label={t("title")}>
            <Link to="/staff/import" className="btn-secondary">
              {t("import.title")}
            </Link>
            <Link to="/staff/new" className="btn">
              {t("new")}
            </Link>
          </nav>
        ) : null}
      </header>
      <FilterBar>
        <SearchBox defaultValue={filters.q} label={t("searchLabel")} />
        <FilterSelect name="cadre" label={t("fields.cadre")} defaultValue={filters.cadre} options={CADRES.map((c) => ({ value: c, label: te(`cadre.${c}`) }))} />
        <FilterSelect
          name="chapter"
          label={t("fields.chapterNumber")}
          defaultValue={filters.chapter}
          options={chapters.map((c) => ({ value: String(c.number), label: `${c.roman}. ${c.name}` }))}
        />
        {facilities.length > 1 ? (
          <FilterSelect
            name="facility"
            label={t("fields.facility")}
            defaultValue={filters.facilityId}
            options={facilities.map((f) => ({ value: String(f.value), label: f.label }))}
          />
        ) : null}
      </FilterBar>
      <section className="card p-0">
        {result.rows.length === 0 ? (
          <p className="p-4 text-slate-600">{t("empty")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="table table-cards">
              <thead>
                <tr>
                  <th scope="col">{t("fields.fullName")}</th>
                  <th scope="col">{t("fields.cadre")}</th>
                  <th scope="col" className="hidden md:table-cell">
                    {t("fields.chapterNumber")}
                  </th>
                  <th scope="col" className="hidden sm:table-cell">
                    {t("fields.facility")}
                  </th>
                  <th scope="col" className="hidden lg:table-cell">
                    {t("fields.licenceNumber")}
                  </th>
                  <th scope="col" className="text-right">
                    {t("columns.techniques")}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {result.rows.map((row) => (
                  <tr key={row.id} className={row.active ? undefined : "text-slate-400"}>
                    <td>
                      <Link to={`/staff/${row.id}`} className="link">
                        {row.fullName}
                      </Link>
                      {row.title ? <span className="block text-xs text-slate-500">{row.title}</span> : null}
                      {row.active ? null : <span className="badge ml-1 bg-slate-100">{t("inactive")}</span>}
                    </td>
                    <td data-label={t("fields.cadre")}>{te(`cadre.${row.cadre}`)}</td>
                    <td className="hidden text-xs md:table-cell" data-label={t("fields.chapterNumber")}>{row.chapterName ?? "—"}</td>
                    <td className="hidden sm:table-cell" data-label={t("fields.facility")}>{row.facilityName}</td>
                    <td className="hidden font-mono text-xs lg:table-cell" data-label={t("fields.licenceNumber")}>{row.licenceNumber ?? "—"}</td>
                    <td className="text-right tabular-nums" data-label={t("columns.techniques")}>{row.techniqueCount}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <Pagination page={result.page} pageCount={result.pageCount} total={result.total} />
    </div>
  );
}
