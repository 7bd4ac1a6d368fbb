// Sessions per month over the last twelve months as a row of small bars, with the total beside
// it; the counts are in each bar's title and in the text for screen readers.
import { useTranslation } from "react-i18next";
import { formatMonth } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";

export function ActivityBars({ months, counts, testId }: { months: string[]; counts: number[]; testId?: string }) {
  const { t } = useTranslation("tele");
  const locale = useLocale();
  const max = Math.max(1, ...counts);
  const total = counts.reduce((a, b) => a + b, 0);
  return (
    <span className="inline-flex items-end gap-2" data-testid={testId}>
      <svg width={12 * 6} height={20} viewBox={`0 0 ${12 * 6} 20`} aria-hidden="true">
        {counts.map((n, i) => (
          <rect key={months[i]} x={i * 6} y={20 - Math.max(1, (n / max) * 20)} width={4} height={Math.max(1, (n / max) * 20)} fill={n > 0 ? "#ea580c" : "#cbd5e1"}>
            <title>{t("links.activityMonth", { month: formatMonth(months[i], locale), count: n })}</title>
          </rect>
        ))}
      </svg>
      <span className="text-xs text-slate-600">{t("links.activityTotal", { count: total })}</span>
    </span>
  );
}
