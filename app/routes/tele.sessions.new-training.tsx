import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TrainingForm, SessionBackLink } from "~/components/tele/session-form";
import { getDb } from "~/db/client.server";
import { getLocale } from "~/i18n/locale.server";
import { requireCapability } from "~/models/auth/session.server";
import { recordTraining, sessionFormOptions } from "~/models/tele/sessions.server";
import { trainingSchema } from "~/models/tele/sessions-schemas";
import { orRespond, todayInVietnam } from "~/utils/domain-response.server";
import { parseForm, replyInvalid, replyWithDomainError } from "~/utils/form.server";
import { localizedTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "tele:sessions.form.newTrainingTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  const actor = await requireCapability(request, "telehealth.manage");
  const options = orRespond(() => sessionFormOptions(getDb(), actor, locale));
  const p = new URL(request.url).searchParams;
  // The key a retried submission of this form carries: the first record answers it.
  const defaults = {
    idempotencyKey: crypto.randomUUID(),
    heldOn: todayInVietnam(),
    durationMinutes: "90",
    seriesId: p.get("series") ?? undefined,
    hubFacilityId: p.get("hub") ?? (options.hubs.length === 1 ? String(options.hubs[0].value) : undefined),
    spokeFacilityIds: p.getAll("spoke"),
  };
  return json({ options, defaults });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireCapability(request, "telehealth.manage");
  const submission = await parseForm(request, trainingSchema);
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    const session = recordTraining(getDb(), actor, submission.value, { today: todayInVietnam() });
    return redirect(`/tele/sessions/${session.id}`);
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
}

export default function NewTrainingPage() {
  const { options, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("tele");
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <SessionBackLink to="/tele/sessions">{t("sessions.page.back")}</SessionBackLink>
      <h1 className="page-title">{t("sessions.form.newTrainingTitle")}</h1>
      {options.hubs.length === 0 ? <p className="text-sm text-slate-600">{t("sessions.form.noLinks")}</p> : null}
      <TrainingForm options={options} defaults={defaults} lastResult={actionData?.result} submitLabel={t("sessions.form.create")} />
    </div>
  );
}
