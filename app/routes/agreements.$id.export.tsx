import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db/client.server";
import { getFixedT } from "~/i18n/i18n";
import { getLocale } from "~/i18n/locale.server";
import { requireActor } from "~/models/auth/session.server";
import { orRespond, todayInVietnam } from "~/utils/domain-response.server";
import { exportAgreementXlsx } from "~/models/transfers/export.server";
import { requireId } from "~/utils/http.server";

// The agreement and its plan as an Excel workbook, in the user's language.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const id = requireId(params.id);
  const locale = await getLocale(request);
  const t = getFixedT(locale, "agreements");
  const buffer = await orRespond(() => exportAgreementXlsx(getDb(), actor, id, todayInVietnam(), t, locale));
  return new Response(new Uint8Array(buffer), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="agreement-${id}.xlsx"`,
      "Cache-Control": "private, no-store",
    },
  });
}
