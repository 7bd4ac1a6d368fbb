import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConfirmButton } from "~/components/confirm-button";
import { FormErrors } from "~/components/form";
import { getDb } from "~/db/client.server";
import { formatDate, formatTime } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { requireActor } from "~/models/auth/session.server";
import {
  checkInQrDataUrl,
  checkInUrl,
  closeCheckIn,
  confirmAllPending,
  decideSelfCheckIn,
  openCheckIn,
  sessionCheckInState,
} from "~/models/courses/check-in.server";
import { getSessionRoster, markSessionAttendance, type RosterRow } from "~/models/courses/roster.server";
import { checkInOpenable, displayCheckInCode } from "~/models/courses/rules";
import { checkInDecisionSchema, checkInWindowSchema, rosterMarkSchema } from "~/models/courses/schemas";
import { orRespond, todayInVietnam } from "~/utils/domain-response.server";
import { byIntent, parseSubmission, readForm, replyInvalid, replyWithDomainError } from "~/utils/form.server";
import { requireId } from "~/utils/http.server";
import { getLocale } from "~/i18n/locale.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.course.title ?? ""} – CGKT` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const db = getDb();
  const locale = await getLocale(request);
  const roster = orRespond(() => getSessionRoster(db, actor, requireId(params.courseId), requireId(params.sessionId), locale));
  const state = sessionCheckInState(db, roster.session.id);
  const origin = new URL(request.url).origin;
  const checkIn =
    state.status === "open"
      ? {
          ...state,
          url: checkInUrl(origin, state.code),
          typeUrl: `${origin}/check-in`,
          display: displayCheckInCode(state.code),
          qr: await checkInQrDataUrl(checkInUrl(origin, state.code)),
        }
      : state;
  return json({ ...roster, checkIn, openable: checkInOpenable(roster.session.heldOn, todayInVietnam()) === "open" });
}

const SCHEMAS = { mark: rosterMarkSchema, openCheckIn: checkInWindowSchema, closeCheckIn: checkInWindowSchema, confirmAll: checkInWindowSchema, confirm: checkInDecisionSchema, reject: checkInDecisionSchema };

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const ref = { courseId: requireId(params.courseId), sessionId: requireId(params.sessionId) };
  const form = await readForm(request);
  const schema = byIntent(SCHEMAS, form.get("intent"));
  if (!schema) return replyInvalid(parseSubmission(form, rosterMarkSchema));
  const submission = parseSubmission(form, schema);
  if (submission.status !== "success") return replyInvalid(submission);
  const db = getDb();
  const value = submission.value;
  try {
    switch (value.intent) {
      case "mark": {
        const { present } = markSessionAttendance(db, actor, { ...ref, enrolmentId: value.enrolmentId, present: value.present });
        return json({ result: submission.reply(), present });
      }
      case "openCheckIn":
        openCheckIn(db, actor, ref);
        return json({ result: submission.reply() });
      case "closeCheckIn":
        closeCheckIn(db, actor, ref);
        return json({ result: submission.reply() });
      case "confirmAll":
        return json({ result: submission.reply(), confirmed: confirmAllPending(db, actor, ref) });
      case "confirm":
      case "reject":
        decideSelfCheckIn(db, actor, { ...ref, enrolmentId: value.enrolmentId, confirm: value.intent === "confirm" });
        return json({ result: submission.reply() });
    }
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
  // After the answer the loader's revalidated row is the truth (a confirmed check-in may have
  // changed it since this tap).
  const present = pending ?? row.present;
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
      {row.checkedInAt && !row.locked ? <PendingCheckIn row={row} /> : null}
    </li>
  );
}

/** A trainee's own check-in awaiting the trainer: one tap confirms, rejecting asks first. */
function PendingCheckIn({ row }: { row: RosterRow }) {
  const { t } = useTranslation("courses");
  const locale = useLocale();
  const fetcher = useFetcher<typeof action>();
  const errors = (fetcher.data?.result?.error?.[""] ?? []) as string[];
  return (
    <fetcher.Form method="post" className="mt-1 flex flex-wrap items-center gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2" data-testid="pending-check-in">
      <input type="hidden" name="enrolmentId" value={row.enrolmentId} />
      <span className="min-w-0 flex-1 text-sm text-amber-900">{t("checkIn.pendingAt", { time: formatTime(row.checkedInAt, locale) })}</span>
      <button type="submit" name="intent" value="confirm" className="btn min-h-[2.75rem]" aria-label={t("checkIn.confirmLabel", { name: row.fullName })} disabled={fetcher.state !== "idle"}>
        {t("checkIn.confirm")}
      </button>
      <ConfirmButton
        name="intent"
        value="reject"
        className="btn-secondary min-h-[2.75rem]"
        title={t("checkIn.rejectTitle", { name: row.fullName })}
        consequence={t("checkIn.rejectBody", { name: row.fullName })}
        disabled={fetcher.state !== "idle"}
      >
        {t("checkIn.reject")}
      </ConfirmButton>
      <FormErrors errors={errors} />
    </fetcher.Form>
  );
}

