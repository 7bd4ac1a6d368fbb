// One technique-list request: its techniques and its dated thread; for the province's
// department the forms that approve it (decision number and date) or return it with a
// comment; for the facility, once returned, the form that corrects its lines and resends it.
import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldError, FormErrors } from "~/components/form";
import { Field, TextareaField } from "~/components/fields";
import { LevelBadge } from "~/components/level-badge";
import { getDb } from "~/db/client.server";
import { formatDate, formatDateTime } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { hasCapability } from "~/models/access/policy";
import type { RequestNote } from "~/models/adoption/list-request-notes.server";
import {
  approveListRequest,
  decideListRequestLines,
  getListRequest,
  resubmitListRequest,
  returnListRequest,
  type ListRequestDetail,
} from "~/models/adoption/list-requests.server";
import { decisionSchema, formatRequestLines, lineDecisionSchema, parseRequestLines, resubmitSchema } from "~/models/adoption/schemas";
import { requireActor } from "~/models/auth/session.server";
import { parseSubmission, readForm, replyInvalid, replyWithDomainError } from "~/utils/form.server";
import { forbidden, notFound, requireId } from "~/utils/http.server";
import { localizedTitle } from "~/utils/meta";
import { todayInVietnam } from "~/utils/domain-response.server";
import { getLocale } from "~/i18n/locale.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? localizedTitle(matches, "adoption:requests.detailTitle", { id: data.detail.id, facility: data.detail.facilityName })
    : localizedTitle(matches, "adoption:requests.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const detail = getListRequest(getDb(), actor, requireId(params.id), await getLocale(request));
  if (!detail) throw notFound();
  return json({ detail, today: todayInVietnam() });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const id = requireId(params.id);
  const formData = await readForm(request);
  if (formData.get("intent") === "resubmit") {
    if (!hasCapability(actor, "techniqueList.submit")) throw forbidden();
    const submission = parseSubmission(formData, resubmitSchema);
    if (submission.status !== "success") return replyInvalid(submission);
    try {
      const { items } = parseRequestLines(submission.value.items);
      resubmitListRequest(getDb(), actor, id, { items, note: submission.value.note, version: submission.value.version }, todayInVietnam());
      return json({ result: submission.reply({ resetForm: true }), done: "resubmit" as const, stale: null });
    } catch (error) {
      return replyWithDomainError(submission, error);
    }
  }
  if (!hasCapability(actor, "techniqueList.approve")) throw forbidden();
  if (formData.get("intent") === "decideLines") {
    const submission = parseSubmission(formData, lineDecisionSchema);
    if (submission.status !== "success") return replyInvalid(submission);
    const { lines, ...rest } = submission.value;
    try {
      const decided = lines.flatMap((l) => (l.outcome ? [{ techniqueId: l.techniqueId, outcome: l.outcome, reason: l.reason }] : []));
      decideListRequestLines(getDb(), actor, id, { ...rest, lines: decided }, todayInVietnam());
      return json({ result: submission.reply({ resetForm: true }), done: "decideLines" as const, stale: null });
    } catch (error) {
      return replyWithDomainError(submission, error);
    }
  }
  const submission = parseSubmission(formData, decisionSchema);
  if (submission.status !== "success") return replyInvalid(submission);
  const value = submission.value;
  try {
    const db = getDb();
    if (value.intent === "approve") {
      approveListRequest(db, actor, id, value, todayInVietnam());
    } else {
      returnListRequest(db, actor, id, value);
    }
    return json({ result: submission.reply({ resetForm: true }), done: value.intent, stale: null });
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
}

export default function ListRequestPage() {
  const { detail, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("adoption");
  const { t: te } = useTranslation("enums");
  const locale = useLocale();
  const done = actionData && "done" in actionData ? actionData.done : null;
  return (
    <div className="space-y-4">
      <p>
        <Link to="/adoption/requests" className="link text-sm">
          ← {t("requests.back")}
        </Link>
      </p>
      <header>
        <h1 className="page-title">{t("requests.detailTitle", { id: detail.id, facility: detail.facilityName })}</h1>
        <p className="mt-1 text-slate-700">
          <span className="badge bg-slate-100" data-testid="request-status">{te(`listRequestStatus.${detail.status}`)}</span>{" "}
          <time dateTime={detail.statusAt ?? undefined} data-testid="request-status-at">{formatDateTime(detail.statusAt, locale)}</time>
        </p>
        {detail.decisionNumber ? (
          <p className="mt-1">
            {t("requests.decision")}: {detail.decisionNumber} ({formatDate(detail.decisionOn, locale)})
          </p>
        ) : null}
      </header>
      {done ? (
        <p className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-emerald-900" role="status">
          {t(
            done === "approve"
              ? "requests.approved"
              : done === "resubmit"
                ? "requests.resubmitted"
                : done === "decideLines"
                  ? "requests.linesDecided"
                  : "requests.returned",
          )}
        </p>
      ) : null}
      <Thread notes={detail.thread} />
      <section className="card overflow-x-auto p-0">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("reports:drill.technique")}</th>
              <th scope="col" className="hidden sm:table-cell">{t("reports:drill.minLevel")}</th>
              <th scope="col" className="hidden sm:table-cell">{t("reports:drill.startedOn")}</th>
              <th scope="col">{t("requests.lineStatus")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {detail.items.map((i) => (
              <tr key={i.techniqueId} data-testid="request-line" data-code={i.code} data-status={i.status}>
                <td className="break-words">
                  <span className="font-mono text-xs">{i.code}</span> {i.name}{" "}
                  {i.crossLevel ? <span className="badge bg-teal-100 text-teal-800">{t("ledger.crossLevel")}</span> : null}
                  <span className="block text-xs text-slate-500 sm:hidden">{formatDate(i.startedOn, locale)}</span>
                </td>
                <td className="hidden sm:table-cell"><LevelBadge level={i.minLevel} /></td>
                <td className="hidden sm:table-cell">{formatDate(i.startedOn, locale)}</td>
                <td>
                  <span
                    className={`badge ${i.status === "approved" ? "bg-emerald-100 text-emerald-800" : i.status === "returned" ? "bg-amber-100 text-amber-900" : "bg-slate-100"}`}
                    data-testid="line-outcome"
                  >
                    {t(`requests.lineOutcome.${i.status}`)}
                  </span>
                  {i.status === "approved" && i.decisionNumber ? (
                    <span className="block text-xs text-slate-600">
                      {t("requests.lineDecision", { number: i.decisionNumber, date: formatDate(i.decisionOn, locale) })}
                    </span>
                  ) : null}
                  {i.status === "returned" && i.returnReason ? (
                    <span className="block break-words text-sm text-amber-900" data-testid="line-reason">{i.returnReason}</span>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {detail.canApprove ? <LineDecisionForm detail={detail} today={today} /> : null}
      {detail.canApprove ? (
        <div className="grid gap-4 md:grid-cols-2">
          <DecisionForm intent="approve" version={detail.version} today={today} />
          <DecisionForm intent="return" version={detail.version} today={today} />
        </div>
      ) : null}
      {detail.canResubmit ? (
        <ResubmitForm
          version={detail.version}
          lines={formatRequestLines(detail.items.filter((i) => i.status !== "approved").map((i) => ({ techniqueCode: i.code, startedOn: i.startedOn })))}
        />
      ) : null}
    </div>
  );
}

/** One choice per waiting line (approve, return with a reason, or later), one decision for the approvals. */
function LineDecisionForm({ detail, today }: { detail: ListRequestDetail; today: string }) {
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("adoption");
  const waiting = detail.items.filter((i) => i.status === "pending");
  const mine = actionData?.result && (actionData.result as { initialValue?: { intent?: string } }).initialValue?.intent === "decideLines";
  const [form, fields] = useForm({
    id: "decide-lines",
    lastResult: mine ? actionData?.result : undefined,
    shouldValidate: "onSubmit",
    defaultValue: { lines: waiting.map((i) => ({ techniqueId: String(i.techniqueId) })), decisionOn: today },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: lineDecisionSchema }),
  });
  if (waiting.length === 0) return null;
  const lines = fields.lines.getFieldList();
  return (
    <Form method="post" className="card space-y-3" {...getFormProps(form)}>
      <h2 className="text-lg font-semibold">{t("requests.lineTitle")}</h2>
      <p className="text-sm text-slate-600">{t("requests.lineHelp")}</p>
      <FormErrors errors={form.errors} />
      <FieldError id={fields.lines.errorId} errors={fields.lines.errors} />
      <input type="hidden" name="intent" value="decideLines" />
      <input type="hidden" name="version" value={detail.version} />
      <ul className="divide-y divide-slate-100">
        {waiting.map((item, index) => {
          const line = lines[index]?.getFieldset();
          if (!line) return null;
          return (
            <li key={item.techniqueId} className="space-y-2 py-3" data-testid="line-decision" data-code={item.code}>
              <input type="hidden" name={line.techniqueId.name} value={item.techniqueId} />
              <fieldset>
                <legend className="break-words font-medium">
                  <span className="font-mono text-xs">{item.code}</span> {item.name}
                </legend>
                <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
                  {(["approve", "return", ""] as const).map((outcome) => (
                    <label key={outcome || "wait"} className="inline-flex min-h-[2.75rem] items-center gap-2">
                      <input
                        type="radio"
                        name={line.outcome.name}
                        value={outcome}
                        defaultChecked={(line.outcome.initialValue ?? "") === outcome}
                      />
                      {t(outcome === "approve" ? "requests.approve" : outcome === "return" ? "requests.return" : "requests.lineWait")}
                    </label>
                  ))}
                </div>
              </fieldset>
              <Field field={line.reason} label={t("requests.lineReason", { code: item.code })} inputProps={getInputProps(line.reason, { type: "text" })} />
            </li>
          );
        })}
      </ul>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field
          field={fields.decisionNumber}
          label={t("ledger.decisionNumber")}
          inputProps={{ ...getInputProps(fields.decisionNumber, { type: "text" }), placeholder: "1234/QĐ-SYT" }}
        />
        <Field field={fields.decisionOn} label={t("requests.decisionOn")} inputProps={{ ...getInputProps(fields.decisionOn, { type: "date" }), max: today }} />
      </div>
      <TextareaField field={fields.comment} label={t("requests.lineComment")} textareaProps={{ rows: 2, ...getTextareaProps(fields.comment) }} />
      <button type="submit" className="btn">{t("requests.lineSubmit")}</button>
    </Form>
  );
}

/** Every entry with its author and its own instant, oldest first. */
function Thread({ notes }: { notes: RequestNote[] }) {
  const { t } = useTranslation("adoption");
  const locale = useLocale();
  if (notes.length === 0) return null;
  return (
    <section className="card space-y-2" aria-labelledby="thread-title">
      <h2 id="thread-title" className="text-lg font-semibold">{t("requests.thread.title")}</h2>
      <ol className="space-y-3">
        {notes.map((n) => (
          <li key={n.id} className="border-l-2 border-slate-200 pl-3" data-testid="thread-entry" data-kind={n.kind}>
            <p className="text-sm text-slate-600">
              <span className="font-medium text-slate-800">{n.author ?? t("requests.thread.system")}</span>
              {" · "}
              <time dateTime={n.at} data-testid="thread-time">{formatDateTime(n.at, locale)}</time>
            </p>
            <p className="font-medium">
              {t(`requests.thread.${n.kind === "returned" && n.techniqueCode ? "returnedLine" : n.kind}`, {
                count: n.lines ?? 0,
                code: n.techniqueCode ?? "",
                number: n.decisionNumber ?? "",
                date: formatDate(n.decisionOn, locale),
              })}
            </p>
            {n.body ? <p className="whitespace-pre-line break-words text-slate-700" data-testid="thread-body">{n.body}</p> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

function ResubmitForm({ version, lines }: { version: number; lines: string }) {
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("adoption");
  const mine = actionData?.result && (actionData.result as { initialValue?: { intent?: string } }).initialValue?.intent === "resubmit";
  const [form, fields] = useForm({
    id: "resubmit",
    lastResult: mine ? actionData?.result : undefined,
    shouldValidate: "onBlur",
    defaultValue: { items: lines },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: resubmitSchema }),
  });
  return (
    <Form method="post" className="card space-y-3" {...getFormProps(form)}>
      <h2 className="text-lg font-semibold">{t("requests.resubmitTitle")}</h2>
      <p className="text-sm text-slate-600">{t("requests.resubmitHelp")}</p>
      <FormErrors errors={form.errors} />
      <input type="hidden" name="intent" value="resubmit" />
      <input type="hidden" name="version" value={version} />
      <TextareaField
        field={fields.items}
        label={t("requests.itemsLabel")}
        description={t("requests.itemsHelp")}
        textareaProps={{ className: "input font-mono", rows: Math.min(12, Math.max(3, lines.split("\n").length + 1)), ...getTextareaProps(fields.items) }}
      />
      <TextareaField field={fields.note} label={t("requests.resubmitNote")} textareaProps={{ rows: 2, ...getTextareaProps(fields.note) }} />
      <button type="submit" className="btn">{t("requests.resubmit")}</button>
    </Form>
  );
}

function DecisionForm({ intent, version, today }: { intent: "approve" | "return"; version: number; today: string }) {
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("adoption");
  const mine = actionData?.result && (actionData.result as { initialValue?: { intent?: string } }).initialValue?.intent === intent;
  const [form, fields] = useForm({
    id: `decision-${intent}`,
    lastResult: mine ? actionData?.result : undefined,
    shouldValidate: "onBlur",
    defaultValue: { intent, version, decisionOn: today },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: decisionSchema }),
  });
  const f = fields as unknown as Record<string, Parameters<typeof getInputProps>[0]>;
  return (
    <Form method="post" className="card space-y-3" {...getFormProps(form)}>
      <h2 className="text-lg font-semibold">{t(intent === "approve" ? "requests.approveTitle" : "requests.returnTitle")}</h2>
      <FormErrors errors={form.errors} />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="version" value={version} />
      {intent === "approve" ? (
        <>
          <Field
            field={f.decisionNumber}
            label={t("ledger.decisionNumber")}
            inputProps={{ ...getInputProps(f.decisionNumber, { type: "text" }), placeholder: "1234/QĐ-SYT" }}
          />
          <Field field={f.decisionOn} label={t("requests.decisionOn")} inputProps={{ ...getInputProps(f.decisionOn, { type: "date" }), max: today }} />
          <button type="submit" className="btn">{t("requests.approve")}</button>
        </>
      ) : (
        <>
          <TextareaField field={f.comment} label={t("requests.returnComment")} textareaProps={getTextareaProps(f.comment)} />
          <button type="submit" className="btn-secondary">{t("requests.return")}</button>
        </>
      )}
    </Form>
  );
}
