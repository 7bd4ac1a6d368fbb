import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldError, FormErrors } from "~/components/form";
import { getDb } from "~/db/client.server";
import { getLocale } from "~/i18n/locale.server";
import { requireActor } from "~/models/auth/session.server";
import { MAX_DOCUMENT_BYTES, saveDocument } from "~/models/agreements/documents.server";
import { getAgreement } from "~/models/agreements/queries.server";
import { orRespond, todayInVietnam } from "~/utils/domain-response.server";
import { documentSchema } from "~/models/agreements/schemas";
import { forbidden, requireId } from "~/utils/http.server";
import { replyInvalid, replyWithDomainError, parseSubmission } from "~/utils/form.server";
import { readUpload, type Upload } from "~/utils/request-body.server";
import { localizedTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "agreements:document.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const id = requireId(params.id);
  const locale = await getLocale(request);
  const detail = orRespond(() => getAgreement(getDb(), actor, id, todayInVietnam(), locale));
  if (!detail.canManage) throw forbidden();
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
      <p className="text-sm text-slate-500">
        <Link to={`/agreements/${agreement.id}`} className="link">{agreement.number}</Link> · {agreement.title}
      </p>
      <h1 className="page-title">{t("document.title")}</h1>
      <Form method="post" encType="multipart/form-data" className="card space-y-3">
        <FormErrors errors={errors[""]} />
        <div>
          <label className="label" htmlFor="doc-title">{t("document.name")}</label>
          <input id="doc-title" name="title" className="input" required maxLength={300} />
          <FieldError errors={errors.title} />
        </div>
        <div>
          <label className="label" htmlFor="doc-file">{t("document.file")}</label>
          <input id="doc-file" name="file" type="file" required accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.doc,.xls,.odt" className="block text-sm" />
          <p className="text-xs text-slate-500">{t("document.fileHelp")}</p>
          <FieldError errors={errors.file} />
        </div>
        {meetings.length ? (
          <div>
            <label className="label" htmlFor="doc-meeting">{t("document.meeting")}</label>
            <select id="doc-meeting" name="meetingId" className="input">
              <option value="">{t("document.noMeeting")}</option>
              {meetings.map((m) => <option key={m.id} value={m.id}>{m.title} ({m.heldOn})</option>)}
            </select>
          </div>
        ) : null}
        <button type="submit" className="btn">{t("document.submit")}</button>
      </Form>
    </div>
  );
}
