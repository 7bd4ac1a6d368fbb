import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FacilityForm } from "~/components/facilities/facility-form";
import { getDb } from "~/db/client.server";
import { managedProvince } from "~/models/access/policy";
import { requireCapability } from "~/models/auth/session.server";
import { createFacility } from "~/models/facilities/commands.server";
import { listCommunes, listProvinces } from "~/models/facilities/queries.server";
import { facilityCreateSchema } from "~/models/facilities/schemas";
import { parseForm, replyInvalid, replyWithDomainError } from "~/utils/form.server";
import { localizedTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "facilities:form.newTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireCapability(request, "facilities.manage");
  const db = getDb();
  const fixedProvince = managedProvince(actor, "facilities.manage");
  return json({
    provinces: listProvinces(db),
    communes: fixedProvince ? listCommunes(db, fixedProvince) : [],
    fixedProvince,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireCapability(request, "facilities.manage");
  const submission = await parseForm(request, facilityCreateSchema);
  if (submission.status !== "success") return replyInvalid(submission);
  let id: number;
  try {
    const value = submission.value;
    id = createFacility(getDb(), { ...value, level: value.level ?? null, competence: value.competence ?? null }, actor).id;
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
  return redirect(`/facilities/${id}`);
}

export default function NewFacilityPage() {
  const { provinces, communes, fixedProvince } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("facilities");
  return (
    <div className="space-y-4">
      <h1 className="page-title">{t("form.newTitle")}</h1>
      <FacilityForm
        mode="create"
        defaults={{ kind: "commune_station", grade: "none", ownership: "public", beds: 0 }}
        provinces={provinces}
        communes={communes}
        fixedProvince={fixedProvince}
        lastResult={actionData?.result}
        submitLabel={t("form.create")}
      />
    </div>
  );
}
