import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldError, FormErrors } from "~/components/form";
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
    <div>
      <label htmlFor={fields[name].id} className="label">
        {t(`fields.${name}`)}
      </label>
      <input {...getInputProps(fields[name], { type })} className="input" />
      <FieldError id={fields[name].errorId} errors={fields[name].errors} />
    </div>
  );
  return (
    <Form method="post" className="card space-y-4" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      {editing ? <input {...getInputProps(fields.version, { type: "hidden" })} /> : null}
      {facilities ? (
        <div>
          <label htmlFor={fields.facilityId.id} className="label">
            {t("fields.facility")}
          </label>
          <select {...getSelectProps(fields.facilityId)} className="input" disabled={editing}>
            <option value="">{t("rotations:form.choose")}</option>
            {facilities.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
          <FieldError id={fields.facilityId.errorId} errors={fields.facilityId.errors} />
        </div>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        {text("fullName")}
        <div>
          <label htmlFor={fields.cadre.id} className="label">
            {t("fields.cadre")}
          </label>
          <select {...getSelectProps(fields.cadre)} className="input">
            {CADRES.map((c) => (
              <option key={c} value={c}>
                {te(`cadre.${c}`)}
              </option>
            ))}
          </select>
          <FieldError id={fields.cadre.errorId} errors={fields.cadre.errors} />
        </div>
        <div>
          <label htmlFor={fields.chapterNumber.id} className="label">
            {t("fields.chapterNumber")}
          </label>
          <select {...getSelectProps(fields.chapterNumber)} className="input">
            <option value="">{t("rotations:form.choose")}</option>
            {chapters.map((c) => (
              <option key={c.number} value={c.number}>
                {c.roman}. {c.name}
              </option>
            ))}
          </select>
          <FieldError id={fields.chapterNumber.errorId} errors={fields.chapterNumber.errors} />
        </div>
        {text("title")}
        {text("licenceNumber")}
        {text("email", "email")}
      </div>
      <div>
        <label htmlFor={fields.techniques.id} className="label">
          {t("fields.techniques")}
        </label>
        <textarea {...getTextareaProps(fields.techniques)} rows={3} className="input font-mono" />
        <p className="mt-1 text-xs text-slate-500">{t("techniquesHint")}</p>
        <FieldError id={fields.techniques.errorId} errors={fields.techniques.errors} />
      </div>
      {editing ? (
        <label className="flex items-center gap-2 text-sm">
          <input {...getInputProps(fields.active, { type: "checkbox" })} />
          {t("fields.active")}
        </label>
      ) : null}
      <button type="submit" className="btn">
        {submitLabel}
      </button>
    </Form>
  );
}
