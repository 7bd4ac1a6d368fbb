import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { DateRange } from "~/models/dates";
import { translateMessage } from "~/utils/messages";

/** New dates sent for one rotation from the board: a drag, or the undo of one. */
export type MoveRequest = { kind: "move" | "undo"; id: number; label: string; range: DateRange; version: number };

/** The board action's answer: the dates written, or the edit form's messages by field. */
export type MoveReply = {
  moved?: { id: number; startOn: string; endOn: string; version: number; previous: { startOn: string; endOn: string } };
  result?: { error?: Record<string, string[] | null> | null } | null;
  stale?: unknown;
};

export type Notice = { request: MoveRequest; reply: MoveReply | null };

/**
 * What became of the last drag, next to the board in a live region: the new dates with an
 * "Undo" that sends the old ones back through the same rules, or why it was refused (the bar
 * is back at its stored dates by then).
 */
export function MoveNotice({ notice, busy, onUndo }: { notice: Notice | null; busy: boolean; onUndo: (request: MoveRequest) => void }) {
  const { t } = useTranslation("rotations");
  return (
    <div aria-live="polite" data-testid="board-notice">
      {notice ? <NoticeBody notice={notice} busy={busy} onUndo={onUndo} t={t} /> : null}
    </div>
  );
}

function NoticeBody({ notice, busy, onUndo, t }: { notice: Notice; busy: boolean; onUndo: (request: MoveRequest) => void; t: ReturnType<typeof useTranslation>["t"] }) {
  const { request, reply } = notice;
  const moved = reply?.moved;
  if (moved) {
    const name = request.label;
    return (
      <p className="flex flex-wrap items-center gap-2 rounded-md border border-emerald-300 bg-emerald-50 p-2 text-sm text-emerald-900" role="status">
        <span>{t(request.kind === "move" ? "board.drag.moved" : "board.drag.restored", { name, start: moved.startOn, end: moved.endOn })}</span>
        {request.kind === "move" ? (
          <button
            type="button"
            className="btn-secondary"
            disabled={busy}
            onClick={() =>
              onUndo({ kind: "undo", id: moved.id, label: name, range: { start: moved.previous.startOn, end: moved.previous.endOn }, version: moved.version })
            }
          >
            {t("board.drag.undo")}
          </button>
        ) : null}
      </p>
    );
  }
  const messages = Object.values(reply?.result?.error ?? {})
    .flatMap((m) => m ?? [])
    .filter((m, i, all) => m && all.indexOf(m) === i);
  return (
    <div className="rounded-md border border-red-300 bg-red-50 p-2 text-sm text-red-800" role="alert" data-testid="board-refusal">
      <p className="font-medium">{t(request.kind === "move" ? "board.drag.refused" : "board.drag.undoRefused", { name: request.label })}</p>
      {reply?.stale ? <p>{t("board.drag.stale")}</p> : null}
      {messages.length === 0 && !reply?.stale ? <p>{t("board.drag.failed")}</p> : null}
      {messages.map((m) => (
        <p key={m}>{translateMessage(t, m)}</p>
      ))}
      {/* What the board cannot set (short-term support, an override, the purpose) is on the form. */}
      {reply?.result ? (
        <p>
          <Link to={`/rotations/${request.id}/edit`} className="link">
            {t("board.drag.openForm")}
          </Link>
        </p>
      ) : null}
    </div>
  );
}
