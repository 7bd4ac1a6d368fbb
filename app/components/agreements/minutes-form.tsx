// The annual review minutes in two columns (Vietnamese, English), editable, with the meeting
// record they are saved as; validated by the same zod schema as the action.
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, SelectField, TextareaField } from "~/components/fields";
import { FormErrors } from "~/components/form";
import { formatDate } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { minutesSaveSchema } from "~/models/agreements/schemas";

type Props = {
  year: number;
  parties: { facilityId: number; name: string }[];
  window: { from: string; to: string };
  defaultValue: Record<string, string>;
  lastResult?: SubmissionResult<string[]> | null;
};

/** The two texts side by side; a printed page keeps them as long as they are (no inner scroll). */
export function MinutesTexts({ vi, en, readOnly, children }: { vi?: React.ReactNode; en?: React.ReactNode; readOnly?: { vi: string; en: string }; children?: React.ReactNode }) {
  const { t } = useTranslation("planning");
  if (readOnly) {
    return (
      <div className="grid gap-4 lg:grid-cols-2" data-testid="minutes-texts">
        <section className="card" lang="vi">
          <h2 className="font-semibold">{t("minutes.vietnamese")}</h2>
          <pre className="mt-2 whitespace-pre-wrap font-serif text-sm">{readOnly.vi}</pre>
        </section>
        <section className="card" lang="en">
          <h2 className="font-semibold">{t("minutes.english")}</h2>
          <pre className="mt-2 whitespace-pre-wrap font-serif text-sm">{readOnly.en}</pre>
        </section>
      </div>
    );
  }
  return (
    <div className="grid gap-4 lg:grid-cols-2" data-testid="minutes-texts">
      {vi}
      {en}
      {children}
    </div>
  );
}

export function MinutesForm({ year, parties, window, defaultValue, lastResult }: Props) {
  const { t } = useTranslation("planning");
  const { t: ta } = useTranslation("agreements");
  const locale = useLocale();
  const [form, fields] = useForm({
    id: "minutes",
    lastResult,
    constraint: getZodConstraint(minutesSaveSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: minutesSaveSchema }),
    defaultValue: { ...defaultValue, year: String(year) },
  });
  const textarea = "input min-h-[32rem] font-serif text-sm leading-relaxed";
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-4">
      <FormErrors errors={form.errors} />
      <input {...getInputProps(fields.year, { type: "hidden" })} />
      <MinutesTexts
        vi={
          <TextareaField
            field={fields.minutesVi}
            label={t("minutes.textVi")}
            className="card"
            textareaProps={{ ...getTextareaProps(fields.minutesVi), rows: 30, lang: "vi", spellCheck: false, className: textarea }}
          />
        }
        en={
          <TextareaField
            field={fields.minutesEn}
            label={t("minutes.textEn")}
            className="card"
            textareaProps={{ ...getTextareaProps(fields.minutesEn), rows: 30, lang: "en", spellCheck: false, className: textarea }}
          />
        }
      />
      <fieldset className="card grid gap-3 sm:grid-cols-2">
        <legend className="px-1 font-semibold">{t("minutes.meetingDetails")}</legend>
        <Field className="sm:col-span-2" field={fields.title} label={ta("meeting.name")} inputProps={getInputProps(fields.title, { type: "text" })} />
        <Field
          field={fields.heldOn}
          label={ta("meeting.heldOn")}
          description={t("minutes.heldOnHint", { year, from: formatDate(window.from, locale), to: formatDate(window.to, locale) })}
          inputProps={getInputProps(fields.heldOn, { type: "date" })}
        />
        <SelectField field={fields.hostFacilityId} label={ta("meeting.host")} selectProps={getSelectProps(fields.hostFacilityId)}>
          <option value="">{ta("meeting.noHost")}</option>
          {parties.map((p) => (
            <option key={p.facilityId} value={p.facilityId}>
              {p.name}
            </option>
          ))}
        </SelectField>
        <TextareaField className="sm:col-span-2" field={fields.participants} label={ta("meeting.participants")} textareaProps={{ ...getTextareaProps(fields.participants), rows: 2 }} />
        <TextareaField className="sm:col-span-2" field={fields.decisions} label={ta("meeting.decisions")} textareaProps={{ ...getTextareaProps(fields.decisions), rows: 3 }} />
        <Field field={fields.minutesNumber} label={ta("meeting.minutesNumber")} inputProps={getInputProps(fields.minutesNumber, { type: "text" })} />
        <Field field={fields.minutesSignedOn} label={ta("meeting.minutesSignedOn")} inputProps={getInputProps(fields.minutesSignedOn, { type: "date" })} />
        <div className="sm:col-span-2">
          <button type="submit" className="btn">
            {t("minutes.save")}
          </button>
        </div>
      </fieldset>
    </Form>
  );
}
