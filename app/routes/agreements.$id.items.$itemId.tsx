import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AgreementCrumb } from "~/components/agreements/agreement-crumb";
import { StageBadge } from "~/components/agreements/status-badge";
import { FieldError, FormErrors } from "~/components/form";
import { techniqueHref } from "~/components/links";
import { getDb } from "~/db/client.server";
import { formatDate } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { getLocale } from "~/i18n/locale.server";
import { requireActor } from "~/models/auth/session.server";
import { orRespond, todayInVietnam } from "~/utils/domain-response.server";
import { CASE_OUTCOMES } from "~/models/enums";
import { acceptanceSchema, caseLogSchema, checkAddSchema, checkConfirmSchema, deferSchema, resumeSchema, stageMoveSchema } from "~/models/transfers/schemas";
import { acceptTransferItem, getTransferItem, logCase, moveStage } from "~/models/transfers/stages.server";
import { addCheck, setCheckConfirmed } from "~/models/transfers/checklist.server";
import { deferTransferItem, getItemReadiness, resumeTransferItem } from "~/models/transfers/readiness.server";
import { ReadinessPanel } from "~/components/agreements/readiness-panel";
import { badRequest, requireId } from "~/utils/http.server";
import { replyInvalid, replyWithDomainError, readForm, parseSubmission, byIntent } from "~/utils/form.server";
import { CheckboxField, Field, SelectField } from "~/components/fields";
import { OfflineEntry } from "~/components/offline/offline-entry";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.detail.item.techniqueCode} ${data.detail.item.techniqueName} – CGKT` : "CGKT" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const id = requireId(params.id);
  const itemId = requireId(params.itemId);
  const locale = await getLocale(request);
  const today = todayInVietnam();
  const detail = orRespond(() => getTransferItem(getDb(), actor, id, itemId, locale));
  // Readiness: score and parts, checklist, phase gate, deferral.
  const readiness = orRespond(() => getItemReadiness(getDb(), actor, id, itemId, today, locale));
  return json({ detail, readiness, today });
}

const SCHEMAS = {
  move: stageMoveSchema,
  case: caseLogSchema,
  accept: acceptanceSchema,
  // Readiness: the receiving hospital's checklist, and deferring or resuming the line.
  "check-add": checkAddSchema,
  "check-confirm": checkConfirmSchema,
  defer: deferSchema,
  resume: resumeSchema,
} as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const id = requireId(params.id);
  const itemId = requireId(params.itemId);
  const formData = await readForm(request);
  const schema = byIntent(SCHEMAS, formData.get("intent"));
  if (!schema) throw badRequest();
  const intent = String(formData.get("intent"));
  const submission = parseSubmission(formData, schema);
  if (submission.status !== "success") return json({ intent, ...(await replyInvalid(submission).json()) }, { status: 400 });
  const db = getDb();
  const options = { today: todayInVietnam() };
  try {
    const value = submission.value;
    if (value.intent === "move") moveStage(db, actor, id, itemId, value, options);
    else if (value.intent === "case") logCase(db, actor, id, itemId, value, options);
    else if (value.intent === "accept") acceptTransferItem(db, actor, id, itemId, value, options);
    else if (value.intent === "check-add") addCheck(db, actor, id, itemId, value, options);
    else if (value.intent === "check-confirm") setCheckConfirmed(db, actor, id, itemId, value, options);
    else if (value.intent === "defer") deferTransferItem(db, actor, id, itemId, value, options);
    else resumeTransferItem(db, actor, id, itemId, value, options);
  } catch (error) {
    const reply = replyWithDomainError(submission, error);
    return json({ intent, ...(await reply.json()) }, { status: reply.status });
  }
  return redirect(`/agreements/${id}/items/${itemId}`);
}

type Errors = Record<string, string[] | undefined>;

export default function TransferItemPage() {
  const { detail, readiness, today: day } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("agreements");
  const { t: te } = useTranslation("enums");
  const { t: tp } = useTranslation("planning");
  const locale = useLocale();
  const { item, agreement } = detail;
  const errorsFor = (intent: string): Errors =>
    actionData && actionData.intent === intent ? ((actionData.result as { error?: Errors }).error ?? {}) : {};
  const move = errorsFor("move");
  const kase = errorsFor("case");
  const accept = errorsFor("accept");
  return (
    <div className="space-y-4">
      <AgreementCrumb agreement={agreement} />
      <div className="flex flex-wrap items-start gap-2">
        <h1 className="page-title">
          <Link to={techniqueHref(item.techniqueCode)} className="link">{item.techniqueCode}</Link> {item.techniqueName}
        </h1>
        {detail.canEdit ? (
          <Link to={`/agreements/${agreement.id}/items/${item.id}/edit`} className="btn-secondary no-print ml-auto">{t("item.edit")}</Link>
        ) : null}
      </div>
      <section className="card grid gap-3 text-sm sm:grid-cols-3">
        <p><span className="text-slate-500">{t("plan.from")}:</span> {item.fromName}</p>
        <p><span className="text-slate-500">{t("plan.to")}:</span> {item.toName}</p>
        <p>
          <span className="text-slate-500">{t("plan.stage")}:</span> <StageBadge stage={item.stage} />
          {readiness.deferral ? <span className="badge ml-1 bg-amber-100 text-amber-900" data-testid="deferred-badge">{tp("readiness.deferral.badge")}</span> : null}
        </p>
        <p><span className="text-slate-500">{t("plan.phase")}:</span> {item.phase} · {t("plan.priority")} {item.priority}</p>
        <p><span className="text-slate-500">{t("plan.targetDate")}:</span> {formatDate(item.targetDate, locale) || "—"}</p>
        <p data-testid="cases-progress">{t("item.casesProgress", { logged: detail.supervisedCases, required: item.requiredCases })}</p>
        {detail.carriedFrom ? (
          <p className="sm:col-span-3" data-testid="carried-from">
            {t("item.carriedFrom")}{" "}
            <Link to={`/agreements/${detail.carriedFrom.agreementId}/items/${detail.carriedFrom.id}`} className="link">
              {detail.carriedFrom.agreementNumber}
            </Link>{" "}
            <StageBadge stage={detail.carriedFrom.stage} />
          </p>
        ) : null}
        {detail.carriedTo.map((next) => (
          <p key={next.id} className="sm:col-span-3" data-testid="carried-to">
            {t("item.carriedTo")}{" "}
            <Link to={`/agreements/${next.agreementId}/items/${next.id}`} className="link">{next.agreementNumber}</Link>{" "}
            <StageBadge stage={next.stage} />
          </p>
        ))}
        {item.stage === "accepted" ? (
          <p id="acceptance" className="sm:col-span-3 font-medium text-emerald-800">
            {t("item.acceptedSummary", { date: formatDate(item.acceptedOn, locale), minutes: item.acceptanceMinutes })}{" "}
            {detail.acceptedStaff.length ? `${t("item.acceptedStaff")}: ${detail.acceptedStaff.map((s) => s.fullName).join(", ")}` : null}
          </p>
        ) : null}
      </section>

      {item.deferredOn !== null && item.stage !== "accepted" ? (
        <p className="card text-sm text-amber-800" data-testid="stage-parked">
          {t("planning:readiness.errors.stageDeferred")}
        </p>
      ) : null}
      {detail.canMove ? (
        <section className="card space-y-2">
          <h2 className="font-semibold">{t("item.moveTitle")}</h2>
          <FormErrors errors={move[""] ?? move.toStage} />
          <Form method="post" className="flex flex-wrap items-end gap-2">
            <input type="hidden" name="intent" value="move" />
            <input type="hidden" name="version" value={item.version} />
            <SelectField
              field={{ id: "move-to" }}
              label={t("item.moveTo")}
              selectProps={{ name: "toStage", defaultValue: detail.next && detail.next !== "accepted" ? detail.next : detail.previous ?? "" }}
            >
              {detail.next && detail.next !== "accepted" ? <option value={detail.next}>{t("item.forward", { stage: te(`transferStage.${detail.next}`) })}</option> : null}
              {detail.previous ? <option value={detail.previous}>{t("item.back", { stage: te(`transferStage.${detail.previous}`) })}</option> : null}
            </SelectField>
            <Field field={{ id: "move-on", errors: move.movedOn }} label={t("item.movedOn")} inputProps={{ name: "movedOn", type: "date", defaultValue: day, max: day, required: true }} />
            <Field className="min-w-[14rem] flex-1" field={{ id: "move-note", errors: move.note }} label={t("item.note")} inputProps={{ name: "note" }} />
            <button type="submit" className="btn">{t("item.moveSubmit")}</button>
          </Form>
        </section>
      ) : null}

      {detail.canAccept ? (
        <section className="card space-y-2 border-emerald-300">
          <h2 className="font-semibold">{t("item.acceptTitle")}</h2>
          <p className="text-sm text-slate-600">{t("item.acceptHelp")}</p>
          <FormErrors errors={accept[""]} />
          <Form method="post" className="space-y-3">
            <input type="hidden" name="intent" value="accept" />
            <input type="hidden" name="version" value={item.version} />
            <div className="grid gap-3 sm:grid-cols-2">
              <Field
                field={{ id: "accept-on", errors: accept.acceptedOn }}
                label={t("item.acceptedOn")}
                inputProps={{ name: "acceptedOn", type: "date", defaultValue: day, max: day, required: true }}
              />
              <Field field={{ id: "accept-minutes", errors: accept.minutesNumber }} label={t("item.minutesNumber")} inputProps={{ name: "minutesNumber", required: true }} />
            </div>
            <fieldset aria-describedby={accept.staffIds ? "accept-staff-error" : undefined}>
              <legend className="label">{t("item.staff")}</legend>
              {detail.receivingStaff.length === 0 ? <p className="text-sm text-slate-600">{t("item.noStaff")}</p> : null}
              <div className="grid gap-1 text-sm sm:grid-cols-2">
                {detail.receivingStaff.map((s) => (
                  <label key={s.id} className="flex items-center gap-2">
                    <input type="checkbox" name="staffIds" value={s.id} /> {s.fullName}{" "}
                    <span className="text-slate-500">({te(`cadre.${s.cadre}`)})</span>
                  </label>
                ))}
              </div>
              <FieldError id="accept-staff-error" errors={accept.staffIds} />
            </fieldset>
            <button type="submit" className="btn">{t("item.acceptSubmit")}</button>
          </Form>
        </section>
      ) : null}

      <ReadinessPanel
        readiness={readiness}
        agreementId={agreement.id}
        errors={{ add: errorsFor("check-add"), confirm: errorsFor("check-confirm"), defer: errorsFor("defer"), resume: errorsFor("resume") }}
      />

      <section className="card space-y-2">
        <h2 className="font-semibold">{t("item.casesTitle")}</h2>
        {detail.canLogCases ? (
          // Entered without a connection, a case waits in the outbox and is sent once, in order.
          <OfflineEntry form="case_log" title={(data) => `${item.techniqueCode} ${item.techniqueName} · ${String(data.get("performedOn") ?? "")}`}>
            <Form method="post" className="grid gap-2 rounded-md border border-slate-200 p-3 sm:grid-cols-3" aria-label={t("item.logTitle")}>
              <FormErrors errors={kase[""]} />
              <input type="hidden" name="intent" value="case" />
              {/* Made in the browser when the form is filled: a case sent again lands once. */}
              <input type="hidden" name="idempotencyKey" />
              <Field
                field={{ id: "case-on", errors: kase.performedOn }}
                label={t("item.performedOn")}
                inputProps={{ name: "performedOn", type: "date", defaultValue: day, max: day, required: true }}
              />
              <SelectField
                field={{ id: "case-performer", errors: kase.performerId }}
                label={t("item.performer")}
                description={detail.performers.length === 0 ? t("item.noPerformers") : undefined}
                selectProps={{ name: "performerId" }}
              >
                <option value="" />
                {detail.performers.map((s) => <option key={s.id} value={s.id}>{s.fullName} ({te(`cadre.${s.cadre}`)})</option>)}
              </SelectField>
              <Field field={{ id: "case-performer-name" }} label={t("item.performerName")} inputProps={{ name: "performerName" }} />
              <SelectField field={{ id: "case-supervisor", errors: kase.supervisorId }} label={t("item.supervisorStaff")} selectProps={{ name: "supervisorId" }}>
                <option value="" />
                {detail.supportingStaff.map((s) => <option key={s.id} value={s.id}>{s.fullName}</option>)}
              </SelectField>
              <Field field={{ id: "case-supervisor-name", errors: kase.supervisorName }} label={t("item.supervisorOutside")} inputProps={{ name: "supervisorName" }} />
              <SelectField field={{ id: "case-outcome" }} label={t("item.outcome")} selectProps={{ name: "outcome", defaultValue: "success" }}>
                {CASE_OUTCOMES.map((o) => <option key={o} value={o}>{te(`caseOutcome.${o}`)}</option>)}
              </SelectField>
              <Field field={{ id: "case-note" }} label={t("item.caseNote")} inputProps={{ name: "note" }} />
              <CheckboxField className="sm:col-span-2" field={{ id: "case-supervised" }} label={t("item.supervised")} inputProps={{ name: "supervised", defaultChecked: true }} />
              <div className="sm:text-right">
                <button type="submit" className="btn">{t("item.logSubmit")}</button>
              </div>
            </Form>
          </OfflineEntry>
        ) : null}
        {detail.cases.length === 0 ? (
          <p className="text-sm text-slate-600">{t("item.noCases")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="table" data-testid="case-table">
              <thead>
                <tr>
                  <th>{t("item.performedOn")}</th>
                  <th>{t("item.performerShort")}</th>
                  <th>{t("item.supervisor")}</th>
                  <th>{t("item.outcome")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {detail.cases.map((c) => (
                  <tr key={c.id}>
                    <td>{formatDate(c.performedOn, locale)}</td>
                    <td>{c.performer}{c.supervised ? "" : " *"}</td>
                    <td>
                      {c.supervisor}
                      {c.supervisor && !c.supervisorIsStaff ? <span className="text-xs text-slate-500"> ({t("item.outsideExpert")})</span> : null}
                    </td>
                    <td>{te(`caseOutcome.${c.outcome}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {detail.supervision.length > 0 ? (
        <section className="card" data-testid="supervision">
          <h2 className="mb-2 font-semibold">{t("item.supervisionTitle")}</h2>
          <ul className="space-y-1 text-sm">
            {detail.supervision.map((s) => (
              <li key={`${s.supervisorId ?? ""}-${s.name}`}>
                {s.name}
                {s.supervisorId === null ? <span className="text-xs text-slate-500"> ({t("item.outsideExpert")})</span> : null}: {s.cases}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="card">
        <h2 className="mb-2 font-semibold">{t("item.stages")}</h2>
        <ol className="space-y-1 text-sm">
          {detail.events.map((e) => (
            <li key={e.id}>
              {formatDate(e.movedOn, locale)} ·{" "}
              {e.fromStage ? t("item.stageFrom", { from: te(`transferStage.${e.fromStage}`), to: te(`transferStage.${e.toStage}`) }) : te(`transferStage.${e.toStage}`)}
              {e.by ? <span className="text-slate-500"> {t("item.by", { name: e.by })}</span> : null}
              {e.note ? <span className="text-slate-600"> — {e.note}</span> : null}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
