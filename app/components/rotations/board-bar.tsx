import { Link } from "@remix-run/react";
import { useRef, useState, type KeyboardEvent, type PointerEvent as ReactPointerEvent } from "react";
import { useTranslation } from "react-i18next";
import type { DateRange } from "~/models/dates";
import { barPlacement, draggedRange, dragSteps, type DragHandle, type DragUnit } from "~/models/rotations/board";
import type { BoardBar } from "~/models/rotations/board.server";
import { STATUS_COLOURS } from "./status-badge";

type Jsonified<T> = T extends object ? { [K in keyof T]: Jsonified<T[K]> } : T;

/** What the board page lets a bar do once scripts run; absent, the bar is only a link. */
export type BarDrag = {
  window: DateRange;
  unit: DragUnit;
  /** Dates already sent for this bar and not yet answered: the bar stays there meanwhile. */
  pending: DateRange | null;
  /** Another change is on its way: no new drag until it is answered. */
  busy: boolean;
  onDrop: (bar: Jsonified<BoardBar>, range: DateRange) => void;
  formatDate: (date: string) => string;
};

type Gesture = { pointerId: number; x0: number; handle: DragHandle; trackWidth: number; moved: boolean };

/** The id of the page's one sentence on how to drag (and move with the keys), read after a bar's own description. */
export const DRAG_HELP_ID = "board-drag-help";

// Pixels a mouse must travel before a press on the bar is a drag rather than a click on the link.
const CLICK_SLOP = 4;

/**
 * One rotation on the board: a link to the rotation, and, for a rotation the reader may
 * change, a bar that can be dragged (pointer events: mouse, pen and touch). The whole bar
 * moves the rotation with a mouse; the grip and the two ends take a finger as well, and only
 * they refuse the browser's own panning, so a finger elsewhere still scrolls the page. With
 * the keyboard, the arrows move the focused bar. Enter still opens the rotation.
 */
