import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, Field, SelectField, TextareaField } from "~/components/fields";
import { FormErrors } from "~/components/form";
import { CADRES } from "~/models/enums";
import { staffSchema } from "~/models/staff/schemas";

type Option = { value: number; label: string };

/** Create and edit form of the staff registry. Administrators also choose the facility. */
export function StaffForm({
  defaults,
  chapters,
  facilities,
  lastResult,
  submitLabel,
  editing,
}: {
  defaults: Record<string, string | number | boolean | null | undefined>;
  chapters: { number: number; roman: string; name: string }[];
  facilities: Option[] | null;
  lastResult?: SubmissionResult<string[]> | null;
  submitLabel: string;
  editing: boolean;
}) {
  const { t } = useTranslation("staff");
  const { t: te } = useTranslation("enums");
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(staffSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: staffSchema }),
    defaultValue: Object.fromEntries(
      Object.entries(defaults).map(([k, v]) => [k, typeof v === "boolean" ? (v ? "on" : undefined) : v == null ? "" : String(v)]),
    ),
  });
  const text = (name: "fullName" | "title" | "licenceNumber" | "email", type: "text" | "email" = "text") => (
    <Field field={fields[name]} label={t(`fields.${name}`)} inputProps={getInputProps(fields[name], { type })} />
  );
  return (
    <Form method="post" className="card space-y-4" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      {editing ? <input {...getInputProps(fields.version, { type: "hidden" })} /> : null}
      {facilities ? (
        <SelectField field={fields.facilityId} label={t("fields.facility")} selectProps={{ ...getSelectProps(fields.facilityId), disabled: editing }}>
          <option value="">{t("rotations:form.choose")}</option>
          {facilities.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </SelectField>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        {text("fullName")}
        <SelectField field={fields.cadre} label={t("fields.cadre")} selectProps={getSelectProps(fields.cadre)}>
          {CADRES.map((c) => (
            <option key={c} value={c}>
              {te(`cadre.${c}`)}
            </option>
          ))}
        </SelectField>
        <SelectField field={fields.chapterNumber} label={t("fields.chapterNumber")} selectProps={getSelectProps(fields.chapterNumber)}>
          <option value="">{t("rotations:form.choose")}</option>
          {chapters.map((c) => (
            <option key={c.number} value={c.number}>
              {c.roman}. {c.name}
            </option>
          ))}
        </SelectField>
        {text("title")}
        {text("licenceNumber")}
        {text("email", "email")}
      </div>
      <TextareaField
        field={fields.techniques}
        label={t("fields.techniques")}
        description={t("techniquesHint")}
        textareaProps={{ ...getTextareaProps(fields.techniques), className: "input font-mono" }}
      />
      {editing ? <CheckboxField field={fields.active} label={t("fields.active")} inputProps={getInputProps(fields.active, { type: "checkbox" })} /> : null}
      <button type="submit" className="btn">
        {submitLabel}
      </button>
    </Form>
  );
}
