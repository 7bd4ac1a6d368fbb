// The recurring schedules as a table (cards on a phone): title, kind, weekday and time, period,
// invited spokes and the next date.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";

type Row = {
  id: number;
  title: string;
  kind: string;
  hubName: string;
  weekday: number;
  startTime: string;
  durationMinutes: number;
  startOn: string;
  endOn: string;
  spokes: { id: number; name: string }[];
  next: string | null;
};

export function SeriesList({ series }: { series: Row[] }) {
  const { t } = useTranslation("tele");
  const locale = useLocale();
  return (
    <div className="card overflow-x-auto p-0">
      <table className="table table-cards" data-testid="tele-series">
        <thead>
          <tr>
            <th>{t("links.series.name")}</th>
            <th>{t("links.hub")}</th>
            <th>{t("links.series.weekday")}</th>
            <th>{t("links.series.period")}</th>
            <th>{t("links.series.spokes")}</th>
            <th>{t("links.series.next")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {series.map((s) => (
            <tr key={s.id}>
              <td data-label={t("links.series.name")}>
                <Link to={`/tele/series/${s.id}`} className="link">
                  {s.title}
                </Link>
                <div className="text-xs text-slate-500">{t(`sessions.kind.${s.kind}`)}</div>
              </td>
              <td data-label={t("links.hub")}>{s.hubName}</td>
              <td data-label={t("links.series.weekday")}>
                {t("links.series.when", { weekday: t(`links.weekday.${s.weekday}`), time: s.startTime, minutes: s.durationMinutes })}
              </td>
              <td data-label={t("links.series.period")}>
                {formatDate(s.startOn, locale)} – {formatDate(s.endOn, locale)}
              </td>
              <td data-label={t("links.series.spokes")}>{s.spokes.map((p) => p.name).join(", ")}</td>
              <td data-label={t("links.series.next")}>{s.next ? formatDate(s.next, locale) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
