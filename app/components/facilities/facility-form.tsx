// The create / edit form of a facility register entry, validated by the same zod schema as the
// action. Kinds that deliver no care hide the level fields (the schema refuses them anyway);
// the commune list follows the chosen province (loaded from /facilities/communes).
import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, useFetcher } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { LookupList, useLookup } from "~/components/agreements/pickers";
import { CompetenceSelect, LevelSelect } from "~/components/facilities/classification-fields";
import { Field, SelectField } from "~/components/fields";
import { FieldError, FormErrors } from "~/components/form";
import { useLocale } from "~/i18n/use-locale";
import { deliversCare, FACILITY_KINDS, GRADES, OWNERSHIPS, type CompetenceLevel, type FacilityKind, type Grade, type Level, type Ownership } from "~/models/enums";
import { facilityCreateSchema, facilityEditSchema } from "~/models/facilities/schemas";

export type FacilityFormDefaults = {
  code?: string;
  name?: string;
  nameEn?: string | null;
  shortName?: string | null;
  kind?: FacilityKind;
  level?: Level | null;
  competence?: CompetenceLevel | null;
  grade?: Grade;
  ownership?: Ownership;
  beds?: number;
  provinceCode?: string | null;
  communeCode?: string | null;
  directedByCode?: string | null;
  openedOn?: string | null;
  closedOn?: string | null;
  version?: number;
};

type Place = { code: string; name: string; nameEn: string };

type Props = {
  mode: "create" | "edit";
  defaults: FacilityFormDefaults;
  provinces: Place[];
  /** Communes of the default province. */
  communes: Place[];
  /** A department officer registers only in its province: the province is fixed. */
  fixedProvince: string | null;
  lastResult?: SubmissionResult<string[]> | null;
  submitLabel: string;
};

const nonEmpty = <T extends Record<string, unknown>>(values: T) =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v === null || v === undefined ? undefined : typeof v === "number" ? String(v) : v]));

export function FacilityForm({ mode, defaults, provinces, communes, fixedProvince, lastResult, submitLabel }: Props) {
  const { t } = useTranslation("facilities");
  const { t: te } = useTranslation("enums");
  const locale = useLocale();
  const schema = mode === "create" ? facilityCreateSchema : facilityEditSchema;
  const lookup = useLookup("facility");
  const communeFetcher = useFetcher<{ communes: Place[] }>();
  const [kind, setKind] = useState<FacilityKind>(defaults.kind ?? "commune_station");
  const [form, fields] = useForm({
    id: `facility-${mode}`,
    lastResult,
    constraint: getZodConstraint(schema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    defaultValue: nonEmpty({ ...defaults, provinceCode: fixedProvince ?? defaults.provinceCode }),
  });
  const communeOptions = communeFetcher.data?.communes ?? communes;
  const placeName = (p: Place) => (locale === "en" ? p.nameEn : p.name);
  const care = deliversCare(kind);
  const text = (name: keyof typeof fields, type: "text" | "date" | "number" = "text", hint?: string, extra: Record<string, unknown> = {}) => (
    <Field field={fields[name]} label={t(`fields.${name}`)} description={hint} inputProps={{ ...getInputProps(fields[name], { type }), ...extra }} />
  );
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-4">
      <FormErrors errors={form.errors} />
      {mode === "edit" ? (
        <>
          <input type="hidden" name="version" value={defaults.version} />
          <input type="hidden" name="intent" value="save" />
        </>
      ) : null}
      <div className="card grid gap-3 sm:grid-cols-2">
        {text("code", "text", t("form.codeHint"), { autoComplete: "off" })}
        <SelectField
          field={fields.kind}
          label={t("fields.kind")}
          selectProps={{ ...getSelectProps(fields.kind), onChange: (e) => setKind(e.currentTarget.value as FacilityKind) }}
        >
          {FACILITY_KINDS.map((k) => (
            <option key={k} value={k}>
              {te(`facilityKind.${k}`)}
            </option>
          ))}
        </SelectField>
        <div className="sm:col-span-2">{text("name")}</div>
        {text("nameEn")}
        {text("shortName")}
        {mode === "create" ? (
          care ? (
            <>
              <LevelSelect field={fields.level} blank={t("form.choose")} />
              <CompetenceSelect field={fields.competence} blank={t("form.notClassified")} />
              <p className="text-xs text-slate-500 sm:col-span-2">{t("form.initialHint")}</p>
            </>
          ) : (
            <p className="text-sm text-slate-600 sm:col-span-2" data-testid="non-care-hint">
              {t("form.nonCareHint")}
              <FieldError id={fields.level.errorId} errors={fields.level.errors} />
              <FieldError id={fields.competence.errorId} errors={fields.competence.errors} />
            </p>
          )
        ) : (
          <p className="text-sm text-slate-600 sm:col-span-2">{care ? t("form.classificationReadOnly") : t("form.nonCareHint")}</p>
        )}
        <SelectField field={fields.grade} label={t("fields.grade")} selectProps={getSelectProps(fields.grade)}>
          {GRADES.map((v) => (
            <option key={v} value={v}>
              {te(`grade.${v}`)}
            </option>
          ))}
        </SelectField>
        <SelectField field={fields.ownership} label={t("fields.ownership")} selectProps={getSelectProps(fields.ownership)}>
          {OWNERSHIPS.map((v) => (
            <option key={v} value={v}>
              {te(`ownership.${v}`)}
            </option>
          ))}
        </SelectField>
        {text("beds", "number", undefined, { min: 0 })}
        {fixedProvince ? (
          <>
            <input type="hidden" name="provinceCode" value={fixedProvince} />
            <SelectField field={fields.provinceCode} label={t("fields.provinceCode")} selectProps={{ disabled: true, value: fixedProvince }}>
              {provinces
                .filter((p) => p.code === fixedProvince)
                .map((p) => (
                  <option key={p.code} value={p.code}>
                    {placeName(p)}
                  </option>
                ))}
            </SelectField>
          </>
        ) : (
          <SelectField
            field={fields.provinceCode}
            label={t("fields.provinceCode")}
            selectProps={{
              ...getSelectProps(fields.provinceCode),
              onChange: (e) => communeFetcher.load(`/facilities/communes?province=${encodeURIComponent(e.currentTarget.value)}`),
            }}
          >
            <option value="">{t("form.none")}</option>
            {provinces.map((p) => (
              <option key={p.code} value={p.code}>
                {placeName(p)}
              </option>
            ))}
          </SelectField>
        )}
        <SelectField
          key={communeOptions.map((c) => c.code).join()}
          field={fields.communeCode}
          label={t("fields.communeCode")}
          selectProps={getSelectProps(fields.communeCode)}
        >
          <option value="">{t("form.none")}</option>
          {communeOptions.map((c) => (
            <option key={c.code} value={c.code}>
              {placeName(c)} ({c.code})
            </option>
          ))}
        </SelectField>
        <div>
          <Field
            field={fields.directedByCode}
            label={t("fields.directedByCode")}
            description={t("form.directedByHint")}
            inputProps={{
              ...getInputProps(fields.directedByCode, { type: "text" }),
              list: "directing-options",
              autoComplete: "off",
              onChange: (e) => lookup.search(e.currentTarget.value),
            }}
          />
          <LookupList id="directing-options" options={lookup.options} />
        </div>
        <div />
        {text("openedOn", "date")}
        {text("closedOn", "date", t("form.openEnded"))}
      </div>
      <button type="submit" className="btn">
        {submitLabel}
      </button>
    </Form>
  );
}
