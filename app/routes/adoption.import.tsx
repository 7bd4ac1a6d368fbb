// Imports a facility's technique list file into its ledger and shows the per-row report.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  json,
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~/db/client.server";
import { importLedgerFile, type LedgerImportReport } from "~/models/adoption/import.server";
import { requireActor } from "~/models/auth/session.server";
import { vietnamToday } from "~/models/dates";
import { isDomainError } from "~/models/errors";
import { encodeMessage, translateMessage } from "~/utils/messages";
import { localizedTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "adoption:ledger.import");

const MAX_UPLOAD_MB = 5;

type ActionData = { ok: true; report: LedgerImportReport; facilityId: number } | { ok: false; error: string; facilityId: number | null };

// No redirect here: after a POST, Remix runs this loader too, and a redirect would throw away
// the per-row report the action just returned. Opened directly, the page points to the ledger.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireActor(request);
  const requested = Number(new URL(request.url).searchParams.get("facility"));
  return json({ facilityId: Number.isInteger(requested) && requested > 0 ? requested : null });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const requested = Number(new URL(request.url).searchParams.get("facility"));
  const facilityId = Number.isInteger(requested) && requested > 0 ? requested : actor.facilityId;
  if (!facilityId) throw new Response("Forbidden", { status: 403 });
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_UPLOAD_MB * 1024 * 1024 }));
  } catch (error) {
    // A file over the limit is refused with a message next to the form, not a server error.
    if (!(error instanceof MaxPartSizeExceededError)) throw error;
    return json<ActionData>({ ok: false, error: encodeMessage("imports:errors.tooLarge", { size: MAX_UPLOAD_MB }), facilityId }, { status: 413 });
  }
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) {
    return json<ActionData>({ ok: false, error: "imports:errors.noFile", facilityId }, { status: 400 });
  }
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const report = await importLedgerFile(getDb(), actor, facilityId, { fileName: file.name, bytes }, vietnamToday(new Date()));
    return json<ActionData>({ ok: true, report, facilityId });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    if (error.status === 403 || error.status === 404) throw new Response(error.message, { status: error.status });
    return json<ActionData>({ ok: false, error: encodeMessage(error.message, error.params), facilityId }, { status: error.status });
  }
}

export default function LedgerImportPage() {
  const data = useActionData<typeof action>();
  const { facilityId } = useLoaderData<typeof loader>();
  const { t } = useTranslation("adoption");
  if (!data) {
    return (
      <div className="space-y-4">
        <h1 className="page-title">{t("ledger.import")}</h1>
        <p>{t("ledger.importHelp")}</p>
        <Link to={`/adoption${facilityId ? `?facility=${facilityId}` : ""}`} className="btn-secondary">
          ← {t("ledger.title")}
        </Link>
      </div>
    );
  }
  return (
    <div className="space-y-4">
      <p>
        <Link to={`/adoption${data.facilityId ? `?facility=${data.facilityId}` : ""}`} className="link text-sm">
          ← {t("ledger.title")}
        </Link>
      </p>
      <h1 className="page-title">{t("ledger.import")}</h1>
      {data.ok ? (
        <>
          <p className="card" role="status">
            {t("ledger.importReport", data.report)}
          </p>
          <section className="card overflow-x-auto p-0">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("ledger.row")}</th>
                  <th scope="col">{t("drill.code")}</th>
                  <th scope="col">{t("ledger.date")}</th>
                  <th scope="col">{t("ledger.outcome")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {data.report.rows.map((r) => (
                  <tr key={r.row}>
                    <td className="tabular-nums">{r.row}</td>
                    <td className="font-mono text-xs">{r.code}</td>
                    <td>{r.date}</td>
                    <td className={r.outcome === "refused" ? "text-red-800" : ""}>
                      {r.outcome === "created"
                        ? t("ledger.outcomeCreated")
                        : r.outcome === "unchanged"
                          ? t("ledger.outcomeUnchanged")
                          : translateMessage(t, encodeMessage(r.message ?? "", r.params))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      ) : (
        <p className="rounded-md border border-red-300 bg-red-50 p-3 text-red-800" role="alert">
          {translateMessage(t, data.error)}
        </p>
      )}
    </div>
  );
}
