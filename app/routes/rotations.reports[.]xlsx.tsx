import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db/client.server";
import { getFixedT } from "~/i18n/i18n";
import { getLocale } from "~/i18n/locale.server";
import { requireActor } from "~/models/auth/session.server";
import { rotationReport, rotationReportXlsx } from "~/models/rotations/reports.server";
import { todayInVietnam } from "~/utils/domain-response.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  const actor = await requireActor(request);
  const y = Number(new URL(request.url).searchParams.get("year"));
  const year = Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : null;
  const report = rotationReport(getDb(), actor, todayInVietnam(), year, locale);
  const body = await rotationReportXlsx(report, getFixedT(locale, "rotations"));
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="bao-cao-luan-phien${year ? `-${year}` : ""}.xlsx"`,
      "Cache-Control": "private, no-store",
    },
  });
}
