// One technique-list request: its techniques, and for the province's department the forms
// that approve it (decision number and date) or return it with a comment.
import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldError, FormErrors } from "~/components/form";
import { LevelBadge } from "~/components/level-badge";
import { getDb } from "~/db/client.server";
import { formatDate, formatDateTime } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { approveListRequest, getListRequest, returnListRequest } from "~/models/adoption/list-requests.server";
import { decisionSchema } from "~/models/adoption/schemas";
import { requireActor, requireCapability } from "~/models/auth/session.server";
import { vietnamToday } from "~/models/dates";
import { replyInvalid, replyWithDomainError, parseForm } from "~/utils/form.server";
import { notFound, requireId } from "~/utils/http.server";
import { localizedTitle } from "~/utils/meta";
import { DateField } from "~/components/date-field";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? localizedTitle(matches, "adoption:requests.detailTitle", { id: data.detail.id, facility: data.detail.facilityName })
    : localizedTitle(matches, "adoption:requests.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const detail = getListRequest(getDb(), actor, requireId(params.id));
  if (!detail) throw notFound();
  return json({ detail, today: vietnamToday(new Date()) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireCapability(request, "techniqueList.approve");
  const id = requireId(params.id);
  const submission = await parseForm(request, decisionSchema);
  if (submission.status !== "success") return replyInvalid(submission);
  const value = submission.value;
  try {
    const db = getDb();
    if (value.intent === "approve") {
      approveListRequest(db, actor, id, value, vietnamToday(new Date()));
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
          {formatDateTime(detail.submittedAt, locale)}
        </p>
        {detail.decisionNumber ? (
          <p className="mt-1">
            {t("requests.decision")}: {detail.decisionNumber} ({formatDate(detail.decisionOn, locale)})
          </p>
        ) : null}
        {detail.comment ? <p className="mt-1 text-slate-700">{detail.comment}</p> : null}
      </header>
      {done ? (
        <p className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-emerald-900" role="status">
          {t(done === "approve" ? "requests.approved" : "requests.returned")}
        </p>
      ) : null}
      <section className="card overflow-x-auto p-0">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("drill.code")}</th>
              <th scope="col">{t("drill.technique")}</th>
              <th scope="col">{t("drill.minLevel")}</th>
              <th scope="col">{t("drill.startedOn")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {detail.items.map((i) => (
              <tr key={i.techniqueId}>
                <td className="font-mono text-xs">{i.code}</td>
                <td>
                  {i.name}{" "}
                  {i.crossLevel ? <span className="badge bg-teal-100 text-teal-800">{t("requests.crossLevel")}</span> : null}
                </td>
                <td><LevelBadge level={i.minLevel} /></td>
                <td>{formatDate(i.startedOn, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {detail.canApprove ? (
        <div className="grid gap-4 md:grid-cols-2">
          <DecisionForm intent="approve" version={detail.version} today={today} />
          <DecisionForm intent="return" version={detail.version} today={today} />
        </div>
      ) : null}
    </div>
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
          <div>
            <label className="label" htmlFor={f.decisionNumber.id}>{t("requests.decisionNumber")}</label>
            <input className="input" {...getInputProps(f.decisionNumber, { type: "text" })} placeholder="1234/QĐ-SYT" />
            <FieldError errors={f.decisionNumber.errors} />
          </div>
          <div>
            <label className="label" htmlFor={f.decisionOn.id}>{t("requests.decisionOn")}</label>
            <DateField {...getInputProps(f.decisionOn, { type: "text" })} max={today} />
            <FieldError errors={f.decisionOn.errors} />
          </div>
          <button type="submit" className="btn">{t("requests.approve")}</button>
        </>
      ) : (
        <>
          <div>
            <label className="label" htmlFor={f.comment.id}>{t("requests.returnComment")}</label>
            <textarea className="input" rows={3} {...getTextareaProps(f.comment)} />
            <FieldError errors={f.comment.errors} />
          </div>
          <button type="submit" className="btn-secondary">{t("requests.return")}</button>
        </>
      )}
    </Form>
  );
}
