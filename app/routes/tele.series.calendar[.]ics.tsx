import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db/client.server";
import { getFixedT } from "~/i18n/i18n";
import { getLocale } from "~/i18n/locale.server";
import { requireActor } from "~/models/auth/session.server";
import { hubCalendar } from "~/models/tele/series.server";
import { attachment, notFound } from "~/utils/http.server";
import { parsePositiveInt } from "~/utils/numbers";

/** /tele/series/calendar.ics?hub=ID (the user's own facility when omitted): every schedule of a hub the user reads. */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const raw = new URL(request.url).searchParams.get("hub");
  const id = raw ? parsePositiveInt(raw) : actor.facilityId;
  if (!id) throw notFound();
  const locale = await getLocale(request);
  const file = hubCalendar(getDb(), actor, id, getFixedT(locale, "tele"), locale);
  if (!file) throw notFound();
  return attachment(file.body, file.fileName, "text/calendar; charset=utf-8");
}
