import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db/client.server";
import { getFixedT } from "~/i18n/i18n";
import { getLocale } from "~/i18n/locale.server";
import { requireActor } from "~/models/auth/session.server";
import { exportProvinceGapsXlsx, resolveGapProvince } from "~/models/planning/gaps.server";
import { orRespond, todayInVietnam } from "~/utils/domain-response.server";
import { attachment } from "~/utils/http.server";

// The province gap matrix as a workbook in the reader's language (a resource route: no layout).
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const locale = await getLocale(request);
  const db = getDb();
  const province = orRespond(() => resolveGapProvince(db, actor, new URL(request.url).searchParams.get("province")));
  const buffer = await orRespond(() => exportProvinceGapsXlsx(db, actor, province, todayInVietnam(), getFixedT(locale), locale));
  return attachment(new Uint8Array(buffer), `gaps-${province}.xlsx`, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}
