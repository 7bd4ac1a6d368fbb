// The fields of a reclassification decision (new level and/or competence, effective date,
// decision number, note), shared by the single and the batch form.
import { getInputProps, getSelectProps, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { FieldError } from "~/components/form";
import { COMPETENCE_LEVELS, LEVELS } from "~/models/enums";
import { DateField } from "~/components/date-field";

type Fields = {
  level: FieldMetadata<string | undefined>;
  competence: FieldMetadata<string | undefined>;
  validFrom: FieldMetadata<string>;
  decisionNumber: FieldMetadata<string>;
  note: FieldMetadata<string | undefined>;
};

export function ClassificationFields({ fields }: { fields: Fields }) {
  const { t } = useTranslation("facilities");
  const { t: te } = useTranslation("enums");
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <div>
        <label className="label" htmlFor={fields.level.id}>
          {t("fields.level")}
        </label>
        <select {...getSelectProps(fields.level)} className="input">
          <option value="">{t("reclassify.keepLevel")}</option>
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
          <option value="">{t("reclassify.keepCompetence")}</option>
          {COMPETENCE_LEVELS.map((c) => (
            <option key={c} value={c}>
              {te(`competence.${c}`)}
            </option>
          ))}
        </select>
        <FieldError errors={fields.competence.errors} />
      </div>
      <div>
        <label className="label" htmlFor={fields.validFrom.id}>
          {t("fields.validFrom")}
        </label>
        <DateField {...getInputProps(fields.validFrom, { type: "text" })} />
        <FieldError errors={fields.validFrom.errors} />
      </div>
      <div>
        <label className="label" htmlFor={fields.decisionNumber.id}>
          {t("fields.decisionNumber")}
        </label>
        <input {...getInputProps(fields.decisionNumber, { type: "text" })} className="input" placeholder="1234/QĐ-UBND" />
        <FieldError errors={fields.decisionNumber.errors} />
      </div>
      <div className="sm:col-span-2">
        <label className="label" htmlFor={fields.note.id}>
          {t("fields.note")}
        </label>
        <input {...getInputProps(fields.note, { type: "text" })} className="input" />
        <FieldError errors={fields.note.errors} />
      </div>
    </div>
  );
}
