import { useTranslation } from "react-i18next";

type Line = { transferItemId: number; agreementId: number; agreementNumber: string; code: string; name: string; toName: string };

/** The lines a plan may serve, grouped by agreement, every one ticked at first. */
export function PlanLineChoices({ lines, name }: { lines: Line[]; name: string }) {
  const { t } = useTranslation("solver");
  const groups = new Map<number, { number: string; lines: Line[] }>();
  for (const line of lines) {
    const group = groups.get(line.agreementId) ?? { number: line.agreementNumber, lines: [] };
    group.lines.push(line);
    groups.set(line.agreementId, group);
  }
  return (
    <div className="space-y-3" data-testid="plan-lines">
      {[...groups.entries()].map(([agreementId, group]) => (
        <fieldset key={agreementId} className="rounded border border-slate-200 p-2">
          <legend className="px-1 text-sm font-semibold">{t("form.agreement", { number: group.number })}</legend>
          <ul className="space-y-1">
            {group.lines.map((line) => (
              <li key={line.transferItemId}>
                <label className="flex items-start gap-2 text-sm">
                  <input type="checkbox" name={name} value={line.transferItemId} defaultChecked className="mt-1" />
                  <span>
                    <span className="font-medium">{line.code}</span> – {line.name} → {line.toName}
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      ))}
    </div>
  );
}
