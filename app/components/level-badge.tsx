import { useTranslation } from "react-i18next";
import type { Level } from "~/models/enums";

const COLOURS: Record<Level, string> = {
  A: "bg-rose-100 text-rose-800",
  B: "bg-amber-100 text-amber-800",
  C: "bg-sky-100 text-sky-800",
  D: "bg-emerald-100 text-emerald-800",
};

/** A care level as a small letter badge; the full label is its title and screen-reader text. */
export function LevelBadge({ level, full = false }: { level: Level | null; full?: boolean }) {
  const { t } = useTranslation("enums");
  if (!level) return <span className="text-slate-400">—</span>;
  const label = t(`level.${level}`);
  return (
    <span className={`badge ${COLOURS[level]}`} title={label}>
      {full ? label : <span aria-hidden>{level}</span>}
      {full ? null : <span className="sr-only">{label}</span>}
    </span>
  );
}
