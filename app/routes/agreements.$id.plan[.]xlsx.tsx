import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db/client.server";
import { getFixedT } from "~/i18n/i18n";
import { getLocale } from "~/i18n/locale.server";
import { requireActor } from "~/models/auth/session.server";
import { exportPlanXlsx } from "~/models/transfers/plan-import.server";
import { orRespond } from "~/utils/domain-response.server";
import { requireId } from "~/utils/http.server";

// The plan in the six columns its import reads, every cell text (codes keep their zeros).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const id = requireId(params.id);
  const t = getFixedT(await getLocale(request), "imports");
  const buffer = await orRespond(() => exportPlanXlsx(getDb(), actor, id, t));
  return new Response(new Uint8Array(buffer), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="plan-${id}.xlsx"`,
      "Cache-Control": "private, no-store",
    },
  });
}
