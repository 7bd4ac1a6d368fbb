import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  json,
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~/db/client.server";
import { formatNumber } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { requireCapability } from "~/models/auth/session.server";
import { getCatalogueCounts, importCatalogue, type CatalogueImportReport } from "~/models/catalogue/import.server";
import { isDomainError } from "~/models/errors";
import { encodeMessage, translateMessage } from "~/utils/messages";
import { localizedTitle } from "~/utils/meta";

const MAX_UPLOAD_MB = 10;
/** The page lists at most this many skipped rows; the totals count them all. */
const MAX_ISSUES_SHOWN = 200;

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "imports:catalogue.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, "catalogue.manage");
  return json({ counts: getCatalogueCounts(getDb()) });
}

type ActionData =
  | { ok: true; report: Omit<CatalogueImportReport, "issues">; issues: CatalogueImportReport["issues"]; issueCount: number }
  | { ok: false; error: string };

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireCapability(request, "catalogue.manage");
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: MAX_UPLOAD_MB * 1024 * 1024 }),
    );
  } catch (error) {
    if (!(error instanceof MaxPartSizeExceededError)) throw error;
    return json<ActionData>({ ok: false, error: encodeMessage("imports:errors.tooLarge", { size: MAX_UPLOAD_MB }) }, { status: 413 });
  }
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0 || !file.name) {
    return json<ActionData>({ ok: false, error: "imports:errors.noFile" }, { status: 400 });
  }
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const { issues, ...report } = await importCatalogue(getDb(), { fileName: file.name, bytes }, actor);
    return json<ActionData>({ ok: true, report, issues: issues.slice(0, MAX_ISSUES_SHOWN), issueCount: issues.length });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return json<ActionData>({ ok: false, error: encodeMessage(error.message, error.params) }, { status: error.status });
  }
}

export default function AdminCataloguePage() {
  const { counts } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const { t } = useTranslation("imports");
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  const n = (value: number) => formatNumber(value, locale);

  return (
    <div className="space-y-4">
      <header>
        <h1 className="page-title">{t("catalogue.title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("catalogue.intro")}</p>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("catalogue.rule")}</p>
      </header>

      <section className="card" aria-labelledby="current-catalogue">
        <h2 id="current-catalogue" className="font-semibold">{t("catalogue.current")}</h2>
        <dl className="mt-2 grid grid-cols-3 gap-3 text-center">
          {(["chapters", "techniques", "billingCodes"] as const).map((key) => (
            <div key={key}>
              <dd className="text-2xl font-semibold text-teal-800" data-testid={`count-${key}`}>{n(counts[key])}</dd>
              <dt className="text-sm text-slate-600">{t(`catalogue.${key}`)}</dt>
            </div>
          ))}
        </dl>
      </section>

      <Form method="post" encType="multipart/form-data" className="card space-y-3">
        <div>
          <label htmlFor="file" className="label">{t("catalogue.file")}</label>
          <input
            id="file"
            name="file"
            type="file"
            required
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            className="input mt-1 w-full"
            aria-describedby="file-hint file-error"
          />
          <p id="file-hint" className="mt-1 text-xs text-slate-500">{t("catalogue.fileHint", { size: MAX_UPLOAD_MB })}</p>
          {data && !data.ok ? (
            <div id="file-error" className="field-error" role="alert">
              <p>{translateMessage(t, data.error)}</p>
            </div>
          ) : null}
        </div>
        <button type="submit" className="btn" disabled={busy}>
          {busy ? t("catalogue.submitting") : t("catalogue.submit")}
        </button>
      </Form>

      {data?.ok ? <ImportReport report={data.report} issues={data.issues} issueCount={data.issueCount} /> : null}
    </div>
  );
}

function ImportReport({
  report,
  issues,
  issueCount,
}: {
  report: Omit<CatalogueImportReport, "issues">;
  issues: CatalogueImportReport["issues"];
  issueCount: number;
}) {
  const { t } = useTranslation("imports");
  const locale = useLocale();
  const n = (value: number) => formatNumber(value, locale);
  const rows = [
    { key: "chapters", counts: report.chapters },
    { key: "techniques", counts: report.techniques },
    { key: "billingCodes", counts: report.billingCodes },
  ] as const;
  return (
    <section className="card space-y-4" aria-labelledby="import-report" role="status">
      <h2 id="import-report" className="font-semibold">{t("report.title", { fileName: report.fileName })}</h2>
      <dl className="grid grid-cols-2 gap-2 text-sm md:grid-cols-5">
        <div>
          <dt className="text-slate-600">{t("report.format")}</dt>
          <dd>{t(`report.format_${report.format}`)}</dd>
        </div>
        <div>
          <dt className="text-slate-600">{t("report.rowsRead")}</dt>
          <dd data-testid="rows-read">{n(report.rowsRead)}</dd>
        </div>
        <div>
          <dt className="text-slate-600">{t("report.rowsImported")}</dt>
          <dd data-testid="rows-imported">{n(report.rowsImported)}</dd>
        </div>
        <div>
          <dt className="text-slate-600">{t("report.rowsSkipped")}</dt>
          <dd data-testid="rows-skipped">{n(report.rowsSkipped)}</dd>
        </div>
        <div>
          <dt className="text-slate-600">{t("report.duration")}</dt>
          <dd>{t("report.durationValue", { ms: n(report.durationMs) })}</dd>
        </div>
      </dl>
      <div className="overflow-x-auto">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("report.what")}</th>
              <th scope="col" className="text-right">{t("report.created")}</th>
              <th scope="col" className="text-right">{t("report.updated")}</th>
              <th scope="col" className="text-right">{t("report.unchanged")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ key, counts }) => (
              <tr key={key}>
                <th scope="row" className="text-left font-normal">{t(`catalogue.${key}`)}</th>
                <td className="text-right">{n(counts.created)}</td>
                <td className="text-right">{n(counts.updated)}</td>
                <td className="text-right">{n(counts.unchanged)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div>
        <h3 className="font-semibold">{t("report.issues")}</h3>
        {issueCount === 0 ? (
          <p className="text-sm text-slate-600">{t("report.noIssues")}</p>
        ) : (
          <>
            {issueCount > issues.length ? (
              <p className="text-sm text-slate-600">{t("report.shownOf", { shown: n(issues.length), total: n(issueCount) })}</p>
            ) : null}
            <div className="overflow-x-auto">
              <table className="table" data-testid="import-issues">
                <thead>
                  <tr>
                    <th scope="col">{t("report.row")}</th>
                    <th scope="col">{t("report.code")}</th>
                    <th scope="col">{t("report.reason")}</th>
                  </tr>
                </thead>
                <tbody>
                  {issues.map((issue, i) => (
                    <tr key={`${issue.row}-${i}`}>
                      <td>{issue.row}</td>
                      <td className="whitespace-nowrap">{issue.code}</td>
                      <td>{translateMessage(t, encodeMessage(issue.key, issue.params))}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </div>
    </section>
  );
}
