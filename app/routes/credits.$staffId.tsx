// One person's credit-hour ledger: the five-year total against 120 hours, the entries, and a
// form for recognised activities other than courses (with evidence).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { CreditStandingBadge } from "~/components/courses/credit-bits";
import { CardPager, RowsTable } from "~/components/courses/rows-table";
import { Field, SelectField } from "~/components/fields";
import { FormErrors } from "~/components/form";
import { getDb } from "~/db/client.server";
import { formatDate, formatNumber } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { requireActor } from "~/models/auth/session.server";
import { addCreditEntry, getCreditLedger } from "~/models/credits/credits.server";
import { creditEntrySchema, MANUAL_CREDIT_KINDS } from "~/models/credits/schemas";
import { replyInvalid, replyWithDomainError, parseForm } from "~/utils/form.server";
import { notFound, requireId } from "~/utils/http.server";
import { pageFromUrl } from "~/utils/pagination";
import { todayInVietnam } from "~/utils/domain-response.server";
import { getLocale } from "~/i18n/locale.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.ledger.person.fullName ?? ""} – CGKT` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const ledger = getCreditLedger(getDb(), actor, requireId(params.staffId), todayInVietnam(), pageFromUrl(new URL(request.url)), await getLocale(request));
  if (!ledger) throw notFound();
  return json({ ledger });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const submission = await parseForm(request, creditEntrySchema);
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    addCreditEntry(getDb(), actor, requireId(params.staffId), submission.value, todayInVietnam());
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
  return json({ result: submission.reply({ resetForm: true }), stale: null });
}

export default function CreditLedgerPage() {
  const { ledger } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("courses");
  const { t: te } = useTranslation("enums");
  const locale = useLocale();
  const [form, fields] = useForm({
    id: "credit-entry",
    lastResult: actionData?.result,
    constraint: getZodConstraint(creditEntrySchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: creditEntrySchema }),
    defaultValue: { kind: "conference" },
  });
  const { person, totals, window, expiringRange, required, entries } = ledger;
  const share = Math.min(1, totals.total / required);
  return (
    <div className="space-y-4">
      <header>
        <Link to="/credits" className="link text-sm">← {t("credits.facilityTitle")}</Link>
        <h1 className="page-title mt-1">{t("credits.ledgerTitle", { name: person.fullName })}</h1>
        <p className="text-sm text-slate-600">{person.facilityName} · {te(`cadre.${person.cadre}`)}</p>
      </header>
      <section className="card space-y-2" aria-label={t("credits.total")}>
        <div className="flex flex-wrap items-baseline gap-3">
          <p className="text-3xl font-semibold text-teal-800" data-testid="credit-total">{formatNumber(totals.total, locale, 1)}</p>
          <p className="text-slate-600">{t("credits.ofRequired", { required })}</p>
          <CreditStandingBadge standing={totals.standing} />
        </div>
        <div className="h-2 w-full rounded bg-slate-200" aria-hidden>
          <div className="h-2 rounded bg-teal-600" style={{ width: `${Math.round(share * 100)}%` }} />
        </div>
        <p className="text-sm text-slate-600">{t("credits.window", { start: formatDate(window.start, locale), end: formatDate(window.end, locale) })}</p>
        {totals.shortfall > 0 ? <p className="text-sm">{t("credits.shortfall", { hours: formatNumber(totals.shortfall, locale, 1) })}</p> : null}
        {totals.expiring > 0 ? (
          <p className="text-sm">{t("credits.expiringNote", { hours: formatNumber(totals.expiring, locale, 1), end: formatDate(expiringRange.end, locale) })}</p>
        ) : null}
      </section>

      <section className="card p-0" aria-labelledby="entries-title">
        <h2 id="entries-title" className="px-4 pt-3 font-semibold">{t("credits.entries")}</h2>
        <RowsTable
          rows={entries.rows}
          empty={t("credits.noEntries")}
          columns={[
            { label: t("credits.activityOn") },
            { label: t("credits.kind") },
            { label: t("credits.activity") },
            { label: t("credits.hours"), className: "text-right" },
            { label: t("credits.evidence"), className: "hidden sm:table-cell" },
          ]}
        >
          {(e) => {
            const counted = e.activityOn >= window.start && e.activityOn <= window.end;
            return (
              <tr key={e.id} className={counted ? "" : "text-slate-400"}>
                <td className="whitespace-nowrap">{formatDate(e.activityOn, locale)}</td>
                <td>{te(`creditKind.${e.kind}`)}</td>
                <td>{e.title}</td>
                <td className="text-right tabular-nums">{formatNumber(e.hours, locale, 1)}</td>
                <td className="hidden sm:table-cell">
                  {e.kind === "course" && e.evidence ? (
                    <Link to={`/certificates/${encodeURIComponent(e.evidence)}`} className="link">{e.evidence}</Link>
                  ) : (
                    e.evidence
                  )}
                  {!counted ? <span className="block text-xs">{t("credits.outsideWindow")}</span> : null}
                </td>
              </tr>
            );
          }}
        </RowsTable>
        <CardPager page={entries} />
      </section>

      {ledger.canAdd ? (
        <Form method="post" {...getFormProps(form)} className="card grid gap-3 sm:grid-cols-2">
          <h2 className="font-semibold sm:col-span-2">{t("credits.addTitle")}</h2>
          <div className="sm:col-span-2"><FormErrors errors={form.errors} /></div>
          <SelectField field={fields.kind} label={t("credits.kind")} selectProps={getSelectProps(fields.kind)}>
            {MANUAL_CREDIT_KINDS.map((k) => (
              <option key={k} value={k}>{te(`creditKind.${k}`)}</option>
            ))}
          </SelectField>
          <Field field={fields.activityOn} label={t("credits.activityOn")} inputProps={getInputProps(fields.activityOn, { type: "date" })} />
          <Field className="sm:col-span-2" field={fields.title} label={t("credits.activity")} inputProps={getInputProps(fields.title, { type: "text" })} />
          <Field field={fields.hours} label={t("credits.hours")} inputProps={{ ...getInputProps(fields.hours, { type: "number" }), min: 0.5, step: "0.5" }} />
          <Field
            field={fields.evidence}
            label={t("credits.evidence")}
            inputProps={{ ...getInputProps(fields.evidence, { type: "text" }), placeholder: t("credits.evidenceHelp") }}
          />
          <div className="sm:col-span-2">
            <button type="submit" className="btn">{t("credits.add")}</button>
          </div>
        </Form>
      ) : null}
    </div>
  );
}
