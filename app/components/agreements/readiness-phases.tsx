// The agreement page's readiness: per receiving hospital and phase, the mean score of its
// lines that are not deferred; and the small score (or "deferred") beside each plan line.
import { useTranslation } from "react-i18next";
import { ProgressBar } from "~/components/agreements/status-badge";
import type { AgreementReadiness } from "~/models/transfers/readiness.server";

export function ReadinessPhases({ readiness }: { readiness: Pick<AgreementReadiness, "phases"> }) {
  const { t } = useTranslation("planning");
  if (readiness.phases.length === 0) return null;
  return (
    <div className="card space-y-2" data-testid="readiness-phases">
      <h3 className="font-medium">{t("readiness.byPhase")}</h3>
      <ul className="grid gap-3 sm:grid-cols-3">
        {readiness.phases.map((p) => (
          <li key={`${p.toFacilityId}-${p.phase}`} data-testid="readiness-phase">
            <ProgressBar
              share={p.score === null ? null : p.score / 100}
              label={`${t("readiness.phaseLine", { facility: p.toName, phase: p.phase })}: ${p.score === null ? t("readiness.phaseNone") : t("readiness.score", { score: p.score })}`}
            />
            {p.deferredCount > 0 ? <p className="text-xs text-amber-800">{t("readiness.deferredCount", { count: p.deferredCount })}</p> : null}
          </li>
        ))}
      </ul>
      <p className="text-xs text-slate-500">{t("readiness.help")}</p>
    </div>
  );
}

/** Beside a plan line's stage: "deferred", or its score. */
export function ReadinessLineTag({ line }: { line: { score: number; deferred: boolean; deferralReason: string | null } | undefined }) {
  const { t } = useTranslation("planning");
  if (!line) return null;
  if (line.deferred) {
    return (
      <span className="badge ml-1 bg-amber-100 text-amber-900" title={line.deferralReason ?? undefined} data-testid="line-deferred">
        {t("readiness.deferral.badge")}
      </span>
    );
  }
  return (
    <span className="ml-1 text-xs text-slate-600" data-testid="line-readiness">
      {t("readiness.scoreShort")} {line.score}
    </span>
  );
}
