import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db/client.server";
import { getFixedT } from "~/i18n/i18n";
import { requireActor } from "~/models/auth/session.server";
import { downloadDisposition, minutesDocx } from "~/models/agreements/minutes-docx.server";
import { MINUTES_LANGUAGES, getMinutesText } from "~/models/agreements/minutes.server";
import type { Locale } from "~/models/enums";
import { orRespond, todayInVietnam } from "~/utils/domain-response.server";
import { requireId } from "~/utils/http.server";
import { encodeMessage } from "~/utils/messages";

// The year's minutes as a Word file in one language: the saved text when the year's minutes
// exist, else the draft. A missing or unusable year or language is a 400.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const id = requireId(params.id);
  const url = new URL(request.url);
  const lang = url.searchParams.get("lang") ?? "vi";
  if (!(MINUTES_LANGUAGES as readonly string[]).includes(lang)) {
    throw new Response(encodeMessage("planning:minutes.errors.lang"), { status: 400 });
  }
  const locale = lang as Locale;
  const minutes = orRespond(
    () => getMinutesText(getDb(), actor, id, url.searchParams.get("year"), locale, todayInVietnam()),
    (error) => {
      throw new Response(encodeMessage(error.message, error.params), { status: 400 });
    },
  );
  const t = getFixedT(locale, "planning");
  const name = `${t("minutes.text.fileName", { year: minutes.year })} - ${minutes.agreement.number} (${locale}).docx`;
  const body = await minutesDocx(minutes.text, { title: t("minutes.pageTitle", { year: minutes.year }), locale });
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "Content-Disposition": downloadDisposition(name),
      "Cache-Control": "private, no-store",
    },
  });
}
