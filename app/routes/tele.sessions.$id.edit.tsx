import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageBackLink } from "~/components/back-link";
import { ConsultationForm, TrainingForm } from "~/components/tele/session-form";
import { getDb } from "~/db/client.server";
import { getLocale } from "~/i18n/locale.server";
import { requireCapability } from "~/models/auth/session.server";
import { sessionFormDefaults, sessionFormOptions, updateSession } from "~/models/tele/sessions.server";
import { consultationSchema, trainingSchema } from "~/models/tele/sessions-schemas";
import { orRespond, todayInVietnam } from "~/utils/domain-response.server";
import { parseSubmission, readForm, replyInvalid, replyWithDomainError } from "~/utils/form.server";
import { notFound } from "~/utils/http.server";
import { localizedTitle } from "~/utils/meta";
import { parsePositiveInt } from "~/utils/numbers";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "tele:sessions.form.editTitle");

function sessionId(params: { id?: string }): number {
  const id = parsePositiveInt(params.id ?? null);
  if (id === null) throw notFound();
  return id;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  const actor = await requireCapability(request, "telehealth.manage");
  const id = sessionId(params);
  const db = getDb();
  const { kind, values } = orRespond(() => sessionFormDefaults(db, actor, id));
  return json({ id, kind, defaults: values, options: sessionFormOptions(db, actor, locale) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireCapability(request, "telehealth.manage");
  const id = sessionId(params);
  const db = getDb();
  const { kind } = orRespond(() => sessionFormDefaults(db, actor, id));
  const form = await readForm(request);
  const submission = kind === "consultation" ? parseSubmission(form, consultationSchema) : parseSubmission(form, trainingSchema);
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    updateSession(db, actor, id, submission.value, { today: todayInVietnam() });
    return redirect(`/tele/sessions/${id}`);
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
}

export default function EditSessionPage() {
  const { id, kind, defaults, options } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("tele");
  const Form = kind === "consultation" ? ConsultationForm : TrainingForm;
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <PageBackLink to={`/tele/sessions/${id}`}>{t("sessions.page.title")}</PageBackLink>
      <h1 className="page-title">{t("sessions.form.editTitle")}</h1>
      <Form options={options} defaults={defaults} lastResult={actionData?.result} submitLabel={t("sessions.form.save")} />
    </div>
  );
}
