// The fields a plan line shares between adding it and correcting it: its two parties, then
// phase, priority, target date, required supervised cases and notes.
import { getInputProps, getSelectProps, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { FieldError } from "~/components/form";
import { DateField } from "~/components/date-field";

// Conform's metadata of one field of either form (add or correct); only names, ids and errors are read.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Field = FieldMetadata<any, any, string[]>;
type PartyOption = { id: number; name: string; level: string | null };

/** From (a supporting party) and to (a receiving party). */
export function PlanLineParties({
  fields,
  supporting,
  receiving,
  withEmptyChoice,
}: {
  fields: { fromFacilityId: Field; toFacilityId: Field };
  supporting: PartyOption[];
  receiving: PartyOption[];
  withEmptyChoice: boolean;
}) {
  const { t } = useTranslation("agreements");
  const select = (field: Field, label: string, options: PartyOption[]) => (
    <div>
      <label className="label" htmlFor={field.id}>{label}</label>
      <select {...getSelectProps(field)} className="input">
        {withEmptyChoice ? <option value="" /> : null}
        {options.map((f) => <option key={f.id} value={f.id}>{f.name}{f.level ? ` (${f.level})` : ""}</option>)}
      </select>
      <FieldError errors={field.errors} />
    </div>
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
  fields: { phase: Field; priority: Field; targetDate: Field; requiredCases: Field; notes: Field };
  casesLogged?: number;
}) {
  const { t } = useTranslation("agreements");
  return (
    <>
      <div className="grid gap-3 sm:grid-cols-4">
        <div>
          <label className="label" htmlFor={fields.phase.id}>{t("plan.phase")}</label>
          <input {...getInputProps(fields.phase, { type: "number" })} min={1} max={20} className="input" />
          <FieldError errors={fields.phase.errors} />
        </div>
        <div>
          <label className="label" htmlFor={fields.priority.id}>{t("plan.priority")}</label>
          <input {...getInputProps(fields.priority, { type: "number" })} min={1} max={99} className="input" />
          <FieldError errors={fields.priority.errors} />
        </div>
        <div>
          <label className="label" htmlFor={fields.targetDate.id}>{t("plan.targetDate")}</label>
          <DateField {...getInputProps(fields.targetDate, { type: "text" })} />
          <FieldError errors={fields.targetDate.errors} />
        </div>
        <div>
          <label className="label" htmlFor={fields.requiredCases.id}>{t("item.requiredCases")}</label>
          <input {...getInputProps(fields.requiredCases, { type: "number" })} min={casesLogged} max={1000} className="input" />
          {casesLogged > 0 && !fields.requiredCases.errors ? <p className="text-xs text-slate-500">{t("item.casesLogged", { logged: casesLogged })}</p> : null}
          <FieldError errors={fields.requiredCases.errors} />
        </div>
      </div>
      <div>
        <label className="label" htmlFor={fields.notes.id}>{t("fields.notes")}</label>
        <input {...getInputProps(fields.notes, { type: "text" })} className="input" />
        <FieldError errors={fields.notes.errors} />
      </div>
    </>
  );
}
