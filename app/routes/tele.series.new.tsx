import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SeriesForm } from "~/components/tele/series-form";
import { getDb } from "~/db/client.server";
import { getLocale } from "~/i18n/locale.server";
import { requireCapability } from "~/models/auth/session.server";
import { idFilter } from "~/models/fields";
import { linkedSpokes, listChapters, managedHubs } from "~/models/tele/links.server";
import { seriesSchema } from "~/models/tele/links-schemas";
import { createSeries } from "~/models/tele/series.server";
import { todayInVietnam } from "~/utils/domain-response.server";
import { parseForm, replyInvalid, replyWithDomainError } from "~/utils/form.server";
import { forbidden } from "~/utils/http.server";
import { localizedTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "tele:links.series.newSeries");

/** /tele/series/new?hub=ID: the hub decides the spokes offered (those linked to it now). */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireCapability(request, "telehealth.manage");
  const locale = await getLocale(request);
  const requested = idFilter.parse(new URL(request.url).searchParams.get("hub") ?? undefined) ?? null;
  const db = getDb();
  const hubs = managedHubs(db, actor, locale);
  const hub = hubs.find((h) => h.id === requested) ?? hubs[0];
  if (!hub) throw forbidden("tele:links.create.noHub");
  const today = todayInVietnam();
  return json({ hubs, hubId: hub.id, spokes: linkedSpokes(db, hub.id, today, locale), chapters: listChapters(db), today });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireCapability(request, "telehealth.manage");
  const submission = await parseForm(request, seriesSchema);
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    const series = createSeries(getDb(), actor, submission.value, todayInVietnam());
    return redirect(`/tele/series/${series.id}`);
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
}

export default function NewSeriesPage() {
  const { hubs, hubId, spokes, chapters, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("tele");
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <Link to="/tele" className="link text-sm">
        {t("links.detail.back")}
      </Link>
      <h1 className="page-title">{t("links.series.newSeries")}</h1>
      <SeriesForm
        key={hubId}
        hubs={hubs}
        spokes={spokes}
        chapters={chapters}
        defaults={{ hubFacilityId: hubId, startOn: today }}
        lastResult={actionData?.result}
        submitLabel={t("links.series.submit")}
      />
    </div>
  );
}
