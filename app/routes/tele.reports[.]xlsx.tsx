// The remote-support report's tables as a spreadsheet: the same filters and reach as the page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db/client.server";
import { getFixedT } from "~/i18n/i18n";
import { getLocale } from "~/i18n/locale.server";
import { requireActor } from "~/models/auth/session.server";
import { reportFiltersFromQuery, teleReport, teleReportXlsx } from "~/models/tele/reports.server";
import { orRespond, todayInVietnam } from "~/utils/domain-response.server";
import { attachment } from "~/utils/http.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const locale = await getLocale(request);
  const url = new URL(request.url);
  const db = getDb();
  const report = orRespond(() => teleReport(db, actor, reportFiltersFromQuery(db, actor, url.searchParams, todayInVietnam()), locale));
  const body = await teleReportXlsx(report, getFixedT(locale, "tele"));
  const { fromMonth, toMonth } = report.filters;
  return attachment(new Uint8Array(body), `bao-cao-ho-tro-tu-xa-${fromMonth}-${toMonth}.xlsx`, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}
