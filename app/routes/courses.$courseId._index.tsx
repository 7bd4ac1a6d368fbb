import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { CourseStatusBadge, EnrolmentStatusBadge, SeatsCell } from "~/components/courses/course-bits";
import { CardPager, RowsTable } from "~/components/courses/rows-table";
import { Field, SelectField } from "~/components/fields";
import { FormErrors } from "~/components/form";
import { OfflineEntry } from "~/components/offline/offline-entry";
import { rowControl, RowError } from "~/components/shared-form-bits";
import { PersonName } from "~/components/person-name";
import { getDb } from "~/db/client.server";
import { requireCourse } from "~/utils/course.server";
import { formatDate, formatNumber, formatPercent } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { requireActor } from "~/models/auth/session.server";
import { decideEnrolment, listEnrolmentCandidates, listParticipants, requestEnrolment } from "~/models/courses/enrolments.server";
import { attendanceTicks, evaluateCourse, saveAttendanceSheet } from "~/models/courses/results.server";
import { canApproveOn, canEvaluateWholeCourse, canIssueCertificate, canWithdraw, completionShortfall, isAttending } from "~/models/courses/rules";
import {
  attendanceSheetSchema,
  enrolmentDecisionSchema,
  enrolmentRequestSchema,
  evaluateSchema,
} from "~/models/courses/schemas";
import { openablePeople } from "~/models/staff/person-links.server";
import { todayInVietnam } from "~/utils/domain-response.server";
import { replyInvalid, replyWithDomainError, readForm, parseSubmission, byIntent } from "~/utils/form.server";
import { badRequest, requireId } from "~/utils/http.server";
import { pageFromUrl } from "~/utils/pagination";
import { ConfirmButton } from "~/components/confirm-button";
import { clashParams } from "~/models/schedule/rules";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.course.title ?? ""} – CGKT` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale, actor, db, course } = await requireCourse(request, params.courseId);
  const url = new URL(request.url);
  const participants = listParticipants(db, actor, course, pageFromUrl(url, 100), locale);
  const ticks = course.canManage ? attendanceTicks(db, participants.rows.map((p) => p.id)) : [];
  const staffQuery = url.searchParams.get("staffQ") ?? "";
  const candidates =
    course.canRequest && course.status === "open" ? listEnrolmentCandidates(db, actor, course, staffQuery) : [];
  // The same rules evaluateCourse applies: certificates one by one from the first day, the
  // whole course from the last day.
  const today = todayInVietnam();
  const started = canIssueCertificate(course, today);
  const ended = canEvaluateWholeCourse(course, today);
  const openPeople = openablePeople(db, actor, participants.rows.map((p) => p.staffId));
  return json({ course, participants, ticks, candidates, staffQuery, ownFacilityId: actor.facilityId, started, ended, openPeople });
}

const SCHEMAS = {
  request: enrolmentRequestSchema,
  approve: enrolmentDecisionSchema,
  reject: enrolmentDecisionSchema,
  withdraw: enrolmentDecisionSchema,
  attendance: attendanceSheetSchema,
  evaluate: evaluateSchema,
} as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const courseId = requireId(params.courseId);
  const formData = await readForm(request);
  const schema = byIntent(SCHEMAS, formData.get("intent"));
  if (!schema) throw badRequest();
  const submission = parseSubmission(formData, schema);
  if (submission.status !== "success") return replyInvalid(submission);
  const db = getDb();
  const value = submission.value;
  let notice: { key: string; params?: Record<string, string | number> };
  try {
    switch (value.intent) {
      case "request": {
        const e = requestEnrolment(db, actor, { courseId, staffId: value.staffId });
        notice = { key: e.status === "waitlisted" ? "notices.waitlisted" : "notices.requested", params: { position: e.waitlistPosition ?? 0 } };
        break;
      }
      case "approve":
      case "reject":
      case "withdraw": {
        const { promoted } = decideEnrolment(db, actor, { intent: value.intent, enrolmentId: value.enrolmentId, courseId });
        notice = { key: `notices.${value.intent}`, params: { promoted: promoted.length } };
        break;
      }
      case "attendance":
        saveAttendanceSheet(db, actor, courseId, { rows: value.rows, present: value.present, score: value.score, idempotencyKey: value.idempotencyKey });
        notice = { key: "notices.attendanceSaved" };
        break;
      case "evaluate": {
        const outcomes = evaluateCourse(db, actor, courseId, todayInVietnam(), value.enrolmentId);
        const completed = outcomes.filter((o) => o.completed);
        notice = value.enrolmentId
          ? { key: "notices.certificateIssued", params: { number: completed[0]?.certificateNumber ?? "" } }
          : { key: "notices.evaluated", params: { completed: completed.length, failed: outcomes.length - completed.length } };
        break;
      }
    }
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
  return json({ result: submission.reply({ resetForm: true }), stale: null, notice });
}

export default function CoursePage() {
  const { course, participants, ticks, candidates, staffQuery, ownFacilityId, started, ended, openPeople } = useLoaderData<typeof loader>();
  const openSet = new Set(openPeople);
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("courses");
  const { t: te } = useTranslation("enums");
  const locale = useLocale();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const errors = actionData?.result?.error ?? {};
  const formErrors = (errors[""] ?? []) as string[];
  const fieldErrors = (name: string) => (errors[name] ?? undefined) as string[] | undefined;
  const notice = (actionData as { notice?: { key: string; params?: Record<string, string | number> } } | undefined)?.notice ?? null;
  const tickSet = new Set(ticks);
  const attending = participants.rows.filter((p) => isAttending(p.status));
  const sessionCount = course.sessions.length;
  const mayApprove = course.canManage && canApproveOn(course.status);
  const anyBusy = candidates.some((s) => s.busy);

  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <Link to="/courses" className="link text-sm">← {t("list.title")}</Link>
          <h1 className="page-title mt-1">{course.title}</h1>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
            <CourseStatusBadge status={course.status} />
            <span>{course.hostName}</span>
            <span>·</span>
            <span>{formatDate(course.startOn, locale)} – {formatDate(course.endOn, locale)}</span>
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          {course.canSeeAll ? (
            <a href={`/courses/${course.id}/export`} className="btn-secondary" download>{t("detail.exportParticipants")}</a>
          ) : null}
          {course.canManage ? <Link to={`/courses/${course.id}/edit`} className="btn-secondary">{t("detail.edit")}</Link> : null}
        </div>
      </header>

      {notice ? (
        <p role="status" className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900">
          {t(notice.key, notice.params)}
        </p>
      ) : null}
      <FormErrors errors={formErrors} />

      <section className="card grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2 lg:grid-cols-3" aria-label={t("detail.about")}>
        <Fact label={t("fields.mode")} value={te(`courseMode.${course.mode}`)} />
        <Fact label={t("fields.chapter")} value={course.chapterName ?? "—"} />
        <Fact label={t("fields.seats")} value={<SeatsCell taken={course.seatsTaken} capacity={course.capacity} waitlisted={course.waitlisted} />} />
        <Fact label={t("fields.creditHours")} value={formatNumber(course.creditHours, locale, 1)} />
        <Fact
          label={t("fields.completionRule")}
          value={
            course.passScore === null
              ? t("detail.ruleAttendance", { share: formatPercent(course.minAttendance, locale, 0) })
              : t("detail.ruleBoth", { share: formatPercent(course.minAttendance, locale, 0), pass: formatNumber(course.passScore, locale, 1) })
          }
        />
        <Fact label={t("fields.location")} value={course.location ?? "—"} />
        {course.agreementNumber ? <Fact label={t("fields.agreement")} value={`${course.agreementNumber} – ${course.agreementTitle}`} /> : null}
        {course.techniques.length > 0 ? (
          <Fact label={t("fields.techniques")} value={course.techniques.map((x) => `${x.code} ${x.name}`).join("; ")} />
        ) : null}
        {course.description ? <p className="sm:col-span-2 lg:col-span-3 whitespace-pre-line text-slate-700">{course.description}</p> : null}
      </section>

      <section className="card p-0" aria-labelledby="sessions-title">
        <h2 id="sessions-title" className="px-4 pt-3 font-semibold">{t("fields.sessions")}</h2>
        <RowsTable
          rows={course.sessions}
          empty={t("detail.noSessions")}
          columns={[
            { label: t("fields.heldOn") },
            { label: t("fields.time") },
            { label: t("fields.topic") },
            { label: t("fields.trainer"), className: "hidden sm:table-cell" },
            { label: t("fields.periods"), className: "hidden sm:table-cell text-right" },
            course.canManage && { label: <span className="sr-only">{t("roster.open")}</span> },
          ]}
        >
          {(s, i) => (
            <tr key={s.id}>
              <td className="whitespace-nowrap">{formatDate(s.heldOn, locale)}</td>
              <td className="whitespace-nowrap">{s.startsAt}–{s.endsAt}</td>
              <td>{s.topic}</td>
              <td className="hidden sm:table-cell">{s.trainerName ?? "—"}</td>
              <td className="hidden text-right sm:table-cell">{s.periods}</td>
              {course.canManage ? (
                <td className="text-right">
                  <Link
                    to={`/courses/${course.id}/sessions/${s.id}`}
                    className="btn-secondary whitespace-nowrap text-xs"
                    aria-label={t("roster.openLabel", { n: i + 1 })}
                  >
                    {t("roster.open")}
                  </Link>
                </td>
              ) : null}
            </tr>
          )}
        </RowsTable>
      </section>

      {course.canRequest && course.status === "open" ? (
        <section className="card space-y-2" aria-labelledby="request-title">
          <h2 id="request-title" className="font-semibold">{t("request.title")}</h2>
          <p className="text-sm text-slate-600">{t("request.help")}</p>
          <Form method="get" className="flex flex-wrap items-end gap-2" replace>
            <Field className="min-w-0 flex-1" field={{ id: "staffQ" }} label={t("request.find")} inputProps={{ name: "staffQ", type: "search", defaultValue: staffQuery }} />
            <button type="submit" className="btn-secondary">{t("request.findButton")}</button>
          </Form>
          <Form method="post" className="flex flex-wrap items-end gap-2">
            <SelectField
              className="min-w-0 flex-1"
              field={{ id: "staffId", errors: fieldErrors("staffId") }}
              label={t("request.person")}
              description={anyBusy ? t("request.busyHelp") : undefined}
              selectProps={{ name: "staffId", required: true }}
            >
              <option value="">{t("request.choose")}</option>
              {candidates.map((s) => (
                // A busy person would be refused (409): shown with the reason, not selectable.
                <option key={s.id} value={s.id} disabled={s.busy !== null}>
                  {`${s.fullName} (${te(`cadre.${s.cadre}`)})${
                    s.busy ? ` — ${t(`request.busy.${s.busy.kind}`, clashParams(s.busy))}` : ""
                  }`}
                </option>
              ))}
            </SelectField>
            <button type="submit" name="intent" value="request" className="btn" disabled={busy}>{t("request.submit")}</button>
          </Form>
        </section>
      ) : null}

      <section className="card p-0" aria-labelledby="participants-title">
        <div className="flex flex-wrap items-center justify-between gap-2 px-4 pt-3">
          <h2 id="participants-title" className="font-semibold">{t("participants.title")}</h2>
          {course.canManage && started && attending.length > 0 ? (
            ended ? (
              <Form method="post">
                <button type="submit" name="intent" value="evaluate" className="btn-secondary" disabled={busy}>{t("participants.evaluateAll")}</button>
              </Form>
            ) : (
              // Before the last day the whole course cannot be decided (the model answers 409).
              <div className="flex max-w-md flex-col items-end gap-1">
                <button type="button" className="btn-secondary" disabled aria-describedby="evaluate-all-when">{t("participants.evaluateAll")}</button>
                <p id="evaluate-all-when" className="text-right text-xs text-slate-500">{t("participants.evaluateAllFrom", { end: course.endOn })}</p>
              </div>
            )
          ) : null}
        </div>
        {!course.canSeeAll ? <p className="px-4 text-xs text-slate-500">{t("participants.ownOnly")}</p> : null}
        <RowsTable
          rows={participants.rows}
          testId="participants"
          empty={t("participants.empty")}
          columns={[
            { label: t("participants.name") },
            { label: t("participants.facility"), className: "hidden md:table-cell" },
            { label: t("participants.status") },
            { label: t("participants.attended"), className: "hidden sm:table-cell" },
            { label: t("participants.score"), className: "hidden sm:table-cell" },
            { label: t("participants.actions") },
          ]}
        >
          {(p) => {
            const mayWithdraw = canWithdraw(p.status) && (course.canManage || (course.canRequest && p.facilityId === ownFacilityId));
            // The rule the command applies: the button only where it would succeed, else why not.
            const open = course.canManage && started && isAttending(p.status) && p.status !== "completed";
            const shortfall = open
              ? completionShortfall({ minAttendance: course.minAttendance, passScore: course.passScore }, { sessions: sessionCount, attended: p.attended, score: p.score })
              : null;
            return (
              <tr key={p.id} data-participant={p.fullName}>
                <td>
                  <PersonName id={p.staffId} name={p.fullName} page="credits" open={openSet.has(p.staffId)} />
                  <p className="text-xs text-slate-500 md:hidden">{p.facilityName}</p>
                </td>
                <td className="hidden md:table-cell">{p.facilityName}</td>
                <td>
                  <EnrolmentStatusBadge status={p.status} position={p.waitlistPosition} />
                  {p.certificateNumber ? (
                    <Link to={`/certificates/${encodeURIComponent(p.certificateNumber)}`} className="link mt-1 block text-xs">
                      {p.certificateNumber}
                    </Link>
                  ) : null}
                </td>
                <td className="hidden sm:table-cell tabular-nums">{isAttending(p.status) ? `${p.attended}/${sessionCount}` : "—"}</td>
                <td className="hidden sm:table-cell tabular-nums">{p.score === null ? "—" : formatNumber(p.score, locale, 1)}</td>
                <td>
                  <Form method="post" className="flex flex-wrap gap-1">
                    <input type="hidden" name="enrolmentId" value={p.id} />
                    {mayApprove && p.status === "requested" ? (
                      <button type="submit" name="intent" value="approve" className="btn" disabled={busy}>{t("participants.approve")}</button>
                    ) : null}
                    {course.canManage && (p.status === "requested" || p.status === "waitlisted") ? (
                      <ConfirmButton name="intent" value="reject" className="btn-secondary" disabled={busy} title={t("confirmations.rejectTitle", { name: p.fullName })} consequence={t("confirmations.reject", { name: p.fullName })}>{t("participants.reject")}</ConfirmButton>
                    ) : null}
                    {mayWithdraw ? (
                      <ConfirmButton name="intent" value="withdraw" className="btn-secondary" disabled={busy} title={t("confirmations.withdrawTitle", { name: p.fullName })} consequence={t("confirmations.withdraw", { name: p.fullName })}>{t("participants.withdraw")}</ConfirmButton>
                    ) : null}
                    {open && !shortfall ? (
                      <button type="submit" name="intent" value="evaluate" className="btn-secondary" disabled={busy}>{t("participants.issue")}</button>
                    ) : null}
                  </Form>
                  {shortfall ? <p className="mt-1 max-w-xs text-xs text-slate-600" data-testid="shortfall">{t(shortfall.key, shortfall.params)}</p> : null}
                </td>
              </tr>
            );
          }}
        </RowsTable>
        <CardPager page={participants} />
      </section>

      {course.canManage && attending.length > 0 && sessionCount > 0 ? (
        <section className="card p-0" aria-labelledby="attendance-title">
          <h2 id="attendance-title" className="px-4 pt-3 font-semibold">{t("attendance.title")}</h2>
          <p className="px-4 text-sm text-slate-600">{t("attendance.help")}</p>
          {/* Saved without a connection, the sheet waits in the outbox; it keeps its ticks on the page. */}
          <OfflineEntry form="attendance" title={() => course.title} resetAfterQueue={false}>
            <Form method="post">
              {/* Made in the browser when the sheet is filled: a sheet sent again lands once. */}
              <input type="hidden" name="idempotencyKey" />
              <div className="overflow-x-auto">
                <table className="table" data-testid="attendance">
                  <thead>
                    <tr>
                      <th scope="col">{t("participants.name")}</th>
                      {course.sessions.map((s, i) => (
                        <th key={s.id} scope="col" className="text-center" title={s.topic}>
                          {t("attendance.session", { n: i + 1 })}
                          <span className="block text-xs font-normal text-slate-500">{formatDate(s.heldOn, locale)}</span>
                        </th>
                      ))}
                      <th scope="col">{t("participants.score")}</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {attending.map((p) => {
                      const locked = p.status === "completed";
                      const scoreName = `score.${p.id}`;
                      const score = rowControl(`score-${p.id}`, fieldErrors(scoreName));
                      return (
                        <tr key={p.id}>
                          <th scope="row" className="bg-white font-normal">
                            {p.fullName}
                            {!locked ? <input type="hidden" name="rows" value={p.id} /> : null}
                          </th>
                          {course.sessions.map((s, i) => (
                            <td key={s.id} className="text-center">
                              <input
                                type="checkbox"
                                name="present"
                                value={`${p.id}:${s.id}`}
                                defaultChecked={tickSet.has(`${p.id}:${s.id}`)}
                                disabled={locked}
                                aria-label={t("attendance.present", { name: p.fullName, n: i + 1 })}
                                className="h-5 w-5"
                              />
                            </td>
                          ))}
                          <td>
                            <input
                              {...score.props}
                              type="number"
                              name={scoreName}
                              min={0}
                              max={10}
                              step="0.1"
                              defaultValue={p.score ?? ""}
                              disabled={locked}
                              aria-label={t("attendance.scoreOf", { name: p.fullName })}
                              className="input w-24"
                            />
                            <RowError control={score} />
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              <div className="px-4 py-3">
                <button type="submit" name="intent" value="attendance" className="btn" disabled={busy}>{t("attendance.save")}</button>
              </div>
            </Form>
          </OfflineEntry>
        </section>
      ) : null}
    </div>
  );
}

function Fact({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div>
      <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</p>
      <div className="text-slate-900">{value}</div>
    </div>
  );
}
