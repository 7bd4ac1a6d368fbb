// The create / edit form of an agreement: terms, scope and party rows that grow with an "add
// row" button (blank rows are ignored), validated by the same zod schema as the action.
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldError, FormErrors } from "~/components/form";
import { AddRowButton, useGrowingRows } from "~/components/growing-rows";
import { agreementSchema, MAX_PARTY_ROWS } from "~/models/agreements/schemas";
import { AGREEMENT_TYPES, PARTY_ROLES, type AgreementType, type PartyRole } from "~/models/enums";
import { LookupList, useLookup } from "./pickers";
import { DateField } from "~/components/date-field";

export type AgreementFormDefaults = {
  number?: string;
  title?: string;
  type?: AgreementType;
  signedOn?: string | null;
  startOn?: string;
  endOn?: string | null;
  minRotationMonths?: number;
  notes?: string | null;
  chapters?: number[];
  parties?: { facilityCode: string; role: PartyRole }[];
  version?: number;
};

type Props = {
  defaults: AgreementFormDefaults;
  chapters: { number: number; name: string }[];
  lastResult?: SubmissionResult<string[]> | null;
  showOwner: boolean;
  submitLabel: string;
};

export function AgreementForm({ defaults, chapters, lastResult, showOwner, submitLabel }: Props) {
  const { t } = useTranslation("agreements");
  const { t: te } = useTranslation("enums");
  const lookup = useLookup("facility");
  const [form, fields] = useForm({
    id: "agreement",
    lastResult,
    constraint: getZodConstraint(agreementSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: agreementSchema }),
    defaultValue: { ...defaults, chapters: defaults.chapters?.map(String) },
  });
  // The stored parties and one blank; a new agreement starts with two rows (supporting, receiving).
  const partyRows = useGrowingRows(Math.max(2, (defaults.parties?.length ?? 0) + 1), MAX_PARTY_ROWS);
  const errorsOf = (name: string) => form.allErrors[name];
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-4">
      <FormErrors errors={form.errors} />
      {defaults.version !== undefined ? <input type="hidden" name="version" value={defaults.version} /> : null}
      <div className="card grid gap-3 sm:grid-cols-2">
        <div>
          <label className="label" htmlFor={fields.number.id}>{t("fields.number")}</label>
          <input {...getInputProps(fields.number, { type: "text" })} className="input" />
          <FieldError errors={fields.number.errors} />
        </div>
        <div>
          <label className="label" htmlFor={fields.type.id}>{t("fields.type")}</label>
          <select {...getSelectProps(fields.type)} className="input">
            {AGREEMENT_TYPES.map((type) => (
              <option key={type} value={type}>{te(`agreementType.${type}`)}</option>
            ))}
          </select>
          <FieldError errors={fields.type.errors} />
        </div>
        <div className="sm:col-span-2">
          <label className="label" htmlFor={fields.title.id}>{t("fields.title")}</label>
          <input {...getInputProps(fields.title, { type: "text" })} className="input" />
          <FieldError errors={fields.title.errors} />
        </div>
        <div>
          <label className="label" htmlFor={fields.signedOn.id}>{t("fields.signedOn")}</label>
          <DateField {...getInputProps(fields.signedOn, { type: "text" })} />
          <FieldError errors={fields.signedOn.errors} />
        </div>
        <div>
          <label className="label" htmlFor={fields.minRotationMonths.id}>{t("fields.minRotationMonths")}</label>
          <input {...getInputProps(fields.minRotationMonths, { type: "number" })} min={1} max={60} className="input" />
          <FieldError errors={fields.minRotationMonths.errors} />
        </div>
        <div>
          <label className="label" htmlFor={fields.startOn.id}>{t("fields.startOn")}</label>
          <DateField {...getInputProps(fields.startOn, { type: "text" })} />
          <FieldError errors={fields.startOn.errors} />
        </div>
        <div>
          <label className="label" htmlFor={fields.endOn.id}>{t("fields.endOn")}</label>
          <DateField {...getInputProps(fields.endOn, { type: "text" })} />
          <p className="text-xs text-slate-500">{t("form.openEnded")}</p>
          <FieldError errors={fields.endOn.errors} />
        </div>
        <div className="sm:col-span-2">
          <label className="label" htmlFor={fields.notes.id}>{t("fields.notes")}</label>
          <textarea {...getTextareaProps(fields.notes)} rows={3} className="input" />
          <FieldError errors={fields.notes.errors} />
        </div>
      </div>

      <fieldset className="card space-y-2">
        <legend className="px-1 font-semibold">{t("fields.parties")}</legend>
        <p className="text-sm text-slate-600">{t("form.partiesHelp")}</p>
        <FieldError errors={fields.parties.errors} />
        <LookupList id="facility-options" options={lookup.options} />
        <div ref={partyRows.container} className="space-y-2">
        {Array.from({ length: partyRows.count }, (_, i) => {
          const d = defaults.parties?.[i];
          const codeName = `parties[${i}].facilityCode`;
          const roleName = `parties[${i}].role`;
          return (
            <div key={i} className="grid gap-2 sm:grid-cols-[1fr_14rem]" data-party-row={i} data-growing-row>
              <div>
                <label className="sr-only" htmlFor={`party-${i}-code`}>{t("fields.party")} {i + 1}</label>
                <input
                  id={`party-${i}-code`}
                  name={codeName}
                  defaultValue={d?.facilityCode ?? ""}
                  list="facility-options"
                  placeholder={`${t("fields.party")} ${i + 1}`}
                  className="input"
                  autoComplete="off"
                  aria-invalid={errorsOf(codeName) ? true : undefined}
                  onChange={(e) => lookup.search(e.currentTarget.value)}
                />
                <FieldError errors={errorsOf(codeName)} />
              </div>
              <div>
                <label className="sr-only" htmlFor={`party-${i}-role`}>{t("fields.role")} {i + 1}</label>
                <select id={`party-${i}-role`} name={roleName} defaultValue={d?.role ?? ""} className="input" aria-invalid={errorsOf(roleName) ? true : undefined}>
                  <option value="">{t("form.chooseRole")}</option>
                  {PARTY_ROLES.map((role) => (
                    <option key={role} value={role}>{te(`partyRole.${role}`)}</option>
                  ))}
                </select>
                <FieldError errors={errorsOf(roleName)} />
              </div>
            </div>
          );
        })}
        </div>
        <AddRowButton rows={partyRows} label={t("form.addParty")} fullLabel={t("form.rowsFull", { max: MAX_PARTY_ROWS })} />
        {showOwner ? (
          <div>
            <label className="label" htmlFor={fields.ownerFacilityCode.id}>{t("fields.ownerCode")}</label>
            <input {...getInputProps(fields.ownerFacilityCode, { type: "text" })} list="facility-options" className="input" />
            <FieldError errors={fields.ownerFacilityCode.errors} />
          </div>
        ) : null}
      </fieldset>

      <fieldset className="card">
        <legend className="px-1 font-semibold">{t("fields.chapters")}</legend>
        <FieldError errors={fields.chapters.errors} />
        <div className="grid max-h-64 gap-1 overflow-y-auto text-sm sm:grid-cols-2">
          {chapters.map((c) => (
            <label key={c.number} className="flex items-start gap-2">
              <input type="checkbox" name="chapters" value={c.number} defaultChecked={defaults.chapters?.includes(c.number)} className="mt-1" />
              <span>{c.number}. {c.name}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <button type="submit" className="btn">{submitLabel}</button>
    </Form>
  );
}
