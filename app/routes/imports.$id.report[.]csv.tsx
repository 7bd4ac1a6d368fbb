import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db/client.server";
import { getFixedT } from "~/i18n/i18n";
import { getLocale } from "~/i18n/locale.server";
import { requireActor } from "~/models/auth/session.server";
import { importReportCsv } from "~/models/imports/report.server";
import { orRespond } from "~/utils/domain-response.server";
import { getImportBatch } from "~/models/imports/batches.server";
import { requireId } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const id = requireId(params.id);
  const t = getFixedT(await getLocale(request), "imports");
  orRespond(() => getImportBatch(getDb(), actor, id));
  const body = await importReportCsv(getDb(), actor, id, t);
  return new Response(typeof body === "string" ? body : new Uint8Array(body), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="import-${id}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
