import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConfirmButton } from "~/components/confirm-button";
import { Fact } from "~/components/fact";
import { FormErrors } from "~/components/form";
import { getDb } from "~/db/client.server";
import { formatDate } from "~/i18n/format";
import { getLocale } from "~/i18n/locale.server";
import { useLocale } from "~/i18n/use-locale";
import { requireActor } from "~/models/auth/session.server";
import { seriesDeleteSchema } from "~/models/tele/links-schemas";
import { deleteSeries, getSeries, upcomingOccurrences } from "~/models/tele/series.server";
import { todayInVietnam } from "~/utils/domain-response.server";
import { parseForm, replyInvalid, replyWithDomainError } from "~/utils/form.server";
import { notFound, requireId } from "~/utils/http.server";
import { localizedTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "tele:links.series.section");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const id = requireId(params.id);
  const series = getSeries(getDb(), actor, id, await getLocale(request));
  if (!series) throw notFound();
  return json({ series, upcoming: upcomingOccurrences(series, todayInVietnam(), 10) });
}

/** Deletes the schedule (only one without sessions; 409 otherwise). */
export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const id = requireId(params.id);
  const submission = await parseForm(request, seriesDeleteSchema);
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    deleteSeries(getDb(), actor, id, submission.value.version);
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
  return redirect("/tele");
}

export default function SeriesPage() {
  const { series, upcoming } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("tele");
  const locale = useLocale();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <Link to={`/tele?hub=${series.hubFacilityId}`} className="link text-sm">
        {t("links.detail.back")}
      </Link>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="page-title">{series.title}</h1>
        <div className="flex flex-wrap gap-2">
          <a href={`/tele/series/${series.id}/calendar.ics`} className="btn-secondary" data-testid="series-calendar">
            {t("links.series.calendar")}
          </a>
          {series.canChange ? (
            <Link to={`/tele/series/${series.id}/edit`} className="btn-secondary">
              {t("links.series.edit")}
            </Link>
          ) : null}
        </div>
      </div>
      <dl className="card grid gap-3 sm:grid-cols-2">
        <Fact label={t("links.series.kind")}>{t(`sessions.kind.${series.kind}`)}</Fact>
        <Fact label={t("links.hub")}>{series.hubName}</Fact>
        <Fact label={t("links.chapter")}>
          {series.chapterNumber ? t("links.chapterOption", { number: series.chapterNumber, name: series.chapterName }) : t("links.anyChapter")}
        </Fact>
        <Fact label={t("links.series.weekday")}>
          {t("links.series.when", { weekday: t(`links.weekday.${series.weekday}`), time: series.startTime, minutes: series.durationMinutes })}
        </Fact>
        <Fact label={t("links.series.period")}>
          {formatDate(series.startOn, locale)} – {formatDate(series.endOn, locale)}
        </Fact>
        <Fact label={t("links.series.spokes")}>{series.spokes.map((s) => s.name).join(", ")}</Fact>
      </dl>
      <section className="card space-y-2">
        <h2 className="font-semibold">{t("links.series.upcoming")}</h2>
        {upcoming.length === 0 ? (
          <p className="text-sm text-slate-600">{t("links.series.noUpcoming")}</p>
        ) : (
          <ul className="grid gap-1 text-sm sm:grid-cols-2" data-testid="series-upcoming">
            {upcoming.map((d) => (
              <li key={d}>
                {t(`links.weekday.${series.weekday}`)} {formatDate(d, locale)}, {series.startTime}
              </li>
            ))}
          </ul>
        )}
      </section>
      {series.canChange ? (
        <Form method="post" className="card space-y-2">
          <FormErrors errors={actionData?.result?.error?.[""] ?? undefined} />
          <input type="hidden" name="version" value={series.version} />
          <p className="text-sm text-slate-600">{t("links.series.deleteHint")}</p>
          <ConfirmButton title={t("links.series.delete")} consequence={t("links.series.deleteHint")}>
            {t("links.series.delete")}
          </ConfirmButton>
        </Form>
      ) : null}
    </div>
  );
}
