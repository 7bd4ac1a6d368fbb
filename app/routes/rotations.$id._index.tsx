import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageBackLink } from "~/components/back-link";
import { getLocale } from "~/i18n/locale.server";
import { PersonName } from "~/components/person-name";
import { Field, TextareaField } from "~/components/fields";
import { FormErrors } from "~/components/form";
import { StatusBadge } from "~/components/rotations/status-badge";
import { techniqueHref } from "~/components/links";
import { localizedTitle } from "~/utils/meta";
import { getDb } from "~/db/client.server";
import { formatDate, formatDateTime, formatNumber } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { requireActor } from "~/models/auth/session.server";
import { monthsBetween } from "~/models/dates";
import { changeRotationStatus, saveRotationReport } from "~/models/rotations/commands.server";
import { getRotation } from "~/models/rotations/queries.server";
import { openablePeople } from "~/models/staff/person-links.server";
import { todayInVietnam } from "~/utils/domain-response.server";
import { allowedTransitions, checkReport } from "~/models/rotations/rules";
import { reportSchema, statusSchema } from "~/models/rotations/schemas";
import { replyInvalid, replyWithDomainError, readForm, parseSubmission } from "~/utils/form.server";
import { notFound, requireId } from "~/utils/http.server";
import { ConfirmButton } from "~/components/confirm-button";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "rotations:detail.pageTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  const actor = await requireActor(request);
  const today = todayInVietnam();
  const db = getDb();
  const detail = getRotation(db, actor, requireId(params.id), today, locale);
  if (!detail) throw notFound();
  const r = detail.rotation;
  const canReport = detail.canManage && checkReport(r, today) === null;
  // The receiving facility reads the rotation but not the visiting person's record.
  const staffOpen = openablePeople(db, actor, [r.staffId]).length > 0;
  return json({ detail, canReport, transitions: allowedTransitions(r.status), staffOpen });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const id = requireId(params.id);
  const formData = await readForm(request);
  const today = todayInVietnam();
  if (formData.get("intent") === "report") {
    const submission = parseSubmission(formData, reportSchema);
    if (submission.status !== "success") return replyInvalid(submission);
    try {
      saveRotationReport(getDb(), actor, id, submission.value, today);
      return json({ result: submission.reply({ resetForm: false }), stale: null });
    } catch (error) {
      return replyWithDomainError(submission, error);
    }
  }
  const submission = parseSubmission(formData, statusSchema);
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    const to = submission.value.intent === "confirm" ? "confirmed" : "cancelled";
    changeRotationStatus(getDb(), actor, id, { to, version: submission.value.version, cancelReason: submission.value.cancelReason }, today);
    return json({ result: submission.reply(), stale: null });
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
}

