import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getLocale } from "~/i18n/locale.server";
import { CourseStatusBadge, SeatsCell } from "~/components/courses/course-bits";
import { FilterBar, FilterSelect } from "~/components/filter-bar";
import { Pagination } from "~/components/pagination";
import { SearchBox } from "~/components/search-box";
import { getDb } from "~/db/client.server";
import { formatDate, formatNumber } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { hasCapability } from "~/models/access/policy";
import { requireActor } from "~/models/auth/session.server";
import { listChapters, listCourses, listHostFacilities } from "~/models/courses/courses.server";
import { courseFiltersFromUrl } from "~/models/courses/schemas";
import { COURSE_STATUSES } from "~/models/enums";
import { pageFromUrl } from "~/utils/pagination";
import { localizedTitle } from "~/utils/meta";
import { Field } from "~/components/fields";
import { RowsTable } from "~/components/courses/rows-table";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "courses:list.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  const actor = await requireActor(request);
  const url = new URL(request.url);
  const filters = courseFiltersFromUrl(url);
  const db = getDb();
  return json({
    filters,
    result: listCourses(db, actor, filters, pageFromUrl(url), locale),
    chapters: listChapters(db),
    hosts: listHostFacilities(db, locale),
    canCreate: hasCapability(actor, "courses.manage"),
    canSeeCredits: hasCapability(actor, "credits.overview"),
  });
}

export default function CoursesPage() {
  const { filters, result, chapters, hosts, canCreate, canSeeCredits } = useLoaderData<typeof loader>();
  const { t } = useTranslation("courses");
  const { t: te } = useTranslation("enums");
  const locale = useLocale();
  const { search } = useLocation();
  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h1 className="page-title">{t("list.title")}</h1>
          <p className="mt-1 text-sm text-slate-600">{t("list.intro")}</p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Link to="/courses/calendar" className="btn-secondary">{t("calendar.title")}</Link>
          {canSeeCredits ? <Link to="/credits" className="btn-secondary">{t("credits.facilityTitle")}</Link> : null}
          <a href={`/courses/export${search}`} className="btn-secondary" download>{t("list.export")}</a>
          {canCreate ? <Link to="/courses/new" className="btn">{t("list.new")}</Link> : null}
        </div>
      </header>
      <FilterBar>
        <SearchBox defaultValue={filters.q} label={t("list.searchLabel")} placeholder={t("list.searchPlaceholder")} />
        <FilterSelect
          name="chapter"
          label={t("fields.chapter")}
          defaultValue={filters.chapter}
          options={chapters.map((c) => ({ value: String(c.number), label: `${c.roman}. ${c.name}` }))}
        />
        <FilterSelect name="host" label={t("fields.host")} defaultValue={filters.host} options={hosts.map((h) => ({ value: String(h.id), label: h.shortName }))} />
        <FilterSelect name="status" label={t("fields.status")} defaultValue={filters.status} options={COURSE_STATUSES.map((s) => ({ value: s, label: te(`courseStatus.${s}`) }))} />
        <Field className="basis-[45%] sm:basis-auto" field={{ id: "filter-from" }} label={t("list.from")} inputProps={{ name: "from", type: "date", defaultValue: filters.from ?? "" }} />
        <Field className="basis-[45%] sm:basis-auto" field={{ id: "filter-to" }} label={t("list.to")} inputProps={{ name: "to", type: "date", defaultValue: filters.to ?? "" }} />
      </FilterBar>
      <section className="card p-0" aria-label={t("list.title")}>
        <RowsTable
          rows={result.rows}
          className="table table-cards"
          empty={t("list.empty")}
          emptyClassName="p-4 text-slate-600"
          columns={[
            { label: t("fields.title") },
            { label: t("fields.host"), className: "hidden md:table-cell" },
            { label: t("fields.dates") },
            { label: t("fields.seats"), className: "hidden sm:table-cell" },
            { label: t("fields.creditHours"), className: "hidden sm:table-cell text-right" },
            { label: t("fields.status") },
          ]}
        >
          {(c) => (
            <tr key={c.id}>
              <td>
                <Link to={`/courses/${c.id}`} className="link font-medium">{c.title}</Link>
                <p className="text-xs text-slate-500">
                  {te(`courseMode.${c.mode}`)}
                  <span className="md:hidden"> · {c.hostName}</span>
                </p>
              </td>
              <td className="hidden md:table-cell" data-label={t("fields.host")}>{c.hostName}</td>
              <td className="whitespace-nowrap" data-label={t("fields.dates")}>
                {formatDate(c.startOn, locale)} – {formatDate(c.endOn, locale)}
              </td>
              <td className="hidden sm:table-cell" data-label={t("fields.seats")}>
                <SeatsCell taken={c.seatsTaken} capacity={c.capacity} waitlisted={c.waitlisted} />
              </td>
              <td className="hidden text-right tabular-nums sm:table-cell" data-label={t("fields.creditHours")}>{formatNumber(c.creditHours, locale, 1)}</td>
              <td data-label={t("fields.status")}><CourseStatusBadge status={c.status} /></td>
            </tr>
          )}
        </RowsTable>
      </section>
      <Pagination page={result.page} pageCount={result.pageCount} total={result.total} />
    </div>
  );
}
