// The gap lines of one chapter: technique, level, same-level peers, and the partners that could
// transfer it, each with its load and, for an agreement partner the reader manages, the
// one-step form that adds the line to that agreement's plan.
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LevelBadge } from "~/components/level-badge";
import { FieldError } from "~/components/form";
import { techniqueHref } from "~/components/links";
import { formatNumber } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import type { GapLine } from "~/models/planning/gaps.server";

type Props = {
  lines: GapLine[];
  /** The refusal of the last one-step form, for the line it was sent from. */
  refusal: { techniqueCode: string; errors: string[] } | null;
  busy: boolean;
};

export function GapLinesTable({ lines, refusal, busy }: Props) {
  const { t } = useTranslation("planning");
  const locale = useLocale();
  return (
    <div className="overflow-x-auto">
      <table className="table table-cards">
        <thead>
          <tr>
            <th scope="col">{t("gaps.columns.code")}</th>
            <th scope="col">{t("gaps.columns.technique")}</th>
            <th scope="col">{t("gaps.columns.level")}</th>
            <th scope="col" className="text-right">
              {t("gaps.columns.peers")}
            </th>
            <th scope="col">{t("gaps.columns.partners")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {lines.map((line) => {
            const errorId = `gap-${line.techniqueId}-error`;
            const errors = refusal?.techniqueCode === line.code ? refusal.errors : undefined;
            return (
              <tr key={line.techniqueId} data-testid="gap-line" data-code={line.code} id={`gap-${line.techniqueId}`}>
                <td data-label={t("gaps.columns.code")} className="whitespace-nowrap font-mono text-xs sm:text-sm">
                  <Link to={techniqueHref(line.code)} className="link">
                    {line.code}
                  </Link>
                </td>
                <td data-label={t("gaps.columns.technique")}>
                  {line.name}
                  {line.inPlan ? (
                    <span className="badge ml-2 bg-emerald-100 text-emerald-800" data-testid="in-plan">
                      {t("gaps.inPlan")}
                    </span>
                  ) : null}
                </td>
                <td data-label={t("gaps.columns.level")}>
                  <LevelBadge level={line.minLevel} />
                </td>
                <td data-label={t("gaps.columns.peers")} className="text-right tabular-nums">
                  {formatNumber(line.peers, locale)}
                </td>
                <td data-label={t("gaps.columns.partners")}>
                  {line.partners.length === 0 ? (
                    <span className="text-sm text-slate-500">{t("gaps.noPartner")}</span>
                  ) : (
                    <ul className="space-y-1 text-sm">
                      {line.partners.map((p) => (
                        <li key={p.facilityId} data-testid="gap-partner">
                          <span className="inline-flex items-center gap-1">
                            <LevelBadge level={p.level} />
                            <span className="font-medium">{p.name}</span>
                          </span>
                          {p.agreements.map((a) => (
                            <span key={a.id} className="badge ml-1 bg-sky-100 text-sky-800">
                              {t("gaps.agreementPartner", { number: a.number })}
                            </span>
                          ))}
                          <p className="text-xs text-slate-600">
                            {t("gaps.partnerDetail", { count: p.staff, away: p.awayNow, limit: p.limit })}
                          </p>
                          {line.inPlan
                            ? null
                            : p.agreements
                                .filter((a) => a.canAdd)
                                .map((a) => (
                                  <Form method="post" key={a.id} className="mt-1" preventScrollReset aria-describedby={errors ? errorId : undefined}>
                                    <input type="hidden" name="agreementId" value={a.id} />
                                    <input type="hidden" name="techniqueCode" value={line.code} />
                                    <input type="hidden" name="fromFacilityId" value={p.facilityId} />
                                    <button type="submit" className="btn-secondary text-xs" disabled={busy}>
                                      {t("gaps.addToPlan", { number: a.number })}
                                    </button>
                                  </Form>
                                ))}
                        </li>
                      ))}
                    </ul>
                  )}
                  {line.otherPartners > 0 ? <p className="mt-1 text-xs text-slate-500">{t("gaps.otherPartners", { count: line.otherPartners })}</p> : null}
                  <FieldError id={errorId} errors={errors} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
