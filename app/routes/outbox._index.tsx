// The outbox: entries made without a connection, kept on this device until the server has
// answered them. What waits (sent in order, by itself or with "send now"), what was sent (with
// the page it led to) and what was refused (with the server's messages; open it again, filled,
// or discard it). Its list comes from the browser, so the page is counts plus a paged list
// whatever the number of entries.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useEffect, useReducer, useState } from "react";
import { useTranslation } from "react-i18next";
import { OfflineReadinessLine } from "~/components/offline/offline-readiness-line";
import { useShellUsername } from "~/components/offline/use-shell-user";
import { formatDateTime } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { requireActor } from "~/models/auth/session.server";
import { countsOf, discard, itemsOf, lastProblem, subscribe, syncOutbox, type OutboxItem, type OutboxStatus } from "~/utils/offline-queue";
import { translateMessage } from "~/utils/messages";
import { localizedTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "offline:outbox");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireActor(request);
  return json({});
}

const PAGE_SIZE = 50;
const TABS: OutboxStatus[] = ["waiting", "refused", "sent"];

function ItemCard({ item, online }: { item: OutboxItem; online: boolean }) {
  const { t } = useTranslation("offline");
  const locale = useLocale();
  const messages = Object.values(item.errors ?? {}).flat();
  return (
    <li className="card space-y-1 text-sm" data-testid="outbox-item" data-status={item.status}>
      <p className="flex flex-wrap items-center gap-2">
        <span className="badge bg-slate-100 text-slate-700">{t(`forms.${item.form}`)}</span>
        <span className={`badge ${item.status === "refused" ? "bg-red-100 text-red-800" : item.status === "sent" ? "bg-emerald-100 text-emerald-800" : "bg-amber-100 text-amber-900"}`}>
          {t(`status.${item.status}`)}
        </span>
      </p>
      <p className="break-words font-medium">
        {item.status === "sent" && item.location ? (
          <Link to={item.location} className="link">
            {item.title}
          </Link>
        ) : (
          item.title
        )}
      </p>
      <p className="text-xs text-slate-500">
        {t("page.queuedAt")}: {formatDateTime(item.queuedAt, locale)}
        {item.sentAt ? ` · ${t("page.sentAt")}: ${formatDateTime(item.sentAt, locale)}` : null}
      </p>
      {messages.length > 0 ? (
        <div className="rounded-md border border-red-300 bg-red-50 p-2 text-red-800" role="alert">
          {messages.map((message) => (
            <p key={message}>{translateMessage(t, message)}</p>
          ))}
        </div>
      ) : null}
      {item.status === "refused" ? (
        <div className="flex flex-wrap gap-2 pt-1">
          <Link to={`${item.path}?outbox=${encodeURIComponent(item.key)}`} reloadDocument={!online} className="btn-secondary">
            {t("page.open")}
          </Link>
          <button
            type="button"
            className="btn-secondary"
            onClick={() => {
              if (window.confirm(t("page.discardConfirm"))) void discard([item.key]);
            }}
          >
            {t("page.discard")}
          </button>
        </div>
      ) : null}
    </li>
  );
}

export default function OutboxPage() {
  const { t } = useTranslation("offline");
  const { t: tc } = useTranslation("common");
  const user = useShellUsername() ?? "";
  const [, changed] = useReducer((n: number) => n + 1, 0);
  const [ready, setReady] = useState(false);
  const [tab, setTab] = useState<OutboxStatus>("waiting");
  const [page, setPage] = useState(1);
  const [sending, setSending] = useState(false);
  const [online, setOnline] = useState(true);

  useEffect(
    () =>
      subscribe(() => {
        setReady(true);
        changed();
      }),
    [],
  );
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    update();
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    return () => {
      window.removeEventListener("online", update);
      window.removeEventListener("offline", update);
    };
  }, []);

  const counts = countsOf(user);
  const list = ready ? itemsOf(user, tab) : [];
  const pages = Math.max(1, Math.ceil(list.length / PAGE_SIZE));
  const current = Math.min(page, pages);
  const rows = list.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);
  const problem = lastProblem();

  async function sendNow() {
    setSending(true);
    try {
      await syncOutbox(user);
    } finally {
      setSending(false);
      changed();
    }
  }

  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="page-title">{t("outbox")}</h1>
      <p className="text-sm text-slate-600">{t("page.intro")}</p>
      <OfflineReadinessLine readyText={t("page.kept")} />
      {!online ? (
        <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" role="status">
          {t("page.offlineNow")}
        </p>
      ) : problem === "signin" ? (
        <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" role="status">
          {t("page.signInToSend")}
        </p>
      ) : problem ? (
        <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" role="status">
          {t("page.lastError")}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-2">
        <div className="flex flex-wrap gap-1" role="group" aria-label={t("outbox")}>
          {TABS.map((status) => (
            <button
              key={status}
              type="button"
              aria-pressed={tab === status}
              className={tab === status ? "btn" : "btn-secondary"}
              onClick={() => {
                setTab(status);
                setPage(1);
              }}
              data-testid={`outbox-tab-${status}`}
            >
              {t(`status.${status}`)} ({counts[status]})
            </button>
          ))}
        </div>
        <div className="ml-auto flex gap-2">
          {tab === "sent" && counts.sent > 0 ? (
            <button type="button" className="btn-secondary" onClick={() => void discard(itemsOf(user, "sent").map((i) => i.key))}>
              {t("page.clearSent")}
            </button>
          ) : null}
          <button type="button" className="btn" onClick={() => void sendNow()} disabled={sending || !online || counts.waiting === 0} data-testid="outbox-send-now">
            {sending ? t("page.sending") : t("page.sendNow")}
          </button>
        </div>
      </div>
      {ready && rows.length === 0 ? <p className="text-sm text-slate-600">{t("page.empty")}</p> : null}
      <ul className="space-y-2">
        {rows.map((item) => (
          <ItemCard key={item.key} item={item} online={online} />
        ))}
      </ul>
      {pages > 1 ? (
        <nav className="flex items-center justify-between gap-2 text-sm" aria-label={tc("pagination.label")}>
          <button type="button" className="btn-secondary" disabled={current <= 1} onClick={() => setPage(current - 1)}>
            {tc("pagination.previous")}
          </button>
          <span>{tc("pagination.pageOf", { page: current, pageCount: pages })}</span>
          <button type="button" className="btn-secondary" disabled={current >= pages} onClick={() => setPage(current + 1)}>
            {tc("pagination.next")}
          </button>
        </nav>
      ) : null}
    </div>
  );
}
