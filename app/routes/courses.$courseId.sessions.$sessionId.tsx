import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useFetcher, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors } from "~/components/form";
import { getDb } from "~/db/client.server";
import { formatDate } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { requireActor } from "~/models/auth/session.server";
import { getSessionRoster, markSessionAttendance, type RosterRow } from "~/models/courses/roster.server";
import { rosterMarkSchema } from "~/models/courses/schemas";
import { orRespond } from "~/utils/domain-response.server";
import { parseForm, replyInvalid, replyWithDomainError } from "~/utils/form.server";
import { requireId } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.course.title ?? ""} – CGKT` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const roster = orRespond(() => getSessionRoster(getDb(), actor, requireId(params.courseId), requireId(params.sessionId)));
  return json(roster);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const courseId = requireId(params.courseId);
  const sessionId = requireId(params.sessionId);
  const submission = await parseForm(request, rosterMarkSchema);
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    const { present } = markSessionAttendance(getDb(), actor, { courseId, sessionId, ...submission.value });
    return json({ result: submission.reply(), present });
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
}

/** One trainee: the whole row is the button, large enough for a thumb. */
function RosterEntry({ row }: { row: RosterRow }) {
  const { t } = useTranslation("courses");
  const fetcher = useFetcher<typeof action>();
  // While the tap is on its way the row already shows what it asked for.
  const pending = fetcher.formData ? fetcher.formData.get("present") === "1" : null;
  const answered = fetcher.data && "present" in fetcher.data ? fetcher.data.present : null;
  const present = pending ?? answered ?? row.present;
  const errors = (fetcher.data?.result?.error?.[""] ?? []) as string[];
  const state = row.locked ? "locked" : present === null ? "unmarked" : present ? "present" : "absent";
  const tone =
    state === "present"
      ? "border-emerald-400 bg-emerald-50"
      : state === "absent"
        ? "border-red-300 bg-red-50"
        : "border-slate-200 bg-white";
  return (
    <li data-trainee={row.fullName} data-state={state}>
      <fetcher.Form method="post">
        <input type="hidden" name="intent" value="mark" />
        <input type="hidden" name="enrolmentId" value={row.enrolmentId} />
        <input type="hidden" name="present" value={present ? "0" : "1"} />
        <button
          type="submit"
          disabled={row.locked}
          aria-pressed={present === true}
          aria-label={present ? t("roster.markAbsent", { name: row.fullName }) : t("roster.markPresent", { name: row.fullName })}
          className={`flex min-h-[3.5rem] w-full items-center justify-between gap-3 rounded-md border px-3 py-2 text-left ${tone} disabled:opacity-70`}
        >
          <span className="min-w-0">
            <span className="block truncate font-medium">{row.fullName}</span>
            <span className="block truncate text-xs text-slate-500">{row.facilityName}</span>
          </span>
          <span className="shrink-0 text-sm font-medium" data-testid="roster-state">
            {state === "present" ? `✓ ${t("roster.present")}` : state === "absent" ? `✗ ${t("roster.absent")}` : t(`roster.${state}`)}
          </span>
        </button>
      </fetcher.Form>
      <FormErrors errors={errors} />
    </li>
  );
}

export default function SessionRosterPage() {
  const { course, session, rows } = useLoaderData<typeof loader>();
  const { t } = useTranslation("courses");
  const locale = useLocale();
  const present = rows.filter((r) => r.present).length;
  return (
    <div className="mx-auto max-w-xl space-y-3">
      <header>
        <Link to={`/courses/${course.id}`} className="link text-sm">
          ← {t("roster.back")}
        </Link>
        <h1 className="page-title mt-1">{t("roster.title", { n: session.number })}</h1>
        <p className="text-sm text-slate-600">
          {course.title} · {formatDate(session.heldOn, locale)} {session.startsAt}–{session.endsAt} · {session.topic}
        </p>
      </header>
      <p className="text-sm text-slate-600">{t("roster.help")}</p>
      <p className="text-sm font-medium" data-testid="roster-count">
        {t("roster.count", { present, total: rows.length })}
      </p>
      {rows.length === 0 ? (
        <p className="card text-slate-600">{t("roster.empty")}</p>
      ) : (
        <ul className="space-y-2" data-testid="roster">
          {rows.map((row) => (
            <RosterEntry key={row.enrolmentId} row={row} />
          ))}
        </ul>
      )}
    </div>
  );
}
