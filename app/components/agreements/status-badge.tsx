import { useTranslation } from "react-i18next";
import type { DisplayStatus } from "~/models/agreements/rules";
import type { TransferStage } from "~/models/enums";

const STATUS_COLOURS: Record<DisplayStatus, string> = {
  draft: "bg-slate-100 text-slate-700",
  active: "bg-emerald-100 text-emerald-800",
  expiring: "bg-amber-100 text-amber-900",
  ended: "bg-slate-200 text-slate-700",
  terminated: "bg-red-100 text-red-800",
};

export function AgreementStatusBadge({ status }: { status: DisplayStatus }) {
  const { t } = useTranslation("enums");
  return <span className={`badge ${STATUS_COLOURS[status]}`}>{t(`agreementStatus.${status}`)}</span>;
}

const STAGE_COLOURS: Record<TransferStage, string> = {
  planned: "bg-slate-100 text-slate-700",
  surveyed: "bg-sky-100 text-sky-800",
  training: "bg-indigo-100 text-indigo-800",
  supervised: "bg-violet-100 text-violet-800",
  independent: "bg-amber-100 text-amber-900",
  accepted: "bg-emerald-100 text-emerald-800",
};

export function StageBadge({ stage }: { stage: TransferStage }) {
  const { t } = useTranslation("enums");
  return <span className={`badge ${STAGE_COLOURS[stage]}`}>{t(`transferStage.${stage}`)}</span>;
}

/** A labelled bar for "accepted of planned". */
export function ProgressBar({ share, label }: { share: number | null; label: string }) {
  const pct = Math.round((share ?? 0) * 100);
  return (
    <div className="min-w-[8rem]">
      <div className="h-2 w-full overflow-hidden rounded bg-slate-200" role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100} aria-label={label}>
        <div className="h-full bg-teal-600" style={{ width: `${pct}%` }} />
      </div>
      <p className="mt-0.5 text-xs text-slate-600">{label}</p>
    </div>
  );
}
