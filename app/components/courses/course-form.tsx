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
      <FieldError errors={fields.hostFacilityId.errors} />
      <div className="card grid gap-3 sm:grid-cols-2">
        <div className="sm:col-span-2">
          <label className="label" htmlFor={fields.title.id}>{t("fields.title")}</label>
          <input {...getInputProps(fields.title, { type: "text" })} className="input" />
          <FieldError errors={fields.title.errors} />
        </div>
        <div>
          <label className="label" htmlFor={fields.chapterNumber.id}>{t("fields.chapter")}</label>
          <select {...getSelectProps(fields.chapterNumber)} className="input">
            <option value="">{t("form.noChapter")}</option>
            {chapters.map((c) => (
              <option key={c.number} value={c.number}>{`${c.roman}. ${c.name}`}</option>
            ))}
          </select>
          <FieldError errors={fields.chapterNumber.errors} />
        </div>
        <div>
          <label className="label" htmlFor={fields.mode.id}>{t("fields.mode")}</label>
          <select {...getSelectProps(fields.mode)} className="input">
            {COURSE_MODES.map((m) => (
              <option key={m} value={m}>{te(`courseMode.${m}`)}</option>
            ))}
          </select>
          <FieldError errors={fields.mode.errors} />
        </div>
        <div>
          <label className="label" htmlFor={fields.startOn.id}>{t("fields.startOn")}</label>
          <DateField {...getInputProps(fields.startOn, { type: "text" })} />
          <FieldError errors={fields.startOn.errors} />
        </div>
        <div>
          <label className="label" htmlFor={fields.endOn.id}>{t("fields.endOn")}</label>
          <DateField {...getInputProps(fields.endOn, { type: "text" })} />
          <FieldError errors={fields.endOn.errors} />
        </div>
        <div>
          <label className="label" htmlFor={fields.capacity.id}>{t("fields.capacity")}</label>
          <input {...getInputProps(fields.capacity, { type: "number" })} min={1} className="input" />
          <FieldError errors={fields.capacity.errors} />
        </div>
        <div>
          <label className="label" htmlFor={fields.creditHours.id}>{t("fields.creditHours")}</label>
          <input {...getInputProps(fields.creditHours, { type: "number" })} min={0} step="0.5" className="input" />
          <p className="text-xs text-slate-500">{t("form.creditHoursHelp")}</p>
          <FieldError errors={fields.creditHours.errors} />
        </div>
        <div>
          <label className="label" htmlFor={fields.minAttendancePercent.id}>{t("fields.minAttendance")}</label>
          <input {...getInputProps(fields.minAttendancePercent, { type: "number" })} min={0} max={100} className="input" />
          <FieldError errors={fields.minAttendancePercent.errors} />
        </div>
        <div>
          <label className="label" htmlFor={fields.passScore.id}>{t("fields.passScore")}</label>
          <input {...getInputProps(fields.passScore, { type: "number" })} min={0} max={10} step="0.1" className="input" />
          <p className="text-xs text-slate-500">{t("form.passScoreHelp")}</p>
          <FieldError errors={fields.passScore.errors} />
        </div>
        <div>
          <label className="label" htmlFor={fields.status.id}>{t("fields.status")}</label>
          <select {...getSelectProps(fields.status)} className="input">
            {COURSE_STATUSES.map((s) => (
              <option key={s} value={s}>{te(`courseStatus.${s}`)}</option>
            ))}
          </select>
          <FieldError errors={fields.status.errors} />
        </div>
        <div>
          <label className="label" htmlFor={fields.agreementId.id}>{t("fields.agreement")}</label>
          <select {...getSelectProps(fields.agreementId)} className="input">
            <option value="">{t("form.noAgreement")}</option>
            {agreements.map((a) => (
              <option key={a.id} value={a.id}>{`${a.number} – ${a.title}`}</option>
            ))}
          </select>
          <FieldError errors={fields.agreementId.errors} />
        </div>
        <div className="sm:col-span-2">
          <label className="label" htmlFor={fields.techniqueCodes.id}>{t("fields.techniques")}</label>
          <input {...getInputProps(fields.techniqueCodes, { type: "text" })} placeholder="10.367, 13.48" className="input" />
          <p className="text-xs text-slate-500">{t("form.techniquesHelp")}</p>
          <FieldError errors={fields.techniqueCodes.errors} />
        </div>
        <div className="sm:col-span-2">
          <label className="label" htmlFor={fields.location.id}>{t("fields.location")}</label>
          <input {...getInputProps(fields.location, { type: "text" })} className="input" />
          <FieldError errors={fields.location.errors} />
        </div>
        <div className="sm:col-span-2">
          <label className="label" htmlFor={fields.description.id}>{t("fields.description")}</label>
          <textarea {...getTextareaProps(fields.description)} rows={3} className="input" />
          <FieldError errors={fields.description.errors} />
        </div>
      </div>

      <fieldset className="card space-y-2">
        <legend className="px-1 font-semibold">{t("fields.sessions")}</legend>
        <p className="text-sm text-slate-600">{t("form.sessionsHelp")}</p>
        <FieldError errors={fields.sessions.errors} />
        <div ref={sessionRows.container} className="space-y-2">
        {Array.from({ length: sessionRows.count }, (_, i) => {
          const d = defaults.sessions?.[i];
          const name = (f: string) => `sessions[${i}].${f}`;
          const id = (f: string) => `session-${i}-${f}`;
          const errs = (f: string) => errorsOf(name(f));
          return (
            <div key={i} className="grid gap-2 border-t border-slate-100 pt-2 sm:grid-cols-[9.5rem_6rem_6rem_1fr_12rem_5rem]" data-session-row={i} data-growing-row>
              <div>
                <label className="text-xs text-slate-600" htmlFor={id("heldOn")}>{t("fields.heldOn")}</label>
                <DateField id={id("heldOn")} name={name("heldOn")} defaultValue={d?.heldOn ?? ""} aria-invalid={errs("heldOn") ? true : undefined} />
                <FieldError errors={errs("heldOn")} />
              </div>
              <div>
                <label className="text-xs text-slate-600" htmlFor={id("startsAt")}>{t("fields.startsAt")}</label>
                <input id={id("startsAt")} name={name("startsAt")} type="time" defaultValue={d?.startsAt ?? ""} className="input" />
                <FieldError errors={errs("startsAt")} />
              </div>
              <div>
                <label className="text-xs text-slate-600" htmlFor={id("endsAt")}>{t("fields.endsAt")}</label>
                <input id={id("endsAt")} name={name("endsAt")} type="time" defaultValue={d?.endsAt ?? ""} className="input" />
                <FieldError errors={errs("endsAt")} />
              </div>
              <div>
                <label className="text-xs text-slate-600" htmlFor={id("topic")}>{t("fields.topic")}</label>
                <input id={id("topic")} name={name("topic")} type="text" defaultValue={d?.topic ?? ""} className="input" />
                <FieldError errors={errs("topic")} />
              </div>
              <div>
                <label className="text-xs text-slate-600" htmlFor={id("trainerId")}>{t("fields.trainer")}</label>
                <select id={id("trainerId")} name={name("trainerId")} defaultValue={d?.trainerId ? String(d.trainerId) : ""} className="input">
                  <option value="">{t("form.noTrainer")}</option>
                  {trainers.map((s) => (
                    <option key={s.id} value={s.id}>{s.fullName}</option>
                  ))}
                </select>
                <FieldError errors={errs("trainerId")} />
              </div>
              <div>
                <label className="text-xs text-slate-600" htmlFor={id("periods")}>{t("fields.periods")}</label>
                <input id={id("periods")} name={name("periods")} type="number" min={0} max={24} defaultValue={d?.periods ?? ""} className="input" />
                <FieldError errors={errs("periods")} />
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
