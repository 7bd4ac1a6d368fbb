// Targets: the list with computed achievement, and for the department the form that sets one.
import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldError, FormErrors } from "~/components/form";
import { Pagination } from "~/components/pagination";
import { TargetStatusBadge } from "~/components/reports/target-status";
import { getDb } from "~/db/client.server";
import { formatDate, formatNumber } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { hasCapability } from "~/models/access/policy";
import { requireActor, requireCapability } from "~/models/auth/session.server";
import { vietnamToday } from "~/models/dates";
import { TARGET_INDICATORS } from "~/models/enums";
import { createTarget, listTargets } from "~/models/targets/targets.server";
import { targetSchema } from "~/models/targets/schemas";
import { replyInvalid, replyWithDomainError } from "~/utils/form.server";
import { pageFromUrl } from "~/utils/pagination";
import { localizedTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "adoption:targets.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const url = new URL(request.url);
  const today = vietnamToday(new Date());
  return json({
    page: listTargets(getDb(), actor, { provinceCode: url.searchParams.get("province"), page: pageFromUrl(url) }, today),
    canManage: hasCapability(actor, "targets.manage"),
    isAdmin: actor.role === "admin",
    today,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireCapability(request, "targets.manage");
  const submission = parseWithZod(await request.formData(), { schema: targetSchema });
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    const target = createTarget(getDb(), actor, submission.value);
    return redirect(`/targets/${target.id}`);
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
}

export default function TargetsPage() {
  const { page, canManage, isAdmin, today } = useLoaderData<typeof loader>();
  const { t } = useTranslation("adoption");
  const { t: te } = useTranslation("enums");
  const locale = useLocale();
  const n = (v: number) => formatNumber(v, locale);
  return (
    <div className="space-y-4">
      <header>
        <h1 className="page-title">{t("targets.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("targets.intro")}</p>
      </header>
      <section className="card overflow-x-auto p-0">
        {page.rows.length === 0 ? (
          <p className="p-4 text-slate-600">{t("targets.empty")}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("targets.titleField")}</th>
                <th scope="col" className="hidden md:table-cell">{t("targets.scope")}</th>
                <th scope="col" className="hidden sm:table-cell">{t("targets.period")}</th>
                <th scope="col" className="text-right">{t("targets.achievement")}</th>
                <th scope="col">{t("targets.status")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.rows.map((target) => (
                <tr key={target.id} data-testid="target-row">
                  <td>
                    <Link to={`/targets/${target.id}`} className="link">{target.title}</Link>
                    <p className="text-xs text-slate-500">{te(`targetIndicator.${target.indicator}`)}</p>
                  </td>
                  <td className="hidden md:table-cell">{target.scopeName}</td>
                  <td className="hidden whitespace-nowrap sm:table-cell">
                    {formatDate(target.periodStart, locale)} – {formatDate(target.periodEnd, locale)}
                  </td>
                  <td className="whitespace-nowrap text-right tabular-nums" data-testid="target-achievement">
                    {t("targets.achievementText", { value: n(target.value), target: n(target.targetValue), percent: `${formatNumber(target.percent, locale, 1)}%` })}
                  </td>
                  <td><TargetStatusBadge status={target.status} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <Pagination page={page.page} pageCount={page.pageCount} total={page.total} />
      {canManage ? <TargetForm today={today} isAdmin={isAdmin} /> : null}
    </div>
  );
}

function TargetForm({ today, isAdmin }: { today: string; isAdmin: boolean }) {
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("adoption");
  const { t: te } = useTranslation("enums");
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(targetSchema),
    shouldValidate: "onBlur",
    defaultValue: { indicator: "new_cross_level_techniques", periodStart: `${today.slice(0, 4)}-01-01`, periodEnd: `${today.slice(0, 4)}-12-31`, baseline: "0" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: targetSchema }),
  });
  const input = (name: keyof typeof fields, type: "text" | "number" | "date", label: string, extra: Record<string, string> = {}) => {
    const field = fields[name] as unknown as Parameters<typeof getInputProps>[0];
    return (
      <div>
        <label className="label" htmlFor={field.id}>{label}</label>
        <input className="input" {...getInputProps(field, { type })} {...extra} />
        <FieldError errors={field.errors} />
      </div>
    );
  };
  return (
    <Form method="post" className="card space-y-3" {...getFormProps(form)}>
      <h2 className="text-lg font-semibold">{t("targets.new")}</h2>
      <FormErrors errors={form.errors} />
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="sm:col-span-2">{input("title", "text", t("targets.titleField"))}</div>
        <div>
          <label className="label" htmlFor={fields.indicator.id}>{t("targets.indicator")}</label>
          <select className="input" {...getSelectProps(fields.indicator)}>
            {TARGET_INDICATORS.map((i) => (
              <option key={i} value={i}>{te(`targetIndicator.${i}`)}</option>
            ))}
          </select>
        </div>
        {input("facilityId", "number", t("targets.facilityId"))}
        {isAdmin ? input("provinceCode", "text", t("targets.province")) : null}
        {input("periodStart", "date", t("targets.periodStart"))}
        {input("periodEnd", "date", t("targets.periodEnd"))}
        {input("baseline", "number", t("targets.baseline"), { min: "0", step: "any" })}
        {input("targetValue", "number", t("targets.targetValue"), { step: "any" })}
        {input("unit", "text", t("targets.unit"))}
      </div>
      <button type="submit" className="btn">{t("targets.create")}</button>
    </Form>
  );
}
