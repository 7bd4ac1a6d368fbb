import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ImportFileField } from "~/components/import-file-field";
import { importBatchHref } from "~/components/links";
import { getDb } from "~/db/client.server";
import { formatNumber } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { requireActor } from "~/models/auth/session.server";
import { getItemFormOptions } from "~/models/transfers/plan.server";
import { previewPlanImport } from "~/models/transfers/plan-import.server";
import { isDomainError } from "~/models/errors";
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "~/models/imports/limits";
import { orRespond, throwDomainResponse, todayInVietnam } from "~/utils/domain-response.server";
import { requireId } from "~/utils/http.server";
import { readImportUpload } from "~/utils/import-upload.server";
import { encodeMessage, translateMessage } from "~/utils/messages";
import { localizedTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "imports:plan.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const id = requireId(params.id);
  const options = orRespond(() => getItemFormOptions(getDb(), actor, id));
  return json({ agreement: options.agreement });
}

type ActionData = { fieldErrors: Record<string, string[]> };

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const id = requireId(params.id);
  const upload = await readImportUpload(request);
  if (upload instanceof Response) return upload;
  try {
    const batchId = await previewPlanImport(getDb(), actor, id, upload.file, todayInVietnam());
    return redirect(importBatchHref(batchId));
  } catch (error) {
    if (!isDomainError(error) || error.status === 403 || error.status === 404) throwDomainResponse(error);
    // A file that is neither CSV nor XLSX is an unsupported media type.
    const status = error.message === "imports:errors.unsupportedType" ? 415 : error.status;
    return json<ActionData>({ fieldErrors: { file: [encodeMessage(error.message, error.params)] } }, { status });
  }
}

export default function PlanImportPage() {
  const { agreement } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const navigation = useNavigation();
  const locale = useLocale();
  const { t } = useTranslation(["imports", "agreements"]);
  const errors = data?.fieldErrors?.file?.map((m) => translateMessage(t, m));
  const busy = navigation.state === "submitting";
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p>
        <Link to={`/agreements/${agreement.id}`} className="link text-sm">← {agreement.number}</Link>
      </p>
      <h1 className="page-title">{t("plan.title")}</h1>
      <p className="text-sm text-slate-600">{t("plan.intro")}</p>
      <p className="text-sm text-slate-600">{t("plan.rule")}</p>
      <p className="text-sm">
        <a href={`/agreements/${agreement.id}/plan.xlsx`} className="link" download>{t("plan.exportXlsx")}</a> ·{" "}
        <a href={`/agreements/${agreement.id}/plan.csv`} className="link" download>{t("plan.exportCsv")}</a>
      </p>
      <Form method="post" encType="multipart/form-data" className="card space-y-3">
        <ImportFileField label={t("plan.file")} hint={t("staff.fileHint", { size: MAX_IMPORT_BYTES / 1024 / 1024, rows: formatNumber(MAX_IMPORT_ROWS, locale) })} errors={errors} />
        <button type="submit" className="btn" disabled={busy}>
          {busy ? t("staff.previewing") : t("staff.preview")}
        </button>
      </Form>
    </div>
  );
}
