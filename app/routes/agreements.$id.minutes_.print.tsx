// The annual review minutes on one page for printing, in Vietnamese, English or both side by
// side: the saved text when the year's minutes exist, else the draft.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~/db/client.server";
import { requireActor } from "~/models/auth/session.server";
import { MINUTES_LANGUAGES, getMinutesText } from "~/models/agreements/minutes.server";
import { minutesHeadingIndex, minutesLineStyle } from "~/models/agreements/minutes";
import { orRespond, todayInVietnam } from "~/utils/domain-response.server";
import { requireId } from "~/utils/http.server";
import { encodeMessage } from "~/utils/messages";
import { localizedTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data ? localizedTitle(matches, "planning:minutes.pageTitle", { year: data.year }) : [{ title: "CGKT" }];

const PRINT_LANGUAGES = [...MINUTES_LANGUAGES, "both"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const id = requireId(params.id);
  const url = new URL(request.url);
  const lang = url.searchParams.get("lang") ?? "both";
  if (!(PRINT_LANGUAGES as readonly string[]).includes(lang)) {
    throw new Response(encodeMessage("planning:minutes.errors.lang"), { status: 400 });
  }
  const db = getDb();
  const today = todayInVietnam();
  const rawYear = url.searchParams.get("year");
  const languages = lang === "both" ? MINUTES_LANGUAGES : MINUTES_LANGUAGES.filter((l) => l === lang);
  const texts = orRespond(
    () =>
      languages.map((locale) => {
        const { agreement, year, text } = getMinutesText(db, actor, id, rawYear, locale, today);
        return { locale, text, year, agreement: { id: agreement.id, number: agreement.number } };
      }),
    // An unusable year is a 400 page here: the minutes page is where a year is chosen.
    (error) => {
      throw new Response(encodeMessage(error.message, error.params), { status: 400 });
    },
  );
  return json({ year: texts[0].year, agreement: texts[0].agreement, texts: texts.map(({ locale, text }) => ({ locale, text })) });
}

export default function MinutesPrintPage() {
  const { year, agreement, texts } = useLoaderData<typeof loader>();
  const { t } = useTranslation("planning");
  const { t: ta } = useTranslation("agreements");
  return (
    <article className="print-page mx-auto max-w-6xl bg-white p-3 text-[13px] leading-snug text-black sm:p-6 print:p-0">
      <div className="no-print mb-4 flex gap-2">
        <Link to={`/agreements/${agreement.id}/minutes?year=${year}`} className="btn-secondary">
          ← {t("minutes.back")}
        </Link>
        <button type="button" className="btn" onClick={() => window.print()}>
          {ta("print.printNow")}
        </button>
      </div>
      <div className={texts.length > 1 ? "grid gap-6 md:grid-cols-2 print:grid-cols-2" : ""} data-testid="minutes-print">
        {texts.map(({ locale, text }) => {
          const lines = text.split("\n");
          const heading = minutesHeadingIndex(lines);
          return (
            <section key={locale} lang={locale} className="font-serif">
              {lines.map((line, i) => (
                <p key={i} className={lineClass(minutesLineStyle(line, i, heading))}>
                  {line || "\u00a0"}
                </p>
              ))}
            </section>
          );
        })}
      </div>
    </article>
  );
}

function lineClass(style: ReturnType<typeof minutesLineStyle>): string {
  return [style.centered ? "text-center" : "text-justify", style.bold ? "font-bold" : "", style.italic ? "italic" : "", "whitespace-pre-wrap"].join(" ");
}
