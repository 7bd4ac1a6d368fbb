// The "Unavailability" section of a staff member's page: the periods away, and for those who
// may change them a form to add one (or edit the one chosen by `?unavailability=<id>`), a
// delete button per period, and after saving the rotations and courses the period covers,
// linked so the trainer can re-plan them.
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConfirmButton } from "~/components/confirm-button";
import { Field, SelectField, TextareaField } from "~/components/fields";
import { FormErrors } from "~/components/form";
import { formatDate } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { UNAVAILABILITY_KINDS, type UnavailabilityKind } from "~/models/enums";
import { unavailabilitySchema } from "~/models/staff/unavailability";

export type UnavailabilityPeriodView = {
  id: number;
  kind: UnavailabilityKind;
  startOn: string;
  endOn: string;
  note: string | null;
  version: number;
  enteredBy: string | null;
};

export type UnavailabilityWarningView = {
  kind: "rotation" | "course_attendance" | "course_training";
  id: number;
  title: string;
  titleEn: string;
  start: string;
  end: string;
  href: string;
};

/** What the page's action answered: a form's reply, and after a success what it did and the warnings. */
export type UnavailabilityActionData = {
  result: SubmissionResult<string[]>;
  done?: "saved" | "deleted" | null;
  warnings?: UnavailabilityWarningView[];
};

function replyFor(actionData: UnavailabilityActionData | undefined, intent: string, id: number | null) {
  if (!actionData || actionData.done) return undefined;
  const initial = actionData.result.initialValue as Record<string, unknown> | undefined;
  if (initial?.intent !== intent) return undefined;
  const replyId = typeof initial.id === "string" && initial.id !== "" ? Number(initial.id) : null;
  return replyId === id ? actionData.result : undefined;
}

