import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ImportFileField } from "~/components/import-file-field";
import { CheckboxField, Field, SelectField } from "~/components/fields";
import { importBatchHref } from "~/components/links";
import { getDb } from "~/db/client.server";
import { formatDate, formatNumber } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { requireCapability } from "~/models/auth/session.server";
import { KNOWN_EDITIONS } from "~/models/catalogue/editions";
import { getCatalogueCounts, listEditions, previewCatalogueImport } from "~/models/catalogue/import.server";
import { previewCrosswalkImport } from "~/models/catalogue/crosswalk.server";
import { catalogueImportSchema, fieldErrorsOf } from "~/models/catalogue/schemas";
import { isDomainError } from "~/models/errors";
import { MAX_IMPORT_BYTES } from "~/models/imports/limits";
import { todayInVietnam } from "~/utils/domain-response.server";
import { readImportUpload } from "~/utils/import-upload.server";
import { encodeMessage, translateMessage } from "~/utils/messages";
import { localizedTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "imports:catalogue.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, "catalogue.manage");
  const db = getDb();
  return json({ counts: getCatalogueCounts(db), editions: listEditions(db), maxMb: MAX_IMPORT_BYTES / 1024 / 1024 });
}

type ActionData = { form: "catalogue" | "crosswalk"; fieldErrors: Record<string, string[]> };

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireCapability(request, "catalogue.manage");
  const upload = await readImportUpload(request);
  if (upload instanceof Response) return upload;
  const which = upload.fields.intent === "crosswalk" ? "crosswalk" : "catalogue";
  const db = getDb();
  try {
    if (which === "crosswalk") {
      const id = await previewCrosswalkImport(db, actor, upload.file, todayInVietnam());
      return redirect(importBatchHref(id));
    }
    const parsed = catalogueImportSchema.safeParse(upload.fields);
    if (!parsed.success) return json<ActionData>({ form: which, fieldErrors: fieldErrorsOf(parsed.error) }, { status: 400 });
    const id = await previewCatalogueImport(db, actor, upload.file, parsed.data, todayInVietnam());
    return redirect(importBatchHref(id));
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const field = error.field ?? "file";
    return json<ActionData>({ form: which, fieldErrors: { [field]: [encodeMessage(error.message, error.params)] } }, { status: error.status });
  }
}

