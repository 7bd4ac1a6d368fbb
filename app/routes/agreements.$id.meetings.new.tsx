import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AgreementCrumb } from "~/components/agreements/agreement-crumb";
import { requireManagedAgreement } from "~/utils/managed-agreement.server";
import { MeetingForm } from "~/components/agreements/meeting-form";
import { getDb } from "~/db/client.server";
import { requireActor } from "~/models/auth/session.server";
import { addMeeting } from "~/models/agreements/meetings.server";
import { meetingSchema } from "~/models/agreements/schemas";
import { requireId } from "~/utils/http.server";
import { replyInvalid, replyWithDomainError, parseForm } from "~/utils/form.server";
import { localizedTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "agreements:meeting.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const detail = await requireManagedAgreement(request, params.id);
  return json({ agreement: detail.agreement, parties: detail.parties });
}

/** The minutes' two texts may reach 50,000 characters each, percent-encoded: above the default form limit. */
const MEETING_FORM_BYTES = 2 * 1024 * 1024;

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const id = requireId(params.id);
  const submission = await parseForm(request, meetingSchema, { maxBytes: MEETING_FORM_BYTES });
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    addMeeting(getDb(), actor, id, submission.value);
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
  return redirect(`/agreements/${id}`);
}

export default function NewMeetingPage() {
  const { agreement, parties } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("agreements");
  return (
    <div className="space-y-4">
      <AgreementCrumb agreement={agreement} />
      <h1 className="page-title">{t("meeting.title")}</h1>
      <MeetingForm parties={parties} lastResult={actionData?.result} submitLabel={t("meeting.submit")} />
    </div>
  );
}
