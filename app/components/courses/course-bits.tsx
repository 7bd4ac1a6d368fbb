// Small pieces shared by the course pages: status badges and the seats cell.
import { useTranslation } from "react-i18next";
import { formatNumber } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import type { CourseStatus, EnrolmentStatus } from "~/models/enums";

const COURSE_COLOURS: Record<CourseStatus, string> = {
  draft: "bg-slate-100 text-slate-700",
  open: "bg-emerald-100 text-emerald-800",
  closed: "bg-amber-100 text-amber-800",
  completed: "bg-sky-100 text-sky-800",
  cancelled: "bg-red-100 text-red-800",
};

export function CourseStatusBadge({ status }: { status: CourseStatus }) {
  const { t } = useTranslation("enums");
  return <span className={`badge ${COURSE_COLOURS[status]}`}>{t(`courseStatus.${status}`)}</span>;
}

const ENROLMENT_COLOURS: Record<EnrolmentStatus, string> = {
  requested: "bg-amber-100 text-amber-800",
  approved: "bg-emerald-100 text-emerald-800",
  waitlisted: "bg-slate-200 text-slate-800",
  enrolled: "bg-teal-100 text-teal-800",
  completed: "bg-sky-100 text-sky-800",
  failed: "bg-red-100 text-red-800",
  withdrawn: "bg-slate-100 text-slate-600",
  rejected: "bg-slate-100 text-slate-600",
};

export function EnrolmentStatusBadge({ status, position }: { status: EnrolmentStatus; position?: number | null }) {
  const { t } = useTranslation("enums");
  const { t: tc } = useTranslation("courses");
  return (
    <span className={`badge ${ENROLMENT_COLOURS[status]}`} data-status={status}>
      {t(`enrolmentStatus.${status}`)}
      {status === "waitlisted" && position ? ` · ${tc("participants.position", { position })}` : null}
    </span>
  );
}

export function SeatsCell({ taken, capacity, waitlisted }: { taken: number; capacity: number; waitlisted: number }) {
  const { t } = useTranslation("courses");
  const locale = useLocale();
  return (
    <span className="whitespace-nowrap tabular-nums">
      {t("list.seats", { taken: formatNumber(taken, locale), capacity: formatNumber(capacity, locale) })}
      {waitlisted > 0 ? <span className="block text-xs text-slate-500">{t("list.waitlisted", { count: waitlisted })}</span> : null}
    </span>
  );
}
