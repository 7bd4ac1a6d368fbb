// The first few skill-decay alerts on a dashboard, each with its refresher links; the full list
// and the thresholds are on /planning/decay.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export type DecayListRow = {
  facilityId: number;
  facilityName: string;
  techniqueId: number;
  techniqueCode: string;
  techniqueName: string;
  fromName: string;
  agreementId: number;
  itemId: number;
  months: number;
  monthsIdle: number;
  rotationHref: string | null;
  courseHref: string | null;
};

export function DecayList({ rows, total, href }: { rows: DecayListRow[]; total: number; href: string }) {
  const { t } = useTranslation("planning");
  return (
    <section className="card" data-testid="decay-alerts" aria-labelledby="decay-alerts-title">
      <h2 id="decay-alerts-title" className="mb-2 font-semibold">
        {t("decay.alerts")} <span className="badge bg-slate-100">{total}</span>
      </h2>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">{t("decay.none")}</p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm">
          {rows.map((a) => (
            <li key={`${a.facilityId}-${a.techniqueId}`} className="flex flex-wrap items-center gap-2 py-1.5" data-testid="decay-alert">
              <Link to={`/agreements/${a.agreementId}/items/${a.itemId}`} className="link">
                {a.techniqueCode} {a.techniqueName}
              </Link>
              <span className="text-slate-600">
                {a.facilityName} ← {a.fromName}
              </span>
              <span className="badge bg-amber-100 text-amber-900">{t("decay.idle", { count: a.monthsIdle, months: a.months })}</span>
              {a.rotationHref ? <Link to={a.rotationHref} className="link text-xs">{t("decay.planRotation")}</Link> : null}
              {a.courseHref ? <Link to={a.courseHref} className="link text-xs">{t("decay.planCourse")}</Link> : null}
            </li>
          ))}
        </ul>
      )}
      <p className="mt-2 text-sm">
        <Link to={href} className="link">{t("decay.dashboardMore")}</Link>
      </p>
    </section>
  );
}
