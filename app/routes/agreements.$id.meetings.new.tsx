import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { FieldError, FormErrors } from "~/components/form";
import { getDb } from "~/db/client.server";
import { requireActor } from "~/models/auth/session.server";
import { addMeeting } from "~/models/agreements/meetings.server";
import { getAgreement } from "~/models/agreements/queries.server";
import { orRespond, todayInVietnam } from "~/utils/domain-response.server";
import { meetingSchema } from "~/models/agreements/schemas";
import { forbidden, requireId } from "~/utils/http.server";
import { replyInvalid, replyWithDomainError } from "~/utils/form.server";
import { localizedTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "agreements:meeting.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const id = requireId(params.id);
  const detail = orRespond(() => getAgreement(getDb(), actor, id, todayInVietnam()));
  if (!detail.canManage) throw forbidden();
  return json({ agreement: detail.agreement, parties: detail.parties });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const id = requireId(params.id);
  const submission = parseWithZod(await request.formData(), { schema: meetingSchema });
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
  const [form, fields] = useForm({
    id: "meeting",
    lastResult: actionData?.result,
    constraint: getZodConstraint(meetingSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: meetingSchema }),
  });
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-500">
        <Link to={`/agreements/${agreement.id}`} className="link">{agreement.number}</Link> · {agreement.title}
      </p>
      <h1 className="page-title">{t("meeting.title")}</h1>
      <Form method="post" {...getFormProps(form)} className="card grid gap-3 sm:grid-cols-2">
        <div className="sm:col-span-2"><FormErrors errors={form.errors} /></div>
        <div className="sm:col-span-2">
          <label className="label" htmlFor={fields.title.id}>{t("meeting.name")}</label>
          <input {...getInputProps(fields.title, { type: "text" })} className="input" />
          <FieldError errors={fields.title.errors} />
        </div>
        <div>
          <label className="label" htmlFor={fields.heldOn.id}>{t("meeting.heldOn")}</label>
          <input {...getInputProps(fields.heldOn, { type: "date" })} className="input" />
          <FieldError errors={fields.heldOn.errors} />
        </div>
        <div>
          <label className="label" htmlFor={fields.hostFacilityId.id}>{t("meeting.host")}</label>
          <select {...getSelectProps(fields.hostFacilityId)} className="input">
            <option value="">{t("meeting.noHost")}</option>
            {parties.map((p) => <option key={p.facilityId} value={p.facilityId}>{p.name}</option>)}
          </select>
          <FieldError errors={fields.hostFacilityId.errors} />
        </div>
        <div className="sm:col-span-2">
          <label className="label" htmlFor={fields.participants.id}>{t("meeting.participants")}</label>
          <textarea {...getTextareaProps(fields.participants)} rows={2} className="input" />
        </div>
        <div className="sm:col-span-2">
          <label className="label" htmlFor={fields.decisions.id}>{t("meeting.decisions")}</label>
          <textarea {...getTextareaProps(fields.decisions)} rows={4} className="input" />
        </div>
        <div>
          <label className="label" htmlFor={fields.minutesNumber.id}>{t("meeting.minutesNumber")}</label>
          <input {...getInputProps(fields.minutesNumber, { type: "text" })} className="input" />
        </div>
        <div>
          <label className="label" htmlFor={fields.minutesSignedOn.id}>{t("meeting.minutesSignedOn")}</label>
          <input {...getInputProps(fields.minutesSignedOn, { type: "date" })} className="input" />
          <FieldError errors={fields.minutesSignedOn.errors} />
        </div>
        <div><button type="submit" className="btn">{t("meeting.submit")}</button></div>
      </Form>
    </div>
  );
}
