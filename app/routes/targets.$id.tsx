// One target: its achievement, and for counted milestones the values entered by hand.
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldError, FormErrors } from "~/components/form";
import { TargetStatusBadge } from "~/components/reports/target-status";
import { getDb } from "~/db/client.server";
import { formatDate, formatNumber } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { requireActor, requireCapability } from "~/models/auth/session.server";
import { vietnamToday } from "~/models/dates";
import { measurementSchema } from "~/models/targets/schemas";
import { addMeasurement, getTarget } from "~/models/targets/targets.server";
import { replyInvalid, replyWithDomainError } from "~/utils/form.server";
import { notFound, requireId } from "~/utils/http.server";
import { localizedTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data ? [{ title: `${data.target.title} – CGKT` }] : localizedTitle(matches, "adoption:targets.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const today = vietnamToday(new Date());
  const target = getTarget(getDb(), actor, requireId(params.id), today);
  if (!target) throw notFound();
  return json({ target, today });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireCapability(request, "targets.manage");
  const submission = parseWithZod(await request.formData(), { schema: measurementSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    addMeasurement(getDb(), actor, requireId(params.id), submission.value, vietnamToday(new Date()));
    return json({ result: submission.reply({ resetForm: true }), stale: null });
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
}

export default function TargetPage() {
  const { target, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("adoption");
  const { t: te } = useTranslation("enums");
  const locale = useLocale();
  const n = (v: number) => formatNumber(v, locale);
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(measurementSchema),
    shouldValidate: "onBlur",
    defaultValue: { measuredOn: today },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: measurementSchema }),
  });
  return (
    <div className="space-y-4">
      <p>
        <Link to="/targets" className="link text-sm">← {t("targets.back")}</Link>
      </p>
      <header>
        <h1 className="page-title">{target.title}</h1>
        <p className="mt-1 text-slate-700">
          {te(`targetIndicator.${target.indicator}`)} · {target.scopeName} · {formatDate(target.periodStart, locale)} – {formatDate(target.periodEnd, locale)}
        </p>
      </header>
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
          {t("targets.baseline")}: {n(target.baseline)}
          {target.indicator !== "manual_count" ? ` · ${t("targets.computedHelp")}` : ""}
        </p>
      </section>
      {target.indicator === "manual_count" ? (
        <section className="card p-0">
          <h2 className="px-4 pt-4 text-lg font-semibold">{t("targets.measurements")}</h2>
          <ul className="divide-y divide-slate-100">
            {target.measurements.map((m) => (
              <li key={m.id} className="px-4 py-2">
                {formatDate(m.measuredOn, locale)}: <strong className="tabular-nums">{n(m.value)}</strong>
                {m.note ? ` · ${m.note}` : ""}
              </li>
            ))}
          </ul>
          {target.canManage ? (
            <Form method="post" className="space-y-3 p-4" {...getFormProps(form)}>
              <h3 className="font-semibold">{t("targets.addMeasurement")}</h3>
              <FormErrors errors={form.errors} />
              <div className="grid gap-3 sm:grid-cols-3">
                <div>
                  <label className="label" htmlFor={fields.measuredOn.id}>{t("targets.measuredOn")}</label>
                  <input className="input" {...getInputProps(fields.measuredOn, { type: "date" })} max={today} />
                  <FieldError errors={fields.measuredOn.errors} />
                </div>
                <div>
                  <label className="label" htmlFor={fields.value.id}>{t("targets.measurementValue")}</label>
                  <input className="input" {...getInputProps(fields.value, { type: "number" })} min={0} step="any" />
                  <FieldError errors={fields.value.errors} />
                </div>
                <div>
                  <label className="label" htmlFor={fields.note.id}>{t("targets.note")}</label>
                  <input className="input" {...getInputProps(fields.note, { type: "text" })} />
                  <FieldError errors={fields.note.errors} />
                </div>
              </div>
              <button type="submit" className="btn">{t("targets.save")}</button>
            </Form>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
