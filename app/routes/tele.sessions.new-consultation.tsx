import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageBackLink } from "~/components/back-link";
import { ConsultationForm } from "~/components/tele/session-form";
import { localizedTitle } from "~/utils/meta";
import { newSessionAction, newSessionLoader } from "~/utils/tele-session.server";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "tele:sessions.form.newConsultationTitle");

export const loader = ({ request }: LoaderFunctionArgs) => newSessionLoader(request, "consultation");

export const action = ({ request }: ActionFunctionArgs) => newSessionAction(request, "consultation");

export default function NewConsultationPage() {
  const { options, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("tele");
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <PageBackLink to="/tele/sessions">{t("sessions.page.back")}</PageBackLink>
      <h1 className="page-title">{t("sessions.form.newConsultationTitle")}</h1>
      {options.hubs.length === 0 ? <p className="text-sm text-slate-600">{t("sessions.form.noLinks")}</p> : null}
      <ConsultationForm options={options} defaults={defaults} lastResult={actionData?.result} submitLabel={t("sessions.form.create")} />
    </div>
  );
}
