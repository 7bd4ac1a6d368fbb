// The fields of a reclassification decision (new level and/or competence, effective date,
// decision number, note), shared by the single and the batch form; the level and competence
// selects also serve the register form, which sets a new facility's first classification.
import { getInputProps, getSelectProps, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { Field, SelectField } from "~/components/fields";
import { COMPETENCE_LEVELS, LEVELS } from "~/models/enums";

type Fields = {
  level: FieldMetadata<string | undefined>;
  competence: FieldMetadata<string | undefined>;
  validFrom: FieldMetadata<string>;
  decisionNumber: FieldMetadata<string>;
  note: FieldMetadata<string | undefined>;
};

/** The care level select; `blank` names what choosing nothing means (keep it, or choose one). */
export function LevelSelect<Schema>({ field, blank }: { field: FieldMetadata<Schema>; blank: string }) {
  const { t } = useTranslation("facilities");
  const { t: te } = useTranslation("enums");
  return (
    <SelectField field={field} label={t("fields.level")} selectProps={getSelectProps(field)}>
      <option value="">{blank}</option>
      {LEVELS.map((l) => (
        <option key={l} value={l}>
          {te(`level.${l}`)}
        </option>
      ))}
    </SelectField>
  );
}

/** The technique-competence select; `blank` names what choosing nothing means. */
export function CompetenceSelect<Schema>({ field, blank }: { field: FieldMetadata<Schema>; blank: string }) {
  const { t } = useTranslation("facilities");
  const { t: te } = useTranslation("enums");
  return (
    <SelectField field={field} label={t("fields.competence")} selectProps={getSelectProps(field)}>
      <option value="">{blank}</option>
      {COMPETENCE_LEVELS.map((c) => (
        <option key={c} value={c}>
          {te(`competence.${c}`)}
        </option>
      ))}
    </SelectField>
  );
}

export function ClassificationFields({ fields }: { fields: Fields }) {
  const { t } = useTranslation("facilities");
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <LevelSelect field={fields.level} blank={t("reclassify.keepLevel")} />
      <CompetenceSelect field={fields.competence} blank={t("reclassify.keepCompetence")} />
      <Field field={fields.validFrom} label={t("fields.validFrom")} inputProps={getInputProps(fields.validFrom, { type: "date" })} />
      <Field
        field={fields.decisionNumber}
        label={t("fields.decisionNumber")}
        inputProps={{ ...getInputProps(fields.decisionNumber, { type: "text" }), placeholder: "1234/QĐ-UBND" }}
      />
      <Field className="sm:col-span-2" field={fields.note} label={t("fields.note")} inputProps={getInputProps(fields.note, { type: "text" })} />
    </div>
  );
}