export default function RotationPage() {
  const { detail, canReport, transitions, staffOpen } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("rotations");
  const { t: te } = useTranslation("enums");
  const locale = useLocale();
  const r = detail.rotation;
  const [reportForm, reportFields] = useForm({
    id: "report",
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: reportSchema }),
    defaultValue: { reportCases: r.reportCases?.toString() ?? "", reportNotes: r.reportNotes ?? "" },
  });
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <PageBackLink to="/rotations">{t("list.title")}</PageBackLink>
      <header className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h1 className="page-title">
            {detail.staffName} → {detail.toName}
          </h1>
          <p className="mt-1 text-sm text-slate-600">
            {formatDate(r.startOn, locale)} – {formatDate(r.endOn, locale)} ·{" "}
            {t("detail.months", { months: formatNumber(monthsBetween({ start: r.startOn, end: r.endOn }), locale, 1) })}
          </p>
        </div>
        <StatusBadge status={detail.displayStatus} />
      </header>
      <FormErrors errors={actionData?.result?.error?.[""] ?? undefined} />
      <section className="card">
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-500">{t("fields.staffId")}</dt>
            <dd>
              <PersonName id={r.staffId} name={detail.staffName} page="staff" open={staffOpen} />{" "}
              · {te(`cadre.${detail.staffCadre}`)}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("columns.from")}</dt>
            <dd>{detail.fromName}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("fields.toFacilityId")}</dt>
            <dd>{detail.toName}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("fields.purpose")}</dt>
            <dd>{te(`rotationPurpose.${r.purpose}`)}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("fields.agreementId")}</dt>
            <dd>
              {r.agreementId ? (
                <Link to={`/agreements/${r.agreementId}`} className="link">
                  {detail.agreementNumber} – {detail.agreementTitle}
                </Link>
              ) : (
                t("form.noAgreement")
              )}
            </dd>
          </div>
          {r.shortTerm ? (
            <div>
              <dt className="text-slate-500">{t("fields.shortTerm")}</dt>
              <dd>{r.shortTermReason}</dd>
            </div>
          ) : null}
          {r.directionPurpose ? (
            <div className="sm:col-span-2">
              <dt className="text-slate-500">{t("fields.directionPurpose")}</dt>
              <dd>{r.directionPurpose}</dd>
            </div>
          ) : null}
          {r.limitOverrideReason ? (
            <div className="sm:col-span-2">
              <dt className="text-amber-800">{t("detail.overridden")}</dt>
              <dd>{r.limitOverrideReason}</dd>
            </div>
          ) : null}
          {r.cancelReason ? (
            <div className="sm:col-span-2">
              <dt className="text-slate-500">{t("fields.cancelReason")}</dt>
              <dd>{r.cancelReason}</dd>
            </div>
          ) : null}
          {r.notes ? (
            <div className="sm:col-span-2">
              <dt className="text-slate-500">{t("fields.notes")}</dt>
              <dd className="whitespace-pre-line">{r.notes}</dd>
            </div>
          ) : null}
        </dl>
      </section>
      <section className="card space-y-2">
        <h2 className="font-semibold">{t("fields.transferItemIds")}</h2>
        {detail.items.length === 0 ? (
          <p className="text-sm text-slate-600">{t("detail.noItems")}</p>
        ) : (
          <ul className="list-inside list-disc text-sm">
            {detail.items.map((item) => (
              <li key={item.id}>
                <Link to={techniqueHref(item.code)} className="link font-mono">
                  {item.code}
                </Link>{" "}
                {item.name} · {te(`transferStage.${item.stage}`, { defaultValue: item.stage })}
              </li>
            ))}
          </ul>
        )}
      </section>
      {detail.canManage && transitions.length > 0 ? (
        <section className="card flex flex-wrap items-end gap-3">
          {r.status === "planned" || r.status === "confirmed" ? (
            <Link to={`/rotations/${r.id}/edit`} className="btn-secondary">
              {t("detail.edit")}
            </Link>
          ) : null}
          {transitions.includes("confirmed") ? (
            <Form method="post">
              <input type="hidden" name="version" value={r.version} />
              <button type="submit" name="intent" value="confirm" className="btn">
                {t("detail.confirm")}
              </button>
            </Form>
          ) : null}
          {transitions.includes("cancelled") ? (
            <Form method="post" className="flex flex-wrap items-end gap-2">
              <input type="hidden" name="version" value={r.version} />
              <Field field={{ id: "cancelReason" }} label={t("fields.cancelReason")} inputProps={{ name: "cancelReason" }} />
              <ConfirmButton
                name="intent"
                value="cancel"
                title={t("confirmations.cancelTitle", { name: detail.staffName })}
                consequence={t("confirmations.cancel", { to: detail.toName, dates: `${formatDate(r.startOn, locale)} – ${formatDate(r.endOn, locale)}` })}
              >
                {t("detail.cancel")}
              </ConfirmButton>
            </Form>
          ) : null}
        </section>
      ) : null}
      <section className="card space-y-3">
        <h2 className="font-semibold">{t("detail.report")}</h2>
        {r.reportedAt ? (
          <p className="text-sm text-slate-600">{t("detail.reportedAt", { at: formatDateTime(r.reportedAt, locale) })}</p>
        ) : null}
        {canReport ? (
          <Form method="post" className="space-y-3" {...getFormProps(reportForm)}>
            <input type="hidden" name="version" value={r.version} />
            <Field
              field={reportFields.reportCases}
              label={t("fields.reportCases")}
              inputProps={{ ...getInputProps(reportFields.reportCases, { type: "number" }), min: 0, className: "input max-w-[10rem]" }}
            />
            <TextareaField
              field={reportFields.reportNotes}
              label={t("fields.reportNotes")}
              textareaProps={{ ...getTextareaProps(reportFields.reportNotes), rows: 4 }}
            />
            <button type="submit" name="intent" value="report" className="btn">
              {r.status === "completed" ? t("detail.saveReport") : t("detail.completeWithReport")}
            </button>
          </Form>
        ) : r.reportedAt ? (
          <dl className="text-sm">
            <dt className="text-slate-500">{t("fields.reportCases")}</dt>
            <dd>{formatNumber(r.reportCases, locale)}</dd>
            <dt className="mt-2 text-slate-500">{t("fields.reportNotes")}</dt>
            <dd className="whitespace-pre-line">{r.reportNotes}</dd>
          </dl>
        ) : (
          <p className="text-sm text-slate-600">
            {t("detail.noReport")}
            {detail.canManage && r.status === "confirmed" ? ` ${t("detail.reportFrom", { end: formatDate(r.endOn, locale) })}` : null}
          </p>
        )}
      </section>
    </div>
  );
}
