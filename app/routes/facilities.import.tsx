// Upload page of the facility list import: the file goes to the shared preview (/imports/:id),
// which writes only on confirmation. A department imports into its own province only.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ImportFileField } from "~/components/import-file-field";
import { SelectField } from "~/components/fields";
import { importBatchHref } from "~/components/links";
import { getDb } from "~/db/client.server";
import { useLocale } from "~/i18n/use-locale";
import { managedProvince } from "~/models/access/policy";
import { requireCapability } from "~/models/auth/session.server";
import { isDomainError } from "~/models/errors";
import { previewFacilityImport } from "~/models/facilities/import.server";
import { listProvinces } from "~/models/facilities/queries.server";
import { MAX_IMPORT_BYTES } from "~/models/imports/limits";
import { todayInVietnam } from "~/utils/domain-response.server";
import { readImportUpload } from "~/utils/import-upload.server";
import { encodeMessage, translateMessage } from "~/utils/messages";
import { localizedTitle } from "~/utils/meta";
import { BackLink } from "~/components/facilities/back-link";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "facilities:import.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireCapability(request, "facilities.manage");
  return json({ provinces: listProvinces(getDb()), fixedProvince: managedProvince(actor, "facilities.manage") });
}

type ActionData = { fieldErrors: Record<string, string[]> };

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireCapability(request, "facilities.manage");
  const upload = await readImportUpload(request);
  if (upload instanceof Response) return upload;
  const province = upload.fields.provinceCode?.trim().slice(0, 10) || null;
  try {
    const id = await previewFacilityImport(getDb(), actor, upload.file, province, todayInVietnam());
    return redirect(importBatchHref(id));
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const field = error.field ?? "file";
    return json<ActionData>({ fieldErrors: { [field]: [encodeMessage(error.message, error.params)] } }, { status: error.status });
  }
}

export default function FacilityImportPage() {
  const { provinces, fixedProvince } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const { t } = useTranslation("facilities");
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  const errors = (field: string) => data?.fieldErrors?.[field]?.map((m) => translateMessage(t, m));
  return (
    <div className="space-y-4">
      <BackLink to="/facilities">{t("detail.back")}</BackLink>
      <header>
        <h1 className="page-title">{t("import.title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("import.intro")}</p>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("import.rule")}</p>
      </header>
      <Form method="post" encType="multipart/form-data" className="card space-y-3">
        <SelectField
          field={{ id: "provinceCode", errors: errors("provinceCode") }}
          label={t("import.province")}
          selectProps={
            fixedProvince
              ? { disabled: true, value: fixedProvince, className: "input mt-1 w-full" }
              : { name: "provinceCode", defaultValue: "", className: "input mt-1 w-full" }
          }
        >
          {fixedProvince ? null : <option value="">{t("import.anyProvince")}</option>}
          {provinces
            .filter((p) => !fixedProvince || p.code === fixedProvince)
            .map((p) => (
              <option key={p.code} value={p.code}>
                {locale === "en" ? p.nameEn : p.name}
              </option>
            ))}
        </SelectField>
        <ImportFileField label={t("import.file")} hint={t("import.fileHint", { size: MAX_IMPORT_BYTES / 1024 / 1024 })} errors={errors("file")} />
        <button type="submit" className="btn" disabled={busy}>
          {t("import.submit")}
        </button>
      </Form>
    </div>
  );
}
