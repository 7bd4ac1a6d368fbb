import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getLocale } from "~/i18n/locale.server";
import { FilterBar, FilterSelect } from "~/components/filter-bar";
import { getDb } from "~/db/client.server";
import { dateTimeFormat, formatDate } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { requireActor } from "~/models/auth/session.server";
import { listCalendarCourses, listChapters, listHostFacilities } from "~/models/courses/courses.server";
import { monthGrid, monthRange, parseMonth, shiftMonth } from "~/models/courses/rules";
import { courseFiltersFromUrl } from "~/models/courses/schemas";
import { localizedTitle } from "~/utils/meta";
import { todayInVietnam } from "~/utils/domain-response.server";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "courses:calendar.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  const actor = await requireActor(request);
  const url = new URL(request.url);
  const today = todayInVietnam();
  const month = parseMonth(url.searchParams.get("month")) ?? parseMonth(today.slice(0, 7))!;
  const filters = courseFiltersFromUrl(url);
  const db = getDb();
  const courses = listCalendarCourses(db, actor, monthRange(month.year, month.month), { host: filters.host, chapter: filters.chapter }, undefined, locale);
  return json({
    month,
    today,
    filters,
    weeks: monthGrid(month.year, month.month, courses),
    count: courses.length,
    prev: shiftMonth(month.year, month.month, -1),
    next: shiftMonth(month.year, month.month, 1),
    chapters: listChapters(db),
    hosts: listHostFacilities(db, locale),
  });
}

export default function CalendarPage() {
  const { month, today, filters, weeks, count, prev, next, chapters, hosts } = useLoaderData<typeof loader>();
  const { t } = useTranslation("courses");
  const locale = useLocale();
  const monthCourses = [...new Map(weeks.flat().filter((d) => d.inMonth).flatMap((d) => d.courses).map((c) => [c.id, c])).values()];
  const keep = (m: string) => {
    const params = new URLSearchParams({ month: m });
    if (filters.host) params.set("host", String(filters.host));
    if (filters.chapter) params.set("chapter", String(filters.chapter));
    return `/courses/calendar?${params.toString()}`;
  };
  const title = dateTimeFormat(locale, "monthLong", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(month.year, month.month - 1, 1)));
  const weekday = dateTimeFormat(locale, "weekdayShort", { weekday: "short", timeZone: "UTC" });
  const weekdays = Array.from({ length: 7 }, (_, i) => weekday.format(new Date(Date.UTC(2024, 0, 1 + i))));
  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <Link to="/courses" className="link text-sm">← {t("list.title")}</Link>
          <h1 className="page-title mt-1">{t("calendar.title")}</h1>
        </div>
        <nav className="flex items-center gap-2" aria-label={t("calendar.title")}>
          <Link to={keep(prev)} className="btn-secondary" rel="prev">‹ {t("calendar.prev")}</Link>
          <h2 className="min-w-[10rem] text-center font-semibold first-letter:uppercase">{title}</h2>
          <Link to={keep(next)} className="btn-secondary" rel="next">{t("calendar.next")} ›</Link>
        </nav>
      </header>
      <FilterBar keep={{ month: `${month.year}-${String(month.month).padStart(2, "0")}` }}>
        <FilterSelect name="chapter" label={t("fields.chapter")} defaultValue={filters.chapter} options={chapters.map((c) => ({ value: String(c.number), label: `${c.roman}. ${c.name}` }))} />
        <FilterSelect name="host" label={t("fields.host")} defaultValue={filters.host} options={hosts.map((h) => ({ value: String(h.id), label: h.shortName }))} />
      </FilterBar>
      <p className="text-sm text-slate-600">{t("calendar.count", { count })}</p>
      {/* On a phone the seven columns do not fit: the month's courses as a list instead. */}
      <ul className="card divide-y divide-slate-100 p-0 sm:hidden" data-testid="calendar-list">
        {monthCourses.map((c) => (
          <li key={c.id} className="px-3 py-2">
            <Link to={`/courses/${c.id}`} className="link font-medium">{c.title}</Link>
            <p className="text-xs text-slate-600">{formatDate(c.startOn, locale)} – {formatDate(c.endOn, locale)}</p>
          </li>
        ))}
      </ul>
      <div className="card hidden overflow-x-auto p-0 sm:block">
        <table className="w-full min-w-[42rem] table-fixed border-collapse text-sm" data-testid="calendar">
          <thead>
            <tr>
              {weekdays.map((d) => (
                <th key={d} scope="col" className="border-b border-slate-200 bg-slate-100 px-2 py-1 text-left font-semibold capitalize">{d}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {weeks.map((week) => (
              <tr key={week[0].date}>
                {week.map((day) => (
                  <td
                    key={day.date}
                    className={`h-24 border border-slate-100 p-1 align-top ${day.inMonth ? "bg-white" : "bg-slate-50 text-slate-400"} ${day.date === today ? "ring-2 ring-inset ring-teal-600" : ""}`}
                  >
                    <p className="text-xs font-medium">{Number(day.date.slice(8))}</p>
                    <ul className="mt-0.5 space-y-0.5">
                      {day.courses.slice(0, 4).map((c) => (
                        <li key={c.id}>
                          <Link to={`/courses/${c.id}`} className="block truncate rounded bg-teal-50 px-1 text-xs text-teal-900 hover:bg-teal-100" title={c.title}>
                            {c.title}
                          </Link>
                        </li>
                      ))}
                      {day.courses.length > 4 ? (
                        <li className="text-xs text-slate-500">{t("calendar.more", { count: day.courses.length - 4 })}</li>
                      ) : null}
                    </ul>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
