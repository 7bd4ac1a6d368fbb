// The create and edit form of a recurring schedule; the spokes offered are those linked to the
// hub now. Validated by the same schema as the action; the rules' refusals come back by field.
import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, useSubmit } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, SelectField } from "~/components/fields";
import { FieldError, FormErrors } from "~/components/form";
import { TELE_SESSION_KINDS } from "~/models/enums";
import { seriesSchema } from "~/models/tele/links-schemas";

type Option = { id: number; name: string };

export type SeriesFormDefaults = {
  hubFacilityId?: number;
  kind?: string;
  title?: string;
  chapterNumber?: number | null;
  weekday?: number;
  startTime?: string;
  durationMinutes?: number;
  startOn?: string;
  endOn?: string;
  spokeFacilityIds?: number[];
  version?: number;
};

export function SeriesForm({
  hubs,
  spokes,
  chapters,
  defaults,
  lastResult,
  submitLabel,
}: {
  hubs: Option[];
  spokes: Option[];
  chapters: { number: number; name: string }[];
  defaults: SeriesFormDefaults;
  lastResult?: SubmissionResult<string[]> | null;
  submitLabel: string;
}) {
  const { t } = useTranslation("tele");
  const submit = useSubmit();
  const editing = defaults.version !== undefined;
  const schema = seriesSchema;
  const [form, fields] = useForm({
    id: editing ? "tele-series-edit" : "tele-series",
    lastResult,
    constraint: getZodConstraint(schema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    defaultValue: {
      hubFacilityId: defaults.hubFacilityId?.toString() ?? "",
      kind: defaults.kind ?? "consultation",
      title: defaults.title ?? "",
      chapterNumber: defaults.chapterNumber?.toString() ?? "",
      weekday: defaults.weekday?.toString() ?? "",
      startTime: defaults.startTime ?? "",
      durationMinutes: defaults.durationMinutes?.toString() ?? "60",
      startOn: defaults.startOn ?? "",
      endOn: defaults.endOn ?? "",
      spokeFacilityIds: (defaults.spokeFacilityIds ?? []).map(String),
      version: defaults.version?.toString(),
    },
  });
  const chosen = new Set((fields.spokeFacilityIds.initialValue as string[] | undefined) ?? []);
  return (
    <Form method="post" {...getFormProps(form)} className="card grid gap-3 sm:grid-cols-2">
      <div className="sm:col-span-2">
        <FormErrors id={form.errorId} errors={form.errors} />
      </div>
      {editing ? <input {...getInputProps(fields.version, { type: "hidden" })} /> : null}
      <SelectField
        field={fields.hubFacilityId}
        label={t("links.hub")}
        selectProps={{
          ...getSelectProps(fields.hubFacilityId),
          disabled: editing || undefined,
          // Another hub invites other spokes: reload the page for it.
          onChange: (e) => submit({ hub: e.currentTarget.value }, { method: "get", replace: true }),
        }}
      >
        {hubs.map((h) => (
          <option key={h.id} value={h.id}>
            {h.name}
          </option>
        ))}
      </SelectField>
      {editing ? <input type="hidden" name={fields.hubFacilityId.name} value={defaults.hubFacilityId} /> : null}
      <SelectField field={fields.kind} label={t("links.series.kind")} selectProps={getSelectProps(fields.kind)}>
        {TELE_SESSION_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`sessions.kind.${k}`)}
          </option>
        ))}
      </SelectField>
      <Field className="sm:col-span-2" field={fields.title} label={t("links.series.name")} inputProps={getInputProps(fields.title, { type: "text" })} />
      <SelectField field={fields.chapterNumber} label={t("links.chapter")} selectProps={getSelectProps(fields.chapterNumber)}>
        <option value="">{t("links.anyChapter")}</option>
        {chapters.map((c) => (
          <option key={c.number} value={c.number}>
            {t("links.chapterOption", { number: c.number, name: c.name })}
          </option>
        ))}
      </SelectField>
      <SelectField field={fields.weekday} label={t("links.series.weekday")} selectProps={getSelectProps(fields.weekday)}>
        <option value="" />
        {(["1", "2", "3", "4", "5", "6", "7"] as const).map((d) => (
          <option key={d} value={d}>
            {t(`links.weekday.${d}`)}
          </option>
        ))}
      </SelectField>
      <Field
        field={fields.startTime}
        label={t("links.series.startTime")}
        description={t("links.series.startTimeHint")}
        inputProps={{ ...getInputProps(fields.startTime, { type: "text" }), inputMode: "numeric", placeholder: "14:00" }}
      />
      <Field field={fields.durationMinutes} label={t("links.series.duration")} inputProps={getInputProps(fields.durationMinutes, { type: "number" })} />
      <Field field={fields.startOn} label={t("links.startOn")} inputProps={getInputProps(fields.startOn, { type: "date" })} />
      <Field field={fields.endOn} label={t("links.endOn")} inputProps={getInputProps(fields.endOn, { type: "date" })} />
      <fieldset className="sm:col-span-2">
        <legend className="label">{t("links.series.spokes")}</legend>
        <p className="mb-2 text-xs text-slate-500">{t("links.series.spokesHint")}</p>
        <ul className="space-y-1 rounded border border-slate-200 p-2">
          {spokes.map((s) => (
            <li key={s.id}>
              <label className="flex items-start gap-2 text-sm">
                <input type="checkbox" name={fields.spokeFacilityIds.name} value={s.id} defaultChecked={chosen.has(String(s.id))} className="mt-1" />
                <span>{s.name}</span>
              </label>
            </li>
          ))}
        </ul>
        <FieldError id={fields.spokeFacilityIds.errorId} errors={fields.spokeFacilityIds.errors} />
      </fieldset>
      <div className="sm:col-span-2">
        <button type="submit" className="btn" data-testid="series-submit">
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
