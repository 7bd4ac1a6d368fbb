import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, SelectField } from "~/components/fields";
import { FieldError, FormErrors } from "~/components/form";
import { PageHeader } from "~/components/page-header";
import { PlanLineChoices } from "~/components/rotations/plan-lines";
import { PlanStatusBadge } from "~/components/rotations/plan-status";
import { getDb } from "~/db/client.server";
import { formatDate, formatMonth } from "~/i18n/format";
import { getLocale } from "~/i18n/locale.server";
import { useLocale } from "~/i18n/use-locale";
import { requireCapability } from "~/models/auth/session.server";
import { addMonthsIso } from "~/models/dates";
import { ForbiddenError } from "~/models/errors";
import { plannableLines, planningFacilities, requirePlanningFacility } from "~/models/rotations/solver/input.server";
import { createPlan, recentPlans } from "~/models/rotations/solver/plans.server";
import { MAX_PLAN_MONTHS, MAX_TIME_LIMIT_SECONDS, planRequestSchema } from "~/models/rotations/solver/schemas";
import { DEFAULT_TIME_LIMIT_SECONDS } from "~/models/rotations/solver/types";
import { orRespond, todayInVietnam } from "~/utils/domain-response.server";
import { parseForm, replyInvalid, replyWithDomainError } from "~/utils/form.server";
import { localizedTitle } from "~/utils/meta";
import { parsePositiveInt } from "~/utils/numbers";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "solver:form.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  const actor = await requireCapability(request, "rotations.manage");
  const db = getDb();
  const url = new URL(request.url);
  const facilities = planningFacilities(db, actor, locale);
  const asked = parsePositiveInt(url.searchParams.get("facility"));
  const facilityId = asked ?? facilities[0]?.value ?? null;
  // The month after today: a plan made now starts once people can be told and hand over. The
  // choices run from this month over the longest period a plan covers (a select reads the same
  // in every browser language, unlike a native month input).
  const thisMonth = `${todayInVietnam().slice(0, 7)}-01`;
  const firstMonth = addMonthsIso(thisMonth, 1).slice(0, 7);
  const months = Array.from({ length: MAX_PLAN_MONTHS }, (_, i) => addMonthsIso(thisMonth, i).slice(0, 7));
  if (facilityId === null) return json({ facilities, facilityId, firstMonth, months, lines: [], recent: [] });
  return orRespond(() => {
    const facility = requirePlanningFacility(db, actor, facilityId);
    if (!facilities.some((f) => f.value === facility.id)) throw new ForbiddenError();
    return json({
      facilities,
      facilityId,
      firstMonth,
      months,
      lines: plannableLines(db, facilityId, `${firstMonth}-01`),
      recent: recentPlans(db, actor, facilityId),
    });
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireCapability(request, "rotations.manage");
  const submission = await parseForm(request, planRequestSchema);
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    const v = submission.value;
    const plan = await createPlan(getDb(), actor, {
      facilityId: v.facilityId,
      firstMonth: v.firstMonth,
      months: v.months,
      transferItemIds: v.transferItemIds,
      overrideExtra: v.overrideExtra,
      overrideReason: v.overrideReason ?? null,
      timeLimitSeconds: v.timeLimitSeconds,
    });
    return redirect(`/rotations/plan/${plan.id}`);
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
}

export default function PlanFormPage() {
  const { facilities, facilityId, firstMonth, months, lines, recent } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("solver");
  const locale = useLocale();
  const navigation = useNavigation();
  const running = navigation.state === "submitting" && navigation.formMethod?.toLowerCase() === "post";
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(planRequestSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: planRequestSchema }),
    defaultValue: {
      facilityId: facilityId?.toString(),
      firstMonth,
      months: "12",
      overrideExtra: "0",
      timeLimitSeconds: String(DEFAULT_TIME_LIMIT_SECONDS),
      transferItemIds: lines.map((l) => String(l.transferItemId)),
    },
  });
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <p>
        <Link to="/rotations" className="link text-sm">
          ← {t("rotations:list.title")}
        </Link>
      </p>
      <PageHeader title={t("form.title")} intro={t("form.intro")} />
      {facilities.length > 1 ? (
        <Form method="get" className="card flex flex-wrap items-end gap-2">
          <SelectField field={{ id: "plan-facility" }} label={t("adoption:ledger.chooseFacility")} selectProps={{ name: "facility", defaultValue: facilityId ?? undefined }}>
            {facilities.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </SelectField>
          <button type="submit" className="btn-secondary">
            {t("form.show")}
          </button>
        </Form>
      ) : null}
      {facilityId === null ? null : (
        <Form method="post" className="card space-y-4" {...getFormProps(form)} data-testid="plan-form">
          <FormErrors id={form.errorId} errors={form.errors} />
          <input {...getInputProps(fields.facilityId, { type: "hidden" })} />
          <p className="text-sm">
            <span className="font-medium">{t("rotations:columns.from")}: </span>
            {facilities.find((f) => f.value === facilityId)?.label}
          </p>
          <FieldError id={fields.facilityId.errorId} errors={fields.facilityId.errors} />
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField field={fields.firstMonth} label={t("fields.firstMonth")} selectProps={getSelectProps(fields.firstMonth)}>
              {months.map((month) => (
                <option key={month} value={month}>
                  {formatMonth(month, locale)}
                </option>
              ))}
            </SelectField>
            <Field
              field={fields.months}
              label={t("rotations:sites.monthsLabel")}
              description={t("form.monthsHint", { max: MAX_PLAN_MONTHS })}
              inputProps={{ ...getInputProps(fields.months, { type: "number" }), min: 1, max: MAX_PLAN_MONTHS }}
            />
          </div>
          <fieldset>
            <legend className="label">{t("fields.transferItemIds")}</legend>
            <p className="mb-2 text-xs text-slate-500">{t("form.linesHint")}</p>
            {lines.length === 0 ? <p className="text-sm text-slate-600">{t("form.noLines")}</p> : <PlanLineChoices lines={lines} name={fields.transferItemIds.name} />}
            <FieldError id={fields.transferItemIds.errorId} errors={fields.transferItemIds.errors} />
          </fieldset>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field
              field={fields.overrideExtra}
              label={t("fields.overrideExtra")}
              description={t("form.overrideHint")}
              inputProps={{ ...getInputProps(fields.overrideExtra, { type: "number" }), min: 0, max: 50 }}
            />
            <Field field={fields.overrideReason} label={t("rotations:fields.limitOverrideReason")} inputProps={getInputProps(fields.overrideReason, { type: "text" })} />
            <Field
              field={fields.timeLimitSeconds}
              label={t("fields.timeLimitSeconds")}
              description={t("form.timeLimitHint", { max: MAX_TIME_LIMIT_SECONDS })}
              inputProps={{ ...getInputProps(fields.timeLimitSeconds, { type: "number" }), min: 1, max: MAX_TIME_LIMIT_SECONDS }}
            />
          </div>
          <button type="submit" className="btn" disabled={running} data-testid="plan-submit">
            {running ? t("form.running") : t("form.submit")}
          </button>
        </Form>
      )}
      {facilityId === null ? null : (
        <section className="card space-y-2">
          <h2 className="text-lg font-semibold">{t("form.recent")}</h2>
          {recent.length === 0 ? (
            <p className="text-sm text-slate-600">{t("form.noRecent")}</p>
          ) : (
            <ul className="space-y-1 text-sm">
              {recent.map((p) => (
                <li key={p.id} className="flex flex-wrap items-center gap-2">
                  <Link to={`/rotations/plan/${p.id}`} className="link">
                    {t("plan.title", { id: p.id })}
                  </Link>
                  <span>
                    {formatDate(p.periodStart, locale)} – {formatDate(p.periodEnd, locale)}
                  </span>
                  <PlanStatusBadge status={p.status} />
                  <span className="text-slate-600">{t("plan.facts.servedValue", { served: p.served, lines: p.lines })}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}
