import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Field, SelectField } from "~/components/fields";
import { FormErrors } from "~/components/form";
import { TARGET_INDICATORS } from "~/models/enums";
import { isPercentIndicator } from "~/models/targets/rules";
import { targetSchema } from "~/models/targets/schemas";

/** The label key of each target form field (also names the fields of a stale-edit notice). */
export const TARGET_FIELD_LABELS: Record<string, string> = {
  title: "fields.title",
  indicator: "fields.indicator",
  facilityId: "targets.facilityId",
  provinceCode: "dimension.province",
  periodStart: "fields.periodStart",
  periodEnd: "fields.periodEnd",
  baseline: "fields.baseline",
  targetValue: "targets.targetValue",
  unit: "fields.unit",
};

/**
 * Create and edit form of a target (one schema for both). Administrators also name the
 * province. When editing, `version` is the version the page was read at: the loader's
 * current one, so that after a stale-edit notice a second save is based on what was shown.
 */
export function TargetForm({
  defaultValue,
  lastResult,
  showProvince,
  heading,
  submitLabel,
  version,
  notice,
}: {
  defaultValue: Record<string, string>;
  lastResult?: SubmissionResult<string[]> | null;
  showProvince: boolean;
  heading: string;
  submitLabel: string;
  version?: number;
  /** Shown instead of the form-level message (the stale-edit panel). */
  notice?: ReactNode;
}) {
  const { t } = useTranslation("reports");
  const { t: te } = useTranslation("enums");
  const { t: tt } = useTranslation("tele");
  const [form, fields] = useForm({
    id: version === undefined ? "target-new" : "target-edit",
    lastResult,
    constraint: getZodConstraint(targetSchema),
    shouldValidate: "onBlur",
    // A corrected field loses its message while typing, not on the blur of the click that
    // submits: otherwise the button moves up under the pointer and the click is lost.
    shouldRevalidate: "onInput",
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: targetSchema }),
  });
  const input = (name: keyof typeof TARGET_FIELD_LABELS & keyof typeof fields, type: "text" | "number" | "date", extra: Record<string, string> = {}, description?: string) => {
    const field = fields[name] as unknown as Parameters<typeof getInputProps>[0];
    return <Field field={field} label={t(TARGET_FIELD_LABELS[name])} description={description} inputProps={{ ...getInputProps(field, { type }), ...extra }} />;
  };
  // A share target is a percentage: the form says so and caps it at 100 (the schema refuses more).
  const percent = isPercentIndicator(String(fields.indicator.value ?? defaultValue.indicator ?? ""));
  const percentLimits: Record<string, string> = percent ? { max: "100" } : {};
  const percentHint = percent ? tt("reports.targets.shareHint") : undefined;
  return (
    <Form method="post" className="card space-y-3" {...getFormProps(form)}>
      <h2 className="text-lg font-semibold">{heading}</h2>
      {version === undefined ? null : <input type="hidden" name="version" value={version} />}
      {/* A notice (the stale-edit panel) stands in for the form's own message: it stays put
          while client validation clears form errors, so the button does not move under the click. */}
      {notice ?? <FormErrors errors={form.errors} />}
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="sm:col-span-2">{input("title", "text")}</div>
        <SelectField field={fields.indicator} label={t(TARGET_FIELD_LABELS.indicator)} selectProps={getSelectProps(fields.indicator)}>
          {TARGET_INDICATORS.map((i) => (
            <option key={i} value={i}>{te(`targetIndicator.${i}`)}</option>
          ))}
        </SelectField>
        {input("facilityId", "number")}
        {showProvince ? input("provinceCode", "text") : null}
        {input("periodStart", "date")}
        {input("periodEnd", "date")}
        {input("baseline", "number", { min: "0", step: "any", ...percentLimits })}
        {input("targetValue", "number", { step: "any", ...percentLimits }, percentHint)}
        {input("unit", "text")}
      </div>
      <button type="submit" name="intent" value="save" className="btn">{submitLabel}</button>
    </Form>
  );
}
