import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AgreementForm } from "~/components/agreements/agreement-form";
import { getDb } from "~/db/client.server";
import { requireActor } from "~/models/auth/session.server";
import { updateAgreement } from "~/models/agreements/commands.server";
import { getAgreementFormValues, listChapters } from "~/models/agreements/queries.server";
import { orRespond } from "~/utils/domain-response.server";
import { agreementSchema } from "~/models/agreements/schemas";
import { requireId } from "~/utils/http.server";
import { replyInvalid, replyWithDomainError, parseForm } from "~/utils/form.server";
import { localizedTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "agreements:edit");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const id = requireId(params.id);
  const db = getDb();
  const values = orRespond(() => getAgreementFormValues(db, actor, id));
  return json({ ...values, chapterList: listChapters(db) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const id = requireId(params.id);
  const submission = await parseForm(request, agreementSchema);
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    updateAgreement(getDb(), actor, id, { ...submission.value, version: submission.value.version ?? -1 });
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
  return redirect(`/agreements/${id}`);
}

export default function EditAgreementPage() {
  const { agreement: a, parties, chapters, chapterList } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("agreements");
  return (
    <div className="space-y-4">
      <h1 className="page-title">
        {t("edit")} {a.number}
      </h1>
      <AgreementForm
        defaults={{ ...a, parties, chapters }}
        chapters={chapterList}
        lastResult={actionData?.result}
        showOwner={false}
        submitLabel={t("form.save")}
      />
    </div>
  );
}
