import { useTranslation } from "react-i18next";
import { useLocale } from "~/i18n/use-locale";
import { dateTimeFormat, formatDate as formatCalendarDate } from "~/i18n/format";
import { PersonName } from "~/components/person-name";
import type { DateRange } from "~/models/dates";
import { clashParams } from "~/models/schedule/rules";
import type { DragUnit } from "~/models/rotations/board";
import type { Board, BoardBar, BoardView } from "~/models/rotations/board.server";
import type { DraftLayer } from "~/models/rotations/solver/plans.server";
import { BoardBarLink, type BarDrag } from "./board-bar";
import { DraftBarLink, DRAFT_HATCH } from "./board-draft";
import { STATUS_COLOURS } from "./status-badge";

type Jsonified<T> = T extends object ? { [K in keyof T]: Jsonified<T[K]> } : T;

/** Bars that share days go on separate lanes (greedy, in start order), so none hides another. */
function lanes(bars: Jsonified<BoardBar>[]): Jsonified<BoardBar>[][] {
  const out: { end: string; bars: Jsonified<BoardBar>[] }[] = [];
  for (const bar of bars) {
    const lane = out.find((l) => l.end < bar.startOn);
    if (lane) {
      lane.bars.push(bar);
      lane.end = bar.endOn;
    } else out.push({ end: bar.endOn, bars: [bar] });
  }
  return out.map((l) => l.bars);
}

const LANE_REM = 1.75;

/** The board page's drag settings; `pending` names the bar whose new dates await the server. */
export type TimelineDrag = Omit<BarDrag, "formatDate" | "pending" | "window"> & { unit: DragUnit; pending: (DateRange & { id: number }) | null };

/**
 * The server-rendered timeline: one row per person or receiving facility, bars placed with
 * percentages of the window, a line on today, colours by status, clashes ringed in red and
 * absence-limit overrides dashed in amber. No script is needed to read it; with `drag` (once
 * scripts run) the bars the reader may change can be dragged to new dates.
 */
