import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~/db/client.server";
import { formatDate } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { getLocale } from "~/i18n/locale.server";
import { requireActor } from "~/models/auth/session.server";
import { getAgreement } from "~/models/agreements/queries.server";
import { orRespond, todayInVietnam } from "~/utils/domain-response.server";
import { getPlan } from "~/models/transfers/plan.server";
import { requireId } from "~/utils/http.server";
import { localizedTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data ? localizedTitle(matches, "agreements:print.title", { number: data.detail.agreement.number }) : [{ title: "CGKT" }];

// The whole plan on one page (no pagination: a printed plan is complete), for signing and
// filing, in the interface's language (its dates and labels follow the language switch).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const id = requireId(params.id);
  const db = getDb();
  const day = todayInVietnam();
  const locale = await getLocale(request);
  const detail = orRespond(() => getAgreement(db, actor, id, day, locale));
  const plan = getPlan(db, actor, id, {}, { page: 1, pageSize: 5000, offset: 0 }, day, locale);
  return json({ detail, plan, today: day });
}

function PrintBody() {
  const { detail, plan, today: day } = useLoaderData<typeof loader>();
  const { t } = useTranslation("agreements");
  const { t: te } = useTranslation("enums");
  const { t: tp } = useTranslation("planning");
  const locale = useLocale();
  const a = detail.agreement;
  const phases = [...new Set(plan.items.rows.map((r) => r.phase))];
  return (
    <article className="print-page mx-auto max-w-4xl bg-white p-3 sm:p-6 text-[13px] leading-snug text-black print:p-0" lang={locale}>
      <div className="no-print mb-4 flex gap-2">
        <Link to={`/agreements/${a.id}`} className="btn-secondary">
          ← {a.number}
        </Link>
        <button type="button" className="btn" onClick={() => window.print()}>
          {t("print.printNow")}
        </button>
      </div>
      <header className="text-center">
        <p className="font-semibold uppercase">{detail.owner.name}</p>
        <h1 className="mt-3 text-lg font-bold">{t("print.heading")}</h1>
        <p className="font-semibold">{a.title}</p>
        <p>
          {t("fields.number")}: {a.number} · {t("fields.signedOn")}: {formatDate(a.signedOn, locale) || "—"} · {t("fields.term")}:{" "}
          {formatDate(a.startOn, locale)} – {a.endOn ? formatDate(a.endOn, locale) : "…"}
        </p>
      </header>
      <section className="mt-4">
        <h2 className="font-bold">{t("detail.parties")}</h2>
        <ul className="list-disc pl-6">
          {detail.parties.map((p) => (
            <li key={p.facilityId}>
              {te(`partyRole.${p.role}`)}: {p.name}
            </li>
          ))}
        </ul>
      </section>
      <section className="mt-4">
        <h2 className="font-bold">{t("detail.plan")}</h2>
        <p>{t("plan.overallProgress", plan.overall)}</p>
        {phases.map((phase) => {
          const summary = plan.phases.find((p) => p.phase === phase)!;
          return (
            <div key={phase} className="mt-3 break-inside-avoid-page">
              <h3 className="font-semibold">{t("plan.phaseProgress", summary)}</h3>
              <div className="overflow-x-auto print:overflow-visible">
                <table className="mt-1 w-full border-collapse text-left [&_td]:border [&_td]:border-black [&_td]:px-1 [&_th]:border [&_th]:border-black [&_th]:px-1">
                  <thead>
                    <tr>
                      <th>TT</th>
                      <th>{t("plan.code")}</th>
                      <th>{t("plan.technique")}</th>
                      <th>{t("plan.from")}</th>
                      <th>{t("plan.to")}</th>
                      <th>{t("plan.stage")}</th>
                      <th>{t("plan.targetDate")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {plan.items.rows
                      .filter((r) => r.phase === phase)
                      .map((r, i) => (
                        <tr key={r.id}>
                          <td>{i + 1}</td>
                          <td>{r.techniqueCode}</td>
                          <td>{r.techniqueName}</td>
                          <td>{r.fromName}</td>
                          <td>{r.toName}</td>
                          <td>
                            {te(`transferStage.${r.stage}`)}
                            {r.acceptedOn ? ` (${formatDate(r.acceptedOn, locale)})` : ""}
                            {r.deferredOn ? (
                              <span className="block italic" data-testid="print-deferral">
                                {tp("readiness.deferral.deferredOn", { date: formatDate(r.deferredOn, locale), reason: r.deferralReason ?? "" })}
                              </span>
                            ) : null}
                          </td>
                          <td>
                            {formatDate(r.targetDate, locale)}
                            {r.overdue ? ` – ${t("plan.overdue")}` : ""}
                          </td>
                        </tr>
                      ))}
                  </tbody>
                </table>
              </div>
            </div>
          );
        })}
      </section>
      <footer className="mt-8 grid grid-cols-2 text-center">
        <p className="col-start-2 italic">{t("print.generated", { date: formatDate(day, locale) })}</p>
      </footer>
    </article>
  );
}

export default function PrintPage() {
  return <PrintBody />;
}
