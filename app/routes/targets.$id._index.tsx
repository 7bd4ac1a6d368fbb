// One target: its achievement, and for counted milestones the values entered by hand (the
// department enters them here and removes a wrong one after confirming).
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field } from "~/components/fields";
import { FormErrors } from "~/components/form";
import { TargetForecastDetail } from "~/components/reports/forecast-target";
import { TargetStatusBadge } from "~/components/reports/target-status";
import { getDb } from "~/db/client.server";
import { formatDate, formatNumber } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { requireActor, requireCapability } from "~/models/auth/session.server";
import { addMeasurement, deleteMeasurement } from "~/models/targets/commands.server";
import { measurementSchema, removeMeasurementSchema } from "~/models/targets/schemas";
import { getTarget } from "~/models/targets/targets.server";
import { replyInvalid, replyWithDomainError, readForm, parseSubmission } from "~/utils/form.server";
import { notFound, requireId } from "~/utils/http.server";
import { localizedTitle } from "~/utils/meta";
import { todayInVietnam } from "~/utils/domain-response.server";
import { ConfirmButton } from "~/components/confirm-button";
import { getLocale } from "~/i18n/locale.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data ? [{ title: `${data.target.title} – CGKT` }] : localizedTitle(matches, "reports:targets.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const today = todayInVietnam();
  const target = getTarget(getDb(), actor, requireId(params.id), today, await getLocale(request));
  if (!target) throw notFound();
  return json({ target, today });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireCapability(request, "targets.manage");
  const formData = await readForm(request);
  if (formData.get("intent") === "removeMeasurement") {
    const id = requireId(params.id);
    const removal = parseSubmission(formData, removeMeasurementSchema);
    if (removal.status !== "success") return replyInvalid(removal);
    try {
      deleteMeasurement(getDb(), actor, id, removal.value.measurementId);
      return redirect(`/targets/${id}?removed=1`);
    } catch (error) {
      return replyWithDomainError(removal, error);
    }
  }
  const submission = parseSubmission(formData, measurementSchema);
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    addMeasurement(getDb(), actor, requireId(params.id), submission.value, todayInVietnam());
    return json({ result: submission.reply({ resetForm: true }), stale: null });
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
}

export default function TargetPage() {
  const { target, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t } = useTranslation("reports");
  const { t: tc } = useTranslation("common");
  const { t: te } = useTranslation("enums");
  const locale = useLocale();
  const n = (v: number) => formatNumber(v, locale);
  const removing = actionData?.result.initialValue?.intent === "removeMeasurement";
  const [form, fields] = useForm({
    lastResult: removing ? undefined : actionData?.result,
    constraint: getZodConstraint(measurementSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: { measuredOn: today },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: measurementSchema }),
  });
  return (
    <div className="space-y-4">
      <p>
        <Link to="/targets" className="link text-sm">← {t("targets.back")}</Link>
      </p>
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="page-title">{target.title}</h1>
          <p className="mt-1 text-slate-700">
            {te(`targetIndicator.${target.indicator}`)} · {target.scopeName} · {formatDate(target.periodStart, locale)} – {formatDate(target.periodEnd, locale)}
          </p>
        </div>
        {target.canManage ? (
          <Link to={`/targets/${target.id}/edit`} className="btn-secondary">{t("targets.edit")}</Link>
        ) : null}
      </header>
      {searchParams.has("saved") || searchParams.has("removed") ? (
        <p className="rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900" role="status">
          {t(searchParams.has("saved") ? "targets.saved" : "targets.measurementRemoved")}
        </p>
      ) : null}
      <section className="card flex flex-wrap items-center gap-4">
        <p className="text-4xl font-bold tabular-nums text-teal-800" data-testid="target-percent">
          {formatNumber(target.percent, locale, 1)}%
        </p>
        <p className="text-lg">
          {t("targets.achievementText", { value: n(target.value), target: n(target.targetValue), percent: `${formatNumber(target.percent, locale, 1)}%` })}
          {target.unit ? ` ${target.unit}` : ""}
        </p>
        <TargetStatusBadge status={target.status} />
        <p className="w-full text-sm text-slate-600">
          {t("fields.baseline")}: {n(target.baseline)}
          {target.indicator !== "manual_count" ? ` · ${t("targets.computedHelp")}` : ""}
        </p>
      </section>
      <TargetForecastDetail forecast={target.forecast} />
      {target.indicator === "manual_count" ? (
        <section className="card p-0">
          <h2 className="px-4 pt-4 text-lg font-semibold">{t("targets.measurements")}</h2>
          {removing ? (
            <div className="px-4 pt-2">
              <FormErrors errors={actionData?.result.error?.[""] ?? undefined} />
            </div>
          ) : null}
          <ul className="divide-y divide-slate-100">
            {target.measurements.map((m) => (
              <li key={m.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2" data-testid="measurement">
                <span>
                  {formatDate(m.measuredOn, locale)}: <strong className="tabular-nums">{n(m.value)}</strong>
                  {m.note ? ` · ${m.note}` : ""}
                </span>
                {!target.canManage ? null : (
                  <Form method="post" preventScrollReset>
                    <input type="hidden" name="measurementId" value={m.id} />
                    <ConfirmButton
                      name="intent"
                      value="removeMeasurement"
                      className="link text-sm"
                      title={t("targets.removeMeasurementTitle", { date: formatDate(m.measuredOn, locale), value: n(m.value) })}
                      consequence={t("targets.removeMeasurementConsequence", { date: formatDate(m.measuredOn, locale), value: n(m.value), title: target.title })}
                      confirmLabel={t("targets.removeMeasurementConfirm")}
                    >
                      <span aria-hidden="true">{t("targets.removeMeasurement")}</span>
                      <span className="sr-only">{t("targets.removeMeasurementLabel", { date: formatDate(m.measuredOn, locale) })}</span>
                    </ConfirmButton>
                  </Form>
                )}
              </li>
            ))}
          </ul>
          {target.canManage ? (
            <Form method="post" className="space-y-3 p-4" {...getFormProps(form)}>
              <h3 className="font-semibold">{t("targets.addMeasurement")}</h3>
              <FormErrors errors={form.errors} />
              <div className="grid gap-3 sm:grid-cols-3">
                <Field field={fields.measuredOn} label={t("targets.measuredOn")} inputProps={{ ...getInputProps(fields.measuredOn, { type: "date" }), max: today }} />
                <Field
                  field={fields.value}
                  label={t("targets.measurementValue")}
                  inputProps={{ ...getInputProps(fields.value, { type: "number" }), min: 0, step: "any" }}
                />
                <Field field={fields.note} label={t("common:note")} inputProps={getInputProps(fields.note, { type: "text" })} />
              </div>
              <button type="submit" name="intent" value="addMeasurement" className="btn">{t("common:save")}</button>
            </Form>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
