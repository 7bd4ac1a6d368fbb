// Skill-decay alerts: techniques accepted at a facility with no case for longer than the
// province's threshold, each with a one-click refresher (a rotation from the partner that handed
// it on, or a course for it); and, for the health department, the thresholds per chapter.
import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, SelectField } from "~/components/fields";
import { FormErrors } from "~/components/form";
import { PageHeader } from "~/components/page-header";
import { Pagination } from "~/components/pagination";
import { getDb } from "~/db/client.server";
import { formatDate } from "~/i18n/format";
import { getLocale } from "~/i18n/locale.server";
import { useLocale } from "~/i18n/use-locale";
import { hasCapability, readsEverything } from "~/models/access/policy";
import { requireActor, requireCapability } from "~/models/auth/session.server";
import { DEFAULT_DECAY_MONTHS, MAX_DECAY_MONTHS, MIN_DECAY_MONTHS } from "~/models/planning/decay";
import { listDecayAlerts, listThresholds, provinceOptions, setThreshold, thresholdProvince } from "~/models/planning/decay.server";
import { thresholdSchema } from "~/models/planning/schemas";
import { todayInVietnam } from "~/utils/domain-response.server";
import { parseForm, replyInvalid, replyWithDomainError } from "~/utils/form.server";
import { localizedTitle } from "~/utils/meta";
import { pageFromUrl } from "~/utils/pagination";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "planning:decay.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const locale = await getLocale(request);
  const url = new URL(request.url);
  const today = todayInVietnam();
  const db = getDb();
  // Administrators may narrow the list to a province; everyone else sees their own reach.
  const askedProvince = readsEverything(actor) ? url.searchParams.get("province") : null;
  const alerts = listDecayAlerts(db, actor, today, pageFromUrl(url, 50), locale, { provinceCode: askedProvince });
  const configures = hasCapability(actor, "planning.configure");
  const province = configures ? thresholdProvince(actor, url.searchParams.get("province")) : null;
  return json({
    alerts,
    settings: configures
      ? {
          province,
          provinces: readsEverything(actor) ? provinceOptions(db, locale) : null,
          thresholds: province ? listThresholds(db, province) : [],
        }
      : null,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireCapability(request, "planning.configure");
  const submission = await parseForm(request, thresholdSchema);
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    setThreshold(getDb(), actor, { ...submission.value, months: submission.value.months ?? null });
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
  return json({ result: submission.reply({ resetForm: true }), saved: true });
}

export default function DecayPage() {
  const { alerts, settings } = useLoaderData<typeof loader>();
  const { t } = useTranslation("planning");
  const locale = useLocale();
  return (
    <div className="space-y-4">
      <PageHeader title={t("decay.title")} intro={t("decay.intro", { months: DEFAULT_DECAY_MONTHS })} />
      <section className="card" data-testid="decay-alerts">
        <h2 className="mb-2 font-semibold">
          {t("decay.alerts")} <span className="badge bg-slate-100">{alerts.total}</span>
        </h2>
        {alerts.rows.length === 0 ? (
          <p className="text-sm text-slate-600">{t("decay.none")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="table">
              <thead>
                <tr>
                  <th>{t("decay.columns.facility")}</th>
                  <th>{t("decay.columns.technique")}</th>
                  <th>{t("decay.columns.partner")}</th>
                  <th>{t("decay.columns.accepted")}</th>
                  <th>{t("decay.columns.lastCase")}</th>
                  <th>{t("decay.columns.idle")}</th>
                  <th>{t("decay.columns.refresher")}</th>
                </tr>
              </thead>
              <tbody>
                {alerts.rows.map((a) => (
                  <tr key={`${a.facilityId}-${a.techniqueId}`} data-testid="decay-alert">
                    <td>{a.facilityName}</td>
                    <td>
                      <Link to={`/agreements/${a.agreementId}/items/${a.itemId}`} className="link">{a.techniqueCode}</Link> {a.techniqueName}
                    </td>
                    <td>
                      {a.fromName} · <Link to={`/agreements/${a.agreementId}`} className="link">{a.agreementNumber}</Link>
                    </td>
                    <td>{formatDate(a.acceptedOn, locale)}</td>
                    <td>{a.lastCaseOn ? formatDate(a.lastCaseOn, locale) : t("decay.noCase")}</td>
                    <td>{t("decay.idle", { count: a.monthsIdle, months: a.months })}</td>
                    <td className="space-y-1">
                      {a.rotationHref ? <Link to={a.rotationHref} className="btn-secondary block text-center">{t("decay.planRotation")}</Link> : null}
                      {a.courseHref ? <Link to={a.courseHref} className="btn-secondary block text-center">{t("decay.planCourse")}</Link> : null}
                      {!a.rotationHref && !a.courseHref ? <span className="text-xs text-slate-600">{t("decay.partnerPlans", { partner: a.fromName })}</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pagination page={alerts.page} pageCount={alerts.pageCount} total={alerts.total} />
      </section>
      {settings ? <ThresholdSettings settings={settings} /> : null}
    </div>
  );
}

type Settings = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["settings"]>;

function ThresholdSettings({ settings }: { settings: Settings }) {
  const { t } = useTranslation("planning");
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "decay-threshold",
    lastResult: navigation.state === "idle" ? actionData?.result : undefined,
    constraint: getZodConstraint(thresholdSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: thresholdSchema }),
    shouldRevalidate: "onBlur",
  });
  const own = settings.thresholds.filter((row) => row.months !== null);
  return (
    <section className="card space-y-3" data-testid="decay-thresholds">
      <h2 className="font-semibold">{t("decay.thresholds")}</h2>
      <p className="text-sm text-slate-600">{t("decay.thresholdsHelp", { months: DEFAULT_DECAY_MONTHS, min: MIN_DECAY_MONTHS, max: MAX_DECAY_MONTHS })}</p>
      {settings.provinces ? (
        <Form method="get" className="flex flex-wrap items-end gap-2">
          <SelectField field={{ id: "province-pick" }} label={t("decay.province")} selectProps={{ name: "province", defaultValue: settings.province ?? "" }}>
            <option value="">{t("decay.chooseProvince")}</option>
            {settings.provinces.map((p) => (
              <option key={p.code} value={p.code}>{p.name}</option>
            ))}
          </SelectField>
          <button type="submit" className="btn-secondary">{t("reports:dashboard.show")}</button>
        </Form>
      ) : null}
      {settings.province ? (
        <>
          {own.length === 0 ? (
            <p className="text-sm text-slate-600">{t("decay.allDefault", { months: DEFAULT_DECAY_MONTHS })}</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm" data-testid="decay-own-thresholds">
              {own.map((row) => (
                <li key={row.chapterNumber} className="py-1">
                  {row.chapterRoman}. {row.chapterName}: <strong>{t("decay.monthsValue", { count: row.months ?? 0 })}</strong>
                </li>
              ))}
            </ul>
          )}
          <Form method="post" className="flex flex-wrap items-start gap-2" {...getFormProps(form)}>
            <FormErrors id={form.errorId} errors={form.errors} />
            <input type="hidden" name="provinceCode" value={settings.province} />
            <SelectField className="min-w-0 flex-1" field={fields.chapterNumber} label={t("courses:fields.chapter")} selectProps={getSelectProps(fields.chapterNumber)}>
              <option value="">{t("decay.chooseChapter")}</option>
              {settings.thresholds.map((row) => (
                <option key={row.chapterNumber} value={row.chapterNumber}>
                  {row.chapterRoman}. {row.chapterName}
                  {row.months !== null ? ` (${t("decay.monthsValue", { count: row.months })})` : ""}
                </option>
              ))}
            </SelectField>
            <Field
              className="w-40"
              field={fields.months}
              label={t("decay.months")}
              description={t("decay.monthsHint")}
              inputProps={{ ...getInputProps(fields.months, { type: "number" }), min: undefined, max: undefined, inputMode: "numeric" }}
            />
            <button type="submit" className="btn mt-6">{t("decay.save")}</button>
          </Form>
          {actionData && "saved" in actionData && actionData.saved ? <p className="text-sm text-emerald-800" role="status">{t("decay.saved")}</p> : null}
        </>
      ) : null}
    </section>
  );
}
