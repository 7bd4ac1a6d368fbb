import { useEffect, useId, useRef, useState, type MouseEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

type Props = {
  /** The submit button's own name and value (usually `intent`), sent only once confirmed. */
  name?: string;
  value?: string;
  /** The button's label, as shown in the form. */
  children: ReactNode;
  /** The question, e.g. "Withdraw Nguyễn Văn A from this course?" */
  title: string;
  /** What will happen, in words: who is told, what is kept, what cannot be undone. */
  consequence: string;
  /** The dialog's confirming button; the form's label when omitted. */
  confirmLabel?: string;
  className?: string;
  disabled?: boolean;
};

/**
 * THE button of every destructive action (withdraw, delete, cancel, deactivate, discard): a
 * dialog says what will happen and submits the button's form with its name and value only once
 * confirmed. Before scripts run (or without them) it is an ordinary submit button, so the
 * action still works; pages with a two-step confirmation of their own keep it.
 */
export function ConfirmButton({ name, value, children, title, consequence, confirmLabel, className = "btn-danger", disabled }: Props) {
  const { t } = useTranslation("common");
  const button = useRef<HTMLButtonElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const titleId = useId();
  const bodyId = useId();

  function ask(event: MouseEvent<HTMLButtonElement>) {
    const d = dialog.current;
    if (!d || typeof d.showModal !== "function") return; // no dialog support: submit as before
    // A form that would not submit (a required reason left empty) shows its own errors first.
    if (button.current?.form && !button.current.form.checkValidity()) return;
    event.preventDefault();
    d.showModal();
  }

  function confirm() {
    dialog.current?.close();
    const b = button.current;
    // requestSubmit with the button as submitter sends its name and value, and lets Remix's
    // <Form> handle the submission as if the button itself had been clicked.
    b?.form?.requestSubmit(b);
  }

  return (
    <>
      <button
        ref={button}
        type="submit"
        name={name}
        value={value}
        className={className}
        disabled={disabled}
        onClick={hydrated ? ask : undefined}
        aria-haspopup={hydrated ? "dialog" : undefined}
        data-confirm={title}
      >
        {children}
      </button>
      {hydrated ? (
        <dialog
          ref={dialog}
          aria-labelledby={titleId}
          aria-describedby={bodyId}
          className="w-[min(28rem,calc(100vw-2rem))] rounded-lg border border-slate-200 p-0 shadow-xl backdrop:bg-slate-900/40"
        >
          <div className="space-y-3 p-4 text-left">
            <h2 id={titleId} className="text-base font-semibold text-slate-900">
              {title}
            </h2>
            <p id={bodyId} className="whitespace-pre-line text-sm text-slate-700">
              {consequence}
            </p>
            <div className="flex flex-wrap justify-end gap-2">
              {/* type="button": inside the page's form these must never submit it themselves. */}
              <button type="button" className="btn-secondary" onClick={() => dialog.current?.close()} autoFocus>
                {t("confirmDialog.keep")}
              </button>
              <button type="button" className="btn-danger" onClick={confirm}>
                {confirmLabel ?? children}
              </button>
            </div>
          </div>
        </dialog>
      ) : null}
    </>
  );
}
