import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db/client.server";
import { getFixedT } from "~/i18n/i18n";
import { getLocale } from "~/i18n/locale.server";
import { requireActor } from "~/models/auth/session.server";
import { exportPlanCsv } from "~/models/transfers/plan-import.server";
import { orRespond } from "~/utils/domain-response.server";
import { requireId } from "~/utils/http.server";

// The plan in the six columns its import reads, so the file can be edited and imported back.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const id = requireId(params.id);
  const t = getFixedT(await getLocale(request), "imports");
  const body = orRespond(() => exportPlanCsv(getDb(), actor, id, t));
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="plan-${id}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
