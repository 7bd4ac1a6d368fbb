// One person's credit-hour ledger: the five-year total against 120 hours, the entries, and a
// form for recognised activities other than courses (with evidence).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { CreditStandingBadge } from "~/components/courses/credit-bits";
import { FieldError, FormErrors } from "~/components/form";
import { Pagination } from "~/components/pagination";
import { getDb } from "~/db/client.server";
import { formatDate, formatNumber } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { requireActor } from "~/models/auth/session.server";
import { addCreditEntry, getCreditLedger } from "~/models/credits/credits.server";
import { creditEntrySchema, MANUAL_CREDIT_KINDS } from "~/models/credits/schemas";
import { replyInvalid, replyWithDomainError, parseForm } from "~/utils/form.server";
import { notFound, requireId } from "~/utils/http.server";
import { pageFromUrl } from "~/utils/pagination";
import { DateField } from "~/components/date-field";
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
        {entries.rows.length === 0 ? (
          <p className="p-4 text-sm text-slate-600">{t("credits.noEntries")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("credits.activityOn")}</th>
                  <th scope="col">{t("credits.kind")}</th>
                  <th scope="col">{t("credits.activity")}</th>
                  <th scope="col" className="text-right">{t("credits.hours")}</th>
                  <th scope="col" className="hidden sm:table-cell">{t("credits.evidence")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {entries.rows.map((e) => {
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
                })}
              </tbody>
            </table>
          </div>
        )}
        <div className="px-4 pb-3">
          <Pagination page={entries.page} pageCount={entries.pageCount} total={entries.total} />
        </div>
      </section>

      {ledger.canAdd ? (
        <Form method="post" {...getFormProps(form)} className="card grid gap-3 sm:grid-cols-2">
          <h2 className="font-semibold sm:col-span-2">{t("credits.addTitle")}</h2>
          <div className="sm:col-span-2"><FormErrors errors={form.errors} /></div>
          <div>
            <label className="label" htmlFor={fields.kind.id}>{t("credits.kind")}</label>
            <select {...getSelectProps(fields.kind)} className="input">
              {MANUAL_CREDIT_KINDS.map((k) => (
                <option key={k} value={k}>{te(`creditKind.${k}`)}</option>
              ))}
            </select>
            <FieldError errors={fields.kind.errors} />
          </div>
          <div>
            <label className="label" htmlFor={fields.activityOn.id}>{t("credits.activityOn")}</label>
            <DateField {...getInputProps(fields.activityOn, { type: "text" })} />
            <FieldError errors={fields.activityOn.errors} />
          </div>
          <div className="sm:col-span-2">
            <label className="label" htmlFor={fields.title.id}>{t("credits.activity")}</label>
            <input {...getInputProps(fields.title, { type: "text" })} className="input" />
            <FieldError errors={fields.title.errors} />
          </div>
          <div>
            <label className="label" htmlFor={fields.hours.id}>{t("credits.hours")}</label>
            <input {...getInputProps(fields.hours, { type: "number" })} min={0.5} step="0.5" className="input" />
            <FieldError errors={fields.hours.errors} />
          </div>
          <div>
            <label className="label" htmlFor={fields.evidence.id}>{t("credits.evidence")}</label>
            <input {...getInputProps(fields.evidence, { type: "text" })} placeholder={t("credits.evidenceHelp")} className="input" />
            <FieldError errors={fields.evidence.errors} />
          </div>
          <div className="sm:col-span-2">
            <button type="submit" className="btn">{t("credits.add")}</button>
          </div>
        </Form>
      ) : null}
    </div>
  );
}
