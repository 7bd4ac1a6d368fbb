import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SeriesForm } from "~/components/tele/series-form";
import { getDb } from "~/db/client.server";
import { getLocale } from "~/i18n/locale.server";
import { requireCapability } from "~/models/auth/session.server";
import { linkedSpokes, listChapters } from "~/models/tele/links.server";
import { seriesSchema } from "~/models/tele/links-schemas";
import { getSeries, updateSeries } from "~/models/tele/series.server";
import { todayInVietnam } from "~/utils/domain-response.server";
import { parseForm, replyInvalid, replyWithDomainError } from "~/utils/form.server";
import { forbidden, notFound, requireId } from "~/utils/http.server";
import { localizedTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "tele:links.series.editTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireCapability(request, "telehealth.manage");
  const locale = await getLocale(request);
  const id = requireId(params.id);
  const db = getDb();
  const series = getSeries(db, actor, id, locale);
  if (!series) throw notFound();
  if (!series.canChange) throw forbidden();
  const today = todayInVietnam();
  // Spokes linked now, and those already invited (a link may have ended since).
  const linked = linkedSpokes(db, series.hubFacilityId, today, locale);
  const spokes = [...linked, ...series.spokes.filter((s) => !linked.some((l) => l.id === s.id))];
  return json({ series, spokes, chapters: listChapters(db) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireCapability(request, "telehealth.manage");
  const id = requireId(params.id);
  const submission = await parseForm(request, seriesSchema);
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    // A form without its version cannot be checked against the record: treated as stale.
    updateSeries(getDb(), actor, id, { ...submission.value, version: submission.value.version ?? -1 }, todayInVietnam());
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
  return redirect(`/tele/series/${id}`);
}

export default function EditSeriesPage() {
  const { series, spokes, chapters } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("tele");
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <Link to={`/tele/series/${series.id}`} className="link text-sm">
        {series.title}
      </Link>
      <h1 className="page-title">{t("links.series.editTitle")}</h1>
      <SeriesForm
        hubs={[{ id: series.hubFacilityId, name: series.hubName }]}
        spokes={spokes}
        chapters={chapters}
        defaults={{ ...series, spokeFacilityIds: series.spokes.map((s) => s.id) }}
        lastResult={actionData?.result}
        submitLabel={t("links.series.submit")}
      />
    </div>
  );
}
