// The dated items of a pair's story as one ordered list; each links to its own page only when
// the model says the reader may open it.
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import type { StoryItem } from "~/models/reports/trace.server";

// Kinds the app already names elsewhere read the same (one string for both).
const KIND_LABEL: Partial<Record<StoryItem["kind"], string>> = { rotation: "admin:audit.types.rotation", acceptance: "agreements:item.acceptTitle" };

const KIND_STYLE: Record<StoryItem["kind"], string> = {
  agreement: "bg-sky-100 text-sky-800",
  planLine: "bg-sky-50 text-sky-800",
  stage: "bg-slate-100 text-slate-700",
  rotation: "bg-violet-100 text-violet-800",
  course: "bg-amber-100 text-amber-800",
  case: "bg-slate-100 text-slate-700",
  acceptance: "bg-emerald-100 text-emerald-800",
  listRequest: "bg-teal-100 text-teal-800",
  ledger: "bg-teal-50 text-teal-900",
};

function Linked({ href, children }: { href: string | null; children: ReactNode }) {
  return href ? <Link to={href} className="link">{children}</Link> : <>{children}</>;
}

function ItemText({ item }: { item: StoryItem }) {
  const { t } = useTranslation(["planning", "enums"]);
  const locale = useLocale();
  const date = (d: string) => formatDate(d, locale);
  switch (item.kind) {
    case "agreement":
      return <><Linked href={item.href}>{t(item.signed ? "trace.story.item.agreement" : "trace.story.item.agreementStart", { number: item.number })}</Linked> <span className="text-slate-600">{item.title}</span></>;
    case "planLine":
      return (
        <>
          <Linked href={item.href}>{t("trace.story.item.planLine", { number: item.agreementNumber, from: item.fromName, phase: item.phase, cases: item.requiredCases })}</Linked>
          {item.targetDate ? <span className="text-slate-600">; {t("trace.story.item.targetDate", { date: date(item.targetDate) })}</span> : null}
        </>
      );
    case "stage":
      return <><Linked href={item.href}>{t("trace.story.item.stage", { number: item.agreementNumber, stage: t(`enums:transferStage.${item.toStage}`) })}</Linked>{item.note ? <span className="text-slate-600">; {item.note}</span> : null}</>;
    case "rotation":
      return (
        <>
          <Linked href={item.href}>{t("trace.story.item.rotation", { from: item.fromName, end: date(item.endOn) })}</Linked>{" "}
          <span className="text-slate-600">(<Linked href={item.staffHref}>{item.staffName}</Linked>, {t(`enums:rotationStatus.${item.status}`)})</span>
        </>
      );
    case "course":
      return (
        <>
          <Linked href={item.href}>{t("trace.story.item.course", { title: item.title, host: item.hostName, end: date(item.endOn) })}</Linked>
          <span className="block text-xs text-slate-600">
            {t("trace.story.item.trainees")}{" "}
            {item.trainees.map((p, i) => (
              <span key={`${p.name}:${i}`}>{i > 0 ? ", " : ""}<Linked href={p.href}>{p.name}</Linked></span>
            ))}
          </span>
        </>
      );
    case "case":
      return (
        <>
          <Linked href={item.href}>{t(item.supervised ? "trace.story.item.case" : "trace.story.item.caseUnsupervised", { outcome: t(`enums:caseOutcome.${item.outcome}`) })}</Linked>
          {item.performer ? <span className="text-slate-600">; {t("trace.story.item.performer", { name: item.performer })}</span> : null}
        </>
      );
    case "acceptance":
      return <><Linked href={item.href}>{t("trace.story.item.acceptance", { number: item.agreementNumber })}</Linked>{item.minutes ? <span className="text-slate-600">; {t("trace.story.item.minutes", { minutes: item.minutes })}</span> : null}</>;
    case "listRequest":
      return (
        <>
          <Linked href={item.href}>{t("trace.story.item.listRequest", { status: t(`trace.story.lineStatus.${item.status}`, { defaultValue: item.status }) })}</Linked>
          {item.decisionNumber ? <span className="text-slate-600">; {t("trace.story.item.decision", { number: item.decisionNumber, date: item.decisionOn ? date(item.decisionOn) : "" })}</span> : null}
        </>
      );
    case "ledger":
      return (
        <>
          <Linked href={item.href}>{t("trace.story.item.ledger", { event: t(`trace.story.event.${item.event}`) })}</Linked>
          {item.source ? <span className="text-slate-600">; {t("trace.story.item.source", { source: t(`enums:adoptionSource.${item.source}`) })}</span> : null}
          {item.decisionNumber ? <span className="text-slate-600">; {t("trace.story.item.decisionNumber", { number: item.decisionNumber })}</span> : null}
          {item.note ? <span className="text-slate-600">; {item.note}</span> : null}
        </>
      );
  }
}

export function TraceTimeline({ items }: { items: StoryItem[] }) {
  const { t } = useTranslation("planning");
  const locale = useLocale();
  if (items.length === 0) return <p className="p-4 text-slate-600">{t("trace.story.empty")}</p>;
  return (
    <ol className="divide-y divide-slate-100" data-testid="story-items">
      {items.map((item, i) => (
        <li key={`${item.kind}:${item.date}:${i}`} className="flex flex-wrap items-start gap-3 px-4 py-2" data-testid="story-item" data-kind={item.kind}>
          <span className="w-24 shrink-0 whitespace-nowrap text-sm tabular-nums text-slate-700">{formatDate(item.date, locale)}</span>
          <span className={`badge shrink-0 ${KIND_STYLE[item.kind]}`}>{t(KIND_LABEL[item.kind] ?? `trace.story.kind.${item.kind}`)}</span>
          <span className="min-w-0 flex-1 text-sm">
            <ItemText item={item} />
          </span>
        </li>
      ))}
    </ol>
  );
}
