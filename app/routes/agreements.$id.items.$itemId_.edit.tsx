// Correcting a line of the plan with the add form's schema and rules (a stale form gets 409
// and what changed), and deleting a line that is still only planned after a confirmation step.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { useTranslation } from "react-i18next";
import { AgreementCrumb } from "~/components/agreements/agreement-crumb";
import { PlanLineParties, PlanLineSchedule } from "~/components/agreements/plan-line-fields";
import { StageBadge } from "~/components/agreements/status-badge";
import { FieldError, FormErrors } from "~/components/form";
import { getDb } from "~/db/client.server";
import { formatDate } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { getLocale } from "~/i18n/locale.server";
import { requireActor } from "~/models/auth/session.server";
import { deleteTransferItem, getItemEdit, updateTransferItem } from "~/models/transfers/item-edits.server";
import { itemDeleteSchema, itemEditSchema } from "~/models/transfers/schemas";
import { orRespond } from "~/utils/domain-response.server";
import { replyInvalid, replyWithDomainError, readForm, parseSubmission } from "~/utils/form.server";
import { requireId } from "~/utils/http.server";
import { encodeMessage } from "~/utils/messages";
import { localizedTitle } from "~/utils/meta";
import { ConfirmButton } from "~/components/confirm-button";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "agreements:item.editTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const id = requireId(params.id);
  const itemId = requireId(params.itemId);
  const locale = await getLocale(request);
  return json(orRespond(() => getItemEdit(getDb(), actor, id, itemId, locale)));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const id = requireId(params.id);
  const itemId = requireId(params.itemId);
  const formData = await readForm(request);
  if (formData.get("intent") === "delete") {
    const submission = parseSubmission(formData, itemDeleteSchema);
    if (submission.status !== "success") return replyInvalid(submission);
    try {
      deleteTransferItem(getDb(), actor, id, itemId, submission.value);
    } catch (error) {
      return replyWithDomainError(submission, error);
    }
    return redirect(`/agreements/${id}`);
  }
  const submission = parseSubmission(formData, itemEditSchema);
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    updateTransferItem(getDb(), actor, id, itemId, submission.value);
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
  return redirect(`/agreements/${id}/items/${itemId}`);
}

/** The label key of each corrected field (also names the fields of a stale-edit notice). */
const FIELD_LABELS: Record<string, string> = {
  fromFacilityId: "plan.from",
  toFacilityId: "plan.to",
  phase: "plan.phase",
  priority: "plan.priority",
  targetDate: "plan.targetDate",
  requiredCases: "item.requiredCases",
  notes: "fields.notes",
};

export default function EditItemPage() {
  const { agreement, item, supporting, receiving, partiesLocked, supervisedCases, deletion } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("agreements");
  const { t: tc } = useTranslation("common");
  const locale = useLocale();
  const deleting = actionData?.result.initialValue?.intent === "delete";
  const [deleteForm] = useForm({ id: "item-delete", lastResult: deleting ? actionData?.result : undefined });
  const stale = deleting ? null : actionData?.stale;
  const current = (stale?.current ?? {}) as Record<string, unknown>;
  const facilityName = (id: unknown) => [...supporting, ...receiving].find((f) => f.id === id)?.name;
  const shown = (field: string) => {
    const value = current[field];
    if (value === null || value === undefined || value === "") return tc("none");
    if (field === "fromFacilityId" || field === "toFacilityId") return facilityName(value) ?? String(value);
    if (field === "targetDate") return formatDate(String(value), locale);
    return String(value);
  };
  const [form, fields] = useForm({
    id: "item-edit",
    lastResult: deleting ? undefined : actionData?.result,
    constraint: getZodConstraint(itemEditSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: itemEditSchema }),
    defaultValue: {
      fromFacilityId: String(item.fromFacilityId),
      toFacilityId: String(item.toFacilityId),
      phase: String(item.phase),
      priority: String(item.priority),
      targetDate: item.targetDate ?? "",
      requiredCases: String(item.requiredCases),
      notes: item.notes ?? "",
    },
  });
  const itemHref = `/agreements/${agreement.id}/items/${item.id}`;
  return (
    <div className="space-y-4">
      <AgreementCrumb agreement={agreement} />
      <h1 className="page-title">{t("item.editTitle")}</h1>
      <p className="flex flex-wrap items-center gap-2">
        <Link to={itemHref} className="link font-medium">{item.techniqueCode} {item.techniqueName}</Link>
        <StageBadge stage={item.stage} />
      </p>

      <Form method="post" {...getFormProps(form)} className="card space-y-3">
        <FormErrors errors={form.errors} />
        {stale && stale.changedFields.length > 0 ? (
          <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="stale-fields">
            <p>{t("item.staleIntro")}</p>
            <ul className="mt-1 list-disc pl-5">
              {stale.changedFields.map((f) => (
                <li key={f}>
                  {FIELD_LABELS[f] ? t(FIELD_LABELS[f]) : f}: <strong>{shown(f)}</strong>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {/* After a stale-edit refusal the form carries the stored version: saving again is a
            deliberate overwrite once the person has seen what changed. */}
        <input type="hidden" name="version" value={(current.version as number | undefined) ?? item.version} />
        {partiesLocked ? (
          <div className="grid gap-3 text-sm sm:grid-cols-2">
            <p><span className="text-slate-500">{t("plan.from")}:</span> {facilityName(item.fromFacilityId)}</p>
            <p><span className="text-slate-500">{t("plan.to")}:</span> {facilityName(item.toFacilityId)}</p>
            <p className="text-xs text-slate-500 sm:col-span-2">{t("item.partiesLocked")}</p>
            <div className="sm:col-span-2">
              <FieldError id={fields.fromFacilityId.errorId} errors={fields.fromFacilityId.errors} />
              <FieldError id={fields.toFacilityId.errorId} errors={fields.toFacilityId.errors} />
            </div>
            <input type="hidden" name={fields.fromFacilityId.name} value={item.fromFacilityId} />
            <input type="hidden" name={fields.toFacilityId.name} value={item.toFacilityId} />
          </div>
        ) : (
          <PlanLineParties fields={fields} supporting={supporting} receiving={receiving} withEmptyChoice={false} />
        )}
        <PlanLineSchedule fields={fields} casesLogged={supervisedCases} />
        <div className="flex flex-wrap gap-2">
          <button type="submit" className="btn">{t("item.save")}</button>
          <Link to={itemHref} className="btn-secondary">{tc("cancel")}</Link>
        </div>
      </Form>

      <section className="card space-y-3" aria-labelledby="delete-item">
        <h2 id="delete-item" className="text-lg font-semibold">{t("item.deleteTitle")}</h2>
        <p className="text-sm text-slate-700">{t("item.deleteHelp")}</p>
        {deletion && !deleting ? (
          <FormErrors errors={[encodeMessage(deletion.key, deletion.params)]} />
        ) : (
          <Form method="post" className="space-y-3" {...getFormProps(deleteForm)}>
            <FormErrors errors={deleteForm.errors} />
            <input type="hidden" name="version" value={item.version} />
            <ConfirmButton
              name="intent"
              value="delete"
              title={t("item.deleteQuestion", { code: item.techniqueCode, name: item.techniqueName })}
              consequence={t("item.deleteHelp")}
              confirmLabel={t("item.deleteConfirm")}
            >
              {t("item.deleteTitle")}
            </ConfirmButton>
          </Form>
        )}
      </section>
    </div>
  );
}
