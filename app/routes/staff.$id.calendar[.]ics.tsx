import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db/client.server";
import { getFixedT } from "~/i18n/i18n";
import { getLocale } from "~/i18n/locale.server";
import { requireActor } from "~/models/auth/session.server";
import { staffCalendar } from "~/models/rotations/calendar.server";
import { notFound, requireId, attachment } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const locale = await getLocale(request);
  const file = staffCalendar(getDb(), actor, requireId(params.id), getFixedT(locale, "rotations"), locale);
  if (!file) throw notFound();
  return attachment(file.body, file.fileName, "text/calendar; charset=utf-8");
}
