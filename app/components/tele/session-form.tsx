import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, SelectField, TextareaField } from "~/components/fields";
import { FormErrors } from "~/components/form";
import { TELE_OUTCOMES } from "~/models/enums";
import { consultationSchema, trainingSchema } from "~/models/tele/sessions-schemas";

type Option = { value: number; label: string };
export type SessionOptions = { hubs: Option[]; spokes: Option[]; chapters: Option[]; staff: (Option & { facilityId: number })[]; lines: Option[] };
/** Form values as text (ids and numbers as the selects' values), with the version when editing. */
export type SessionDefaults = Record<string, string | string[] | undefined>;

type Props = {
  options: SessionOptions;
  defaults: SessionDefaults;
  lastResult?: SubmissionResult<string[]> | null;
  submitLabel: string;
};

function Options({ list }: { list: Option[] }) {
  return (
    <>
      {list.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </>
  );
}

/** Hub, day, start time and duration: the part both kinds of session share. */
function When({ fields, options }: { fields: SessionFields; options: SessionOptions }) {
  const { t } = useTranslation("tele");
  return (
    <>
      <SelectField field={fields.hubFacilityId} label={t("sessions.fields.hubFacilityId")} selectProps={getSelectProps(fields.hubFacilityId)}>
        <option value="">{t("sessions.form.choose")}</option>
        <Options list={options.hubs} />
      </SelectField>
      <Field field={fields.heldOn} label={t("sessions.fields.heldOn")} inputProps={getInputProps(fields.heldOn, { type: "date" })} />
      <Field
        field={fields.startTime}
        label={t("sessions.fields.startTime")}
        description={t("sessions.hints.startTime")}
        inputProps={{ ...getInputProps(fields.startTime, { type: "text" }), inputMode: "numeric", placeholder: "14:00" }}
      />
      <Field
        field={fields.durationMinutes}
        label={t("sessions.fields.durationMinutes")}
        description={t("sessions.hints.duration")}
        inputProps={{ ...getInputProps(fields.durationMinutes, { type: "number" }), min: 5, max: 600 }}
      />
    </>
  );
}

type SessionFields = ReturnType<typeof useConsultationForm>[1] | ReturnType<typeof useTrainingForm>[1];

/** The technique (by code) and the plan line a session serves: both kinds offer them. */
function TechniqueAndLine({ fields, options }: { fields: SessionFields; options: SessionOptions }) {
  const { t } = useTranslation("tele");
  return (
    <>
      <Field
        field={fields.techniqueCode}
        label={t("sessions.fields.techniqueCode")}
        description={t("sessions.hints.technique")}
        inputProps={getInputProps(fields.techniqueCode, { type: "text" })}
      />
      <SelectField field={fields.transferItemId} label={t("sessions.fields.transferItemId")} selectProps={getSelectProps(fields.transferItemId)}>
        <option value="">{t("sessions.form.none")}</option>
        <Options list={options.lines} />
      </SelectField>
    </>
  );
}

/** A form value that may be one string or several, as a list. */
const valuesOf = (value: unknown): string[] => (Array.isArray(value) ? value : value === undefined || value === "" ? [] : [value]).map(String);

/**
 * A list of staff to pick several from (participants of one side, or attendees): once the
 * side's facilities are chosen, only their staff (and whoever is already picked) are offered;
 * before that, or without script, everyone the form may name.
 */
function StaffSelect({
  field,
  label,
  hint,
  options,
  facilityIds,
}: {
  field: Parameters<typeof getSelectProps>[0] & { value?: unknown };
  label: string;
  hint: string;
  options: SessionOptions;
  facilityIds: unknown;
}) {
  const facilities = new Set(valuesOf(facilityIds));
  const picked = new Set(valuesOf(field.value));
  const list = facilities.size === 0 ? options.staff : options.staff.filter((s) => facilities.has(String(s.facilityId)) || picked.has(String(s.value)));
  return (
    <SelectField field={field} label={label} description={hint} selectProps={{ ...getSelectProps(field), multiple: true, className: "input h-32" }}>
      <Options list={list} />
    </SelectField>
  );
}

function useConsultationForm(defaults: SessionDefaults, lastResult: Props["lastResult"]) {
  return useForm({
    lastResult,
    constraint: getZodConstraint(consultationSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: consultationSchema }),
    defaultValue: defaults,
  });
}

function useTrainingForm(defaults: SessionDefaults, lastResult: Props["lastResult"]) {
  return useForm({
    lastResult,
    constraint: getZodConstraint(trainingSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: trainingSchema }),
    defaultValue: defaults,
  });
}

