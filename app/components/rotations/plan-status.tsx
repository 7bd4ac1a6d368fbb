import { useTranslation } from "react-i18next";
import type { PlanEntryStatus, RotationPlanStatus } from "~/models/enums";

const PLAN_COLOURS: Record<RotationPlanStatus, string> = {
  draft: "bg-amber-50 text-amber-900 border-amber-300",
  superseded: "bg-slate-100 text-slate-600 border-slate-300",
};

const ENTRY_COLOURS: Record<PlanEntryStatus, string> = {
  proposed: "bg-white text-sky-900 border-sky-400 border-dashed",
  adopted: "bg-sky-100 text-sky-900 border-sky-300",
  rejected: "bg-white text-slate-500 border-slate-300 line-through",
};

/** A plan's status: the draft in use, superseded by a re-plan, or closed. */
export function PlanStatusBadge({ status }: { status: RotationPlanStatus }) {
  const { t } = useTranslation("solver");
  return <span className={`badge border ${PLAN_COLOURS[status]}`}>{t(`plan.status.${status}`)}</span>;
}

/** A proposal's status: proposed (dashed, like its bar on the board), adopted or rejected. */
export function PlanEntryBadge({ status }: { status: PlanEntryStatus }) {
  const { t } = useTranslation("solver");
  return <span className={`badge border ${ENTRY_COLOURS[status]}`}>{t(`plan.entryStatus.${status}`)}</span>;
}
