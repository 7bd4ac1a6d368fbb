// The new-link form (hub, spoke, specialty, agreement or none, dates, note) and the one-step
// form that creates an agreement's links; validated by the same schemas as the actions.
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, useSubmit } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, SelectField, TextareaField } from "~/components/fields";
import { FormErrors } from "~/components/form";
import { linkCreateSchema, linksFromAgreementSchema } from "~/models/tele/links-schemas";

type Option = { id: number; name: string };

export type LinkFormOptions = {
  hubs: Option[];
  hub: Option | null;
  spokes: Option[];
  agreements: (Option & { number: string })[];
  chapters: { number: number; name: string }[];
};

export function LinkForm({ options, lastResult, today }: { options: LinkFormOptions; lastResult?: SubmissionResult<string[]> | null; today: string }) {
  const { t } = useTranslation("tele");
  const submit = useSubmit();
  const [form, fields] = useForm({
    id: "tele-link",
    lastResult,
    constraint: getZodConstraint(linkCreateSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: linkCreateSchema }),
    defaultValue: { hubFacilityId: options.hub ? String(options.hub.id) : "", startOn: today },
  });
  return (
    <Form method="post" {...getFormProps(form)} className="card grid gap-3 sm:grid-cols-2">
      <input type="hidden" name="intent" value="create" />
      <div className="sm:col-span-2">
        <FormErrors id={form.errorId} errors={form.errors} />
      </div>
      <SelectField
        field={fields.hubFacilityId}
        label={t("links.hub")}
        selectProps={{
          ...getSelectProps(fields.hubFacilityId),
          // Another hub offers other spokes and agreements: reload the page for it.
          onChange: (e) => submit({ hub: e.currentTarget.value }, { method: "get", replace: true }),
        }}
      >
        {options.hubs.map((h) => (
          <option key={h.id} value={h.id}>
            {h.name}
          </option>
        ))}
      </SelectField>
      <SelectField field={fields.spokeFacilityId} label={t("links.spoke")} description={t("links.create.spokeHint")} selectProps={getSelectProps(fields.spokeFacilityId)}>
        <option value="" />
        {options.spokes.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </SelectField>
      <SelectField field={fields.chapterNumber} label={t("links.chapter")} selectProps={getSelectProps(fields.chapterNumber)}>
        <option value="" />
        {options.chapters.map((c) => (
          <option key={c.number} value={c.number}>
            {t("links.chapterOption", { number: c.number, name: c.name })}
          </option>
        ))}
      </SelectField>
      <SelectField field={fields.agreementId} label={t("links.agreement")} description={t("links.create.agreementHint")} selectProps={getSelectProps(fields.agreementId)}>
        <option value="">{t("links.noAgreement")}</option>
        {options.agreements.map((a) => (
          <option key={a.id} value={a.id}>
            {a.number}: {a.name}
          </option>
        ))}
      </SelectField>
      <Field field={fields.startOn} label={t("links.startOn")} inputProps={getInputProps(fields.startOn, { type: "date" })} />
      <Field field={fields.endOn} label={t("links.endOn")} inputProps={getInputProps(fields.endOn, { type: "date" })} />
      <TextareaField className="sm:col-span-2" field={fields.note} label={t("links.note")} textareaProps={{ ...getTextareaProps(fields.note), rows: 2 }} />
      <div className="sm:col-span-2">
        <button type="submit" className="btn" data-testid="link-submit">
          {t("links.create.submit")}
        </button>
      </div>
    </Form>
  );
}

export function LinksFromAgreementForm({ options, lastResult }: { options: LinkFormOptions; lastResult?: SubmissionResult<string[]> | null }) {
  const { t } = useTranslation("tele");
  const [form, fields] = useForm({
    id: "tele-links-agreement",
    lastResult,
    constraint: getZodConstraint(linksFromAgreementSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: linksFromAgreementSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="card grid gap-3 sm:grid-cols-2">
      <input type="hidden" name="intent" value="fromAgreement" />
      <p className="text-sm text-slate-600 sm:col-span-2">{t("links.create.fromAgreementHint")}</p>
      <div className="sm:col-span-2">
        <FormErrors id={form.errorId} errors={form.errors} />
      </div>
      <SelectField field={fields.agreementId} label={t("links.agreement")} selectProps={getSelectProps(fields.agreementId)}>
        <option value="" />
        {options.agreements.map((a) => (
          <option key={a.id} value={a.id}>
            {a.number}: {a.name}
          </option>
        ))}
      </SelectField>
      <Field field={fields.startOn} label={t("links.startOn")} inputProps={getInputProps(fields.startOn, { type: "date" })} />
      <div className="sm:col-span-2">
        <button type="submit" className="btn-secondary">
          {t("links.create.fromAgreementSubmit")}
        </button>
      </div>
    </Form>
  );
}
