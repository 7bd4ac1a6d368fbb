import { useTranslation } from "react-i18next";
import type { TargetStatus } from "~/models/targets/rules";

const COLOURS: Record<TargetStatus, string> = {
  achieved: "bg-emerald-100 text-emerald-800",
  on_track: "bg-sky-100 text-sky-800",
  at_risk: "bg-amber-100 text-amber-900",
  missed: "bg-red-100 text-red-800",
  not_started: "bg-slate-100 text-slate-700",
};

/** A target's standing as a coloured badge with its label (colour is never the only signal). */
export function TargetStatusBadge({ status }: { status: TargetStatus }) {
  const { t } = useTranslation("reports");
  return <span className={`badge ${COLOURS[status]}`}>{t(`targets.statuses.${status}`)}</span>;
}
