import { useEffect, useState } from "react";
import { offlineSupported, prepareForOffline } from "~/utils/offline-worker";

/**
 * Whether this entry page would open again without a connection: "checking" while the service
 * worker keeps it (and the outbox) with every build file they load, "ready" once it has,
 * "notKept" when it could not (offline since the page was opened: asked again when the network
 * returns), "unsupported" where the browser keeps no pages (plain http other than localhost).
 * Null before the page has hydrated, and for the moment a kept page takes to check: a line that
 * flickers on every load would teach readers to ignore it.
 */
export type OfflineReadiness = "checking" | "ready" | "notKept" | "unsupported";

/** A check that answers sooner shows no "checking" line. */
const CHECKING_SHOWN_AFTER_MS = 800;

export function useOfflineReadiness(): OfflineReadiness | null {
  const [state, setState] = useState<OfflineReadiness | null>(null);
  useEffect(() => {
    if (!offlineSupported()) {
      setState("unsupported");
      return;
    }
    let cancelled = false;
    /** Only the latest question's answer counts (an old worker may never answer one). */
    let round = 0;
    const ask = () => {
      const mine = ++round;
      const slow = setTimeout(() => !cancelled && mine === round && setState((current) => (current === "ready" ? current : "checking")), CHECKING_SHOWN_AFTER_MS);
      void prepareForOffline([window.location.pathname, "/outbox"]).then((ready) => {
        clearTimeout(slow);
        if (cancelled || mine !== round) return;
        setState((current) => (ready ? "ready" : current === "ready" ? current : "notKept"));
      });
    };
    ask();
    const again = () => {
      if (navigator.onLine) ask();
    };
    window.addEventListener("online", again);
    // A new worker taking over (the planner was updated) may not have answered the old one's question.
    navigator.serviceWorker.addEventListener("controllerchange", again);
    return () => {
      cancelled = true;
      window.removeEventListener("online", again);
      navigator.serviceWorker.removeEventListener("controllerchange", again);
    };
  }, []);
  return state;
}
