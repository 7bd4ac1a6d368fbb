// The confirmation step before a wrongly attached document is deleted: the page shows what
// will go, the post deletes it (row and audit first, the stored file after the commit).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AgreementCrumb } from "~/components/agreements/agreement-crumb";
import { getDb } from "~/db/client.server";
import { formatDateTime } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { requireActor } from "~/models/auth/session.server";
import { deleteDocument, getDocumentForDeletion } from "~/models/agreements/documents.server";
import { orRespond } from "~/utils/domain-response.server";
import { requireId } from "~/utils/http.server";
import { localizedTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "agreements:document.deleteTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const id = requireId(params.id);
  const documentId = requireId(params.documentId);
  return json(orRespond(() => getDocumentForDeletion(getDb(), actor, id, documentId)));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const id = requireId(params.id);
  const documentId = requireId(params.documentId);
  orRespond(() => deleteDocument(getDb(), actor, id, documentId));
  return redirect(`/agreements/${id}`);
}

export default function DeleteDocumentPage() {
  const { agreement, document: doc } = useLoaderData<typeof loader>();
  const { t } = useTranslation("agreements");
  const { t: tc } = useTranslation("common");
  const locale = useLocale();
  return (
    <div className="space-y-4">
      <AgreementCrumb agreement={agreement} />
      <h1 className="page-title">{t("document.deleteTitle")}</h1>
      <section className="card space-y-3">
        <p className="text-sm text-slate-700">{t("document.deleteHelp")}</p>
        <ul className="text-sm text-slate-600">
          <li>
            <a href={`/agreements/${agreement.id}/documents/${doc.id}`} className="link">{doc.fileName}</a>{" "}
            ({t("document.size", { size: Math.ceil(doc.sizeBytes / 1024) })})
          </li>
          <li>{t("document.uploadedAt", { date: formatDateTime(doc.createdAt, locale) })}</li>
          {doc.meeting ? <li>{t("document.ofMeeting", { title: doc.meeting.title })}</li> : null}
        </ul>
        <Form method="post" className="space-y-3 rounded-md border border-red-300 bg-red-50 p-3">
          <p className="font-semibold text-red-900">{t("document.deleteQuestion", { title: doc.title, file: doc.fileName })}</p>
          <div className="flex flex-wrap gap-2">
            <button type="submit" className="btn-danger">{t("document.deleteConfirm")}</button>
            <Link to={`/agreements/${agreement.id}`} className="btn-secondary">{tc("cancel")}</Link>
          </div>
        </Form>
      </section>
    </div>
  );
}