export function BoardTimeline({
  board,
  view,
  drag: dragProps = null,
  draft = null,
}: {
  board: Jsonified<Board>;
  view: BoardView;
  drag?: TimelineDrag | null;
  /** A plan's proposals drawn over the rotations, hatched, on a lane of their own in each row. */
  draft?: Jsonified<DraftLayer> | null;
}) {
  const { t } = useTranslation("rotations");
  const { t: ts } = useTranslation("solver");
  const { t: te } = useTranslation("enums");
  const locale = useLocale();
  const rows = board.groups.rows;
  const draftGroups = new Map((draft?.groups ?? []).map((g) => [g.key, g]));
  // People (or sites) the draft sends who have no rotation in the window get rows of their own.
  const draftOnly = (draft?.groups ?? []).filter((g) => !rows.some((r) => r.key === g.key));
  // Formatters are cached by format.ts: building one per bar dominated a 500-bar page.
  const formatDate = (date: string) => formatCalendarDate(date, locale);
  const monthFormat = dateTimeFormat(locale, "monthShort", { month: "short", timeZone: "UTC" });
  const monthLabel = (date: string) => monthFormat.format(new Date(`${date}T00:00:00Z`));
  const drag = dragProps ? { ...dragProps, window: board.window } : null;
  const todayLine =
    board.todayAt === null ? null : (
      <div className="pointer-events-none absolute inset-y-0 z-10 w-0.5 bg-red-500" style={{ left: `${board.todayAt}%` }} aria-hidden />
    );
  return (
    <section className="card overflow-x-auto p-0" aria-label={t("board.title")}>
      <div className="min-w-[640px]">
        <div className="flex border-b border-slate-200 bg-slate-50 text-xs text-slate-600">
          <div className="w-32 shrink-0 px-2 py-1 font-semibold sm:w-48">{t(`board.view.${view}`)}</div>
          <div className="relative h-6 flex-1">
            {board.ticks.map((tick) => (
              <span key={tick.date} className="absolute top-0 h-full border-l border-slate-300 pl-1 leading-6" style={{ left: `${tick.at}%` }}>
                {monthLabel(tick.date)}
              </span>
            ))}
            {board.todayAt === null ? null : (
              <span className="absolute top-0 z-10 -translate-x-1/2 rounded bg-red-500 px-1 text-[10px] leading-4 text-white" style={{ left: `${board.todayAt}%` }}>
                {t("board.todayMark")}
              </span>
            )}
          </div>
        </div>
        {rows.length === 0 && draftOnly.length === 0 ? <p className="p-4 text-sm text-slate-600">{t("board.empty")}</p> : null}
        <ul>
          {rows.map((group) => {
            const groupLanes = lanes(group.bars);
            const draftBars = draftGroups.get(group.key)?.bars ?? [];
            return (
              <li key={group.key} className="flex border-b border-slate-100" data-testid="board-row">
                <div className="w-32 shrink-0 px-2 py-1 text-sm sm:w-48">
                  {view === "person" ? (
                    <PersonName id={group.key} name={group.label} page="staff" open={group.open} />
                  ) : (
                    <span className="font-medium">{group.label}</span>
                  )}
                  {group.sublabel ? <span className="block truncate text-xs text-slate-500">{group.sublabel}</span> : null}
                </div>
                <div className="relative flex-1" data-track style={{ height: `${(groupLanes.length + (draftBars.length ? 1 : 0)) * LANE_REM + 0.5}rem` }}>
                  {board.ticks.map((tick) => (
                    <span key={tick.date} className="absolute inset-y-0 border-l border-slate-100" style={{ left: `${tick.at}%` }} aria-hidden />
                  ))}
                  {todayLine}
                  {groupLanes.map((lane, laneIndex) =>
                    lane.map((bar) => {
                      const conflict = bar.clash
                        ? t(`board.clash.${bar.clash.kind}`, { ...clashParams(bar.clash), start: formatDate(bar.clash.start), end: formatDate(bar.clash.end) })
                        : null;
                      const label = view === "person" ? bar.toName : bar.staffName;
                      const description = [
                        `${bar.staffName}: ${bar.fromName} → ${bar.toName}`,
                        `${formatDate(bar.startOn)} – ${formatDate(bar.endOn)}`,
                        te(`rotationStatus.${bar.status}`),
                        conflict,
                        bar.overrideReason ? `${t("detail.overridden")}: ${bar.overrideReason}` : null,
                      ]
                        .filter(Boolean)
                        .join(" · ");
                      return (
                        <BoardBarLink
                          key={bar.id}
                          bar={bar}
                          label={label}
                          description={description}
                          conflict={conflict}
                          top={`${laneIndex * LANE_REM + 0.25}rem`}
                          height={`${LANE_REM - 0.25}rem`}
                          drag={drag ? { ...drag, formatDate, pending: drag.pending?.id === bar.id ? drag.pending : null } : null}
                        />
                      );
                    }),
                  )}
                  {draft
                    ? draftBars.map((bar) => (
                        <DraftBarLink key={bar.entryId} planId={draft.planId} bar={bar} top={`${groupLanes.length * LANE_REM + 0.25}rem`} height={`${LANE_REM - 0.25}rem`} view={view} />
                      ))
                    : null}
                </div>
              </li>
            );
          })}
          {draft
            ? draftOnly.map((group) => (
                <li key={`draft-${group.key}`} className="flex border-b border-slate-100" data-testid="board-draft-row">
                  <div className="w-32 shrink-0 px-2 py-1 text-sm sm:w-48">
                    <span className="font-medium">{group.label}</span>
                  </div>
                  <div className="relative flex-1" style={{ height: `${LANE_REM + 0.5}rem` }}>
                    {board.ticks.map((tick) => (
                      <span key={tick.date} className="absolute inset-y-0 border-l border-slate-100" style={{ left: `${tick.at}%` }} aria-hidden />
                    ))}
                    {todayLine}
                    {group.bars.map((bar) => (
                      <DraftBarLink key={bar.entryId} planId={draft.planId} bar={bar} top="0.25rem" height={`${LANE_REM - 0.25}rem`} view={view} />
                    ))}
                  </div>
                </li>
              ))
            : null}
        </ul>
      </div>
      <div className="flex flex-wrap gap-2 border-t border-slate-200 p-2 text-xs" aria-label={t("board.legend")}>
        {(["planned", "confirmed", "in_progress", "completed", "cancelled"] as const).map((s) => (
          <span key={s} className={`badge border ${STATUS_COLOURS[s]}`}>
            {te(`rotationStatus.${s}`)}
          </span>
        ))}
        <span className="badge border bg-white ring-2 ring-red-600">⚠ {t("board.legendClash")}</span>
        <span className="badge bg-white outline-dashed outline-2 outline-amber-500">⚠ {t("board.legendOverride")}</span>
        {draft ? (
          <span className="badge border-2 border-dashed border-sky-700 text-sky-900" style={{ backgroundImage: DRAFT_HATCH }} data-testid="legend-draft">
            {ts("board.draftLegend")}
          </span>
        ) : null}
      </div>
    </section>
  );
}