export function BoardBarLink({
  bar,
  label,
  description,
  conflict,
  top,
  height,
  drag,
}: {
  bar: Jsonified<BoardBar>;
  label: string;
  description: string;
  conflict: string | null;
  top: string;
  height: string;
  drag: BarDrag | null;
}) {
  const { t } = useTranslation("rotations");
  // The dates a drag under way proposes, and where the pointer is (the preview follows it, so a
  // board scrolled sideways on a phone never hides it).
  const [live, setLive] = useState<{ range: DateRange; x: number; y: number } | null>(null);
  const gesture = useRef<Gesture | null>(null);
  const swallowClick = useRef(false);
  const movable = drag !== null && bar.canMove;
  const stored = { start: bar.startOn, end: bar.endOn };
  const shown = live?.range ?? drag?.pending ?? stored;
  const place = drag && (live || drag.pending) ? placeIn(shown, drag.window) : { left: bar.left, width: bar.width };

  const proposed = (e: ReactPointerEvent, g: Gesture) =>
    draggedRange(stored, g.handle, dragSteps(e.clientX - g.x0, g.trackWidth, drag!.window, drag!.unit), drag!.unit);

  const onPointerDown = (e: ReactPointerEvent<HTMLAnchorElement>) => {
    swallowClick.current = false;
    if (!movable || drag.busy || gesture.current) return;
    if (e.pointerType === "mouse" && e.button !== 0) return;
    const handle = ((e.target as HTMLElement).closest("[data-handle]") as HTMLElement | null)?.dataset.handle as DragHandle | undefined;
    // A finger on the bar itself scrolls the board; it drags only by the grip or an end.
    if (!handle && e.pointerType === "touch") return;
    const track = e.currentTarget.closest("[data-track]");
    gesture.current = { pointerId: e.pointerId, x0: e.clientX, handle: handle ?? "move", trackWidth: track?.getBoundingClientRect().width ?? 0, moved: handle !== undefined };
    e.currentTarget.setPointerCapture(e.pointerId);
    if (handle) {
      e.preventDefault();
      setLive({ range: stored, x: e.clientX, y: e.clientY });
    }
  };

  const onPointerMove = (e: ReactPointerEvent<HTMLAnchorElement>) => {
    const g = gesture.current;
    if (!g || e.pointerId !== g.pointerId) return;
    if (!g.moved && Math.abs(e.clientX - g.x0) < CLICK_SLOP) return;
    g.moved = true;
    setLive({ range: proposed(e, g), x: e.clientX, y: e.clientY });
  };

  const onPointerUp = (e: ReactPointerEvent<HTMLAnchorElement>) => {
    const g = gesture.current;
    if (!g || e.pointerId !== g.pointerId) return;
    gesture.current = null;
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
    setLive(null);
    if (!g.moved) return;
    swallowNextClick();
    const range = proposed(e, g);
    if (range.start !== stored.start || range.end !== stored.end) drag!.onDrop(bar, range);
  };

  const cancel = () => {
    if (gesture.current?.moved) swallowNextClick();
    gesture.current = null;
    setLive(null);
  };

  // The click that follows the release of a drag must not open the rotation; a click that never
  // comes (a finger lifted) must not swallow a later Enter, so the flag lasts only this task.
  const swallowNextClick = () => {
    swallowClick.current = true;
    setTimeout(() => (swallowClick.current = false), 0);
  };

  // Without a pointer: ← and → move the focused bar one step, with Shift they move its end.
  const onKeyDown = (e: KeyboardEvent<HTMLAnchorElement>) => {
    if (e.key === "Escape" && gesture.current) {
      // The button is still down: the click of its release must not open the rotation either.
      cancel();
      swallowClick.current = true;
      return;
    }
    if ((e.key !== "ArrowLeft" && e.key !== "ArrowRight") || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    if (drag!.busy || gesture.current) return;
    drag!.onDrop(bar, draggedRange(stored, e.shiftKey ? "end" : "move", e.key === "ArrowLeft" ? -1 : 1, drag!.unit));
  };

  // Ends and grip are wider under a finger than under a mouse.
  const handleClass = "absolute inset-y-0 z-10 w-2.5 touch-none bg-black/10 hover:bg-black/25 [@media(pointer:coarse)]:w-4";
  return (
    <>
      <Link
        to={`/rotations/${bar.id}`}
        title={movable ? `${description} · ${t("board.drag.hint")}` : description}
        aria-label={description}
        aria-describedby={movable ? DRAG_HELP_ID : undefined}
        aria-busy={drag?.pending ? true : undefined}
        data-rotation={bar.id}
        data-start={shown.start}
        data-end={shown.end}
        data-movable={movable ? "" : undefined}
        data-conflict={conflict ? "clash" : bar.overrideReason ? "override" : undefined}
        draggable={movable ? false : undefined}
        onDragStart={movable ? (e) => e.preventDefault() : undefined}
        onPointerDown={movable ? onPointerDown : undefined}
        onPointerMove={movable ? onPointerMove : undefined}
        onPointerUp={movable ? onPointerUp : undefined}
        onPointerCancel={movable ? cancel : undefined}
        onLostPointerCapture={movable ? () => gesture.current && cancel() : undefined}
        onKeyDown={movable ? onKeyDown : undefined}
        onClick={(e) => {
          if (swallowClick.current) {
            e.preventDefault();
            swallowClick.current = false;
          }
        }}
        className={`absolute flex items-center overflow-hidden whitespace-nowrap rounded border px-1 text-xs ${STATUS_COLOURS[bar.status]} ${
          conflict ? "z-20 ring-2 ring-red-600" : bar.overrideReason ? "outline-dashed outline-2 outline-offset-1 outline-amber-500" : ""
        } ${movable ? "cursor-grab select-none active:cursor-grabbing" : ""} ${live ? "z-30 shadow-lg ring-2 ring-sky-500" : ""} ${drag?.pending ? "opacity-70" : ""}`}
        style={{ left: `${place.left}%`, width: `max(${place.width}%, 4px)`, top, height }}
      >
        {movable && bar.startOn >= drag.window.start ? (
          <span data-handle="start" className={`${handleClass} left-0 cursor-ew-resize`} aria-hidden />
        ) : null}
        {movable ? (
          <span data-handle="move" className="z-10 -ml-0.5 mr-0.5 touch-none cursor-grab px-0.5 font-bold leading-none text-slate-500 [@media(pointer:coarse)]:px-1.5" aria-hidden>
            ⠿
          </span>
        ) : null}
        {conflict || bar.overrideReason ? <span aria-hidden className="mr-0.5 font-bold text-red-700">⚠</span> : null}
        {label}
        {movable && bar.endOn <= drag.window.end ? <span data-handle="end" className={`${handleClass} right-0 cursor-ew-resize`} aria-hidden /> : null}
      </Link>
      {live && drag ? (
        <span
          data-testid="drag-preview"
          className="pointer-events-none fixed z-50 whitespace-nowrap rounded bg-slate-900 px-1.5 py-0.5 text-xs text-white shadow"
          style={{ left: `clamp(0.25rem, calc(${live.x}px - 5.5rem), calc(100vw - 12.5rem))`, top: `calc(${live.y}px - 2.75rem)` }}
        >
          {drag.formatDate(live.range.start)} – {drag.formatDate(live.range.end)}
        </span>
      ) : null}
    </>
  );
}

/** The bar's place for dates that may have left the window: a sliver at the edge it went past. */
function placeIn(range: DateRange, window: DateRange): { left: number; width: number } {
  return barPlacement(range, window) ?? { left: range.end < window.start ? 0 : 99.5, width: 0.5 };
}
