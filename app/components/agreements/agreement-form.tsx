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
import { rowControl, RowError } from "~/components/shared-form-bits";
import { Field, SelectField, TextareaField } from "~/components/fields";

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
        <Field field={fields.number} label={t("fields.number")} inputProps={getInputProps(fields.number, { type: "text" })} />
        <SelectField field={fields.type} label={t("fields.type")} selectProps={getSelectProps(fields.type)}>
          {AGREEMENT_TYPES.map((type) => (
            <option key={type} value={type}>{te(`agreementType.${type}`)}</option>
          ))}
        </SelectField>
        <Field className="sm:col-span-2" field={fields.title} label={t("fields.title")} inputProps={getInputProps(fields.title, { type: "text" })} />
        <Field field={fields.signedOn} label={t("fields.signedOn")} inputProps={getInputProps(fields.signedOn, { type: "date" })} />
        <Field
          field={fields.minRotationMonths}
          label={t("fields.minRotationMonths")}
          inputProps={{ ...getInputProps(fields.minRotationMonths, { type: "number" }), min: 1, max: 60 }}
        />
        <Field field={fields.startOn} label={t("fields.startOn")} inputProps={getInputProps(fields.startOn, { type: "date" })} />
        <Field field={fields.endOn} label={t("fields.endOn")} description={t("form.openEnded")} inputProps={getInputProps(fields.endOn, { type: "date" })} />
        <TextareaField className="sm:col-span-2" field={fields.notes} label={t("fields.notes")} textareaProps={getTextareaProps(fields.notes)} />
      </div>

      <fieldset className="card space-y-2">
        <legend className="px-1 font-semibold">{t("fields.parties")}</legend>
        <p className="text-sm text-slate-600">{t("form.partiesHelp")}</p>
        <FieldError id={fields.parties.errorId} errors={fields.parties.errors} />
        <LookupList id="facility-options" options={lookup.options} />
        <div ref={partyRows.container} className="space-y-2">
        {Array.from({ length: partyRows.count }, (_, i) => {
          const d = defaults.parties?.[i];
          const codeName = `parties[${i}].facilityCode`;
          const roleName = `parties[${i}].role`;
          const code = rowControl(`party-${i}-code`, errorsOf(codeName));
          const role = rowControl(`party-${i}-role`, errorsOf(roleName));
          return (
            <div key={i} className="grid gap-2 sm:grid-cols-[1fr_14rem]" data-party-row={i} data-growing-row>
              <div>
                <label className="sr-only" htmlFor={code.props.id}>{t("fields.party")} {i + 1}</label>
                <input
                  {...code.props}
                  name={codeName}
                  defaultValue={d?.facilityCode ?? ""}
                  list="facility-options"
                  placeholder={`${t("fields.party")} ${i + 1}`}
                  className="input"
                  autoComplete="off"
                  onChange={(e) => lookup.search(e.currentTarget.value)}
                />
                <RowError control={code} />
              </div>
              <div>
                <label className="sr-only" htmlFor={role.props.id}>{t("fields.role")} {i + 1}</label>
                <select {...role.props} name={roleName} defaultValue={d?.role ?? ""} className="input">
                  <option value="">{t("form.chooseRole")}</option>
                  {PARTY_ROLES.map((r) => (
                    <option key={r} value={r}>{te(`partyRole.${r}`)}</option>
                  ))}
                </select>
                <RowError control={role} />
              </div>
            </div>
          );
        })}
        </div>
        <AddRowButton rows={partyRows} label={t("form.addParty")} fullLabel={t("form.rowsFull", { max: MAX_PARTY_ROWS })} />
        {showOwner ? (
          <Field
            field={fields.ownerFacilityCode}
            label={t("fields.ownerCode")}
            inputProps={{ ...getInputProps(fields.ownerFacilityCode, { type: "text" }), list: "facility-options" }}
          />
        ) : null}
      </fieldset>

      <fieldset className="card">
        <legend className="px-1 font-semibold">{t("fields.chapters")}</legend>
        <FieldError id={fields.chapters.errorId} errors={fields.chapters.errors} />
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
