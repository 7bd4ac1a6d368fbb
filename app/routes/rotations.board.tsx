import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useFetcher, useLoaderData, useLocation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { getLocale } from "~/i18n/locale.server";
import { tabClass, withParams } from "~/components/view-links";
import { FilterBar, FilterSelect } from "~/components/filter-bar";
import { Pagination } from "~/components/pagination";
import { DRAG_HELP_ID } from "~/components/rotations/board-bar";
import { BoardTimeline } from "~/components/rotations/board-timeline";
import { MoveNotice, type MoveReply, type MoveRequest, type Notice } from "~/components/rotations/board-move-notice";
import { RotationFilters } from "~/components/rotations/board-filters";
import { localizedTitle } from "~/utils/meta";
import { getDb } from "~/db/client.server";
import { formatDate } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { requireActor } from "~/models/auth/session.server";
import { CADRES, ROTATION_DISPLAY_STATUSES } from "~/models/enums";
import type { DateRange } from "~/models/dates";
import { BOARD_PERIODS, dragUnit, periodStart, shiftPeriod } from "~/models/rotations/board";
import { boardFacilityOptions, getBoard, parseBoardFilters, type BoardBar } from "~/models/rotations/board.server";
import { draftLayer } from "~/models/rotations/solver/plans.server";
import { orRespond } from "~/utils/domain-response.server";
import { parsePositiveInt } from "~/utils/numbers";
import { moveRotation } from "~/models/rotations/commands.server";
import { moveSchema } from "~/models/rotations/schemas";
import { parseForm, replyInvalid, replyWithDomainError } from "~/utils/form.server";
import { todayInVietnam } from "~/utils/domain-response.server";
import { pageFromUrl } from "~/utils/pagination";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "rotations:board.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  const actor = await requireActor(request);
  const url = new URL(request.url);
  const today = todayInVietnam();
  const filters = parseBoardFilters(url, today);
  const db = getDb();
  const board = getBoard(db, actor, filters, pageFromUrl(url, 50), today, locale);
  // `?plan=` draws that plan's open proposals over the rotations (a plan the reader cannot read is a 404).
  const planId = parsePositiveInt(url.searchParams.get("plan"));
  const draft = planId === null ? null : orRespond(() => draftLayer(db, actor, planId, board.window, filters.view, locale));
  return json({
    filters,
    today,
    board,
    draft,
    facilities: boardFacilityOptions(db, actor, locale),
    prev: shiftPeriod(filters.start, filters.period, -1),
    next: shiftPeriod(filters.start, filters.period, 1),
    current: periodStart(today, filters.period),
  });
}

/**
 * A bar dragged on the board (or put back by "undo"): new dates for one rotation, judged by
 * the edit form's command. Refusals come back as the form's messages with their status
 * (400, 403, 404, 409), never as an error page, since the board stays on screen.
 */
export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const submission = await parseForm(request, moveSchema);
  if (submission.status !== "success") return replyInvalid(submission);
  const { rotationId, startOn, endOn, version } = submission.value;
  try {
    const { before, after } = moveRotation(getDb(), actor, rotationId, { startOn, endOn, version });
    return json({
      moved: { id: after.id, startOn: after.startOn, endOn: after.endOn, version: after.version, previous: { startOn: before.startOn, endOn: before.endOn } },
    });
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
}

/** The board's address without its draft layer. */
function withoutPlan(search: string): string {
  const params = new URLSearchParams(search);
  params.delete("plan");
  return `?${params.toString()}`;
}