export default function AdminCataloguePage() {
  const { counts, editions, maxMb } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as (ActionData & { ok?: false }) | undefined;
  const { t } = useTranslation(["imports", "catalogue"]);
  const locale = useLocale();
  const navigation = useNavigation();
  const busyIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const n = (value: number) => formatNumber(value, locale);
  const [edition, setEdition] = useState<string>("tt23-2024-pl1");
  const known = edition in KNOWN_EDITIONS ? KNOWN_EDITIONS[edition as keyof typeof KNOWN_EDITIONS] : null;
  const errors = (form: "catalogue" | "crosswalk", field: string) =>
    data?.form === form || (data && !data.form && form === "catalogue") ? data.fieldErrors?.[field]?.map((m) => translateMessage(t, m)) : undefined;
  const sizeMb = maxMb;
  const field = (name: string) => ({ id: name, errors: errors("catalogue", name) });

  return (
    <div className="space-y-4">
      <header>
        <h1 className="page-title">{t("catalogue.title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("catalogue.intro")}</p>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("catalogue.rule")}</p>
      </header>

      <section className="card" aria-labelledby="current-catalogue">
        <h2 id="current-catalogue" className="font-semibold">{t("catalogue.current")}</h2>
        <dl className="mt-2 grid grid-cols-2 gap-3 text-center md:grid-cols-5">
          {(["chapters", "techniques", "billingCodes", "retired", "unclassified"] as const).map((key) => (
            <div key={key}>
              <dd className="text-2xl font-semibold text-teal-800" data-testid={`count-${key}`}>{n(counts[key])}</dd>
              <dt className="text-sm text-slate-600">{t(`catalogue.${key}`)}</dt>
            </div>
          ))}
        </dl>
        {editions.length > 0 ? (
          <>
            <h3 className="mt-4 text-sm font-semibold">{t("catalogue.editions")}</h3>
            <ul className="mt-1 space-y-1 text-sm" data-testid="editions">
              {editions.map((e) => (
                <li key={e.id}>
                  <strong>{e.name}</strong> · {formatDate(e.effectiveFrom, locale)}
                  {e.effectiveTo ? `–${formatDate(e.effectiveTo, locale)}` : ""} · {t("catalogue.editionTechniques", { number: n(e.techniques) })} ·{" "}
                  {e.hasLevels ? t("catalogue.editionLevels") : t("catalogue.editionNoLevels")}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <Form method="post" encType="multipart/form-data" className="card space-y-3" aria-labelledby="catalogue-form">
        <h2 id="catalogue-form" className="font-semibold">{t("catalogue.title")}</h2>
        <div className="grid gap-3 md:grid-cols-2">
          <SelectField field={{ id: "edition" }} label={t("catalogue.edition")} selectProps={{ className: "input mt-1 w-full", value: edition, onChange: (e) => setEdition(e.target.value) }}>
            {Object.entries(KNOWN_EDITIONS).map(([code, e]) => (
              <option key={code} value={code}>{e.name}</option>
            ))}
            <option value="">{t("catalogue.editionOther")}</option>
          </SelectField>
          {/* Keyed by the chosen edition, so choosing another one fills in its code, name and dates afresh. */}
          <Field
            key={`code-${edition}`}
            field={field("editionCode")}
            label={t("catalogue.editionCode")}
            description={t("catalogue.editionCodeHint")}
            inputProps={{ name: "editionCode", defaultValue: edition, readOnly: known !== null, required: true, className: "input mt-1 w-full" }}
          />
          <Field
            key={`name-${edition}`}
            className="md:col-span-2"
            field={field("editionName")}
            label={t("catalogue.editionName")}
            inputProps={{ name: "editionName", defaultValue: known?.name ?? "", required: true, maxLength: 200, className: "input mt-1 w-full" }}
          />
          <Field
            key={`from-${edition}`}
            field={field("effectiveFrom")}
            label={t("catalogue.effectiveFrom")}
            description={t("catalogue.effectiveFromHint")}
            inputProps={{ name: "effectiveFrom", type: "date", defaultValue: known?.effectiveFrom ?? "", required: true }}
          />
          <Field
            key={`to-${edition}`}
            field={field("effectiveTo")}
            label={t("catalogue.effectiveTo")}
            inputProps={{ name: "effectiveTo", type: "date", defaultValue: known?.effectiveTo ?? "" }}
          />
        </div>
        <CheckboxField field={{ id: "complete" }} label={t("catalogue.complete")} inputProps={{ name: "complete", defaultChecked: true }} />
        <ImportFileField label={t("catalogue.file")} hint={t("catalogue.fileHint", { size: sizeMb })} errors={errors("catalogue", "file")} />
        <button type="submit" name="intent" value="catalogue" className="btn" disabled={busyIntent === "catalogue"}>
          {busyIntent === "catalogue" ? t("catalogue.previewing") : t("catalogue.preview")}
        </button>
      </Form>

      <Form method="post" encType="multipart/form-data" className="card space-y-3" aria-labelledby="crosswalk-form">
        <h2 id="crosswalk-form" className="font-semibold">{t("crosswalk.title")}</h2>
        <p className="max-w-3xl text-sm text-slate-600">{t("crosswalk.intro")}</p>
        <ImportFileField id="crosswalk-file" label={t("crosswalk.file")} errors={errors("crosswalk", "file")} />
        <button type="submit" name="intent" value="crosswalk" className="btn" disabled={busyIntent === "crosswalk"}>
          {busyIntent === "crosswalk" ? t("catalogue.previewing") : t("catalogue.preview")}
        </button>
      </Form>
    </div>
  );
}
