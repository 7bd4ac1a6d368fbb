import { useTranslation } from "react-i18next";
import type { RotationDisplayStatus } from "~/models/enums";

/** Colours by status, shared by the list, the detail page and the board's bars. */
export const STATUS_COLOURS: Record<RotationDisplayStatus, string> = {
  planned: "bg-sky-100 text-sky-900 border-sky-300",
  confirmed: "bg-indigo-100 text-indigo-900 border-indigo-300",
  in_progress: "bg-emerald-100 text-emerald-900 border-emerald-400",
  completed: "bg-slate-200 text-slate-700 border-slate-300",
  cancelled: "bg-white text-slate-500 border-slate-300 line-through",
};

export function StatusBadge({ status }: { status: RotationDisplayStatus }) {
  const { t } = useTranslation("enums");
  return <span className={`badge border ${STATUS_COLOURS[status]}`}>{t(`rotationStatus.${status}`)}</span>;
}
