import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate, formatDateTime } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import type { NotificationRow } from "~/models/notifications/notifications.server";

/** Where a notification leads: its course or its agreement (both readable by its reader). */
export function notificationTarget(row: Pick<NotificationRow, "courseId" | "agreementId">): string | null {
  if (row.courseId !== null) return `/courses/${row.courseId}`;
  if (row.agreementId !== null) return `/agreements/${row.agreementId}`;
  return null;
}

/** One notification's sentence, linked to the record it speaks of, with its time. */
export function NotificationText({ row }: { row: NotificationRow }) {
  const { t } = useTranslation("common");
  const locale = useLocale();
  const text = t(`notifications.kind.${row.kind}`, {
    name: row.staffName ?? "",
    course: row.courseTitle ?? "",
    number: row.agreementNumber ?? "",
    title: row.agreementTitle ?? "",
    date: formatDate(row.onDate, locale),
  });
  const to = notificationTarget(row);
  return (
    <span className="flex flex-col">
      {to ? (
        <Link to={to} className="link">
          {text}
        </Link>
      ) : (
        <span>{text}</span>
      )}
      <time dateTime={row.createdAt} className="text-xs text-slate-500">
        {formatDateTime(row.createdAt, locale)}
      </time>
    </span>
  );
}
