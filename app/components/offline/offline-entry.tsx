// Wraps an entry form (a case log, an attendance sheet, a tele-consultation) so that it survives
// a lost connection: what is typed is kept as a draft on the device (restored after a reload or
// a crash, cleared once sent); a submission made offline goes to the outbox instead of the
// network; one sent online is also noted in the outbox until the server's answer is known, so a
// request lost on the way is sent again later, under the same idempotency key.
// The form is found by its hidden `idempotencyKey` input: the page's markup stays its own.
import { Link } from "@remix-run/react";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { OfflineForm } from "~/models/enums";
import { newIdempotencyKey } from "~/models/offline/keys";
import { draftStorageKey, enqueue, findItem } from "~/utils/offline-queue";
import { translateMessage } from "~/utils/messages";
import { OfflineReadinessLine } from "./offline-readiness-line";
import { useShellUsername } from "./use-shell-user";

type Props = {
  form: OfflineForm;
  /** A line naming the entry in the outbox, from what was typed. */
  title: (data: FormData) => string;
  /** The form's own client-side check: a form it refuses is left to the page to show its errors. */
  validate?: (data: FormData) => boolean;
  /** Empty the form once queued, ready for the next entry (an attendance sheet keeps its ticks). */
  resetAfterQueue?: boolean;
  children: ReactNode;
};

type Notice = { kind: "queued" | "draftRestored" | "refilled"; errors?: string[] };

function textEntries(data: FormData): [string, string][] {
  const out: [string, string][] = [];
  for (const [name, value] of data) if (typeof value === "string") out.push([name, value]);
  return out;
}

/** Puts saved values back into the form's visible controls (hidden ones belong to the page). */
function fill(form: HTMLFormElement, fields: [string, string][]) {
  const byName = new Map<string, string[]>();
  for (const [name, value] of fields) byName.set(name, [...(byName.get(name) ?? []), value]);
  for (const element of Array.from(form.elements)) {
    const control = element as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
    if (!control.name || control.type === "hidden" || control.disabled || control.name === "idempotencyKey") continue;
    const saved = byName.get(control.name);
    if (control instanceof HTMLInputElement && (control.type === "checkbox" || control.type === "radio")) {
      control.checked = (saved ?? []).includes(control.value);
    } else if (control instanceof HTMLSelectElement && control.multiple) {
      for (const option of Array.from(control.options)) option.selected = (saved ?? []).includes(option.value);
    } else if (saved) {
      control.value = saved[0];
    } else {
      continue;
    }
    control.dispatchEvent(new Event("input", { bubbles: true }));
    control.dispatchEvent(new Event("change", { bubbles: true }));
  }
}

