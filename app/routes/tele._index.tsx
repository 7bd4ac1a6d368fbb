import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { facilityHref } from "~/components/links";
import { PageHeader } from "~/components/page-header";
import { ActivityBars } from "~/components/tele/links-activity";
import { SeriesList } from "~/components/tele/series-list";
import { getDb } from "~/db/client.server";
import { formatDate } from "~/i18n/format";
import { getLocale } from "~/i18n/locale.server";
import { useLocale } from "~/i18n/use-locale";
import { hasCapability } from "~/models/access/policy";
import { requireActor } from "~/models/auth/session.server";
import { idFilter } from "~/models/fields";
import { teleHome } from "~/models/tele/links.server";
import { listSeries, upcomingOccurrences } from "~/models/tele/series.server";
import { todayInVietnam } from "~/utils/domain-response.server";
import { localizedTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "tele:links.title");

/** /tele?hub=ID: the links the user reads, by hub (one hub when chosen), and the hubs' schedules. */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const locale = await getLocale(request);
  const hubFacilityId = idFilter.parse(new URL(request.url).searchParams.get("hub") ?? undefined) ?? null;
  const db = getDb();
  const today = todayInVietnam();
  const home = teleHome(db, actor, { hubFacilityId, today, locale });
  const series = listSeries(db, actor, { hubFacilityId, locale }).map((s) => ({ ...s, next: upcomingOccurrences(s, today, 1)[0] ?? null }));
  return json({ ...home, series, hubFacilityId, today, canManage: hasCapability(actor, "telehealth.manage") });
}

export default function TeleHomePage() {
  const { months, hubs, series, hubFacilityId, canManage } = useLoaderData<typeof loader>();
  const { t } = useTranslation("tele");
  const locale = useLocale();
  return (
    <div className="space-y-6">
      <PageHeader title={t("links.title")} intro={t("links.intro")}>
        <div className="flex flex-wrap gap-2">
          {/* The sessions held over these links: the log, open to every reader. */}
          <Link to={hubFacilityId ? `/tele/sessions?hub=${hubFacilityId}` : "/tele/sessions"} className="btn-secondary" data-testid="sessions-log">
            {t("sessions.title")}
          </Link>
          <Link to={hubFacilityId ? `/tele/reports?hub=${hubFacilityId}` : "/tele/reports"} className="btn-secondary" data-testid="tele-reports">
            {t("reports.title")}
          </Link>
        </div>
        {canManage ? (
          <div className="flex flex-wrap gap-2">
            <Link to={hubFacilityId ? `/tele/links/new?hub=${hubFacilityId}` : "/tele/links/new"} className="btn" data-testid="new-link">
              {t("links.newLink")}
            </Link>
            <Link to={hubFacilityId ? `/tele/series/new?hub=${hubFacilityId}` : "/tele/series/new"} className="btn-secondary">
              {t("links.series.newSeries")}
            </Link>
          </div>
        ) : null}
      </PageHeader>
      {hubFacilityId ? (
        <p>
          <Link to="/tele" className="link">
            {t("links.allHubs")}
          </Link>
        </p>
      ) : null}
      {hubs.length === 0 ? <p className="card text-slate-600">{t("links.noLinks")}</p> : null}
      {hubs.map((hub) => (
        <section key={hub.id} className="space-y-2" data-testid={`hub-${hub.id}`}>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 className="text-lg font-semibold">{t("links.hubSection", { hub: hub.name })}</h2>
            <div className="flex flex-wrap gap-3 text-sm">
              {hubFacilityId !== hub.id ? (
                <Link to={`/tele?hub=${hub.id}`} className="link">
                  {t("links.filterHub")}: {hub.name}
                </Link>
              ) : null}
              <a href={`/tele/series/calendar.ics?hub=${hub.id}`} className="link" data-testid={`hub-calendar-${hub.id}`}>
                {t("links.calendarHub")}
              </a>
            </div>
          </div>
          <div className="card overflow-x-auto p-0">
            <table className="table table-cards" data-testid="tele-links">
              <thead>
                <tr>
                  <th>{t("links.chapter")}</th>
                  <th>{t("links.spoke")}</th>
                  <th>{t("links.startOn")}</th>
                  <th>{t("links.status")}</th>
                  <th>{t("links.activity")}</th>
                  <th>
                    <span className="sr-only">{t("links.open")}</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {hub.links.map((l) => (
                  <tr key={l.id} data-testid="tele-link-row">
                    <td data-label={t("links.chapter")}>{t("links.chapterOption", { number: l.chapterNumber, name: l.chapterName })}</td>
                    <td data-label={t("links.spoke")}>
                      <Link to={facilityHref(l.spokeFacilityId)} className="link">
                        {l.spokeName}
                      </Link>
                    </td>
                    <td data-label={t("links.startOn")}>
                      {formatDate(l.startOn, locale)}
                      {l.endOn ? ` – ${formatDate(l.endOn, locale)}` : ""}
                    </td>
                    <td data-label={t("links.status")}>{l.inForce ? t("links.inForce") : t("links.notInForce")}</td>
                    <td data-label={t("links.activity")}>
                      <ActivityBars months={months} counts={l.activity} />
                    </td>
                    <td>
                      <Link to={`/tele/links/${l.id}`} className="link">
                        {t("links.open")}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("links.series.section")}</h2>
        {series.length === 0 ? <p className="card text-slate-600">{t("links.series.none")}</p> : <SeriesList series={series} />}
      </section>
    </div>
  );
}
