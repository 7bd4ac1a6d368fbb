import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AgreementCrumb } from "~/components/agreements/agreement-crumb";
import { requireManagedAgreement } from "~/utils/managed-agreement.server";
import { FormErrors } from "~/components/form";
import { Field, SelectField } from "~/components/fields";
import { getDb } from "~/db/client.server";
import { requireActor } from "~/models/auth/session.server";
import { MAX_DOCUMENT_BYTES, saveDocument } from "~/models/agreements/documents.server";
import { documentSchema } from "~/models/agreements/schemas";
import { requireId } from "~/utils/http.server";
import { replyInvalid, replyWithDomainError, parseSubmission } from "~/utils/form.server";
import { readUpload, type Upload } from "~/utils/request-body.server";
import { localizedTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "agreements:document.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const detail = await requireManagedAgreement(request, params.id);
  return json({ agreement: detail.agreement, meetings: detail.meetings });
}

function tooLarge() {
  return json(
    { result: { status: "error" as const, error: { file: ["agreements:errors.fileTooLarge|" + JSON.stringify({ max: MAX_DOCUMENT_BYTES / 1024 / 1024 })] } } },
    { status: 413 },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const id = requireId(params.id);
  let upload: Upload;
  try {
    // Refused from its declared length before reading; the file's own size is checked again.
    upload = await readUpload(request, { maxBytes: MAX_DOCUMENT_BYTES });
  } catch (error) {
    if (error instanceof Response && error.status === 413) return tooLarge();
    throw error;
  }
  const submission = parseSubmission(upload.fields, documentSchema);
  if (submission.status !== "success") return replyInvalid(submission);
  try {
    const { name, bytes } = upload.file ?? { name: "", bytes: new Uint8Array() };
    saveDocument(getDb(), actor, id, { ...submission.value, fileName: name, bytes });
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
  return redirect(`/agreements/${id}`);
}

export default function NewDocumentPage() {
  const { agreement, meetings } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("agreements");
  const errors = ((actionData?.result as { error?: Record<string, string[]> } | undefined)?.error ?? {}) as Record<string, string[]>;
  return (
    <div className="space-y-4">
      <AgreementCrumb agreement={agreement} />
      <h1 className="page-title">{t("document.title")}</h1>
      <Form method="post" encType="multipart/form-data" className="card space-y-3">
        <FormErrors errors={errors[""]} />
        <Field field={{ id: "doc-title", errors: errors.title }} label={t("document.name")} inputProps={{ name: "title", required: true, maxLength: 300 }} />
        <Field
          field={{ id: "doc-file", errors: errors.file }}
          label={t("document.file")}
          description={t("document.fileHelp")}
          inputProps={{ name: "file", type: "file", required: true, accept: ".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.doc,.xls,.odt", className: "block text-sm" }}
        />
        {meetings.length ? (
          <SelectField field={{ id: "doc-meeting" }} label={t("document.meeting")} selectProps={{ name: "meetingId" }}>
            <option value="">{t("document.noMeeting")}</option>
            {meetings.map((m) => <option key={m.id} value={m.id}>{m.title} ({m.heldOn})</option>)}
          </SelectField>
        ) : null}
        <button type="submit" className="btn">{t("document.submit")}</button>
      </Form>
    </div>
  );
}