export function OfflineEntry({ form, title, validate, resetAfterQueue = true, children }: Props) {
  const { t } = useTranslation("offline");
  const user = useShellUsername();
  const container = useRef<HTMLDivElement>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const noticeBox = useRef<HTMLDivElement>(null);
  // The latest props, read by the listeners set up once.
  const props = useRef({ title, validate, resetAfterQueue });
  props.current = { title, validate, resetAfterQueue };

  useEffect(() => {
    const element = container.current?.querySelector<HTMLInputElement>('input[name="idempotencyKey"]')?.form;
    if (!element || !user) return;
    // Looked up each time: a form library may put a new input in its place (conform does on reset).
    const field = () => element.querySelector<HTMLInputElement>('input[name="idempotencyKey"]');
    const setKey = (key: string) => {
      const input = field();
      if (input) input.value = key;
    };
    /** Keys this page has sent or queued: never used twice. */
    const used = new Set<string>();
    /**
     * The key to send: the one in the form, unless it is missing, was used already, or is the
     * one written into the page's markup (a page served from the cache carries the same one
     * every time it opens).
     */
    const currentKey = () => {
      const input = field();
      const key = input?.value ?? "";
      return key && key !== input?.defaultValue && !used.has(key) ? key : newIdempotencyKey();
    };
    const path = window.location.pathname;
    const draftKey = draftStorageKey(user, form, path);
    let cancelled = false;

    const reopened = new URLSearchParams(window.location.search).get("outbox");
    if (reopened) {
      setKey(newIdempotencyKey());
      void findItem(reopened).then((item) => {
        if (cancelled || !item || item.user !== user || item.form !== form || item.path !== path) return;
        fill(element, item.fields);
        // The refused entry's key: nothing was written under it, and sending the corrected form replaces it in the outbox.
        setKey(item.key);
        setNotice({ kind: "refilled", errors: Object.values(item.errors ?? {}).flat() });
      });
    } else {
      let draft: { key: string; fields: [string, string][] } | null = null;
      try {
        draft = JSON.parse(window.localStorage.getItem(draftKey) ?? "null");
      } catch {
        draft = null;
      }
      if (draft && Array.isArray(draft.fields) && typeof draft.key === "string") {
        fill(element, draft.fields);
        setKey(draft.key);
        setNotice({ kind: "draftRestored" });
      } else {
        // A key made here, when the form is filled: a page served from the cache carries an old one.
        setKey(newIdempotencyKey());
      }
    }

    let timer: ReturnType<typeof setTimeout> | undefined;
    const saveDraft = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const key = currentKey();
        setKey(key);
        try {
          window.localStorage.setItem(draftKey, JSON.stringify({ key, fields: textEntries(new FormData(element)) }));
        } catch {
          // A full or disabled storage: the form still works, only without a draft.
        }
      }, 250);
    };

    const onSubmit = (event: SubmitEvent) => {
      if (event.target !== element) return;
      const submitter = event.submitter as HTMLButtonElement | null;
      const data = new FormData(element);
      if (submitter?.name) data.set(submitter.name, submitter.value);
      if (props.current.validate && !props.current.validate(data)) return;
      const key = currentKey();
      used.add(key);
      // Into the form as well: the page's own submission (online) reads it after this listener.
      setKey(key);
      data.set("idempotencyKey", key);
      clearTimeout(timer);
      window.localStorage.removeItem(draftKey);
      const item = { key, user, form, path, title: props.current.title(data), fields: textEntries(data) };
      if (navigator.onLine === false) {
        // Offline: the outbox keeps it, and the page neither sends nor waits.
        event.preventDefault();
        event.stopPropagation();
        if (props.current.resetAfterQueue) element.reset();
        setKey(newIdempotencyKey());
        void enqueue(item).then(() => setNotice({ kind: "queued" }));
        return;
      }
      void enqueue(item, { onPage: true });
      // A new key for the next entry, once the page has read this one.
      setTimeout(() => setKey(newIdempotencyKey()), 0);
    };

    element.addEventListener("input", saveDraft);
    element.addEventListener("change", saveDraft);
    // On the wrapper, in the bubbling phase: before the page's own handlers, which React runs at the document.
    const wrapper = container.current!;
    wrapper.addEventListener("submit", onSubmit);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      element.removeEventListener("input", saveDraft);
      element.removeEventListener("change", saveDraft);
      wrapper.removeEventListener("submit", onSubmit);
    };
  }, [form, user]);

  // On a phone the submit button is far below the notice: bring it into view.
  useEffect(() => {
    if (notice?.kind === "queued") noticeBox.current?.scrollIntoView({ block: "center" });
  }, [notice]);

  return (
    <div ref={container}>
      {notice ? (
        <div
          ref={noticeBox}
          className={`mb-2 rounded-md border p-3 text-sm ${notice.kind === "refilled" ? "border-amber-300 bg-amber-50 text-amber-900" : "border-teal-300 bg-teal-50 text-teal-900"}`}
          role="status"
          data-testid="offline-notice"
        >
          <p>{t(`form.${notice.kind}`)}</p>
          {notice.errors?.map((message) => (
            <p key={message} className="mt-1">
              {translateMessage(t, message)}
            </p>
          ))}
          {notice.kind === "queued" ? (
            <p className="mt-1">
              <Link to="/outbox" reloadDocument className="link">
                {t("form.outboxLink")}
              </Link>
            </p>
          ) : null}
        </div>
      ) : null}
      <OfflineReadinessLine />
      {children}
    </div>
  );
}
