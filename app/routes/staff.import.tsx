import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ImportFileField } from "~/components/import-file-field";
import { FieldError } from "~/components/form";
import { importBatchHref } from "~/components/links";
import { getDb } from "~/db/client.server";
import { formatNumber } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { requireCapability } from "~/models/auth/session.server";
import { isDomainError } from "~/models/errors";
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "~/models/imports/limits";
import { previewStaffImport } from "~/models/staff/import.server";
import { registryFacilities } from "~/models/staff/queries.server";
import { importSchema } from "~/models/staff/schemas";
import { throwDomainResponse, todayInVietnam } from "~/utils/domain-response.server";
import { readImportUpload } from "~/utils/import-upload.server";
import { encodeMessage, translateMessage } from "~/utils/messages";
import { localizedTitle } from "~/utils/meta";
import { getLocale } from "~/i18n/locale.server";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "imports:staff.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireCapability(request, "staff.manage");
  // Directors import into their own facility only: no facility field for them.
  return json({ facilities: actor.facilityId === null ? registryFacilities(getDb(), actor, await getLocale(request)) : null });
}

type ActionData = { fieldErrors: Record<string, string[]> };

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireCapability(request, "staff.manage");
  const upload = await readImportUpload(request);
  if (upload instanceof Response) return upload;
  const parsed = importSchema.safeParse({ facilityId: upload.fields.facilityId ? Number(upload.fields.facilityId) : undefined });
  if (!parsed.success) return json<ActionData>({ fieldErrors: { facilityId: ["common:validation.invalidChoice"] } }, { status: 400 });
  try {
    const id = await previewStaffImport(getDb(), actor, upload.file, parsed.data.facilityId ?? null, todayInVietnam());
    return redirect(importBatchHref(id));
  } catch (error) {
    if (!isDomainError(error) || error.status === 403 || error.status === 404) throwDomainResponse(error);
    // A file that is neither CSV nor XLSX is an unsupported media type.
    const status = error.message === "imports:errors.unsupportedType" ? 415 : error.status;
    return json<ActionData>({ fieldErrors: { [error.field ?? "file"]: [encodeMessage(error.message, error.params)] } }, { status });
  }
}

export default function StaffImportPage() {
  const { facilities } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as (ActionData & { ok?: false }) | undefined;
  const navigation = useNavigation();
  const locale = useLocale();
  const { t } = useTranslation(["imports", "rotations"]);
  const errors = (field: string) => data?.fieldErrors?.[field]?.map((m) => translateMessage(t, m));
  const busy = navigation.state === "submitting";
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p>
        <Link to="/staff" className="link text-sm">
          ← {t("staff:title")}
        </Link>
      </p>
      <h1 className="page-title">{t("staff.title")}</h1>
      <p className="text-sm text-slate-600">{t("staff.intro")}</p>
      <p className="text-sm text-slate-600">{t("staff.rule")}</p>
      <pre className="overflow-x-auto rounded bg-slate-100 p-2 text-xs">{t("staff.example")}</pre>
      <Form method="post" encType="multipart/form-data" className="card space-y-3">
        {facilities ? (
          <div>
            <label htmlFor="facilityId" className="label">
              {t("staff.facility")}
            </label>
            <select
              id="facilityId"
              name="facilityId"
              className="input mt-1 w-full"
              required
              aria-describedby="facilityId-error"
              aria-invalid={errors("facilityId") ? true : undefined}
            >
              <option value="">{t("rotations:form.choose")}</option>
              {facilities.map((f) => (
                <option key={f.value} value={f.value}>
                  {f.label}
                </option>
              ))}
            </select>
            <FieldError id="facilityId-error" errors={errors("facilityId")} />
          </div>
        ) : null}
        <ImportFileField label={t("staff.file")} hint={t("staff.fileHint", { size: MAX_IMPORT_BYTES / 1024 / 1024, rows: formatNumber(MAX_IMPORT_ROWS, locale) })} errors={errors("file")} />
        <button type="submit" className="btn" disabled={busy}>
          {busy ? t("staff.previewing") : t("staff.preview")}
        </button>
      </Form>
    </div>
  );
}
