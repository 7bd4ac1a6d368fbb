// The create / edit form of a course: terms, completion rule and session rows that grow with an
// "add row" button (rows left blank are ignored), validated by the same zod schema as the action.
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldError, FormErrors } from "~/components/form";
import { AddRowButton, useGrowingRows } from "~/components/growing-rows";
import { courseSchema, MAX_SESSION_ROWS } from "~/models/courses/schemas";
import { COURSE_MODES, COURSE_STATUSES } from "~/models/enums";
import { DateField } from "~/components/date-field";
import { Field, SelectField, TextareaField } from "~/components/fields";
import { rowControl, RowError } from "~/components/shared-form-bits";

export type CourseFormDefaults = Record<string, unknown> & {
  version?: number;
  sessions?: { heldOn?: string; startsAt?: string; endsAt?: string; topic?: string; trainerId?: number; periods?: number }[];
};

type Props = {
  defaults: CourseFormDefaults;
  /** The host an administrator chose for a new course; trainers' courses take theirs from the session. */
  hostFacilityId?: number;
  chapters: { number: number; roman: string; name: string }[];
  agreements: { id: number; number: string; title: string }[];
  trainers: { id: number; fullName: string }[];
  lastResult?: SubmissionResult<string[]> | null;
  submitLabel: string;
};

