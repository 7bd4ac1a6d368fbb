// The annual review minutes of an agreement for a year: the two drafts side by side, edited and
// saved as one of the agreement's meetings (its managers only), or the saved minutes once they
// exist; with the printable copy and the DOCX files. A year missing or out of range is a 400
// shown next to the year field.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AgreementCrumb } from "~/components/agreements/agreement-crumb";
import { MinutesForm, MinutesTexts } from "~/components/agreements/minutes-form";
import { Field } from "~/components/fields";
import { getDb } from "~/db/client.server";
import { formatDate } from "~/i18n/format";
import { getLocale } from "~/i18n/locale.server";
import { useLocale } from "~/i18n/use-locale";
import { getMinutesPage, saveMinutes } from "~/models/agreements/minutes.server";
import { minutesSaveSchema } from "~/models/agreements/schemas";
import { requireActor } from "~/models/auth/session.server";
import { orRespond, todayInVietnam } from "~/utils/domain-response.server";
import { parseForm, replyInvalid, replyWithDomainError } from "~/utils/form.server";
import { requireId } from "~/utils/http.server";
import { encodeMessage } from "~/utils/messages";
import { localizedTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data?.year ? localizedTitle(matches, "planning:minutes.pageTitle", { year: data.year }) : localizedTitle(matches, "planning:minutes.title");

/** Two texts of up to 50,000 characters each, percent-encoded: more than the default form limit. */
const MINUTES_FORM_BYTES = 2 * 1024 * 1024;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const id = requireId(params.id);
  const locale = await getLocale(request);
  const year = new URL(request.url).searchParams.get("year");
  const page = orRespond(() => getMinutesPage(getDb(), actor, id, year, todayInVietnam(), locale));
  const yearError = page.yearError ? encodeMessage(page.yearError.key, page.yearError.params) : null;
  return json({ ...page, yearError, askedYear: year ?? "" }, { status: yearError ? 400 : 200 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const id = requireId(params.id);
  const submission = await parseForm(request, minutesSaveSchema, { maxBytes: MINUTES_FORM_BYTES });
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    saveMinutes(getDb(), actor, id, submission.value, todayInVietnam());
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
  return redirect(`/agreements/${id}`);
}

export default function MinutesPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("planning");
  const { t: ta } = useTranslation("agreements");
  const locale = useLocale();
  const { agreement, range, year, minutes } = data;
  const base = `/agreements/${agreement.id}/minutes`;
  return (
    <div className="space-y-4">
      <AgreementCrumb agreement={agreement} />
      <h1 className="page-title">{year ? t("minutes.pageTitle", { year }) : t("minutes.title")}</h1>
      <p className="text-sm text-slate-600">{t("minutes.intro")}</p>
      <Form method="get" className="card flex flex-wrap items-end gap-3" data-testid="minutes-year">
        <Field
          field={{ id: "minutes-year", errors: data.yearError ? [data.yearError] : undefined }}
          label={t("minutes.year")}
          description={t("minutes.yearHint", range)}
          inputProps={{ name: "year", type: "number", min: range.from, max: range.to, step: 1, defaultValue: year ?? data.askedYear, className: "input w-32" }}
        />
        <button type="submit" className="btn-secondary">
          {t("minutes.show")}
        </button>
      </Form>
      {year && minutes ? (
        <>
          <nav className="flex flex-wrap gap-2" aria-label={ta("detail.print")}>
            <Link className="btn-secondary" to={`${base}/print?year=${year}&lang=both`}>
              {t("minutes.printBoth")}
            </Link>
            <Link className="btn-secondary" to={`${base}/print?year=${year}&lang=vi`}>
              {ta("detail.print")} ({t("minutes.vietnamese")})
            </Link>
            <Link className="btn-secondary" to={`${base}/print?year=${year}&lang=en`}>
              {ta("detail.print")} ({t("minutes.english")})
            </Link>
            <a className="btn-secondary" href={`${base}.docx?year=${year}&lang=vi`} download data-testid="minutes-docx-vi">
              {t("minutes.downloadVi")}
            </a>
            <a className="btn-secondary" href={`${base}.docx?year=${year}&lang=en`} download data-testid="minutes-docx-en">
              {t("minutes.downloadEn")}
            </a>
          </nav>
          {minutes.saved ? (
            <>
              <p className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900" data-testid="minutes-saved">
                {t("minutes.saved", { year, date: formatDate(minutes.saved.heldOn, locale) })}{" "}
                {data.canManage ? (
                  <Link className="link" to={`/agreements/${agreement.id}/meetings/${minutes.saved.id}/edit`}>
                    {t("minutes.editSaved")}
                  </Link>
                ) : null}
              </p>
              <MinutesTexts readOnly={{ vi: minutes.vi, en: minutes.en }} />
            </>
          ) : data.canManage ? (
            <>
              <p className="text-sm text-slate-600">{t("minutes.draftNote")}</p>
              <MinutesForm
                key={year}
                year={year}
                parties={data.parties}
                window={minutes.window}
                lastResult={actionData?.result}
                defaultValue={{ ...minutes.defaults, minutesVi: minutes.vi, minutesEn: minutes.en }}
              />
            </>
          ) : (
            <>
              <p className="text-sm text-slate-600">
                {t("minutes.draftNote")} {t("minutes.readOnly")}
              </p>
              <MinutesTexts readOnly={{ vi: minutes.vi, en: minutes.en }} />
            </>
          )}
        </>
      ) : null}
    </div>
  );
}
