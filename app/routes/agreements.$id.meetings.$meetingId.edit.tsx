// Correcting a meeting record with the add form's schema and rules; a stale form gets 409 and
// the fields someone else changed, with what is stored now.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AgreementCrumb } from "~/components/agreements/agreement-crumb";
import { MEETING_FIELD_LABELS, MeetingForm } from "~/components/agreements/meeting-form";
import { getDb } from "~/db/client.server";
import { formatDate } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { getLocale } from "~/i18n/locale.server";
import { requireActor } from "~/models/auth/session.server";
import { getMeetingForEdit, updateMeeting } from "~/models/agreements/meetings.server";
import { meetingEditSchema } from "~/models/agreements/schemas";
import { orRespond } from "~/utils/domain-response.server";
import { replyInvalid, replyWithDomainError, parseForm } from "~/utils/form.server";
import { requireId } from "~/utils/http.server";
import { localizedTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "agreements:meeting.editTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const id = requireId(params.id);
  const meetingId = requireId(params.meetingId);
  const locale = await getLocale(request);
  return json(orRespond(() => getMeetingForEdit(getDb(), actor, id, meetingId, locale)));
}

/** The minutes' two texts may reach 50,000 characters each, percent-encoded: above the default form limit. */
const MEETING_FORM_BYTES = 2 * 1024 * 1024;

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const id = requireId(params.id);
  const meetingId = requireId(params.meetingId);
  const submission = await parseForm(request, meetingEditSchema, { maxBytes: MEETING_FORM_BYTES });
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    updateMeeting(getDb(), actor, id, meetingId, submission.value);
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
  return redirect(`/agreements/${id}`);
}

const DATE_FIELDS = new Set(["heldOn", "minutesSignedOn"]);

export default function EditMeetingPage() {
  const { agreement, meeting, parties } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("agreements");
  const { t: tc } = useTranslation("common");
  const locale = useLocale();
  const stale = actionData?.stale;
  const current = (stale?.current ?? {}) as Record<string, unknown>;
  const shown = (field: string) => {
    const value = current[field];
    if (value === null || value === undefined || value === "") return tc("none");
    if (field === "hostFacilityId") return parties.find((p) => p.facilityId === value)?.name ?? String(value);
    if (DATE_FIELDS.has(field)) return formatDate(String(value), locale);
    return String(value);
  };
  const text = (value: string | number | null) => (value === null ? "" : String(value));
  return (
    <div className="space-y-4">
      <AgreementCrumb agreement={agreement} />
      <h1 className="page-title">{t("meeting.editTitle")}</h1>
      <MeetingForm
        parties={parties}
        lastResult={actionData?.result}
        // After a stale-edit refusal the form carries the stored version: saving again is a
        // deliberate overwrite once the person has seen what changed.
        version={(current.version as number | undefined) ?? meeting.version}
        defaultValue={{
          title: meeting.title,
          heldOn: meeting.heldOn,
          hostFacilityId: text(meeting.hostFacilityId),
          participants: text(meeting.participants),
          decisions: text(meeting.decisions),
          minutesNumber: text(meeting.minutesNumber),
          minutesSignedOn: text(meeting.minutesSignedOn),
          minutesVi: text(meeting.minutesVi),
          minutesEn: text(meeting.minutesEn),
        }}
        submitLabel={t("meeting.save")}
        notice={
          stale && stale.changedFields.length > 0 ? (
            <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="stale-fields">
              <p>{t("meeting.staleIntro")}</p>
              <ul className="mt-1 list-disc pl-5">
                {stale.changedFields.map((f) => (
                  <li key={f}>
                    {MEETING_FIELD_LABELS[f] ? t(MEETING_FIELD_LABELS[f]) : f}: <strong className="whitespace-pre-line">{shown(f)}</strong>
                  </li>
                ))}
              </ul>
            </div>
          ) : null
        }
      />
    </div>
  );
}