export function UnavailabilitySection({
  periods,
  canManage,
  editing,
  actionData,
}: {
  periods: UnavailabilityPeriodView[];
  canManage: boolean;
  /** The period whose edit form is open, or null for the add form. */
  editing: UnavailabilityPeriodView | null;
  actionData?: UnavailabilityActionData;
}) {
  const { t } = useTranslation("staff");
  const locale = useLocale();
  return (
    <section id="unavailability" className="card space-y-3" data-testid="unavailability-section" aria-labelledby="unavailability-title">
      <h2 id="unavailability-title" className="font-semibold">
        {t("unavailability.title")}
      </h2>
      <p className="text-sm text-slate-600">{t("unavailability.intro")}</p>
      {actionData?.done ? (
        <p className="rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900" role="status" data-testid="unavailability-done">
          {t(actionData.done === "saved" ? "unavailability.saved" : "unavailability.deleted")}
        </p>
      ) : null}
      {actionData?.warnings && actionData.warnings.length > 0 ? (
        <div className="space-y-1 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" role="alert" data-testid="unavailability-warnings">
          <p className="font-semibold">{t("unavailability.warnings")}</p>
          <ul className="list-disc pl-5">
            {actionData.warnings.map((w) => (
              <li key={`${w.kind}-${w.id}`} data-testid="unavailability-warning">
                <Link to={w.href} className="link">
                  {t(`unavailability.warning.${w.kind}`, { title: w.title, titleEn: w.titleEn, start: w.start, end: w.end })}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {periods.length === 0 ? (
        <p className="text-sm text-slate-600" data-testid="unavailability-empty">
          {t("unavailability.empty")}
        </p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm" data-testid="unavailability-list">
          {periods.map((p) => (
            <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 py-2" data-testid="unavailability-row" data-id={p.id}>
              <span>
                <span className="font-medium">{t(`unavailability.kinds.${p.kind}`)}</span>
                <span className="whitespace-nowrap text-slate-600">
                  {" "}
                  · {formatDate(p.startOn, locale)} – {formatDate(p.endOn, locale)}
                </span>
                {p.note ? <span className="block text-slate-600">{p.note}</span> : null}
                {p.enteredBy ? (
                  <span className="block text-xs text-slate-500">
                    {t("unavailability.enteredBy")}: {p.enteredBy}
                  </span>
                ) : null}
              </span>
              {canManage ? (
                <span className="flex items-center gap-2">
                  <Link to={`?unavailability=${p.id}#unavailability`} className="btn-secondary" data-testid="unavailability-edit">
                    {t("rotations:detail.edit")}
                  </Link>
                  <DeletePeriod period={p} lastResult={replyFor(actionData, "unavailability-delete", p.id)} />
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canManage ? (
        <PeriodForm
          // A new form after each save (a new period, a new version), so it starts from the stored values.
          key={editing ? `edit-${editing.id}-${editing.version}` : `add-${periods.length}`}
          editing={editing}
          lastResult={replyFor(actionData, "unavailability-save", editing?.id ?? null)}
        />
      ) : null}
    </section>
  );
}

function DeletePeriod({ period, lastResult }: { period: UnavailabilityPeriodView; lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation("staff");
  const locale = useLocale();
  const [form] = useForm({ id: `unavailability-delete-${period.id}`, lastResult });
  return (
    <Form method="post" {...getFormProps(form)} className="inline">
      <input type="hidden" name="id" value={period.id} />
      <input type="hidden" name="version" value={period.version} />
      <ConfirmButton
        name="intent"
        value="unavailability-delete"
        className="btn-danger"
        title={t("unavailability.deleteQuestion", {
          kind: t(`unavailability.kinds.${period.kind}`),
          start: formatDate(period.startOn, locale),
          end: formatDate(period.endOn, locale),
        })}
        consequence={t("unavailability.deleteConsequence")}
      >
        {t("unavailability.delete")}
      </ConfirmButton>
      <FormErrors id={form.errorId} errors={form.errors} />
    </Form>
  );
}

function PeriodForm({ editing, lastResult }: { editing: UnavailabilityPeriodView | null; lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation("staff");
  const [form, fields] = useForm({
    id: "unavailability-form",
    lastResult,
    constraint: getZodConstraint(unavailabilitySchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: unavailabilitySchema }),
    defaultValue: editing
      ? {
          intent: "unavailability-save",
          id: String(editing.id),
          version: String(editing.version),
          kind: editing.kind,
          startOn: editing.startOn,
          endOn: editing.endOn,
          note: editing.note ?? "",
        }
      : { intent: "unavailability-save", kind: "leave" },
  });
  return (
    <Form method="post" className="space-y-3 border-t border-slate-200 pt-3" data-testid="unavailability-form" {...getFormProps(form)}>
      <h3 className="text-sm font-semibold">{editing ? t("unavailability.editTitle") : t("unavailability.add")}</h3>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input {...getInputProps(fields.intent, { type: "hidden" })} />
      {editing ? (
        <>
          <input {...getInputProps(fields.id, { type: "hidden" })} />
          <input {...getInputProps(fields.version, { type: "hidden" })} />
        </>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField field={fields.kind} label={t("unavailability.kindLabel")} selectProps={getSelectProps(fields.kind)}>
          {UNAVAILABILITY_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`unavailability.kinds.${k}`)}
            </option>
          ))}
        </SelectField>
        <Field field={fields.startOn} label={t("common:from")} inputProps={getInputProps(fields.startOn, { type: "date" })} />
        <Field field={fields.endOn} label={t("common:to")} inputProps={getInputProps(fields.endOn, { type: "date" })} />
      </div>
      <TextareaField field={fields.note} label={t("common:note")} textareaProps={{ ...getTextareaProps(fields.note), rows: 2 }} />
      <div className="flex flex-wrap items-center gap-2">
        <button type="submit" className="btn" data-testid="unavailability-submit">
          {editing ? t("common:saveChanges") : t("unavailability.add")}
        </button>
        {editing ? (
          <Link to="?#unavailability" className="btn-secondary" data-testid="unavailability-cancel-edit">
            {t("unavailability.cancelEdit")}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}