export default function BoardPage() {
  const { filters, board, draft, facilities, prev, next, current } = useLoaderData<typeof loader>();
  const { t } = useTranslation("rotations");
  const { t: ts } = useTranslation("solver");
  const { t: te } = useTranslation("enums");
  const locale = useLocale();
  const { search } = useLocation();
  const fetcher = useFetcher<typeof action>();
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  // What was sent (to name it in the notice and keep the bar in place until the answer), and the notice.
  const sent = useRef<MoveRequest | null>(null);
  const [pending, setPending] = useState<(DateRange & { id: number }) | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const busy = fetcher.state !== "idle";

  const send = (request: MoveRequest) => {
    sent.current = request;
    setPending({ id: request.id, start: request.range.start, end: request.range.end });
    setNotice(null);
    fetcher.submit({ intent: "move", rotationId: request.id, startOn: request.range.start, endOn: request.range.end, version: request.version }, { method: "post" });
  };

  // The answer arrives once the board has been read again: a moved bar already has its new
  // dates, a refused one its stored dates (it snaps back), a changed one its current version.
  useEffect(() => {
    if (fetcher.state !== "idle" || !sent.current) return;
    const request = sent.current;
    sent.current = null;
    setPending(null);
    setNotice({ request, reply: (fetcher.data ?? null) as MoveReply | null });
  }, [fetcher.state, fetcher.data]);

  const onDrop = (bar: Pick<BoardBar, "id" | "staffName" | "toName" | "version">, range: DateRange) =>
    send({ kind: "move", id: bar.id, label: `${bar.staffName} → ${bar.toName}`, range, version: bar.version });
  const movable = board.groups.rows.some((g) => g.bars.some((b) => b.canMove));
  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="page-title">{t("board.title")}</h1>
          <p className="mt-1 text-sm text-slate-600">
            {formatDate(board.window.start, locale)} – {formatDate(board.window.end, locale)}
          </p>
        </div>
        <span className="flex flex-wrap gap-2">
          <Link to="/rotations/sites" className="btn-secondary">
            {t("sites.link")}
          </Link>
          <Link to="/rotations" className="btn-secondary">
            {t("list.title")}
          </Link>
        </span>
      </header>
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm text-slate-600">{t("board.viewBy")}</span>
        <Link to={withParams(search, { view: "person" })} className={tabClass(filters.view === "person")} aria-current={filters.view === "person" ? "page" : undefined}>
          {t("board.view.person")}
        </Link>
        <Link to={withParams(search, { view: "facility" })} className={tabClass(filters.view === "facility")} aria-current={filters.view === "facility" ? "page" : undefined}>
          {t("board.view.facility")}
        </Link>
        <span className="ml-2 text-sm text-slate-600">{t("board.periodLabel")}</span>
        {BOARD_PERIODS.map((p) => (
          <Link key={p} to={withParams(search, { period: p })} className={tabClass(filters.period === p)} aria-current={filters.period === p ? "page" : undefined}>
            {t(`board.period.${p}`)}
          </Link>
        ))}
        <span className="ml-2 flex gap-1">
          <Link to={withParams(search, { from: prev })} className="btn-secondary" rel="prev">
            ‹ {t("board.prev")}
          </Link>
          <Link to={withParams(search, { from: current })} className="btn-secondary">
            {t("board.today")}
          </Link>
          <Link to={withParams(search, { from: next })} className="btn-secondary" rel="next">
            {t("board.next")} ›
          </Link>
        </span>
      </div>
      {draft ? (
        <p className="flex flex-wrap items-center gap-2 rounded-md border-2 border-dashed border-sky-700 bg-sky-50 p-2 text-sm text-sky-950" role="status" data-testid="board-draft">
          <span className="font-medium">{ts("board.draft", { id: draft.planId })}</span>
          <Link to={`/rotations/plan/${draft.planId}`} className="link">
            {ts("board.backToPlan")}
          </Link>
          <Link to={withoutPlan(search)} className="link">
            {ts("board.hideDraft")}
          </Link>
        </p>
      ) : null}
      <FilterBar keep={{ view: filters.view, period: filters.period, from: filters.start, ...(draft ? { plan: String(draft.planId) } : {}) }}>
        <RotationFilters q={filters.q} status={filters.status} />
        <FilterSelect name="facility" label={t("board.facility")} defaultValue={filters.facilityId} options={facilities.map((f) => ({ value: String(f.value), label: f.label }))} />
        <FilterSelect name="cadre" label={t("staff:fields.cadre")} defaultValue={filters.cadre} options={CADRES.map((c) => ({ value: c, label: te(`cadre.${c}`) }))} />
      </FilterBar>
      {board.conflictCount > 0 ? (
        <p className="rounded-md border border-red-300 bg-red-50 p-2 text-sm text-red-800" role="status">
          {t("board.conflicts", { count: board.conflictCount })}
        </p>
      ) : null}
      {hydrated && movable ? (
        <p id={DRAG_HELP_ID} className="text-sm text-slate-600">
          {t("board.drag.howTo")}
        </p>
      ) : null}
      <MoveNotice notice={notice} busy={busy} onUndo={send} />
      <BoardTimeline
        board={board}
        view={filters.view}
        drag={hydrated ? { unit: dragUnit(filters.period), pending, busy, onDrop } : null}
        draft={draft}
      />
      <Pagination page={board.groups.page} pageCount={board.groups.pageCount} total={board.groups.total} />
    </div>
  );
}
