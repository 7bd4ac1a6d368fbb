import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageBackLink } from "~/components/back-link";
import { TrainingForm } from "~/components/tele/session-form";
import { localizedTitle } from "~/utils/meta";
import { newSessionAction, newSessionLoader } from "~/utils/tele-session.server";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "tele:sessions.form.newTrainingTitle");

export const loader = ({ request }: LoaderFunctionArgs) => newSessionLoader(request, "training");

export const action = ({ request }: ActionFunctionArgs) => newSessionAction(request, "training");

export default function NewTrainingPage() {
  const { options, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("tele");
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <PageBackLink to="/tele/sessions">{t("sessions.page.back")}</PageBackLink>
      <h1 className="page-title">{t("sessions.form.newTrainingTitle")}</h1>
      {options.hubs.length === 0 ? <p className="text-sm text-slate-600">{t("sessions.form.noLinks")}</p> : null}
      <TrainingForm options={options} defaults={defaults} lastResult={actionData?.result} submitLabel={t("sessions.form.create")} />
    </div>
  );
}
