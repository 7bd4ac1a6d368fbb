// The add / edit form of a meeting record, validated by the same zod rules as the action.
// When editing, `version` is the version the page was read at.
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { FormErrors } from "~/components/form";
import { meetingEditSchema, meetingSchema } from "~/models/agreements/schemas";
import { Field, SelectField, TextareaField } from "~/components/fields";

/** The label key of each field (also names the fields of a stale-edit notice). */
export const MEETING_FIELD_LABELS: Record<string, string> = {
  title: "meeting.name",
  heldOn: "meeting.heldOn",
  hostFacilityId: "meeting.host",
  participants: "meeting.participants",
  decisions: "meeting.decisions",
  minutesNumber: "meeting.minutesNumber",
  minutesSignedOn: "meeting.minutesSignedOn",
  minutesVi: "planning:minutes.textVi",
  minutesEn: "planning:minutes.textEn",
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
      <Field className="sm:col-span-2" field={fields.title} label={t("meeting.name")} inputProps={getInputProps(fields.title, { type: "text" })} />
      <Field field={fields.heldOn} label={t("meeting.heldOn")} inputProps={getInputProps(fields.heldOn, { type: "date" })} />
      <SelectField field={fields.hostFacilityId} label={t("meeting.host")} selectProps={getSelectProps(fields.hostFacilityId)}>
        <option value="">{t("meeting.noHost")}</option>
        {parties.map((p) => <option key={p.facilityId} value={p.facilityId}>{p.name}</option>)}
      </SelectField>
      <TextareaField
        className="sm:col-span-2"
        field={fields.participants}
        label={t("meeting.participants")}
        textareaProps={{ ...getTextareaProps(fields.participants), rows: 2 }}
      />
      <TextareaField
        className="sm:col-span-2"
        field={fields.decisions}
        label={t("meeting.decisions")}
        textareaProps={{ ...getTextareaProps(fields.decisions), rows: 4 }}
      />
      <Field field={fields.minutesNumber} label={t("meeting.minutesNumber")} inputProps={getInputProps(fields.minutesNumber, { type: "text" })} />
      <Field field={fields.minutesSignedOn} label={t("meeting.minutesSignedOn")} inputProps={getInputProps(fields.minutesSignedOn, { type: "date" })} />
      {/* The full minutes in each language (the annual review's are generated on the minutes page). */}
      <TextareaField
        field={fields.minutesVi}
        label={t("planning:minutes.textVi")}
        textareaProps={{ ...getTextareaProps(fields.minutesVi), rows: 12, lang: "vi", className: "input font-serif text-sm" }}
      />
      <TextareaField
        field={fields.minutesEn}
        label={t("planning:minutes.textEn")}
        textareaProps={{ ...getTextareaProps(fields.minutesEn), rows: 12, lang: "en", className: "input font-serif text-sm" }}
      />
      <div><button type="submit" className="btn">{submitLabel}</button></div>
    </Form>
  );
}
