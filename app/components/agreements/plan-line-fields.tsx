// The fields a plan line shares between adding it and correcting it: its two parties, then
// phase, priority, target date, required supervised cases and notes.
import { getInputProps, getSelectProps, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { Field, SelectField } from "~/components/fields";

// Conform's metadata of one field of either form (add or correct); only names, ids and errors are read.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Meta = FieldMetadata<any, any, string[]>;
type PartyOption = { id: number; name: string; level: string | null };

/** From (a supporting party) and to (a receiving party). */
export function PlanLineParties({
  fields,
  supporting,
  receiving,
  withEmptyChoice,
}: {
  fields: { fromFacilityId: Meta; toFacilityId: Meta };
  supporting: PartyOption[];
  receiving: PartyOption[];
  withEmptyChoice: boolean;
}) {
  const { t } = useTranslation("agreements");
  const select = (field: Meta, label: string, options: PartyOption[]) => (
    <SelectField field={field} label={label} selectProps={getSelectProps(field)}>
      {withEmptyChoice ? <option value="" /> : null}
      {options.map((f) => <option key={f.id} value={f.id}>{f.name}{f.level ? ` (${f.level})` : ""}</option>)}
    </SelectField>
  );
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      {select(fields.fromFacilityId, t("plan.from"), supporting)}
      {select(fields.toFacilityId, t("plan.to"), receiving)}
    </div>
  );
}

/** Phase, priority, target date, required supervised cases (never below those already logged) and notes. */
export function PlanLineSchedule({
  fields,
  casesLogged = 0,
}: {
  fields: { phase: Meta; priority: Meta; targetDate: Meta; requiredCases: Meta; notes: Meta };
  casesLogged?: number;
}) {
  const { t } = useTranslation("agreements");
  return (
    <>
      <div className="grid gap-3 sm:grid-cols-4">
        <Field field={fields.phase} label={t("plan.phase")} inputProps={{ ...getInputProps(fields.phase, { type: "number" }), min: 1, max: 20 }} />
        <Field field={fields.priority} label={t("plan.priority")} inputProps={{ ...getInputProps(fields.priority, { type: "number" }), min: 1, max: 99 }} />
        <Field field={fields.targetDate} label={t("plan.targetDate")} inputProps={getInputProps(fields.targetDate, { type: "date" })} />
        <Field
          field={fields.requiredCases}
          label={t("item.requiredCases")}
          description={casesLogged > 0 && !fields.requiredCases.errors ? t("item.casesLogged", { logged: casesLogged }) : undefined}
          inputProps={{ ...getInputProps(fields.requiredCases, { type: "number" }), min: casesLogged, max: 1000 }}
        />
      </div>
      <Field field={fields.notes} label={t("fields.notes")} inputProps={getInputProps(fields.notes, { type: "text" })} />
    </>
  );
}
