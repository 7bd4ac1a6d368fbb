import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import type { DraftBar } from "~/models/rotations/solver/plans.server";

/** Diagonal stripes: a proposal is drawn unlike any stored rotation, whatever its colours. */
export const DRAFT_HATCH = "repeating-linear-gradient(135deg, rgba(3,105,161,0.18) 0 6px, rgba(255,255,255,0.9) 6px 12px)";

/** One proposal of a draft plan on the board: dashed, hatched, labelled, a link to its plan. */
export function DraftBarLink({ planId, bar, top, height, view }: { planId: number; bar: DraftBar; top: string; height: string; view: "person" | "facility" }) {
  const { t } = useTranslation("solver");
  const locale = useLocale();
  const description = t("board.draftBar", {
    name: bar.staffName,
    site: bar.toName,
    start: formatDate(bar.startOn, locale),
    end: formatDate(bar.endOn, locale),
    codes: bar.codes.join(", "),
  });
  return (
    <Link
      to={`/rotations/plan/${planId}`}
      className="absolute z-20 overflow-hidden truncate whitespace-nowrap rounded border-2 border-dashed border-sky-700 px-1 text-xs leading-5 text-sky-950"
      style={{ left: `${bar.left}%`, width: `${bar.width}%`, top, height, backgroundImage: DRAFT_HATCH }}
      title={description}
      aria-label={description}
      data-testid="draft-bar"
    >
      {t("plan.entryStatus.proposed")} · {view === "person" ? bar.toName : bar.staffName}
    </Link>
  );
}
