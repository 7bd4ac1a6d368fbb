import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { parseWithZod } from "@conform-to/zod";
import { PageBackLink } from "~/components/back-link";
import { OfflineEntry } from "~/components/offline/offline-entry";
import { consultationSchema } from "~/models/tele/sessions-schemas";
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
      {/* Entered without a connection, it waits in the outbox; a form the schema refuses stays here with its errors. */}
      <OfflineEntry form="tele_consultation" title={(data) => String(data.get("title") ?? "")} validate={(data) => parseWithZod(data, { schema: consultationSchema }).status === "success"}>
        <ConsultationForm options={options} defaults={defaults} lastResult={actionData?.result} submitLabel={t("sessions.form.create")} />
      </OfflineEntry>
    </div>
  );
}
