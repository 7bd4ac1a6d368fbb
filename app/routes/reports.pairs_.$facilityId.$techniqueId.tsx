// One facility × technique pair of the reports, told as a story: what the figures read for it
// on the report date, and everything that led there in date order.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Fact } from "~/components/fact";
import { LevelBadge } from "~/components/level-badge";
import { facilityHref, techniqueHref } from "~/components/links";
import { PageHeader } from "~/components/page-header";
import { TraceOrigin } from "~/components/reports/trace-origin";
import { TraceTimeline } from "~/components/reports/trace-timeline";
import { getDb } from "~/db/client.server";
import { formatDate } from "~/i18n/format";
import { getLocale } from "~/i18n/locale.server";
import { useLocale } from "~/i18n/use-locale";
import { requireActor } from "~/models/auth/session.server";
import { DomainError } from "~/models/errors";
import { getPairStory } from "~/models/reports/trace.server";
import { orRespond, todayInVietnam } from "~/utils/domain-response.server";
import { localizedTitle } from "~/utils/meta";
import { parsePositiveInt } from "~/utils/numbers";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "planning:trace.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const locale = await getLocale(request);
  const today = todayInVietnam();
  return orRespond(() => {
    const facilityId = parsePositiveInt(params.facilityId);
    const techniqueId = parsePositiveInt(params.techniqueId);
    if (facilityId === null || techniqueId === null) throw new DomainError("planning:trace.story.badId");
    return json({ story: getPairStory(getDb(), actor, facilityId, techniqueId, today, locale), back: backHref(request) });
  });
}

/**
 * Where "back" leads: the drill-down or contributions page the reader came from (same site,
 * read from the Referer so the link works without scripts), else the reports.
 */
function backHref(request: Request): string {
  const referer = request.headers.get("Referer");
  if (!referer) return "/reports";
  try {
    const from = new URL(referer);
    const here = new URL(request.url);
    if (from.host !== here.host) return "/reports";
    if (from.pathname === "/reports/pairs" || /^\/agreements\/\d+\/figures$/.test(from.pathname)) return `${from.pathname}${from.search}`;
  } catch {
    // An unreadable Referer: fall back below.
  }
  return "/reports";
}

export default function PairStoryPage() {
  const { story, back } = useLoaderData<typeof loader>();
  const { t } = useTranslation("planning");
  const locale = useLocale();
  const { facility, technique, state } = story;
  const date = (d: string) => formatDate(d, locale);
  return (
    <div className="space-y-4">
      <PageHeader title={t("trace.title")} intro={t("trace.story.intro")}>
        <Link to={back} className="btn-secondary print:hidden" data-testid="story-back">
          {t("trace.story.back")}
        </Link>
      </PageHeader>
      <section className="card">
        <dl className="grid gap-3 sm:grid-cols-2">
          <Fact label={t("trace.story.facility")}>
            <Link to={facilityHref(facility.id)} className="link" data-testid="story-facility">{facility.name}</Link>
            {facility.provinceName ? <span className="text-slate-500"> · {facility.provinceName}</span> : null}{" "}
            <LevelBadge level={facility.levelOnDate} />
          </Fact>
          <Fact label={t("trace.story.technique")}>
            <Link to={techniqueHref(technique.code)} className="link font-mono text-xs">{technique.code}</Link>{" "}
            <span data-testid="story-technique">{technique.name}</span>
            <span className="block text-xs text-slate-600">
              {t("trace.story.chapter", { number: technique.chapterNumber })}
              {technique.chapterName ? ` · ${technique.chapterName}` : ""}
            </span>
          </Fact>
          <Fact label={t("trace.story.minLevel")}>
            <LevelBadge level={technique.minLevel} full />
          </Fact>
          <Fact label={t("trace.story.levelOnDate", { date: date(state.reportDate) })}>
            <LevelBadge level={facility.levelOnDate} full />
          </Fact>
        </dl>
      </section>
      <section className="card" data-testid="story-state">
        <h2 className="font-semibold">{t("trace.story.stateTitle", { date: date(state.reportDate) })}</h2>
        {!state.inLedger ? (
          <p className="mt-2 text-slate-700">{t("trace.story.notInLedger")}</p>
        ) : (
          <dl className="mt-2 grid gap-3 sm:grid-cols-3">
            <Fact label={t("adoption:ledger.source")}>
              <TraceOrigin origin={state} />
            </Fact>
            <Fact label={t("catalogue:detail.startedOn")}>{state.startedOn ? date(state.startedOn) : "—"}</Fact>
            <Fact label={t("trace.story.approvedOn")}>{state.approvedOn ? date(state.approvedOn) : t("reports:drill.notApproved")}</Fact>
            <Fact label={t("trace.story.officialFrom")}>{state.officialFrom ? date(state.officialFrom) : "—"}</Fact>
            <Fact label={t("reports:drill.levelAtStart")}>
              <LevelBadge level={state.levelAtStart} />
            </Fact>
            <Fact label={t("trace.story.crossLevel")}>
              <span data-testid="story-cross">{state.crossLevel ? t("trace.story.crossYes") : t("trace.story.crossNo")}</span>
            </Fact>
            <Fact label={t("trace.story.performed")}>
              {state.performed ? t("common:yes") : t("trace.story.suspendedSince", { date: state.suspendedOn ? date(state.suspendedOn) : "—" })}
            </Fact>
          </dl>
        )}
      </section>
      <section className="card p-0">
        <h2 className="px-4 pt-4 font-semibold">{t("trace.story.timeline")}</h2>
        <TraceTimeline items={story.items} />
      </section>
    </div>
  );
}
