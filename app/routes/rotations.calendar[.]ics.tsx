import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db/client.server";
import { getFixedT } from "~/i18n/i18n";
import { getLocale } from "~/i18n/locale.server";
import { requireActor } from "~/models/auth/session.server";
import { facilityCalendar } from "~/models/rotations/calendar.server";
import { notFound, attachment } from "~/utils/http.server";
import { parsePositiveInt } from "~/utils/numbers";

/** /rotations/calendar.ics?facility=ID (the user's own facility when omitted). */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const raw = new URL(request.url).searchParams.get("facility");
  const id = raw ? parsePositiveInt(raw) : actor.facilityId;
  if (!id) throw notFound();
  const locale = await getLocale(request);
  const file = facilityCalendar(getDb(), actor, id, getFixedT(locale, "rotations"), locale);
  if (!file) throw notFound();
  return attachment(file.body, file.fileName, "text/calendar; charset=utf-8");
}
