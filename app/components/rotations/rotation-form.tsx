import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldError, FormErrors } from "~/components/form";
import { ROTATION_PURPOSES } from "~/models/enums";
import { rotationSchema } from "~/models/rotations/schemas";
import { CheckboxField, Field, SelectField, TextareaField } from "~/components/fields";
import type { RotationInput } from "~/models/rotations/commands.server";

type Option = { value: number; label: string };
export type RotationFormOptions = {
  staff: Option[];
  /** `downward`: from an upper to a lower level; otherwise the purpose of the placement is asked. */
  facilities: (Option & { downward: boolean })[];
  agreements: Option[];
  items: (Option & { toFacilityId: number })[];
};
/**
 * What the form starts from: the command's own input (so a field added there is a field here),
 * with the ids and the purpose as the selects' text and the record's version when editing.
 */
export type RotationFormDefaults = Partial<Omit<RotationInput, "staffId" | "toFacilityId" | "agreementId" | "transferItemIds" | "purpose">> & {
  purpose?: string;
  staffId?: number | string;
  toFacilityId?: number | string;
  agreementId?: number | string | null;
  transferItemIds?: (number | string)[];
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
        <SelectField field={fields.staffId} label={t("fields.staffId")} selectProps={getSelectProps(fields.staffId)}>
          <option value="">{t("form.choose")}</option>
          {options.staff.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </SelectField>
        <SelectField field={fields.toFacilityId} label={t("fields.toFacilityId")} selectProps={getSelectProps(fields.toFacilityId)}>
          <option value="">{t("form.choose")}</option>
          {options.facilities.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </SelectField>
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
        <SelectField field={fields.agreementId} label={t("fields.agreementId")} selectProps={getSelectProps(fields.agreementId)}>
          <option value="">{t("form.noAgreement")}</option>
          {options.agreements.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </SelectField>
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
          <CheckboxField field={fields.shortTerm} label={t("fields.shortTerm")} inputProps={getInputProps(fields.shortTerm, { type: "checkbox" })} />
          <Field field={fields.shortTermReason} label={t("fields.shortTermReason")} inputProps={getInputProps(fields.shortTermReason, { type: "text" })} />
        </div>
        <div className="space-y-2">
          <CheckboxField field={fields.limitOverride} label={t("fields.limitOverride")} inputProps={getInputProps(fields.limitOverride, { type: "checkbox" })} />
          <Field
            field={fields.limitOverrideReason}
            label={t("fields.limitOverrideReason")}
            inputProps={getInputProps(fields.limitOverrideReason, { type: "text" })}
          />
        </div>
      </div>
      <TextareaField field={fields.notes} label={t("fields.notes")} textareaProps={getTextareaProps(fields.notes)} />
      <button type="submit" className="btn">
        {submitLabel}
      </button>
    </Form>
  );
}
