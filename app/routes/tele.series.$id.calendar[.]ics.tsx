import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db/client.server";
import { getFixedT } from "~/i18n/i18n";
import { getLocale } from "~/i18n/locale.server";
import { requireActor } from "~/models/auth/session.server";
import { seriesCalendar } from "~/models/tele/series.server";
import { attachment, notFound, requireId } from "~/utils/http.server";

/** /tele/series/:id/calendar.ics: one schedule as one weekly repeating event. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const id = requireId(params.id);
  const locale = await getLocale(request);
  const file = seriesCalendar(getDb(), actor, id, getFixedT(locale, "tele"), locale);
  if (!file) throw notFound();
  return attachment(file.body, file.fileName, "text/calendar; charset=utf-8");
}
