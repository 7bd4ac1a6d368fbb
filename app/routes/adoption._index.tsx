// A facility's technique ledger: what it performs now (cross-level marked), its dated entries,
// the form for one milestone and the list import.
import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/page-header";
import { FilterBar, FilterSelect } from "~/components/filter-bar";
import { Field, SelectField } from "~/components/fields";
import { FormErrors } from "~/components/form";
import { LevelBadge } from "~/components/level-badge";
import { Pagination } from "~/components/pagination";
import { getDb } from "~/db/client.server";
import { formatDate, formatNumber } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { addLedgerEntry, ledgerFacilityOptions, listLedgerEntries, resolveLedgerFacility } from "~/models/adoption/entries.server";
import { listFacilityTechniques } from "~/models/adoption/facility-techniques.server";
import { ledgerEventSchema } from "~/models/adoption/schemas";
import { requireActor } from "~/models/auth/session.server";
import { ADOPTION_EVENT_KINDS, ADOPTION_SOURCES } from "~/models/enums";
import { orRespond, todayInVietnam } from "~/utils/domain-response.server";
import { replyInvalid, replyWithDomainError, parseForm } from "~/utils/form.server";
import { forbidden } from "~/utils/http.server";
import { pageFromUrl } from "~/utils/pagination";
import { localizedTitle } from "~/utils/meta";
import { parsePositiveInt } from "~/utils/numbers";
import { getLocale } from "~/i18n/locale.server";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "adoption:ledger.title");

