// Report or drill-down as CSV or XLSX, with the same parameters as the page it came from.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db/client.server";
import { getFixedT } from "~/i18n/i18n";
import { getLocale } from "~/i18n/locale.server";
import { ownProvinceCode } from "~/models/access/policy";
import { requireActor } from "~/models/auth/session.server";
import { drillTable, reportTable, tableToCsv, tableToXlsx, type Table } from "~/models/reports/export.server";
import { parseDrillParams, parseReportParams } from "~/models/reports/params";
import { loadAdoptionReport, loadDrillDownAll } from "~/models/reports/queries.server";
import { orRespond, todayInVietnam } from "~/utils/domain-response.server";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const url = new URL(request.url);
  const today = todayInVietnam();
  const locale = await getLocale(request);
  const t = getFixedT(locale, "reports");
  const year = Number(today.slice(0, 4));
  const db = getDb();
  const table: Table = orRespond(() => {
    if (url.searchParams.get("kind") === "pairs") {
      const params = parseDrillParams(url, year);
      return drillTable(loadDrillDownAll(db, actor, params, today, locale), t, t("drill.title"));
    } else {
      const parsed = parseReportParams(url, year);
      const params = { ...parsed, provinceCode: parsed.provinceCode ?? ownProvinceCode(actor) };
      return reportTable(loadAdoptionReport(db, actor, params, today, locale), t, t("report.title"));
    }
  });
  const name = `${url.searchParams.get("kind") === "pairs" ? "ky-thuat" : "bao-cao-ky-thuat-vuot-tuyen"}-${today}`;
  if (url.searchParams.get("format") === "xlsx") {
    return new Response(new Uint8Array(await tableToXlsx(table)), {
      headers: { "Content-Type": XLSX_TYPE, "Content-Disposition": `attachment; filename="${name}.xlsx"` },
    });
  }
  return new Response(tableToCsv(table), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${name}.csv"` },
  });
}
