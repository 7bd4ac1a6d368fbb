import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { displayDateInput, isIsoDate, normalizeDateInput } from "~/models/dates";

type Props = {
  name: string;
  id?: string;
  /** `yyyy-MM-dd` (shown as dd/mm/yyyy) or text typed earlier (shown as typed). */
  defaultValue?: string | null;
  required?: boolean;
  /** Earliest and latest date the picker offers, `yyyy-MM-dd`; the server still checks. */
  min?: string | number;
  max?: string | number;
  form?: string;
  // What conform's getInputProps also hands over; the field sets its own type and pattern.
  type?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  step?: string | number;
  multiple?: boolean;
  className?: string;
  "aria-invalid"?: boolean | "true" | "false";
  "aria-describedby"?: string;
};

// Both forms the server's calendarDate schema reads: 05/03/2026, 5/3/2026, 2026-03-05.
const PATTERN = String.raw`\s*(\d{1,2}[\/.\-]\d{1,2}[\/.\-]\d{4}|\d{4}-\d{2}-\d{2})\s*`;

/**
 * THE date field of every form: a text box that shows and accepts dd/mm/yyyy whatever the
 * browser's language (a native date input would show the order of the operating system's
 * locale), with a calendar button that opens the browser's own picker once scripts run.
 * The server reads the text through `calendarDate`, which also accepts yyyy-mm-dd.
 */
export function DateField({ name, id, defaultValue, required, min, max, form, className, ...rest }: Props) {
  const { t, i18n } = useTranslation("common");
  const generated = useId();
  const inputId = id ?? `date-${generated}`;
  const hintId = `${inputId}-format`;
  const text = useRef<HTMLInputElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  // The button needs scripts; without them it would be a dead control, so it appears only after hydration.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);

  // Conform writes a form's default values straight into the controls when the form is reset
  // (an offline entry empties its form once queued), in the schema's yyyy-mm-dd; it marks each
  // control it wrote with `data-conform`. The box shows them as dd/mm/yyyy, like the first render.
  useEffect(() => {
    const input = text.current;
    if (!input) return;
    const observer = new MutationObserver(() => {
      if (isIsoDate(input.defaultValue)) input.defaultValue = displayDateInput(input.defaultValue);
      if (isIsoDate(input.value)) input.value = displayDateInput(input.value);
    });
    observer.observe(input, { attributes: true, attributeFilter: ["data-conform"] });
    return () => observer.disconnect();
  }, []);

  function openPicker() {
    const p = picker.current;
    if (!p) return;
    const typed = normalizeDateInput(text.current?.value ?? "");
    p.value = isIsoDate(typed) ? typed : "";
    if (typeof p.showPicker === "function") p.showPicker();
    else p.click();
  }

  function picked() {
    const input = text.current;
    const value = picker.current?.value;
    if (!input || !value) return;
    input.value = displayDateInput(value);
    // Form libraries (conform) listen for input events, which setting .value does not fire.
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }

  const describedBy = [rest["aria-describedby"], hintId].filter(Boolean).join(" ");
  return (
    <span className="block">
      <span className="relative flex items-stretch gap-1">
        <input
          ref={text}
          id={inputId}
          name={name}
          form={form}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          placeholder={t("dateField.placeholder")}
          pattern={PATTERN}
          title={t("dateField.hint")}
          defaultValue={displayDateInput(defaultValue ?? "")}
          required={required}
          aria-invalid={rest["aria-invalid"]}
          aria-describedby={describedBy}
          className={`${className ?? "input"} min-w-0 flex-1 tabular-nums`}
          data-date-field=""
        />
        {hydrated ? (
          <>
            <button type="button" className="btn-secondary shrink-0 px-2" onClick={openPicker} aria-label={t("dateField.pick")} title={t("dateField.pick")}>
              {/* Drawn, not an emoji: hospital PCs without an emoji font show an empty box. */}
              <svg viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
                <rect x="3" y="4" width="18" height="18" rx="2" />
                <path d="M16 2v4M8 2v4M3 10h18" />
              </svg>
            </button>
            {/* The browser's calendar, never submitted (no name): it only fills the text box. */}
            <input
              ref={picker}
              type="date"
              tabIndex={-1}
              aria-hidden="true"
              min={min === undefined ? undefined : String(min)}
              max={max === undefined ? undefined : String(max)}
              onChange={picked}
              className="pointer-events-none absolute bottom-0 right-0 h-0 w-0 opacity-0"
            />
          </>
        ) : null}
      </span>
      {/* English readers are told the order; Vietnamese writes day first anyway. */}
      <span id={hintId} className={i18n.language === "en" ? "mt-0.5 block text-xs text-slate-500" : "sr-only"}>
        {t("dateField.hint")}
      </span>
    </span>
  );
}
