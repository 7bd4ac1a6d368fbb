// Uploads a facility's technique ledger file; the preview (and its confirmation) is the shared
// import page (/imports/:id).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ImportFileField } from "~/components/import-file-field";
import { FieldError } from "~/components/form";
import { importBatchHref } from "~/components/links";
import { getDb } from "~/db/client.server";
import { ledgerImportPage, previewLedgerImport } from "~/models/adoption/import.server";
import { requireActor } from "~/models/auth/session.server";
import { isDomainError } from "~/models/errors";
import { MAX_IMPORT_BYTES } from "~/models/imports/limits";
import { orRespond, throwDomainResponse, todayInVietnam } from "~/utils/domain-response.server";
import { readImportUpload } from "~/utils/import-upload.server";
import { encodeMessage, translateMessage } from "~/utils/messages";
import { localizedTitle } from "~/utils/meta";
import { getLocale } from "~/i18n/locale.server";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "imports:ledger.title");

/** A facility id from the query or the form: a positive integer, null when blank, undefined when not a number. */
function facilityParam(value: string | null | undefined): number | null | undefined {
  if (value === null || value === undefined || value.trim() === "") return null;
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const requested = facilityParam(new URL(request.url).searchParams.get("facility")) ?? null;
  const locale = await getLocale(request);
  return json(orRespond(() => ledgerImportPage(getDb(), actor, requested, locale)));
}

type ActionData = { fieldErrors: Record<string, string[]> };

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const upload = await readImportUpload(request);
  if (upload instanceof Response) return upload;
  const facilityId = facilityParam(upload.fields.facilityId);
  if (facilityId === undefined) return json<ActionData>({ fieldErrors: { facilityId: ["common:validation.invalidChoice"] } }, { status: 400 });
  try {
    const id = await previewLedgerImport(getDb(), actor, upload.file, facilityId, todayInVietnam());
    return redirect(importBatchHref(id));
  } catch (error) {
    if (!isDomainError(error)) throw error;
    if (error.status === 403 || error.status === 404) throwDomainResponse(error);
    return json<ActionData>({ fieldErrors: { [error.field ?? "file"]: [encodeMessage(error.message, error.params)] } }, { status: error.status });
  }
}

export default function LedgerImportPage() {
  const page = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as (ActionData & { ok?: false }) | undefined;
  const { t } = useTranslation(["imports", "adoption"]);
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const errors = (field: string) => data?.fieldErrors?.[field]?.map((m) => translateMessage(t, m));
  const backTo = page.ownFacility ? "/adoption" : page.selected ? `/adoption?facility=${page.selected}` : "/adoption";

  return (
    <div className="space-y-4">
      <p>
        <Link to={backTo} className="link text-sm">
          ← {t("ledger.back")}
        </Link>
      </p>
      <header>
        <h1 className="page-title">{t("ledger.title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("ledger.intro")}</p>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("ledger.rule")}</p>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("ledger.dates")}</p>
        <p className="mt-1 max-w-3xl text-sm font-medium" data-testid="decision-effect">
          {page.decisions === "official" ? t("ledger.officialHint") : t("ledger.requestHint")}
        </p>
      </header>
      <Form method="post" encType="multipart/form-data" className="card space-y-3" aria-labelledby="ledger-import-form">
        <h2 id="ledger-import-form" className="font-semibold">{t("ledger.title")}</h2>
        {page.ownFacility ? (
          <p className="text-sm" data-testid="own-facility">{t("ledger.ownFacility", { name: page.ownFacility.name })}</p>
        ) : (
          <div>
            <label htmlFor="facilityId" className="label">{t("ledger.facility")}</label>
            <select
              id="facilityId"
              name="facilityId"
              defaultValue={page.selected ? String(page.selected) : ""}
              className="input mt-1 w-full"
              aria-describedby="facilityId-hint facilityId-error"
              aria-invalid={errors("facilityId") ? true : undefined}
            >
              <option value="">{t("ledger.facilityFromFile")}</option>
              {page.choices.map((c) => (
                <option key={c.id} value={c.id}>{c.name}</option>
              ))}
            </select>
            <p id="facilityId-hint" className="mt-1 text-xs text-slate-500">{t("ledger.facilityHint")}</p>
            <FieldError id="facilityId-error" errors={errors("facilityId")} />
          </div>
        )}
        <ImportFileField label={t("ledger.file")} hint={t("ledger.fileHint", { size: MAX_IMPORT_BYTES / 1024 / 1024 })} errors={errors("file")} />
        <button type="submit" className="btn" disabled={busy}>
          {busy ? t("ledger.previewing") : t("ledger.preview")}
        </button>
      </Form>
    </div>
  );
}
