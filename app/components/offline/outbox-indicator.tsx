// The app shell's outbox indicator: how many entries wait to be sent (and how many the server
// refused), shown while there are any or while the device is offline. It also drives the
// sending: on page load, when the connection returns, and after each submission of a page.
import { NavLink, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { countsOf, lastProblem, settlePageSubmissions, subscribe, syncOutbox } from "~/utils/offline-queue";
import { precacheForOffline } from "~/utils/offline-worker";

/** A send that failed (a network back only halfway, a server restarting) is tried again after this, doubling up to the most. */
const RETRY_FIRST_MS = 5_000;
const RETRY_MOST_MS = 120_000;

export function OutboxIndicator({ user }: { user: string }) {
  const { t } = useTranslation("offline");
  const [counts, setCounts] = useState<ReturnType<typeof countsOf> | null>(null);
  const [online, setOnline] = useState(true);
  const navigation = useNavigation();
  const revalidator = useRevalidator();

  useEffect(() => subscribe(() => setCounts(countsOf(user))), [user]);

  useEffect(() => {
    const send = () => {
      setOnline(navigator.onLine);
      if (!navigator.onLine) return;
      void syncOutbox(user).then((landed) => {
        // The page may list what just landed (the cases of a plan line, the session log).
        if (landed > 0) revalidator.revalidate();
      });
    };
    send();
    precacheForOffline(user);
    window.addEventListener("online", send);
    window.addEventListener("offline", send);
    return () => {
      window.removeEventListener("online", send);
      window.removeEventListener("offline", send);
    };
    // The revalidator changes with every navigation; the listeners need only the user.
  }, [user]);

  // While entries wait, try again by itself, less and less often: the "online" event comes once,
  // and the first request after it may still fail. Not while the session has ended: that needs
  // the user to sign in again (the outbox page says so).
  const waiting = counts?.waiting ?? 0;
  useEffect(() => {
    if (waiting === 0) return;
    let delay = RETRY_FIRST_MS;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const later = () => {
      timer = setTimeout(async () => {
        if (navigator.onLine && lastProblem() !== "signin") {
          const landed = await syncOutbox(user);
          if (landed > 0) revalidator.revalidate();
          delay = Math.min(delay * 2, RETRY_MOST_MS);
        } else {
          // Nothing tried: the first try once it can be made comes soon.
          delay = RETRY_FIRST_MS;
        }
        if (!stopped) later();
      }, delay);
    };
    later();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
    // The revalidator changes with every navigation; a new count of waiting entries starts a new round.
  }, [waiting, user]);

  useEffect(() => {
    if (navigation.state === "idle") void settlePageSubmissions(user);
  }, [navigation.state, user]);

  if (!counts || (counts.waiting === 0 && counts.refused === 0 && online)) return null;
  const label = [!online ? t("indicator.offline") : null, t("indicator.waiting", { count: counts.waiting })].filter(Boolean).join(" · ");
  return (
    <NavLink
      to="/outbox"
      // Offline, the page comes whole from the service worker's cache rather than as data.
      reloadDocument={!online}
      className={`inline-flex h-9 items-center gap-1 whitespace-nowrap rounded-md border px-2 text-sm ${online ? "border-slate-300 text-slate-700" : "border-amber-400 bg-amber-50 text-amber-900"}`}
      aria-label={label}
      title={label}
      data-testid="outbox-indicator"
    >
      <svg viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
        <path d="M22 12h-6l-2 3h-4l-2-3H2" />
        <path d="M5.45 5.11 2 12v6a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2v-6l-3.45-6.89A2 2 0 0 0 16.76 4H7.24a2 2 0 0 0-1.79 1.11z" />
      </svg>
      <span data-testid="outbox-count">{counts.waiting}</span>
      {counts.refused > 0 ? <span className="rounded-full bg-red-600 px-1.5 text-xs font-semibold text-white" data-testid="outbox-refused">{counts.refused}</span> : null}
    </NavLink>
  );
}