export function CourseForm({ defaults, hostFacilityId, chapters, agreements, trainers, lastResult, submitLabel }: Props) {
  const { t } = useTranslation("courses");
  const { t: te } = useTranslation("enums");
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "course",
    lastResult,
    constraint: getZodConstraint(courseSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: courseSchema }),
    defaultValue: defaults as never,
  });
  // The stored sessions and one blank row; more come with the "add row" button.
  const sessionRows = useGrowingRows((defaults.sessions?.length ?? 0) + 1, MAX_SESSION_ROWS);
  const errorsOf = (name: string) => form.allErrors[name];
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-4">
      <FormErrors errors={form.errors} />
      {defaults.version !== undefined ? <input type="hidden" name="version" value={defaults.version} /> : null}
      {hostFacilityId !== undefined ? <input type="hidden" name="hostFacilityId" value={hostFacilityId} /> : null}
      <FieldError id={fields.hostFacilityId.errorId} errors={fields.hostFacilityId.errors} />
      <div className="card grid gap-3 sm:grid-cols-2">
        <Field className="sm:col-span-2" field={fields.title} label={t("fields.title")} inputProps={getInputProps(fields.title, { type: "text" })} />
        <SelectField field={fields.chapterNumber} label={t("fields.chapter")} selectProps={getSelectProps(fields.chapterNumber)}>
          <option value="">{t("form.noChapter")}</option>
          {chapters.map((c) => (
            <option key={c.number} value={c.number}>{`${c.roman}. ${c.name}`}</option>
          ))}
        </SelectField>
        <SelectField field={fields.mode} label={t("fields.mode")} selectProps={getSelectProps(fields.mode)}>
          {COURSE_MODES.map((m) => (
            <option key={m} value={m}>{te(`courseMode.${m}`)}</option>
          ))}
        </SelectField>
        <Field field={fields.startOn} label={t("fields.startOn")} inputProps={getInputProps(fields.startOn, { type: "date" })} />
        <Field field={fields.endOn} label={t("fields.endOn")} inputProps={getInputProps(fields.endOn, { type: "date" })} />
        <Field field={fields.capacity} label={t("fields.capacity")} inputProps={{ ...getInputProps(fields.capacity, { type: "number" }), min: 1 }} />
        <Field
          field={fields.creditHours}
          label={t("fields.creditHours")}
          description={t("form.creditHoursHelp")}
          inputProps={{ ...getInputProps(fields.creditHours, { type: "number" }), min: 0, step: "0.5" }}
        />
        <Field
          field={fields.minAttendancePercent}
          label={t("fields.minAttendance")}
          inputProps={{ ...getInputProps(fields.minAttendancePercent, { type: "number" }), min: 0, max: 100 }}
        />
        <Field
          field={fields.passScore}
          label={t("fields.passScore")}
          description={t("form.passScoreHelp")}
          inputProps={{ ...getInputProps(fields.passScore, { type: "number" }), min: 0, max: 10, step: "0.1" }}
        />
        <SelectField field={fields.status} label={t("fields.status")} selectProps={getSelectProps(fields.status)}>
          {COURSE_STATUSES.map((s) => (
            <option key={s} value={s}>{te(`courseStatus.${s}`)}</option>
          ))}
        </SelectField>
        <SelectField field={fields.agreementId} label={t("fields.agreement")} selectProps={getSelectProps(fields.agreementId)}>
          <option value="">{t("form.noAgreement")}</option>
          {agreements.map((a) => (
            <option key={a.id} value={a.id}>{`${a.number} – ${a.title}`}</option>
          ))}
        </SelectField>
        <Field
          className="sm:col-span-2"
          field={fields.techniqueCodes}
          label={t("fields.techniques")}
          description={t("form.techniquesHelp")}
          inputProps={{ ...getInputProps(fields.techniqueCodes, { type: "text" }), placeholder: "10.367, 13.48" }}
        />
        <Field className="sm:col-span-2" field={fields.location} label={t("fields.location")} inputProps={getInputProps(fields.location, { type: "text" })} />
        <TextareaField className="sm:col-span-2" field={fields.description} label={t("fields.description")} textareaProps={getTextareaProps(fields.description)} />
      </div>

      <fieldset className="card space-y-2">
        <legend className="px-1 font-semibold">{t("fields.sessions")}</legend>
        <p className="text-sm text-slate-600">{t("form.sessionsHelp")}</p>
        <FieldError id={fields.sessions.errorId} errors={fields.sessions.errors} />
        <div ref={sessionRows.container} className="space-y-2">
        {Array.from({ length: sessionRows.count }, (_, i) => {
          const d = defaults.sessions?.[i];
          const name = (f: string) => `sessions[${i}].${f}`;
          const control = (f: string) => rowControl(`session-${i}-${f}`, errorsOf(name(f)));
          const [heldOn, startsAt, endsAt, topic, trainerId, periods] = ["heldOn", "startsAt", "endsAt", "topic", "trainerId", "periods"].map(control);
          return (
            <div key={i} className="grid gap-2 border-t border-slate-100 pt-2 sm:grid-cols-[9.5rem_6rem_6rem_1fr_12rem_5rem]" data-session-row={i} data-growing-row>
              <div>
                <label className="text-xs text-slate-600" htmlFor={heldOn.props.id}>{t("fields.heldOn")}</label>
                <DateField {...heldOn.props} name={name("heldOn")} defaultValue={d?.heldOn ?? ""} />
                <RowError control={heldOn} />
              </div>
              <div>
                <label className="text-xs text-slate-600" htmlFor={startsAt.props.id}>{t("fields.startsAt")}</label>
                <input {...startsAt.props} name={name("startsAt")} type="time" defaultValue={d?.startsAt ?? ""} className="input" />
                <RowError control={startsAt} />
              </div>
              <div>
                <label className="text-xs text-slate-600" htmlFor={endsAt.props.id}>{t("fields.endsAt")}</label>
                <input {...endsAt.props} name={name("endsAt")} type="time" defaultValue={d?.endsAt ?? ""} className="input" />
                <RowError control={endsAt} />
              </div>
              <div>
                <label className="text-xs text-slate-600" htmlFor={topic.props.id}>{t("fields.topic")}</label>
                <input {...topic.props} name={name("topic")} type="text" defaultValue={d?.topic ?? ""} className="input" />
                <RowError control={topic} />
              </div>
              <div>
                <label className="text-xs text-slate-600" htmlFor={trainerId.props.id}>{t("fields.trainer")}</label>
                <select {...trainerId.props} name={name("trainerId")} defaultValue={d?.trainerId ? String(d.trainerId) : ""} className="input">
                  <option value="">{t("form.noTrainer")}</option>
                  {trainers.map((s) => (
                    <option key={s.id} value={s.id}>{s.fullName}</option>
                  ))}
                </select>
                <RowError control={trainerId} />
              </div>
              <div>
                <label className="text-xs text-slate-600" htmlFor={periods.props.id}>{t("fields.periods")}</label>
                <input {...periods.props} name={name("periods")} type="number" min={0} max={24} defaultValue={d?.periods ?? ""} className="input" />
                <RowError control={periods} />
              </div>
            </div>
          );
        })}
        </div>
        <AddRowButton rows={sessionRows} label={t("form.addSession")} fullLabel={t("form.rowsFull", { max: MAX_SESSION_ROWS })} />
      </fieldset>
      <div className="flex gap-2">
        <button type="submit" className="btn" disabled={navigation.state === "submitting"}>{submitLabel}</button>
      </div>
    </Form>
  );
}
