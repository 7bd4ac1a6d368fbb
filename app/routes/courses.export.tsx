// The course list (with the list page's filters) as an XLSX workbook.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db/client.server";
import { getFixedT } from "~/i18n/i18n";
import { getLocale } from "~/i18n/locale.server";
import { requireActor } from "~/models/auth/session.server";
import { listCoursesForExport } from "~/models/courses/courses.server";
import { courseListWorkbook, XLSX_TYPE } from "~/models/courses/exports.server";
import { courseFiltersFromUrl } from "~/models/courses/schemas";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const locale = await getLocale(request);
  const rows = listCoursesForExport(getDb(), actor, courseFiltersFromUrl(new URL(request.url)), undefined, locale);
  const body = await courseListWorkbook(rows, getFixedT(locale, "courses"), getFixedT(locale, "enums"));
  return new Response(new Uint8Array(body), {
    headers: { "Content-Type": XLSX_TYPE, "Content-Disposition": `attachment; filename="courses.xlsx"` },
  });
}
