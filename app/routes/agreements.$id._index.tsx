import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Fact } from "~/components/fact";
import { AgreementStatusBadge, ProgressBar, StageBadge } from "~/components/agreements/status-badge";
import { FilterBar, FilterSelect } from "~/components/filter-bar";
import { FormErrors } from "~/components/form";
import { LevelBadge } from "~/components/level-badge";
import { facilityHref, techniqueHref } from "~/components/links";
import { Pagination } from "~/components/pagination";
import { getDb } from "~/db/client.server";
import { formatDate } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { getLocale } from "~/i18n/locale.server";
import { requireActor } from "~/models/auth/session.server";
import { changeAgreementStatus, renewAgreement } from "~/models/agreements/commands.server";
import { getAgreement } from "~/models/agreements/queries.server";
import { orRespond, todayInVietnam } from "~/utils/domain-response.server";
import { renewSchema, statusSchema } from "~/models/agreements/schemas";
import { TRANSFER_STAGES } from "~/models/enums";
import { getPlan, PLAN_PAGE_SIZE } from "~/models/transfers/plan.server";
import { planFilterSchema } from "~/models/transfers/schemas";
import { badRequest, requireId } from "~/utils/http.server";
import { replyInvalid, replyWithDomainError, readForm, parseSubmission } from "~/utils/form.server";
import { pageFromUrl } from "~/utils/pagination";
import { Field } from "~/components/fields";
import { ConfirmButton } from "~/components/confirm-button";
// Readiness per receiving hospital and phase, and per plan line.
import { getAgreementReadiness } from "~/models/transfers/readiness.server";
import { ReadinessLineTag, ReadinessPhases } from "~/components/agreements/readiness-phases";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.detail.agreement.number} – CGKT` : "CGKT" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const id = requireId(params.id);
  const url = new URL(request.url);
  const filter = planFilterSchema.parse(Object.fromEntries(url.searchParams));
  const db = getDb();
  const day = todayInVietnam();
  const locale = await getLocale(request);
  const detail = orRespond(() => getAgreement(db, actor, id, day, locale));
  const plan = getPlan(db, actor, id, filter, pageFromUrl(url, PLAN_PAGE_SIZE), day, locale);
  // Readiness: read after getAgreement, which has answered 404/403 already.
  const readiness = getAgreementReadiness(db, actor, id, day, locale);
  return json({ detail, plan, filter, today: day, readiness });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const id = requireId(params.id);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  const db = getDb();
  if (intent === "status") {
    const submission = parseSubmission(formData, statusSchema);
    if (submission.status !== "success") return replyInvalid(submission);
    try {
      changeAgreementStatus(db, actor, id, submission.value);
    } catch (error) {
      return replyWithDomainError(submission, error);
    }
    return redirect(`/agreements/${id}`);
  }
  if (intent === "renew") {
    const submission = parseSubmission(formData, renewSchema);
    if (submission.status !== "success") return replyInvalid(submission);
    let successorId: number;
    try {
      successorId = renewAgreement(db, actor, id, submission.value, { today: todayInVietnam() }).id;
    } catch (error) {
      return replyWithDomainError(submission, error);
    }
    return redirect(`/agreements/${successorId}`);
  }
  throw badRequest();
}

/** The year whose annual review the minutes link opens: last year, or the agreement's last year when it ended before. */
function minutesYear(today: string, endOn: string | null): number {
  const last = Number(today.slice(0, 4)) - 1;
  return endOn !== null && Number(endOn.slice(0, 4)) < last ? Number(endOn.slice(0, 4)) : last;
}

export default function AgreementPage() {
  const { detail, plan, filter, readiness, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("agreements");
  const { t: te } = useTranslation("enums");
  const locale = useLocale();
  const a = detail.agreement;
  const errors = (actionData?.result as { error?: Record<string, string[]> } | undefined)?.error ?? {};
  let lastPhase: number | null = null;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start gap-2">
        <div>
          <p className="text-sm text-slate-500">
            <Link to="/agreements" className="link">{t("title")}</Link>
          </p>
          <h1 className="page-title">
            {a.number} <AgreementStatusBadge status={detail.displayStatus} />
          </h1>
          <p className="text-slate-700">{a.title}</p>
        </div>
        <div className="no-print ml-auto flex flex-wrap gap-2">
          {detail.canManage && (a.status === "draft" || a.status === "active") ? (
            <Link to={`/agreements/${a.id}/edit`} className="btn-secondary">{t("edit")}</Link>
          ) : null}
          <a href={`/agreements/${a.id}/export`} className="btn-secondary" download>{t("detail.export")}</a>
          <Link to={`/agreements/${a.id}/print`} className="btn-secondary">{t("detail.print")}</Link>
          <Link to={`/agreements/${a.id}/figures`} className="btn-secondary">{t("planning:trace.figures.link")}</Link>
          <Link to={`/agreements/${a.id}/minutes?year=${minutesYear(today, a.endOn)}`} className="btn-secondary">{t("planning:minutes.link")}</Link>
        </div>
      </div>
      <FormErrors errors={[...(errors[""] ?? []), ...(errors.toStatus ?? [])]} />

      <section className="card">
        <dl className="grid gap-3 sm:grid-cols-3">
          <Fact label={t("fields.type")}>{te(`agreementType.${a.type}`)}</Fact>
          <Fact label={t("fields.signedOn")}>{formatDate(a.signedOn, locale) || "—"}</Fact>
          <Fact label={t("fields.term")}>
            {formatDate(a.startOn, locale)} – {a.endOn ? formatDate(a.endOn, locale) : "…"}
          </Fact>
          <Fact label={t("fields.owner")}>
            <Link to={facilityHref(detail.owner.id)} className="link">{detail.owner.name}</Link>
          </Fact>
          <Fact label={t("fields.minRotationMonths")}>{a.minRotationMonths}</Fact>
          <Fact label={t("fields.chapters")}>
            {detail.chapters.length ? detail.chapters.map((c) => `${c.number}. ${c.name}`).join("; ") : t("detail.noScope")}
          </Fact>
          {detail.predecessor ? (
            <Fact label={t("fields.predecessor")}>
              <Link to={`/agreements/${detail.predecessor.id}`} className="link">{detail.predecessor.number}</Link>
            </Fact>
          ) : null}
          {detail.successor ? (
            <Fact label={t("fields.successor")}>
              <Link to={`/agreements/${detail.successor.id}`} className="link">{detail.successor.number}</Link>
            </Fact>
          ) : null}
        </dl>
        {a.notes ? <p className="mt-3 whitespace-pre-line text-sm text-slate-700">{a.notes}</p> : null}
        {a.status === "terminated" ? (
          <p className="mt-3 text-sm text-red-800">{t("detail.terminated", { date: formatDate(a.terminatedOn, locale), reason: a.terminationReason })}</p>
        ) : null}
      </section>

      <section className="card">
        <h2 className="mb-2 font-semibold">{t("detail.parties")}</h2>
        <ul className="grid gap-1 text-sm sm:grid-cols-2">
          {detail.parties.map((p) => (
            <li key={p.facilityId} className="flex items-center gap-2">
              <span className="w-28 shrink-0 text-slate-500">{te(`partyRole.${p.role}`)}</span>
              <LevelBadge level={p.level} />
              <Link to={facilityHref(p.facilityId)} className="link">{p.name}</Link>
              {p.country !== "VN" ? <span className="badge bg-slate-100">{p.country}</span> : null}
              {p.role === "receiving" ? (
                <Link to={`/planning/gaps?facility=${p.facilityId}`} className="link no-print text-xs" data-testid="party-gaps">
                  {t("planning:gaps.title")}
                </Link>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      <section className="space-y-3" aria-labelledby="plan-title">
        <div className="flex flex-wrap items-center gap-2">
          <h2 id="plan-title" className="text-lg font-semibold">{t("detail.plan")}</h2>
          <div className="no-print ml-auto flex flex-wrap gap-2">
            <a href={`/agreements/${a.id}/plan.xlsx`} className="btn-secondary" download>{t("imports:plan.exportXlsx")}</a>
            <a href={`/agreements/${a.id}/plan.csv`} className="btn-secondary" download>{t("imports:plan.exportCsv")}</a>
            {detail.canManage && (a.status === "draft" || a.status === "active") ? (
              <>
                <Link to={`/agreements/${a.id}/plan/import`} className="btn-secondary">{t("imports:plan.importLink")}</Link>
                <Link to={`/agreements/${a.id}/items/new`} className="btn">{t("detail.addItem")}</Link>
              </>
            ) : null}
          </div>
        </div>
        <div className="card grid gap-3 sm:grid-cols-4" data-testid="plan-progress">
          <ProgressBar share={plan.overall.share} label={t("plan.overallProgress", plan.overall)} />
          {plan.phases.map((p) => (
            <div key={p.phase}>
              <ProgressBar share={p.share} label={t("plan.phaseProgress", p)} />
              {p.overdue > 0 ? <p className="text-xs font-medium text-red-700">{t("plan.overdueCount", { count: p.overdue })}</p> : null}
            </div>
          ))}
        </div>
        {/* Readiness by receiving hospital and phase */}
        <ReadinessPhases readiness={readiness} />
        <div className="no-print">
          <FilterBar>
            <FilterSelect name="stage" label={t("plan.stage")} defaultValue={filter.stage} options={TRANSFER_STAGES.map((s) => ({ value: s, label: te(`transferStage.${s}`) }))} />
            <FilterSelect name="facility" label={t("plan.facility")} defaultValue={filter.facility} options={detail.parties.map((p) => ({ value: String(p.facilityId), label: p.shortName }))} />
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="overdue" value="1" defaultChecked={filter.overdue === "1"} /> {t("plan.onlyOverdue")}
            </label>
          </FilterBar>
        </div>
        {plan.items.rows.length === 0 ? (
          <p className="card text-slate-600">{t("plan.empty")}</p>
        ) : (
          <div className="card overflow-x-auto p-0">
            <table className="table" data-testid="plan-table">
              <thead>
                <tr>
                  <th>{t("plan.code")}</th>
                  <th>{t("plan.technique")}</th>
                  <th className="hidden md:table-cell">{t("plan.from")}</th>
                  <th>{t("plan.to")}</th>
                  <th>{t("plan.stage")}</th>
                  <th className="hidden sm:table-cell">{t("plan.cases")}</th>
                  <th className="hidden sm:table-cell">{t("plan.targetDate")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {plan.items.rows.flatMap((item) => {
                  const rows = [];
                  if (item.phase !== lastPhase) {
                    lastPhase = item.phase;
                    rows.push(
                      <tr key={`phase-${item.phase}`} className="bg-slate-50">
                        <td colSpan={7} className="font-semibold text-slate-700">{t("plan.phaseN", { phase: item.phase })}</td>
                      </tr>,
                    );
                  }
                  rows.push(
                    <tr key={item.id} className={item.overdue ? "bg-red-50" : undefined}>
                      <td className="whitespace-nowrap">
                        <Link to={techniqueHref(item.techniqueCode)} className="link">{item.techniqueCode}</Link>
                      </td>
                      <td>
                        <Link to={`/agreements/${a.id}/items/${item.id}`} className="link">{item.techniqueName}</Link>
                        {item.carriedFromId && detail.predecessor ? (
                          <Link to={`/agreements/${detail.predecessor.id}/items/${item.carriedFromId}`} className="badge ml-1 bg-sky-100 text-sky-800">
                            {t("plan.carriedFrom", { number: detail.predecessor.number })}
                          </Link>
                        ) : null}
                        {item.carriedToId && detail.successor ? (
                          <Link to={`/agreements/${detail.successor.id}/items/${item.carriedToId}`} className="badge ml-1 bg-sky-100 text-sky-800">
                            {t("plan.carriedTo", { number: detail.successor.number })}
                          </Link>
                        ) : null}
                      </td>
                      <td className="hidden md:table-cell">{item.fromName}</td>
                      <td>{item.toName}</td>
                      <td className="whitespace-nowrap">
                        <StageBadge stage={item.stage} />
                        {/* Readiness of the line, or its deferral */}
                        <ReadinessLineTag line={readiness.lines[item.id]} />
                      </td>
                      <td className="hidden sm:table-cell">{item.supervisedCases}/{item.requiredCases}</td>
                      <td className="hidden whitespace-nowrap sm:table-cell">
                        {formatDate(item.targetDate, locale)}
                        {item.overdue ? <span className="badge ml-1 bg-red-100 text-red-800">{t("plan.overdue")}</span> : null}
                      </td>
                    </tr>,
                  );
                  return rows;
                })}
              </tbody>
            </table>
          </div>
        )}
        <Pagination page={plan.items.page} pageCount={plan.items.pageCount} total={plan.items.total} />
      </section>

      <section className="card">
        <div className="mb-2 flex items-center gap-2">
          <h2 className="font-semibold">{t("detail.meetings")}</h2>
          {detail.canManage ? <Link to={`/agreements/${a.id}/meetings/new`} className="btn-secondary no-print ml-auto">{t("detail.addMeeting")}</Link> : null}
        </div>
        {detail.meetings.length === 0 ? (
          <p className="text-sm text-slate-600">{t("detail.noMeetings")}</p>
        ) : (
          <ul className="space-y-3 text-sm">
            {detail.meetings.map((m) => (
              <li key={m.id} className="border-l-4 border-teal-600 pl-3">
                <p className="font-medium">
                  {m.title} · {formatDate(m.heldOn, locale)}
                  {detail.canManage ? (
                    <Link to={`/agreements/${a.id}/meetings/${m.id}/edit`} className="link no-print ml-2 text-sm font-normal">{t("meeting.edit")}</Link>
                  ) : null}
                </p>
                {m.hostName ? <p className="text-slate-600">{t("meeting.host")}: {m.hostName}</p> : null}
                {m.participants ? <p className="text-slate-600">{t("meeting.participants")}: {m.participants}</p> : null}
                {m.decisions ? <p className="whitespace-pre-line">{m.decisions}</p> : null}
                {m.minutesNumber ? <p className="text-slate-600">{t("meeting.minutes", { number: m.minutesNumber, date: formatDate(m.minutesSignedOn, locale) })}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card">
        <div className="mb-2 flex items-center gap-2">
          <h2 className="font-semibold">{t("detail.documents")}</h2>
          {detail.canManage ? <Link to={`/agreements/${a.id}/documents/new`} className="btn-secondary no-print ml-auto">{t("detail.addDocument")}</Link> : null}
        </div>
        {detail.documents.length === 0 ? (
          <p className="text-sm text-slate-600">{t("detail.noDocuments")}</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {detail.documents.map((d) => (
              <li key={d.id}>
                <a href={`/agreements/${a.id}/documents/${d.id}`} className="link">{d.title}</a>{" "}
                <span className="text-slate-500">({d.fileName}, {t("document.size", { size: Math.ceil(d.sizeBytes / 1024) })})</span>
                {detail.canManage ? (
                  <Link to={`/agreements/${a.id}/documents/${d.id}/delete`} className="link no-print ml-2 text-red-800">{t("document.delete")}</Link>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      {detail.transitions.length > 0 ? (
        <section className="card no-print space-y-3">
          <h2 className="font-semibold">{t("status.change")}</h2>
          {detail.transitions.map((to) => (
            <Form key={to} method="post" className="flex flex-wrap items-end gap-2">
              <input type="hidden" name="intent" value="status" />
              <input type="hidden" name="toStatus" value={to} />
              <input type="hidden" name="version" value={a.version} />
              {to === "active" && !a.signedOn ? (
                <Field field={{ id: "status-signedOn", errors: errors.signedOn }} label={t("fields.signedOn")} inputProps={{ name: "signedOn", type: "date", required: true }} />
              ) : null}
              {to === "terminated" ? (
                <>
                  <Field
                    field={{ id: "status-terminatedOn", errors: errors.terminatedOn }}
                    label={t("status.terminatedOn")}
                    inputProps={{ name: "terminatedOn", type: "date", required: true }}
                  />
                  <Field
                    className="min-w-[16rem] flex-1"
                    field={{ id: "status-reason", errors: errors.terminationReason }}
                    label={t("status.reason")}
                    inputProps={{ name: "terminationReason", required: true }}
                  />
                </>
              ) : null}
              {to === "terminated" ? (
                <ConfirmButton title={t("confirmations.terminateTitle", { number: a.number })} consequence={t("confirmations.terminate")}>
                  {t("status.terminate")}
                </ConfirmButton>
              ) : (
                <button type="submit" className="btn">
                  {t(to === "active" ? "status.activate" : "status.end")}
                </button>
              )}
            </Form>
          ))}
        </section>
      ) : null}

      {detail.canRenew ? (
        <section className="card no-print">
          <h2 className="font-semibold">{t("renew.title")}</h2>
          <p className="text-sm text-slate-600">{t("renew.help")}</p>
          <Form method="post" className="mt-2 flex flex-wrap items-end gap-2">
            <input type="hidden" name="intent" value="renew" />
            <Field field={{ id: "renew-number", errors: errors.number }} label={t("renew.number")} inputProps={{ name: "number", required: true }} />
            <Field field={{ id: "renew-start", errors: errors.startOn }} label={t("fields.startOn")} inputProps={{ name: "startOn", type: "date", required: true }} />
            <Field field={{ id: "renew-end", errors: errors.endOn }} label={t("fields.endOn")} inputProps={{ name: "endOn", type: "date" }} />
            <button type="submit" className="btn">{t("renew.submit")}</button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
