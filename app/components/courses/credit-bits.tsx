import { useTranslation } from "react-i18next";
import type { CreditStanding } from "~/models/credits/rules";

const COLOURS: Record<CreditStanding, string> = {
  met: "bg-emerald-100 text-emerald-800",
  at_risk: "bg-amber-100 text-amber-800",
  below: "bg-red-100 text-red-800",
};

export function CreditStandingBadge({ standing }: { standing: CreditStanding }) {
  const { t } = useTranslation("courses");
  return <span className={`badge ${COLOURS[standing]}`}>{t(`credits.standings.${standing}`)}</span>;
}