/** Opening, showing, renewing and closing the session's check-in code. */
function CheckInPanel() {
  const { session, checkIn, openable } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation("courses");
  const locale = useLocale();
  const busy = navigation.state !== "idle";
  const errors = (actionData?.result?.error?.[""] ?? []) as string[];
  return (
    <section className="card space-y-3" data-testid="check-in">
      <h2 className="font-semibold">{t("checkIn.heading")}</h2>
      <FormErrors errors={errors} />
      {checkIn.status === "open" ? (
        <>
          <p className="text-sm text-slate-600">{t("checkIn.help")}</p>
          <img src={checkIn.qr} alt={t("checkIn.qrAlt", { n: session.number })} className="mx-auto h-60 w-60" width={240} height={240} data-testid="check-in-qr" />
          <p className="text-sm">
            {t("checkIn.typeIt", { url: checkIn.typeUrl })}{" "}
            {/* Groups wrap as wholes, so a phone never splits one across lines. */}
            <span className="mt-1 flex flex-wrap justify-center gap-x-1 font-mono text-lg font-semibold tracking-wider" data-testid="check-in-code">
              {checkIn.display.split("-").map((group, i, all) => (
                <span key={i} className="whitespace-nowrap">
                  {group}
                  {i < all.length - 1 ? "-" : ""}
                </span>
              ))}
            </span>
          </p>
          <p className="break-all text-xs text-slate-500">
            <a href={checkIn.url} className="link" data-testid="check-in-url">
              {checkIn.url}
            </a>
          </p>
          <p className="text-xs text-slate-500">{t("checkIn.openUntil", { date: formatDate(session.heldOn, locale) })}</p>
          <Form method="post" className="flex flex-wrap gap-2">
            <ConfirmButton name="intent" value="openCheckIn" className="btn-secondary" title={t("checkIn.regenerateTitle")} consequence={t("checkIn.regenerateBody")} disabled={busy}>
              {t("checkIn.regenerate")}
            </ConfirmButton>
            <ConfirmButton name="intent" value="closeCheckIn" className="btn-danger" title={t("checkIn.closeTitle")} consequence={t("checkIn.closeBody")} disabled={busy}>
              {t("checkIn.close")}
            </ConfirmButton>
          </Form>
        </>
      ) : (
        <>
          {checkIn.status === "closed" ? <p className="text-sm text-slate-600">{t("checkIn.statusClosed")}</p> : null}
          {checkIn.status === "expired" ? <p className="text-sm text-slate-600">{t("checkIn.statusExpired")}</p> : null}
          {openable ? (
            <Form method="post">
              <button type="submit" name="intent" value="openCheckIn" className="btn" disabled={busy}>
                {t("checkIn.open")}
              </button>
            </Form>
          ) : (
            <p className="text-sm text-slate-600">{t("checkIn.notToday", { date: formatDate(session.heldOn, locale) })}</p>
          )}
        </>
      )}
    </section>
  );
}

export default function SessionRosterPage() {
  const { course, session, rows } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const { t } = useTranslation("courses");
  const locale = useLocale();
  const present = rows.filter((r) => r.present).length;
  const waiting = rows.filter((r) => r.checkedInAt && !r.locked).length;
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
      <CheckInPanel />
      <p className="text-sm text-slate-600">{t("roster.help")}</p>
      <p className="text-sm font-medium" data-testid="roster-count">
        {t("roster.count", { present, total: rows.length })}
      </p>
      {waiting > 0 ? (
        <Form method="post">
          <button type="submit" name="intent" value="confirmAll" className="btn w-full" disabled={navigation.state !== "idle"}>
            {t("checkIn.confirmAll", { count: waiting })}
          </button>
        </Form>
      ) : null}
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