function requestedFacility(url: URL): number | null {
  return parsePositiveInt(url.searchParams.get("facility"));
}

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  const actor = await requireActor(request);
  const url = new URL(request.url);
  const db = getDb();
  return orRespond(() => {
    const facility = resolveLedgerFacility(db, actor, requestedFacility(url), locale);
    return json({
      facility,
      options: ledgerFacilityOptions(db, actor, locale),
      techniques: facility ? listFacilityTechniques(db, facility.id, { q: url.searchParams.get("q") ?? undefined, page: pageFromUrl(url) }) : null,
      entries: facility ? listLedgerEntries(db, actor, facility.id, pageFromUrl(url, 10, "epage")) : null,
      today: todayInVietnam(),
    });
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const url = new URL(request.url);
  const submission = await parseForm(request, ledgerEventSchema);
  if (submission.status !== "success") return replyInvalid(submission);
  const facilityId = requestedFacility(url) ?? actor.facilityId;
  if (!facilityId) throw forbidden();
  try {
    addLedgerEntry(getDb(), actor, facilityId, submission.value, todayInVietnam());
    return json({ result: submission.reply({ resetForm: true }), saved: true, stale: null });
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
}

export default function LedgerPage() {
  const { facility, options, techniques, entries, today } = useLoaderData<typeof loader>();
  const { t } = useTranslation("adoption");
  const { t: te } = useTranslation("enums");
  const locale = useLocale();
  return (
    <div className="space-y-4">
      <PageHeader title={facility ? `${t("ledger.title")} – ${facility.name}` : t("ledger.title")} intro={t("ledger.intro")}>
        <Link to="/adoption/requests" className="btn-secondary">
          {t("ledger.requests")}
        </Link>
      </PageHeader>
      {options.length > 0 ? (
        <FilterBar>
          <FilterSelect
            name="facility"
            label={t("common:facility")}
            defaultValue={facility ? String(facility.id) : undefined}
            options={options.map((o) => ({ value: String(o.id), label: o.name }))}
          />
        </FilterBar>
      ) : null}
      {!facility || !techniques || !entries ? (
        <p className="card text-slate-600">{t("ledger.chooseFacility")}</p>
      ) : (
        <>
          <section className="card p-0">
            <div className="flex flex-wrap items-center justify-between gap-2 px-4 pt-4">
              <p className="font-medium">
                {t("ledger.performed", {
                  count: formatNumber(techniques.performedTotal, locale) as unknown as number,
                  cross: formatNumber(techniques.crossLevelTotal, locale),
                })}
              </p>
              <Form method="get" className="flex gap-2">
                <input type="hidden" name="facility" value={facility.id} />
                <input className="input" type="search" name="q" aria-label={t("ledger.search")} placeholder={t("ledger.search")} />
              </Form>
            </div>
            {techniques.rows.length === 0 ? (
              <p className="p-4 text-slate-600">{t("ledger.empty")}</p>
            ) : (
              <div className="overflow-x-auto">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">{t("reports:drill.code")}</th>
                      <th scope="col">{t("reports:drill.technique")}</th>
                      <th scope="col">{t("reports:drill.minLevel")}</th>
                      <th scope="col">{t("reports:drill.startedOn")}</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {techniques.rows.map((r) => (
                      <tr key={r.techniqueId}>
                        <td className="font-mono text-xs">{r.code}</td>
                        <td>
                          {r.name}{" "}
                          {r.crossLevel ? <span className="badge bg-teal-100 text-teal-800">{t("ledger.crossLevel")}</span> : null}
                        </td>
                        <td><LevelBadge level={r.minLevel} /></td>
                        <td className="whitespace-nowrap">{formatDate(r.startedOn, locale)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <Pagination page={techniques.page} pageCount={techniques.pageCount} total={techniques.total} />

          <div className="grid gap-4 lg:grid-cols-2">
            <section className="card p-0">
              <h2 className="px-4 pt-4 text-lg font-semibold">{t("ledger.recentEvents")}</h2>
              <ul className="divide-y divide-slate-100">
                {entries.rows.map((e) => (
                  <li key={e.id} className="px-4 py-2 text-sm">
                    <span className="tabular-nums">{formatDate(e.eventOn, locale)}</span> · <strong>{te(`adoptionEventKind.${e.kind}`)}</strong> ·{" "}
                    <span className="font-mono text-xs">{e.techniqueCode}</span> {e.techniqueName}
                    {e.decisionNumber ? ` · ${e.decisionNumber}` : ""}
                    {e.source ? ` · ${te(`adoptionSource.${e.source}`)}` : ""}
                    {e.acceptance ? (
                      <span className="block text-xs text-slate-600" data-testid="event-acceptance">
                        {t("ledger.fromAgreement")}{" "}
                        <Link to={`/agreements/${e.acceptance.agreementId}`} className="link">{e.acceptance.agreementNumber}</Link> ·{" "}
                        <Link to={`/agreements/${e.acceptance.agreementId}/items/${e.acceptance.itemId}`} className="link">{t("ledger.planLine")}</Link> ·{" "}
                        <Link to={`/agreements/${e.acceptance.agreementId}/items/${e.acceptance.itemId}#acceptance`} className="link">
                          {t("ledger.acceptanceRecord", { minutes: e.acceptance.minutes ?? "" })}
                        </Link>
                      </span>
                    ) : null}
                  </li>
                ))}
              </ul>
              <div className="px-4 pb-3">
                <Pagination page={entries.page} pageCount={entries.pageCount} total={entries.total} param="epage" />
              </div>
            </section>
            {facility.canManage || facility.canImport ? (
              <div className="space-y-4">
                {facility.canManage ? <EventForm today={today} /> : null}
                {facility.canImport ? (
                  <Form method="post" action="/adoption/import" encType="multipart/form-data" className="card space-y-3">
                    <h2 className="text-lg font-semibold">{t("ledger.import")}</h2>
                    <p className="text-sm text-slate-600">{t("ledger.importHelp")}</p>
                    <input type="hidden" name="facilityId" value={facility.id} />
                    <label className="label" htmlFor="ledger-file">
                      {t("ledger.file")}
                    </label>
                    <input id="ledger-file" className="input" type="file" name="file" accept=".csv,.xlsx" required />
                    <button type="submit" className="btn">
                      {t("ledger.importButton")}
                    </button>
                  </Form>
                ) : null}
              </div>
            ) : null}
          </div>
        </>
      )}
    </div>
  );
}

function EventForm({ today }: { today: string }) {
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("adoption");
  const { t: te } = useTranslation("enums");
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(ledgerEventSchema),
    shouldValidate: "onBlur",
    defaultValue: { kind: "started", eventOn: today, source: "in_house" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ledgerEventSchema }),
  });
  return (
    <Form method="post" className="card space-y-3" {...getFormProps(form)}>
      <h2 className="text-lg font-semibold">{t("ledger.addEvent")}</h2>
      {actionData && "saved" in actionData && actionData.saved ? (
        <p role="status" className="text-emerald-800">
          {t("ledger.saved")}
        </p>
      ) : null}
      <FormErrors errors={form.errors} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field
          field={fields.techniqueCode}
          label={t("ledger.technique")}
          inputProps={{ ...getInputProps(fields.techniqueCode, { type: "text" }), className: "input font-mono", placeholder: "10.367" }}
        />
        <SelectField field={fields.kind} label={t("ledger.kind")} selectProps={getSelectProps(fields.kind)}>
          {ADOPTION_EVENT_KINDS.map((k) => (
            <option key={k} value={k}>{te(`adoptionEventKind.${k}`)}</option>
          ))}
        </SelectField>
        <Field field={fields.eventOn} label={t("ledger.eventOn")} inputProps={{ ...getInputProps(fields.eventOn, { type: "date" }), max: today }} />
        <SelectField field={fields.source} label={t("ledger.source")} selectProps={getSelectProps(fields.source)}>
          {ADOPTION_SOURCES.map((s) => (
            <option key={s} value={s}>{te(`adoptionSource.${s}`)}</option>
          ))}
        </SelectField>
        <Field className="sm:col-span-2" field={fields.note} label={t("common:note")} inputProps={getInputProps(fields.note, { type: "text" })} />
      </div>
      <button type="submit" className="btn">{t("common:save")}</button>
    </Form>
  );
}
