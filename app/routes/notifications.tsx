import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { NotificationText } from "~/components/notifications/notification-item";
import { Pagination } from "~/components/pagination";
import { getDb } from "~/db/client.server";
import { requireActor } from "~/models/auth/session.server";
import {
  ensureExpiryReminders,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
} from "~/models/notifications/notifications.server";
import { notificationActionSchema } from "~/models/notifications/schemas";
import { todayInVietnam } from "~/utils/domain-response.server";
import { parseForm, replyInvalid } from "~/utils/form.server";
import { notFound } from "~/utils/http.server";
import { localizedTitle } from "~/utils/meta";
import { pageFromUrl } from "~/utils/pagination";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "common:notifications.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const db = getDb();
  ensureExpiryReminders(db, actor, todayInVietnam());
  return json({ list: listNotifications(db, actor.userId, pageFromUrl(new URL(request.url), 30)) });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const submission = await parseForm(request, notificationActionSchema);
  if (submission.status !== "success") return replyInvalid(submission);
  const db = getDb();
  if (submission.value.intent === "readAll") {
    markAllNotificationsRead(db, actor.userId);
    return json({ result: submission.reply(), notice: "notifications.allRead" });
  }
  // Another user's notification is not found: its existence is not confirmed.
  if (!markNotificationRead(db, actor.userId, submission.value.id)) throw notFound();
  return json({ result: submission.reply(), notice: null });
}

export default function NotificationsPage() {
  const { list } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("common");
  const busy = useNavigation().state === "submitting";
  const notice = actionData && "notice" in actionData ? actionData.notice : null;
  const anyUnread = list.rows.some((r) => r.readAt === null);
  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="page-title">{t("notifications.title")}</h1>
        {anyUnread ? (
          <Form method="post">
            <button type="submit" name="intent" value="readAll" className="btn-secondary" disabled={busy}>
              {t("notifications.markAllRead")}
            </button>
          </Form>
        ) : null}
      </header>
      {notice ? (
        <p role="status" className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900">
          {t(notice)}
        </p>
      ) : null}
      {list.rows.length === 0 ? (
        <p className="card text-slate-600">{t("notifications.empty")}</p>
      ) : (
        <ul className="card divide-y divide-slate-200 p-0" data-testid="notifications">
          {list.rows.map((row) => (
            <li
              key={row.id}
              className={`flex flex-wrap items-start justify-between gap-2 px-4 py-3 ${row.readAt === null ? "bg-teal-50" : ""}`}
              data-unread={row.readAt === null ? "true" : undefined}
            >
              <div className="min-w-0 flex-1 text-sm">
                {row.readAt === null ? (
                  <span className="mr-2 inline-block rounded bg-teal-700 px-1.5 text-xs font-medium text-white">
                    {t("notifications.unread")}
                  </span>
                ) : null}
                <NotificationText row={row} />
              </div>
              {row.readAt === null ? (
                <Form method="post">
                  <input type="hidden" name="id" value={row.id} />
                  <button type="submit" name="intent" value="read" className="btn-secondary text-xs" disabled={busy}>
                    {t("notifications.markRead")}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <Pagination page={list.page} pageCount={list.pageCount} total={list.total} />
    </div>
  );
}
