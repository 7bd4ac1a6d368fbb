import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldError, FormErrors } from "~/components/form";
import { ROTATION_PURPOSES } from "~/models/enums";
import { rotationSchema } from "~/models/rotations/schemas";
import { Field, SelectField } from "~/components/fields";

type Option = { value: number; label: string };
export type RotationFormOptions = {
  staff: Option[];
  /** `downward`: from an upper to a lower level; otherwise the purpose of the placement is asked. */
  facilities: (Option & { downward: boolean })[];
  agreements: Option[];
  items: (Option & { toFacilityId: number })[];
};
export type RotationFormDefaults = {
  staffId?: number | string;
  toFacilityId?: number | string;
  agreementId?: number | string | null;
  transferItemIds?: (number | string)[];
  purpose?: string;
  startOn?: string;
  endOn?: string;
  shortTerm?: boolean;
  shortTermReason?: string | null;
  directionPurpose?: string | null;
  limitOverride?: boolean;
  limitOverrideReason?: string | null;
  notes?: string | null;
  version?: number;
};

/** The create and edit form of a rotation; the rules' refusals come back next to their field. */
export function RotationForm({
  options,
  defaults,
  lastResult,
  submitLabel,
}: {
  options: RotationFormOptions;
  defaults: RotationFormDefaults;
  lastResult?: SubmissionResult<string[]> | null;
  submitLabel: string;
}) {
  const { t } = useTranslation("rotations");
  const { t: te } = useTranslation("enums");
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(rotationSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: rotationSchema }),
    defaultValue: {
      ...defaults,
      staffId: defaults.staffId?.toString(),
      toFacilityId: defaults.toFacilityId?.toString(),
      agreementId: defaults.agreementId?.toString() ?? "",
      transferItemIds: (defaults.transferItemIds ?? []).map(String),
      shortTerm: defaults.shortTerm ? "on" : undefined,
      limitOverride: defaults.limitOverride ? "on" : undefined,
      version: defaults.version?.toString(),
    },
  });
  // The destination chosen now (the field's live value): an upward or sideways one asks for its purpose.
  const destination = options.facilities.find((f) => String(f.value) === fields.toFacilityId.value);
  const askPurpose = destination !== undefined && !destination.downward;
  const chosenItems = new Set((fields.transferItemIds.initialValue as string[] | undefined) ?? []);
  return (
    <Form method="post" className="card space-y-4" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      {defaults.version !== undefined ? <input {...getInputProps(fields.version, { type: "hidden" })} /> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor={fields.staffId.id} className="label">
            {t("fields.staffId")}
          </label>
          <select {...getSelectProps(fields.staffId)} className="input">
            <option value="">{t("form.choose")}</option>
            {options.staff.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
          <FieldError id={fields.staffId.errorId} errors={fields.staffId.errors} />
        </div>
        <div>
          <label htmlFor={fields.toFacilityId.id} className="label">
            {t("fields.toFacilityId")}
          </label>
          <select {...getSelectProps(fields.toFacilityId)} className="input">
            <option value="">{t("form.choose")}</option>
            {options.facilities.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
          <FieldError id={fields.toFacilityId.errorId} errors={fields.toFacilityId.errors} />
        </div>
        {askPurpose || fields.directionPurpose.errors ? (
          <div className="sm:col-span-2" data-testid="direction-purpose">
            <Field
              field={fields.directionPurpose}
              label={t("fields.directionPurpose")}
              description={t("form.directionPurposeHint")}
              inputProps={getInputProps(fields.directionPurpose, { type: "text" })}
            />
          </div>
        ) : null}
        <SelectField field={fields.purpose} label={t("fields.purpose")} selectProps={getSelectProps(fields.purpose)}>
          {ROTATION_PURPOSES.map((p) => (
            <option key={p} value={p}>
              {te(`rotationPurpose.${p}`)}
            </option>
          ))}
        </SelectField>
        <div>
          <label htmlFor={fields.agreementId.id} className="label">
            {t("fields.agreementId")}
          </label>
          <select {...getSelectProps(fields.agreementId)} className="input">
            <option value="">{t("form.noAgreement")}</option>
            {options.agreements.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
          <FieldError id={fields.agreementId.errorId} errors={fields.agreementId.errors} />
        </div>
        <Field field={fields.startOn} label={t("fields.startOn")} inputProps={getInputProps(fields.startOn, { type: "date" })} />
        <Field field={fields.endOn} label={t("fields.endOn")} inputProps={getInputProps(fields.endOn, { type: "date" })} />
      </div>

      <fieldset>
        <legend className="label">{t("fields.transferItemIds")}</legend>
        <p className="mb-2 text-xs text-slate-500">{t("form.itemsHint")}</p>
        {options.items.length === 0 ? (
          <p className="text-sm text-slate-600">{t("form.noItems")}</p>
        ) : (
          <ul className="max-h-60 space-y-1 overflow-y-auto rounded border border-slate-200 p-2">
            {options.items.map((item) => (
              <li key={item.value}>
                <label className="flex items-start gap-2 text-sm">
                  <input
                    type="checkbox"
                    name={fields.transferItemIds.name}
                    value={item.value}
                    defaultChecked={chosenItems.has(String(item.value))}
                    className="mt-1"
                  />
                  <span>{item.label}</span>
                </label>
              </li>
            ))}
          </ul>
        )}
        <FieldError id={fields.transferItemIds.errorId} errors={fields.transferItemIds.errors} />
      </fieldset>

      <div className="grid gap-4 sm:grid-cols-2">
        <div className="space-y-2">
          <label className="flex items-center gap-2 text-sm font-medium">
            <input {...getInputProps(fields.shortTerm, { type: "checkbox" })} />
            {t("fields.shortTerm")}
          </label>
          <label htmlFor={fields.shortTermReason.id} className="label">
            {t("fields.shortTermReason")}
          </label>
          <input {...getInputProps(fields.shortTermReason, { type: "text" })} className="input" />
          <FieldError id={fields.shortTermReason.errorId} errors={fields.shortTermReason.errors} />
        </div>
        <div className="space-y-2">
          <label className="flex items-center gap-2 text-sm font-medium">
            <input {...getInputProps(fields.limitOverride, { type: "checkbox" })} />
            {t("fields.limitOverride")}
          </label>
          <FieldError id={fields.limitOverride.errorId} errors={fields.limitOverride.errors} />
          <label htmlFor={fields.limitOverrideReason.id} className="label">
            {t("fields.limitOverrideReason")}
          </label>
          <input {...getInputProps(fields.limitOverrideReason, { type: "text" })} className="input" />
          <FieldError id={fields.limitOverrideReason.errorId} errors={fields.limitOverrideReason.errors} />
        </div>
      </div>
      <div>
        <label htmlFor={fields.notes.id} className="label">
          {t("fields.notes")}
        </label>
        <textarea {...getTextareaProps(fields.notes)} rows={3} className="input" />
        <FieldError id={fields.notes.errorId} errors={fields.notes.errors} />
      </div>
      <button type="submit" className="btn">
        {submitLabel}
      </button>
    </Form>
  );
}
