// The create / edit form of a facility register entry, validated by the same zod schema as the
// action. Kinds that deliver no care hide the level fields (the schema refuses them anyway);
// the commune list follows the chosen province (loaded from /facilities/communes).
import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, useFetcher } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { LookupList, useLookup } from "~/components/agreements/pickers";
import { FieldError, FormErrors } from "~/components/form";
import { useLocale } from "~/i18n/use-locale";
import {
  COMPETENCE_LEVELS,
  deliversCare,
  FACILITY_KINDS,
  GRADES,
  LEVELS,
  OWNERSHIPS,
  type CompetenceLevel,
  type FacilityKind,
  type Grade,
  type Level,
  type Ownership,
} from "~/models/enums";
import { facilityCreateSchema, facilityEditSchema } from "~/models/facilities/schemas";
import { DateField } from "~/components/date-field";

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
  const text = (name: keyof typeof fields, type: "text" | "date" | "number" = "text", hint?: string, extra: Record<string, unknown> = {}) => {
    const field = fields[name];
    return (
      <div>
        <label className="label" htmlFor={field.id}>
          {t(`fields.${name}`)}
        </label>
        {type === "date" ? (
          <DateField {...getInputProps(field, { type: "text" })} {...extra} />
        ) : (
          <input {...getInputProps(field, { type })} className="input" {...extra} />
        )}
        {hint ? <p className="text-xs text-slate-500">{hint}</p> : null}
        <FieldError errors={field.errors} />
      </div>
    );
  };
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
        <div>
          <label className="label" htmlFor={fields.kind.id}>
            {t("fields.kind")}
          </label>
          <select {...getSelectProps(fields.kind)} className="input" onChange={(e) => setKind(e.currentTarget.value as FacilityKind)}>
            {FACILITY_KINDS.map((k) => (
              <option key={k} value={k}>
                {te(`facilityKind.${k}`)}
              </option>
            ))}
          </select>
          <FieldError errors={fields.kind.errors} />
        </div>
        <div className="sm:col-span-2">{text("name")}</div>
        {text("nameEn")}
        {text("shortName")}
        {mode === "create" ? (
          care ? (
            <>
              <div>
                <label className="label" htmlFor={fields.level.id}>
                  {t("fields.level")}
                </label>
                <select {...getSelectProps(fields.level)} className="input">
                  <option value="">{t("form.choose")}</option>
                  {LEVELS.map((l) => (
                    <option key={l} value={l}>
                      {te(`level.${l}`)}
                    </option>
                  ))}
                </select>
                <FieldError errors={fields.level.errors} />
              </div>
              <div>
                <label className="label" htmlFor={fields.competence.id}>
                  {t("fields.competence")}
                </label>
                <select {...getSelectProps(fields.competence)} className="input">
                  <option value="">{t("form.notClassified")}</option>
                  {COMPETENCE_LEVELS.map((c) => (
                    <option key={c} value={c}>
                      {te(`competence.${c}`)}
                    </option>
                  ))}
                </select>
                <FieldError errors={fields.competence.errors} />
              </div>
              <p className="text-xs text-slate-500 sm:col-span-2">{t("form.initialHint")}</p>
            </>
          ) : (
            <p className="text-sm text-slate-600 sm:col-span-2" data-testid="non-care-hint">
              {t("form.nonCareHint")}
              <FieldError errors={fields.level.errors} />
              <FieldError errors={fields.competence.errors} />
            </p>
          )
        ) : (
          <p className="text-sm text-slate-600 sm:col-span-2">{care ? t("form.classificationReadOnly") : t("form.nonCareHint")}</p>
        )}
        <div>
          <label className="label" htmlFor={fields.grade.id}>
            {t("fields.grade")}
          </label>
          <select {...getSelectProps(fields.grade)} className="input">
            {GRADES.map((g) => (
              <option key={g} value={g}>
                {te(`grade.${g}`)}
              </option>
            ))}
          </select>
          <FieldError errors={fields.grade.errors} />
        </div>
        <div>
          <label className="label" htmlFor={fields.ownership.id}>
            {t("fields.ownership")}
          </label>
          <select {...getSelectProps(fields.ownership)} className="input">
            {OWNERSHIPS.map((o) => (
              <option key={o} value={o}>
                {te(`ownership.${o}`)}
              </option>
            ))}
          </select>
          <FieldError errors={fields.ownership.errors} />
        </div>
        {text("beds", "number", undefined, { min: 0 })}
        <div>
          <label className="label" htmlFor={fields.provinceCode.id}>
            {t("fields.provinceCode")}
          </label>
          {fixedProvince ? (
            <>
              <input type="hidden" name="provinceCode" value={fixedProvince} />
              <select id={fields.provinceCode.id} className="input" disabled value={fixedProvince}>
                {provinces
                  .filter((p) => p.code === fixedProvince)
                  .map((p) => (
                    <option key={p.code} value={p.code}>
                      {placeName(p)}
                    </option>
                  ))}
              </select>
            </>
          ) : (
            <select
              {...getSelectProps(fields.provinceCode)}
              className="input"
              onChange={(e) => communeFetcher.load(`/facilities/communes?province=${encodeURIComponent(e.currentTarget.value)}`)}
            >
              <option value="">{t("form.none")}</option>
              {provinces.map((p) => (
                <option key={p.code} value={p.code}>
                  {placeName(p)}
                </option>
              ))}
            </select>
          )}
          <FieldError errors={fields.provinceCode.errors} />
        </div>
        <div>
          <label className="label" htmlFor={fields.communeCode.id}>
            {t("fields.communeCode")}
          </label>
          <select {...getSelectProps(fields.communeCode)} key={communeOptions.map((c) => c.code).join()} className="input">
            <option value="">{t("form.none")}</option>
            {communeOptions.map((c) => (
              <option key={c.code} value={c.code}>
                {placeName(c)} ({c.code})
              </option>
            ))}
          </select>
          <FieldError errors={fields.communeCode.errors} />
        </div>
        <div>
          <label className="label" htmlFor={fields.directedByCode.id}>
            {t("fields.directedByCode")}
          </label>
          <input
            {...getInputProps(fields.directedByCode, { type: "text" })}
            list="directing-options"
            className="input"
            autoComplete="off"
            onChange={(e) => lookup.search(e.currentTarget.value)}
          />
          <LookupList id="directing-options" options={lookup.options} />
          <p className="text-xs text-slate-500">{t("form.directedByHint")}</p>
          <FieldError errors={fields.directedByCode.errors} />
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
