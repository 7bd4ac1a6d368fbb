import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageBackLink } from "~/components/back-link";
import { getLocale } from "~/i18n/locale.server";
import { FormErrors } from "~/components/form";
import { RotationForm } from "~/components/rotations/rotation-form";
import { getDb } from "~/db/client.server";
import { localizedTitle } from "~/utils/meta";
import { requireCapability } from "~/models/auth/session.server";
import { storedInput, updateRotation } from "~/models/rotations/commands.server";
import { getRotation, rotationFormOptions } from "~/models/rotations/queries.server";
import { checkEditable } from "~/models/rotations/rules";
import { orRespond, throwDomainResponse, todayInVietnam } from "~/utils/domain-response.server";
import { rotationSchema } from "~/models/rotations/schemas";
import { replyInvalid, replyWithDomainError, parseForm } from "~/utils/form.server";
import { forbidden, notFound, requireId } from "~/utils/http.server";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "rotations:form.editTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  const actor = await requireCapability(request, "rotations.manage");
  const id = requireId(params.id);
  const db = getDb();
  const detail = getRotation(db, actor, id, todayInVietnam(), locale);
  if (!detail) throw notFound();
  if (!detail.canManage) throw forbidden();
  const r = detail.rotation;
  // A completed or cancelled rotation is a record: its edit page answers 409 with the reason.
  const notEditable = checkEditable(r);
  if (notEditable) throwDomainResponse(notEditable);
  const itemIds = detail.items.map((i) => i.id);
  const options = orRespond(() => rotationFormOptions(db, actor, r.fromFacilityId, { agreementId: r.agreementId, itemIds }, locale));
  return json({
    id,
    options,
    defaults: {
      ...storedInput(r, itemIds),
      version: r.version,
    },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireCapability(request, "rotations.manage");
  const id = requireId(params.id);
  const submission = await parseForm(request, rotationSchema);
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    updateRotation(getDb(), actor, id, { ...submission.value, version: submission.value.version ?? 0 });
    return redirect(`/rotations/${id}`);
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
}

export default function EditRotationPage() {
  const { id, options, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("rotations");
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <PageBackLink to={`/rotations/${id}`}>{t("detail.back")}</PageBackLink>
      <h1 className="page-title">{t("form.editTitle")}</h1>
      {actionData?.stale ? <FormErrors errors={[t("form.staleHint")]} /> : null}
      <RotationForm options={options} defaults={defaults} lastResult={actionData?.result} submitLabel={t("form.save")} />
    </div>
  );
}
