import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { facilityHref } from "~/components/links";
import { formatNumber } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import type { FacilityTele, FacilityTeleSide } from "~/models/tele/facility-summary.server";

/** How many partner names the page lists before "and N more" (the links page has them all). */
const SHOWN = 6;

function Side({ side, heading, report, testId }: { side: FacilityTeleSide; heading: string; report: { to: string; label: string }; testId: string }) {
  const { t } = useTranslation("tele");
  const locale = useLocale();
  const shown = side.partners.slice(0, SHOWN);
  const rest = side.partners.length - shown.length;
  const totals = side.totals;
  const n = (v: number, digits = 0) => formatNumber(v, locale, digits);
  // Only the kinds of session that happened: "0 consultations" beside a training programme says nothing.
  const figures = (m: NonNullable<FacilityTeleSide["totals"]>) => {
    const parts: string[] = [];
    if (m.consultations > 0) {
      parts.push(
        m.share === null
          ? t("links.facility.consultationsNoOutcome", { count: m.consultations, n: n(m.consultations) })
          : t("links.facility.consultations", { count: m.consultations, n: n(m.consultations), share: `${n(m.share, 1)} %` }),
      );
    }
    if (m.trainings > 0) parts.push(t("links.facility.trainings", { count: m.trainings, n: n(m.trainings), hours: n(m.hours, 1) }));
    return parts.length > 0 ? parts.join(", ") : t("links.facility.noSessions");
  };
  return (
    <div className="mt-2 text-sm" data-testid={testId}>
      <p>
        {heading}{" "}
        {shown.map((p, i) => (
          <span key={p.id}>
            {i > 0 ? ", " : null}
            <Link to={facilityHref(p.id)} className="link">
              {p.name}
            </Link>
          </span>
        ))}
        {rest > 0 ? ` ${t("links.facility.more", { count: rest, n: n(rest) })}` : null}
      </p>
      {totals ? (
        <>
          <p className="mt-1 text-slate-700">{t("links.facility.lastYear", { parts: figures(totals) })}</p>
          <Link to={report.to} className="link mt-1 inline-block print:hidden">
            {report.label}
          </Link>
        </>
      ) : null}
    </div>
  );
}

/** The facility page's remote-support part: its spokes as a hub, its hubs as a spoke, each with the year's figures and report. */
export function FacilityRemoteSupport({ facilityId, tele }: { facilityId: number; tele: FacilityTele }) {
  const { t } = useTranslation("tele");
  const locale = useLocale();
  return (
    <div data-testid="facility-tele">
      <h3 className="mt-3 text-sm font-medium text-slate-700">{t("common:nav.tele")}</h3>
      {tele.asHub ? (
        <Side
          side={tele.asHub}
          heading={t("links.facility.asHub", { count: tele.asHub.partners.length, n: formatNumber(tele.asHub.partners.length, locale) })}
          report={{ to: `/tele/reports?hub=${facilityId}`, label: t("links.facility.hubReport") }}
          testId="facility-tele-hub"
        />
      ) : null}
      {tele.asSpoke ? (
        <Side
          side={tele.asSpoke}
          heading={t("links.facility.asSpoke")}
          report={{ to: `/tele/reports?spoke=${facilityId}`, label: t("links.facility.spokeReport") }}
          testId="facility-tele-spoke"
        />
      ) : null}
      {!tele.asHub && !tele.asSpoke ? <p className="mt-1 text-sm text-slate-600">{t("links.facility.none")}</p> : null}
      <p className="mt-1 flex flex-wrap gap-x-4 text-sm print:hidden">
        {tele.asHub ? (
          <Link to={`/tele?hub=${facilityId}`} className="link">
            {t("links.facility.links")}
          </Link>
        ) : null}
        {tele.canManage ? (
          <Link to={`/tele/links/new?hub=${facilityId}`} className="link">
            {t("links.newLink")}
          </Link>
        ) : null}
      </p>
    </div>
  );
}
