// The add / edit form of a meeting record, validated by the same zod rules as the action.
// When editing, `version` is the version the page was read at.
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { FieldError, FormErrors } from "~/components/form";
import { meetingEditSchema, meetingSchema } from "~/models/agreements/schemas";
import { DateField } from "~/components/date-field";

/** The label key of each field (also names the fields of a stale-edit notice). */
export const MEETING_FIELD_LABELS: Record<string, string> = {
  title: "meeting.name",
  heldOn: "meeting.heldOn",
  hostFacilityId: "meeting.host",
  participants: "meeting.participants",
  decisions: "meeting.decisions",
  minutesNumber: "meeting.minutesNumber",
  minutesSignedOn: "meeting.minutesSignedOn",
};

type Props = {
  parties: { facilityId: number; name: string }[];
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: Record<string, string>;
  version?: number;
  submitLabel: string;
  notice?: ReactNode;
};

export function MeetingForm({ parties, lastResult, defaultValue, version, submitLabel, notice }: Props) {
  const { t } = useTranslation("agreements");
  const schema = version === undefined ? meetingSchema : meetingEditSchema;
  const [form, fields] = useForm({
    id: version === undefined ? "meeting" : "meeting-edit",
    lastResult,
    constraint: getZodConstraint(schema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    defaultValue,
  });
  return (
    <Form method="post" {...getFormProps(form)} className="card grid gap-3 sm:grid-cols-2">
      <div className="space-y-2 sm:col-span-2">
        <FormErrors errors={form.errors} />
        {notice}
      </div>
      {version !== undefined ? <input type="hidden" name="version" value={version} /> : null}
      <div className="sm:col-span-2">
        <label className="label" htmlFor={fields.title.id}>{t("meeting.name")}</label>
        <input {...getInputProps(fields.title, { type: "text" })} className="input" />
        <FieldError errors={fields.title.errors} />
      </div>
      <div>
        <label className="label" htmlFor={fields.heldOn.id}>{t("meeting.heldOn")}</label>
        <DateField {...getInputProps(fields.heldOn, { type: "text" })} />
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
        <FieldError errors={fields.participants.errors} />
      </div>
      <div className="sm:col-span-2">
        <label className="label" htmlFor={fields.decisions.id}>{t("meeting.decisions")}</label>
        <textarea {...getTextareaProps(fields.decisions)} rows={4} className="input" />
        <FieldError errors={fields.decisions.errors} />
      </div>
      <div>
        <label className="label" htmlFor={fields.minutesNumber.id}>{t("meeting.minutesNumber")}</label>
        <input {...getInputProps(fields.minutesNumber, { type: "text" })} className="input" />
        <FieldError errors={fields.minutesNumber.errors} />
      </div>
      <div>
        <label className="label" htmlFor={fields.minutesSignedOn.id}>{t("meeting.minutesSignedOn")}</label>
        <DateField {...getInputProps(fields.minutesSignedOn, { type: "text" })} />
        <FieldError errors={fields.minutesSignedOn.errors} />
      </div>
      <div><button type="submit" className="btn">{submitLabel}</button></div>
    </Form>
  );
}
