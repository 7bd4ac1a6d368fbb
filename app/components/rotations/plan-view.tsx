import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import type { PlanView } from "~/models/rotations/solver/plans.server";
import type { Unserved, WhatIf } from "~/models/rotations/solver/types";
import { PlanEntryBadge } from "./plan-status";
import { StatusBadge } from "./status-badge";

type Jsonified<T> = T extends object ? { [K in keyof T]: Jsonified<T[K]> } : T;
type Entry = Jsonified<PlanView["entries"][number]>;

/**
 * The proposals grouped by person, each with its dates, destination and lines; a proposal still
 * proposed carries a checkbox (`name`) when the reader may decide on it.
 */
export function PlanProposals({ entries, name, selectable }: { entries: Entry[]; name: string; selectable: boolean }) {
  const { t } = useTranslation("solver");
  const locale = useLocale();
  const people = new Map<number, { name: string; entries: Entry[] }>();
  for (const entry of entries) {
    const person = people.get(entry.staffId) ?? { name: entry.staffName, entries: [] };
    person.entries.push(entry);
    people.set(entry.staffId, person);
  }
  if (entries.length === 0) return <p className="text-sm text-slate-600">{t("plan.noProposals")}</p>;
  return (
    <ul className="space-y-3" data-testid="plan-proposals">
      {[...people.entries()].map(([staffId, person]) => (
        <li key={staffId} className="rounded border border-slate-200 p-2" data-testid="plan-person">
          <h3 className="font-semibold">{person.name}</h3>
          <ul className="mt-1 space-y-2">
            {person.entries.map((entry) => {
              const dates = `${formatDate(entry.startOn, locale)} – ${formatDate(entry.endOn, locale)}`;
              return (
                <li key={entry.id} className="flex flex-wrap items-start gap-2 text-sm" data-testid="plan-entry" data-status={entry.status}>
                  {selectable && entry.status === "proposed" ? (
                    <input
                      type="checkbox"
                      name={name}
                      value={entry.id}
                      className="mt-1"
                      aria-label={t("plan.select", { name: entry.staffName, start: formatDate(entry.startOn, locale), end: formatDate(entry.endOn, locale) })}
                    />
                  ) : null}
                  <span className="min-w-0 flex-1">
                    <span className="font-medium">{dates}</span> → {entry.toName}
                    <span className="block text-xs text-slate-600">
                      {entry.agreementNumber} ·{" "}
                      {entry.lines.map((l, i) => (
                        <span key={l.id} data-testid="plan-entry-line" data-late={l.late ? "yes" : "no"}>
                          {i > 0 ? "; " : ""}
                          {l.code} {l.name}
                          {l.dueOn ? ` (${t("planning:trace.story.item.targetDate", { date: formatDate(l.dueOn, locale) })}` : null}
                          {l.dueOn && l.late ? <span className="text-amber-800">, {t("plan.lineLate")}</span> : null}
                          {l.dueOn ? ")" : null}
                        </span>
                      ))}
                    </span>
                    {entry.replacesRotationId !== null ? (
                      <span className="block text-xs text-amber-800">{t("plan.replaces", { id: entry.replacesRotationId })}</span>
                    ) : null}
                  </span>
                  <PlanEntryBadge status={entry.status} />
                  {entry.rotationId !== null ? (
                    <span className="flex items-center gap-1">
                      {entry.rotationStatus ? <StatusBadge status={entry.rotationStatus} /> : null}
                      <Link to={`/rotations/${entry.rotationId}`} className="link text-xs">
                        {t("plan.openRotation")}
                      </Link>
                    </span>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </li>
      ))}
    </ul>
  );
}

/**
 * A reason's parameters for the reader: the end date in the reader's format, the facility and
 * the site by the names the page reads in the reader's language (the solver holds the stored ones).
 */
function readerParams(params: Record<string, string | number>, locale: "vi" | "en", names: { facility: string; site: string | null }) {
  const end = typeof params.end === "string" && /^\d{4}-\d{2}-\d{2}$/.test(params.end) ? formatDate(params.end, locale) : params.end;
  return { ...params, ...(end === undefined ? {} : { end }), facility: names.facility, ...(names.site ? { site: names.site } : {}) };
}

/** Every line left unserved, with the constraint that binds, and what would serve more. */
export function PlanUnserved({
  unserved,
  whatIfs,
  lines,
  facilityName,
}: {
  unserved: Jsonified<Unserved>[];
  whatIfs: Jsonified<WhatIf>[];
  lines: Jsonified<PlanView["lines"]>;
  facilityName: string;
}) {
  const { t } = useTranslation("solver");
  const locale = useLocale();
  return (
    <div className="space-y-3">
      {unserved.length === 0 ? (
        <p className="text-sm text-slate-600">{t("plan.allServed")}</p>
      ) : (
        <ul className="space-y-2" data-testid="plan-unserved">
          {unserved.map((u) => {
            const line = lines[u.transferItemId];
            return (
              <li key={u.transferItemId} className="text-sm" data-testid="unserved-line" data-code={line?.code}>
                <span className="font-medium">
                  {line ? `${line.code} – ${line.name} → ${line.toName}` : u.transferItemId}
                </span>
                <span className="block text-slate-700">{t(`unserved.${u.reason}`, readerParams(u.params, locale, { facility: facilityName, site: line?.toName ?? null }))}</span>
              </li>
            );
          })}
        </ul>
      )}
      {whatIfs.length > 0 ? (
        <div>
          <h3 className="font-semibold">{t("plan.whatIfs")}</h3>
          <ul className="list-disc space-y-1 pl-5 text-sm" data-testid="plan-what-ifs">
            {whatIfs.map((w, index) => (
              <li key={index}>
                {w.kind === "raiseCap"
                  ? t("whatIf.raiseCap", { limit: w.limit, count: w.serves.length })
                  : w.kind === "extendAgreement"
                    ? t("whatIf.extendAgreement", { number: w.number, end: formatDate(w.endOn, locale), count: w.serves.length })
                    : t("whatIf.addPerson", { code: w.code, count: w.serves.length })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
