import { useTranslation } from "react-i18next";
import { useOfflineReadiness } from "./use-offline-readiness";

/**
 * One line saying whether this page opens again without a connection (`useOfflineReadiness`),
 * shown on the entry forms and the outbox. `readyText`: the page's own words for "kept".
 */
export function OfflineReadinessLine({ readyText }: { readyText?: string }) {
  const { t } = useTranslation("offline");
  const readiness = useOfflineReadiness();
  if (!readiness) return null;
  return (
    <p
      className={`mb-2 text-xs ${readiness === "ready" ? "text-emerald-700" : readiness === "checking" ? "text-slate-500" : "text-amber-800"}`}
      data-testid="offline-readiness"
      data-state={readiness}
    >
      {readiness === "ready" && readyText ? readyText : t(`form.readiness.${readiness}`)}
    </p>
  );
}
