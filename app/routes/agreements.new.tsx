import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AgreementForm } from "~/components/agreements/agreement-form";
import { getDb } from "~/db/client.server";
import { choosesFacility, hasCapability } from "~/models/access/policy";
import { requireActor } from "~/models/auth/session.server";
import { createAgreement } from "~/models/agreements/commands.server";
import { facilityCode, listChapters } from "~/models/agreements/queries.server";
import { agreementSchema } from "~/models/agreements/schemas";
import { forbidden } from "~/utils/http.server";
import { replyInvalid, replyWithDomainError, parseForm } from "~/utils/form.server";
import { localizedTitle } from "~/utils/meta";
import { DEFAULT_MIN_ROTATION_MONTHS } from "~/models/rotations/rules";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "agreements:new");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  if (!hasCapability(actor, "agreements.manage")) throw forbidden();
  const db = getDb();
  return json({ chapters: listChapters(db), ownCode: facilityCode(db, actor.facilityId), showOwner: choosesFacility(actor) });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const submission = await parseForm(request, agreementSchema);
  if (submission.status !== "success") return replyInvalid(submission);
  let id: number;
  try {
    id = createAgreement(getDb(), actor, submission.value).id;
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
  return redirect(`/agreements/${id}`);
}

export default function NewAgreementPage() {
  const { chapters, ownCode, showOwner } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("agreements");
  return (
    <div className="space-y-4">
      <h1 className="page-title">{t("new")}</h1>
      <AgreementForm
        defaults={{ type: "technique_transfer", minRotationMonths: DEFAULT_MIN_ROTATION_MONTHS, parties: ownCode ? [{ facilityCode: ownCode, role: "supporting" }] : [] }}
        chapters={chapters}
        lastResult={actionData?.result}
        showOwner={showOwner}
        submitLabel={t("form.create")}
      />
    </div>
  );
}
