// The plan line page's readiness: the score with its four parts (so a director sees what is
// missing), the receiving hospital's checklist, the earlier-phase lines that hold the line back,
// and its deferral. The forms post to the line page's own action, one intent each.
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ProgressBar } from "~/components/agreements/status-badge";
import { Field, TextareaField } from "~/components/fields";
import { FormErrors } from "~/components/form";
import { formatDate } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { DEFAULT_CHECK_LABELS, READINESS_PARTS, TRAINED_STAFF_TARGET, type ReadinessPart } from "~/models/transfers/readiness";
import type { ItemReadiness } from "~/models/transfers/readiness.server";

type Errors = Record<string, string[] | undefined>;

/** The score as a bar, then each part with its share and the recorded values behind it. */
export function ReadinessScore({ readiness }: { readiness: Pick<ItemReadiness, "score" | "parts" | "trainedStaff" | "supervisedCases" | "requiredCases" | "checksConfirmed" | "checksTotal" | "daysSinceLastCase"> }) {
  const { t } = useTranslation("planning");
  const value = (part: ReadinessPart) => {
    switch (part) {
      case "trained":
        return t("readiness.partValues.trained", { count: readiness.trainedStaff, target: TRAINED_STAFF_TARGET });
      case "cases":
        return t("readiness.partValues.cases", { logged: readiness.supervisedCases, required: readiness.requiredCases });
      case "checklist":
        return t("readiness.partValues.checklist", { confirmed: readiness.checksConfirmed, total: readiness.checksTotal });
      case "recency":
        return readiness.daysSinceLastCase === null
          ? t("readiness.partValues.recencyNone")
          : t("readiness.partValues.recency", { count: readiness.daysSinceLastCase });
    }
  };
  return (
    <div className="space-y-2">
      <p className="text-lg font-semibold" data-testid="readiness-score">{t("readiness.score", { score: readiness.score })}</p>
      <ul className="grid gap-2 text-sm sm:grid-cols-2 lg:grid-cols-4" data-testid="readiness-parts">
        {READINESS_PARTS.map((part) => (
          <li key={part} data-testid={`readiness-part-${part}`}>
            <ProgressBar share={readiness.parts[part]} label={`${t(`readiness.parts.${part}`)}: ${Math.round(readiness.parts[part] * 100)}% · ${value(part)}`} />
          </li>
        ))}
      </ul>
      <p className="text-xs text-slate-500">{t("readiness.help")}</p>
    </div>
  );
}

export function ReadinessPanel({
  readiness,
  agreementId,
  errors,
}: {
  readiness: ItemReadiness;
  agreementId: number;
  errors: { add: Errors; confirm: Errors; defer: Errors; resume: Errors };
}) {
  const { t } = useTranslation("planning");
  const locale = useLocale();
  return (
    <section className="card space-y-4" aria-labelledby="readiness-title" data-testid="readiness">
      <h2 id="readiness-title" className="font-semibold">{t("readiness.title")}</h2>
      <ReadinessScore readiness={readiness} />

      {readiness.heldBy ? (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="gate-held">
          <p>{t("readiness.gate.heldBy", { phases: readiness.heldBy.phases })}</p>
          <ul className="ml-4 list-disc">
            {readiness.heldBy.lines.map((l) => (
              <li key={l.id}>
                <Link to={`/agreements/${agreementId}/items/${l.id}`} className="link">{l.techniqueCode}</Link>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <div className="space-y-2" data-testid="checklist">
        <h3 className="font-medium">{t("readiness.checklist.title")}</h3>
        <p className="text-xs text-slate-500">{t("readiness.checklist.help")}</p>
        <FormErrors errors={[...(errors.confirm[""] ?? []), ...(errors.confirm.checkId ?? []), ...(errors.confirm.version ?? [])]} />
        {readiness.checks.length === 0 ? (
          <p className="text-sm text-slate-600">{t("readiness.checklist.empty")}</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm">
            {readiness.checks.map((c) => (
              <li key={c.id} className="flex flex-wrap items-center gap-2 py-1" data-testid="check">
                <span aria-hidden="true">{c.confirmedOn ? "☑" : "☐"}</span>
                <span className="font-medium">{c.label}</span>
                <span className="text-slate-500">
                  {c.confirmedOn ? t("readiness.checklist.confirmedBy", { date: formatDate(c.confirmedOn, locale), name: c.confirmedBy ?? "—" }) : t("readiness.checklist.pending")}
                </span>
                {readiness.canKeepChecklist ? (
                  <Form method="post" className="ml-auto">
                    <input type="hidden" name="intent" value="check-confirm" />
                    <input type="hidden" name="checkId" value={c.id} />
                    <input type="hidden" name="version" value={c.version} />
                    <input type="hidden" name="confirmed" value={c.confirmedOn ? "no" : "yes"} />
                    <button type="submit" className={c.confirmedOn ? "btn-secondary" : "btn"}>
                      {c.confirmedOn ? t("readiness.checklist.unconfirm") : t("readiness.checklist.confirm")}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {readiness.canKeepChecklist ? (
          <>
            <FormErrors errors={errors.add[""]} />
            {readiness.checks.length === 0 ? (
              <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="check-suggestions">
                <span className="text-slate-600">{t("readiness.checklist.suggestions")}</span>
                {DEFAULT_CHECK_LABELS.map((key) => (
                  <Form key={key} method="post">
                    <input type="hidden" name="intent" value="check-add" />
                    <input type="hidden" name="label" value={t(`readiness.defaults.${key}`)} />
                    <button type="submit" className="btn-secondary">+ {t(`readiness.defaults.${key}`)}</button>
                  </Form>
                ))}
              </div>
            ) : null}
            <Form method="post" className="flex flex-wrap items-end gap-2">
              <input type="hidden" name="intent" value="check-add" />
              <Field className="min-w-[16rem] flex-1" field={{ id: "check-label", errors: errors.add.label }} label={t("readiness.checklist.label")} inputProps={{ name: "label", required: true, maxLength: 300 }} />
              <button type="submit" className="btn">{t("readiness.checklist.add")}</button>
            </Form>
          </>
        ) : null}
      </div>

      {readiness.deferral || readiness.canDefer ? (
        <div className="space-y-2" data-testid="deferral">
          <h3 className="font-medium">{t("readiness.deferral.title")}</h3>
          {readiness.deferral ? (
            <p className="text-sm text-amber-900">
              {t("readiness.deferral.deferredOn", { date: formatDate(readiness.deferral.on, locale), reason: readiness.deferral.reason })}
            </p>
          ) : null}
          <FormErrors errors={[...(errors.resume[""] ?? []), ...(errors.defer[""] ?? [])]} />
          {readiness.canResume ? (
            <Form method="post">
              <input type="hidden" name="intent" value="resume" />
              <input type="hidden" name="version" value={readiness.version} />
              <button type="submit" className="btn-secondary">{t("readiness.deferral.resume")}</button>
            </Form>
          ) : null}
          {readiness.canDefer ? (
            <Form method="post" className="space-y-2">
              <input type="hidden" name="intent" value="defer" />
              <input type="hidden" name="version" value={readiness.version} />
              <TextareaField
                field={{ id: "defer-reason", errors: errors.defer.reason }}
                label={t("readiness.deferral.reason")}
                description={t("readiness.deferral.help")}
                textareaProps={{ name: "reason", required: true, maxLength: 1000, rows: 2 }}
              />
              <button type="submit" className="btn-secondary">{t("readiness.deferral.submit")}</button>
            </Form>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
