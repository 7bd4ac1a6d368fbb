import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FacilityForm } from "~/components/facilities/facility-form";
import { FormErrors } from "~/components/form";
import { getDb } from "~/db/client.server";
import { managedProvince } from "~/models/access/policy";
import { requireCapability } from "~/models/auth/session.server";
import { setFacilityActive, updateFacility } from "~/models/facilities/commands.server";
import { listCommunes, listProvinces, requireManageableFacility } from "~/models/facilities/queries.server";
import { facilityActiveSchema, facilityEditSchema } from "~/models/facilities/schemas";
import { orRespond } from "~/utils/domain-response.server";
import { parseSubmission, readForm, replyInvalid, replyWithDomainError } from "~/utils/form.server";
import { requireId } from "~/utils/http.server";
import { localizedTitle } from "~/utils/meta";
import { ConfirmButton } from "~/components/confirm-button";
import { BackLink } from "~/components/facilities/back-link";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "facilities:form.editTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireCapability(request, "facilities.manage");
  const id = requireId(params.id);
  const db = getDb();
  const facility = orRespond(() => requireManageableFacility(db, actor, id));
  return json({
    facility,
    provinces: listProvinces(db),
    communes: facility.provinceCode ? listCommunes(db, facility.provinceCode) : [],
    fixedProvince: managedProvince(actor, "facilities.manage"),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireCapability(request, "facilities.manage");
  const id = requireId(params.id);
  const formData = await readForm(request);
  const db = getDb();
  if (formData.get("intent") === "deactivate" || formData.get("intent") === "reactivate") {
    const submission = parseSubmission(formData, facilityActiveSchema);
    if (submission.status !== "success") return replyInvalid(submission);
    try {
      setFacilityActive(db, actor, id, submission.value.intent === "reactivate", submission.value.version);
    } catch (error) {
      return replyWithDomainError(submission, error);
    }
    return redirect(`/facilities/${id}`);
  }
  const submission = parseSubmission(formData, facilityEditSchema);
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    updateFacility(db, actor, id, submission.value);
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
  return redirect(`/facilities/${id}`);
}

export default function EditFacilityPage() {
  const { facility, provinces, communes, fixedProvince } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("facilities");
  const activeReply = actionData?.result && "intent" in (actionData.result.initialValue ?? {}) && actionData.result.initialValue?.intent !== "save";
  return (
    <div className="space-y-4">
      <BackLink to={`/facilities/${facility.id}`}>{facility.name}</BackLink>
      <h1 className="page-title">
        {t("form.editTitle")}: {facility.name}
      </h1>
      <FacilityForm
        mode="edit"
        defaults={facility}
        provinces={provinces}
        communes={communes}
        fixedProvince={fixedProvince}
        lastResult={activeReply ? null : actionData?.result}
        submitLabel={t("form.save")}
      />
      <Form method="post" className="card space-y-2">
        {activeReply ? <FormErrors errors={actionData?.result.error?.[""] ?? undefined} /> : null}
        <input type="hidden" name="version" value={facility.version} />
        <p className="text-sm text-slate-600">{t("form.deactivateHint")}</p>
        {facility.active ? (
          <ConfirmButton
            name="intent"
            value="deactivate"
            className="btn-secondary"
            title={t("confirmations.deactivateTitle", { name: facility.name })}
            consequence={t("confirmations.deactivate")}
          >
            {t("form.deactivate")}
          </ConfirmButton>
        ) : (
          <button type="submit" name="intent" value="reactivate" className="btn-secondary">
            {t("form.reactivate")}
          </button>
        )}
      </Form>
    </div>
  );
}