/** The create and edit form of a tele-consultation; the rules' refusals come back next to their field. */
export function ConsultationForm({ options, defaults, lastResult, submitLabel }: Props) {
  const { t } = useTranslation("tele");
  const [form, fields] = useConsultationForm(defaults, lastResult);
  return (
    <Form method="post" className="card space-y-4" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input {...getInputProps(fields.idempotencyKey, { type: "hidden" })} />
      <input {...getInputProps(fields.seriesId, { type: "hidden" })} />
      {defaults.version !== undefined ? <input {...getInputProps(fields.version, { type: "hidden" })} /> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <When fields={fields} options={options} />
        <SelectField field={fields.spokeFacilityId} label={t("sessions.fields.spokeFacilityId")} selectProps={getSelectProps(fields.spokeFacilityId)}>
          <option value="">{t("sessions.form.choose")}</option>
          <Options list={options.spokes} />
        </SelectField>
        <SelectField field={fields.chapterNumber} label={t("sessions.fields.chapterNumber")} selectProps={getSelectProps(fields.chapterNumber)}>
          <option value="">{t("sessions.form.choose")}</option>
          <Options list={options.chapters} />
        </SelectField>
        <TechniqueAndLine fields={fields} options={options} />
      </div>
      <Field field={fields.title} label={t("sessions.fields.case")} description={t("sessions.hints.case")} inputProps={getInputProps(fields.title, { type: "text" })} />
      <SelectField field={fields.outcome} label={t("sessions.fields.outcome")} selectProps={getSelectProps(fields.outcome)}>
        <option value="">{t("sessions.form.choose")}</option>
        {TELE_OUTCOMES.map((o) => (
          <option key={o} value={o}>
            {t(`sessions.outcome.${o}`)}
          </option>
        ))}
      </SelectField>
      <div className="grid gap-4 sm:grid-cols-2">
        <StaffSelect field={fields.hubStaffIds} label={t("sessions.fields.hubStaffIds")} hint={t("sessions.hints.staff")} options={options} facilityIds={fields.hubFacilityId.value} />
        <StaffSelect field={fields.spokeStaffIds} label={t("sessions.fields.spokeStaffIds")} hint={t("sessions.hints.staff")} options={options} facilityIds={fields.spokeFacilityId.value} />
        <TextareaField field={fields.hubNames} label={t("sessions.fields.hubNames")} description={t("sessions.hints.names")} textareaProps={{ ...getTextareaProps(fields.hubNames), rows: 2 }} />
        <TextareaField field={fields.spokeNames} label={t("sessions.fields.spokeNames")} description={t("sessions.hints.names")} textareaProps={{ ...getTextareaProps(fields.spokeNames), rows: 2 }} />
      </div>
      <TextareaField field={fields.notes} label={t("sessions.fields.notes")} textareaProps={getTextareaProps(fields.notes)} />
      <button type="submit" className="btn">
        {submitLabel}
      </button>
    </Form>
  );
}

/** The create and edit form of a remote training session: attendees of the spokes earn CME hours. */
export function TrainingForm({ options, defaults, lastResult, submitLabel }: Props) {
  const { t } = useTranslation("tele");
  const [form, fields] = useTrainingForm(defaults, lastResult);
  return (
    <Form method="post" className="card space-y-4" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input {...getInputProps(fields.idempotencyKey, { type: "hidden" })} />
      <input {...getInputProps(fields.seriesId, { type: "hidden" })} />
      {defaults.version !== undefined ? <input {...getInputProps(fields.version, { type: "hidden" })} /> : null}
      <Field field={fields.title} label={t("sessions.fields.topic")} inputProps={getInputProps(fields.title, { type: "text" })} />
      <div className="grid gap-4 sm:grid-cols-2">
        <When fields={fields} options={options} />
        <SelectField
          field={fields.spokeFacilityIds}
          label={t("sessions.fields.spokeFacilityIds")}
          description={t("sessions.hints.staff")}
          selectProps={{ ...getSelectProps(fields.spokeFacilityIds), multiple: true, className: "input h-28" }}
        >
          <Options list={options.spokes} />
        </SelectField>
        <SelectField field={fields.chapterNumber} label={t("sessions.fields.chapterNumber")} selectProps={getSelectProps(fields.chapterNumber)}>
          <option value="">{t("sessions.form.none")}</option>
          <Options list={options.chapters} />
        </SelectField>
        <TechniqueAndLine fields={fields} options={options} />
        <StaffSelect field={fields.hubStaffIds} label={t("sessions.fields.hubStaffIds")} hint={t("sessions.hints.staff")} options={options} facilityIds={fields.hubFacilityId.value} />
        <StaffSelect
          field={fields.attendeeStaffIds}
          label={t("sessions.fields.attendeeStaffIds")}
          hint={t("sessions.hints.attendees")}
          options={options}
          facilityIds={fields.spokeFacilityIds.value}
        />
      </div>
      <TextareaField field={fields.notes} label={t("sessions.fields.notes")} textareaProps={getTextareaProps(fields.notes)} />
      <button type="submit" className="btn">
        {submitLabel}
      </button>
    </Form>
  );
}
