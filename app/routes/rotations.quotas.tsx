// Project 1816 quotas: per sending hospital and year, the people and person-months it planned
// and delivered against its quota, the cap on simultaneous absences beside it; the health
// department sets a hospital's quota for a year where it differs from the guide.
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageBackLink } from "~/components/back-link";
import { Field } from "~/components/fields";
import { FormErrors } from "~/components/form";
import { PageHeader } from "~/components/page-header";

import { getDb } from "~/db/client.server";
import { formatNumber } from "~/i18n/format";
import { getLocale } from "~/i18n/locale.server";
import { useLocale } from "~/i18n/use-locale";
import { requireActor, requireCapability } from "~/models/auth/session.server";
import { BEDS_PER_QUOTA_STAFF, readQuotaYear } from "~/models/planning/quota";
import { quotaReport, setQuota } from "~/models/planning/quota.server";
import { quotaSchema } from "~/models/planning/schemas";
import { DEFAULT_MIN_ROTATION_MONTHS } from "~/models/rotations/rules";
import { orRespond, todayInVietnam } from "~/utils/domain-response.server";
import { parseForm, replyInvalid, replyWithDomainError } from "~/utils/form.server";
import { localizedTitle } from "~/utils/meta";
import { parsePositiveInt } from "~/utils/numbers";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "planning:quota.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const locale = await getLocale(request);
  const url = new URL(request.url);
  const today = todayInVietnam();
  const asked = url.searchParams.get("year");
  const { year, valid } = readQuotaYear(asked, today);
  const rows = orRespond(() => quotaReport(getDb(), actor, today, year, locale));
  const editId = parsePositiveInt(url.searchParams.get("edit"));
  const editing = editId === null ? null : (rows.find((r) => r.facilityId === editId && r.canEdit) ?? null);
  return json({ year, asked: valid ? null : asked, rows, editing }, { status: valid ? 200 : 400 });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireCapability(request, "planning.configure");
  const submission = await parseForm(request, quotaSchema);
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    setQuota(getDb(), actor, submission.value);
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
  return redirect(`/rotations/quotas?year=${submission.value.year}&saved=1`);
}

export default function QuotasPage() {
  const { year, asked, rows, editing } = useLoaderData<typeof loader>();
  const { t } = useTranslation("planning");
  const locale = useLocale();
  const n = (value: number, digits = 0) => formatNumber(value, locale, digits);
  return (
    <div className="space-y-4">
      <PageBackLink to="/rotations">{t("rotations:list.title")}</PageBackLink>
      <PageHeader title={t("quota.title")} intro={t("quota.intro", { beds: BEDS_PER_QUOTA_STAFF, months: DEFAULT_MIN_ROTATION_MONTHS })} />
      <Form method="get" className="card flex flex-wrap items-end gap-2">
        <Field
          className="w-40"
          field={{ id: "quota-year", errors: asked !== null ? ["planning:quota.errors.year"] : undefined }}
          label={t("rotations:reports.year")}
          inputProps={{ name: "year", type: "text", inputMode: "numeric", defaultValue: asked ?? String(year) }}
        />
        <button type="submit" className="btn-secondary">{t("reports:dashboard.show")}</button>
      </Form>
      {editing ? <QuotaEditor key={`${editing.facilityId}-${year}-${editing.version}`} year={year} row={editing} /> : null}
      <section className="card p-0" data-testid="quota-report">
        {rows.length === 0 ? (
          <p className="p-4 text-sm text-slate-600">{t("quota.empty")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("quota.columns.hospital")}</th>
                  <th scope="col" className="text-right">{t("facilities:columns.beds")}</th>
                  <th scope="col" className="text-right">{t("quota.columns.quota")}</th>
                  <th scope="col" className="text-right">{t("quota.columns.people")}</th>
                  <th scope="col" className="text-right">{t("quota.columns.scheduled")}</th>
                  <th scope="col" className="text-right">{t("quota.columns.delivered")}</th>
                  <th scope="col" className="text-right">{t("quota.columns.owed")}</th>
                  <th scope="col" className="text-right">{t("quota.columns.share")}</th>
                  <th scope="col" className="text-right">{t("quota.columns.cap")}</th>
                  <th scope="col"><span className="sr-only">{t("quota.edit")}</span></th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.facilityId} data-testid="quota-row">
                    <td>{r.name}</td>
                    <td className="text-right tabular-nums">{n(r.beds)}</td>
                    <td className="text-right tabular-nums">
                      {n(r.quota)} <span className="text-xs text-slate-500">{r.set === null ? t("quota.guide") : t("quota.setByDepartment")}</span>
                    </td>
                    <td className="text-right tabular-nums">{n(r.people)}</td>
                    <td className="text-right tabular-nums">{n(r.scheduledMonths, 1)}</td>
                    <td className="text-right tabular-nums">{n(r.deliveredMonths, 1)}</td>
                    <td className="text-right tabular-nums">{n(r.quotaMonths)}</td>
                    <td className="text-right tabular-nums">
                      {r.share === null ? "–" : <span className={r.share >= 1 ? "text-emerald-800" : "text-amber-800"}>{n(r.share * 100, 0)}%</span>}
                    </td>
                    <td className="text-right tabular-nums">{n(r.absenceCap)}</td>
                    <td className="whitespace-nowrap">
                      {r.canEdit ? (
                        <Link to={`?year=${year}&edit=${r.facilityId}`} className="link text-sm" preventScrollReset>
                          {t("quota.edit")}
                        </Link>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <p className="text-sm text-slate-600">{t("quota.capNote")}</p>
    </div>
  );
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["rows"][number];

function QuotaEditor({ year, row }: { year: number; row: Row }) {
  const { t } = useTranslation("planning");
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "quota-form",
    lastResult: actionData?.result,
    constraint: getZodConstraint(quotaSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: quotaSchema }),
    shouldRevalidate: "onBlur",
    defaultValue: { staffQuota: row.set === null ? "" : String(row.set), note: row.note ?? "" },
  });
  return (
    <section className="card space-y-3" aria-labelledby="quota-editor">
      <h2 id="quota-editor" className="font-semibold">{t("quota.editTitle", { hospital: row.name, year })}</h2>
      <p className="text-sm text-slate-600">{t("quota.editHelp", { guide: row.guide, beds: row.beds })}</p>
      <Form method="post" className="flex flex-wrap items-start gap-2" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="facilityId" value={row.facilityId} />
        <input type="hidden" name="year" value={year} />
        {row.version !== null ? <input type="hidden" name="version" value={row.version} /> : null}
        <Field
          className="w-44"
          field={fields.staffQuota}
          label={t("quota.staffQuota")}
          description={t("quota.staffQuotaHint")}
          inputProps={{ ...getInputProps(fields.staffQuota, { type: "text" }), inputMode: "numeric" }}
        />
        <Field className="min-w-0 flex-1" field={fields.note} label={t("quota.note")} inputProps={getInputProps(fields.note, { type: "text" })} />
        <button type="submit" className="btn mt-6">{t("quota.save")}</button>
        <Link to={`?year=${year}`} className="btn-secondary mt-6">{t("common:cancel")}</Link>
      </Form>
    </section>
  );
}
