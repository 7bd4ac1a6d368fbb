// Editing a target with the create form's schema and rules (a stale form gets 409 and what
// changed), and deleting it with its hand-entered values after a confirmation step.
import { getFormProps, useForm } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors } from "~/components/form";
import { TARGET_FIELD_LABELS, TargetForm } from "~/components/reports/target-form";
import { getDb } from "~/db/client.server";
import { formatDate, formatNumber } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { readsEverything } from "~/models/access/policy";
import { requireCapability } from "~/models/auth/session.server";
import { deleteTarget, updateTarget } from "~/models/targets/commands.server";
import { deleteTargetSchema, targetEditSchema } from "~/models/targets/schemas";
import { getTarget } from "~/models/targets/targets.server";
import { todayInVietnam } from "~/utils/domain-response.server";
import { replyInvalid, replyWithDomainError, readForm, parseSubmission } from "~/utils/form.server";
import { forbidden, notFound, requireId } from "~/utils/http.server";
import { localizedTitle } from "~/utils/meta";
import { ConfirmButton } from "~/components/confirm-button";
import { getLocale } from "~/i18n/locale.server";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "reports:targets.edit");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireCapability(request, "targets.manage");
  const target = getTarget(getDb(), actor, requireId(params.id), todayInVietnam(), await getLocale(request));
  if (!target) throw notFound();
  if (!target.canManage) throw forbidden();
  return json({
    target: { id: target.id, title: target.title, version: target.version, measurementCount: target.measurements.length },
    showProvince: readsEverything(actor),
    defaults: {
      title: target.title,
      indicator: target.indicator,
      facilityId: target.facilityId === null ? "" : String(target.facilityId),
      provinceCode: target.provinceCode ?? "",
      periodStart: target.periodStart,
      periodEnd: target.periodEnd,
      baseline: String(target.baseline),
      targetValue: String(target.targetValue),
      unit: target.unit ?? "",
    },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireCapability(request, "targets.manage");
  const id = requireId(params.id);
  const formData = await readForm(request);
  if (formData.get("intent") === "delete") {
    const submission = parseSubmission(formData, deleteTargetSchema);
    if (submission.status !== "success") return replyInvalid(submission);
    try {
      deleteTarget(getDb(), actor, id, submission.value);
      return redirect("/targets?deleted=1");
    } catch (error) {
      return replyWithDomainError(submission, error);
    }
  }
  const submission = parseSubmission(formData, targetEditSchema);
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    updateTarget(getDb(), actor, id, submission.value);
    return redirect(`/targets/${id}?saved=1`);
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
}

export default function EditTargetPage() {
  const { target, showProvince, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("reports");
  const { t: te } = useTranslation("enums");
  const { t: tc } = useTranslation("common");
  const locale = useLocale();
  const deleting = actionData?.result.initialValue?.intent === "delete";
  const [deleteForm] = useForm({ id: "target-delete", lastResult: deleting ? actionData?.result : undefined });
  const stale = !deleting ? actionData?.stale : null;
  const current = (stale?.current ?? {}) as Record<string, unknown>;
  const shown = (field: string) => {
    const value = current[field];
    if (value === null || value === undefined || value === "") return tc("none");
    if (field === "indicator") return te(`targetIndicator.${String(value)}`);
    if (field === "periodStart" || field === "periodEnd") return formatDate(String(value), locale);
    if (field === "baseline" || field === "targetValue") return formatNumber(Number(value), locale);
    return String(value);
  };
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p>
        <Link to={`/targets/${target.id}`} className="link text-sm">← {target.title}</Link>
      </p>
      <h1 className="page-title">{t("targets.edit")}</h1>
      <TargetForm
        heading={target.title}
        submitLabel={t("common:saveChanges")}
        showProvince={showProvince}
        version={target.version}
        lastResult={deleting ? undefined : actionData?.result}
        defaultValue={defaults}
        notice={
          stale ? (
            <div className="space-y-1 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" role="alert" data-testid="stale-fields">
              <p className="font-semibold">{t("targets.staleIntro")}</p>
              {stale.changedFields.length > 0 ? (
                <>
                  <p>{t("targets.staleFields")}</p>
                  <ul className="list-disc pl-5">
                    {stale.changedFields.map((f) => (
                      <li key={f}>
                        {TARGET_FIELD_LABELS[f] ? t(TARGET_FIELD_LABELS[f]) : f}: <strong>{shown(f)}</strong>
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
              <p>{t("targets.staleAgain")}</p>
            </div>
          ) : null
        }
      />
      <section className="card space-y-3" aria-labelledby="delete-target">
        <h2 id="delete-target" className="text-lg font-semibold">{t("targets.deleteTitle")}</h2>
        <p className="text-sm text-slate-700">{target.measurementCount > 0 ? t("targets.deleteHelpWithValues", { count: target.measurementCount }) : t("targets.deleteHelp")}</p>
        <Form method="post" className="space-y-3" {...getFormProps(deleteForm)}>
          <FormErrors errors={deleteForm.errors} />
          <input type="hidden" name="version" value={target.version} />
          <ConfirmButton
            name="intent"
            value="delete"
            title={t("targets.deleteQuestion", { title: target.title })}
            consequence={target.measurementCount > 0 ? t("targets.deleteHelpWithValues", { count: target.measurementCount }) : t("targets.deleteHelp")}
          >
            {t("targets.deleteTitle")}
          </ConfirmButton>
        </Form>
      </section>
    </div>
  );
}
