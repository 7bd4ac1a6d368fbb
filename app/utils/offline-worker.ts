// The page's side of the service worker (public/sw.js): registering it, and asking it to keep
// the entry pages and the scripts a page loaded, so that an entry page opens without a
// connection. Service workers exist only in secure contexts (https, or localhost).

/** The pages every signed-in user may need offline; the worker keeps only those that answer 200. */
const ENTRY_PAGES = ["/tele/sessions/new-consultation", "/outbox"];

/** How long a page waits for the worker's answer before saying the page is not kept (a worker that never starts). */
const ANSWER_WAIT_MS = 30_000;

/** Whether this browser can keep pages at all (no worker on plain http but localhost). */
export function offlineSupported(): boolean {
  return typeof navigator !== "undefined" && Boolean(navigator.serviceWorker) && typeof window !== "undefined" && window.isSecureContext;
}

export function registerServiceWorker() {
  if (!offlineSupported()) return;
  navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => undefined);
}

/** The build files this page loaded: the worker keeps them beside the pages. */
function loadedAssets(): string[] {
  return performance
    .getEntriesByType("resource")
    .map((entry) => entry.name)
    .filter((name) => {
      const url = new URL(name, window.location.href);
      return url.origin === window.location.origin && url.pathname.startsWith("/build/");
    });
}

/**
 * Asks the worker to keep `pages` (those not kept whole yet), with the build files they and this
 * page load; resolves to whether each of them now opens without a connection (false when the
 * worker is not there, or did not answer in time).
 */
export async function prepareForOffline(pages: string[]): Promise<boolean> {
  if (!offlineSupported()) return false;
  const registration = await Promise.race([navigator.serviceWorker.ready, new Promise<null>((resolve) => setTimeout(() => resolve(null), ANSWER_WAIT_MS))]);
  const worker = registration?.active;
  if (!worker) return false;
  return new Promise<boolean>((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => resolve(false), ANSWER_WAIT_MS);
    channel.port1.onmessage = (event: MessageEvent<{ ready?: boolean }>) => {
      clearTimeout(timer);
      resolve(event.data?.ready === true);
    };
    worker.postMessage({ type: "prepare", urls: [...pages, ...loadedAssets()] }, [channel.port2]);
  });
}

/**
 * Hands the worker the entry pages and the build files this page loaded, to keep: once per user
 * and browser session, on the first page after signing in (an entry page opened later asks for
 * itself, see `useOfflineReadiness`).
 */
export function precacheForOffline(user: string) {
  if (!offlineSupported()) return;
  const flag = `cgkt-precached:${user}`;
  try {
    if (window.sessionStorage.getItem(flag)) return;
    window.sessionStorage.setItem(flag, "1");
  } catch {
    // No session storage: ask every time.
  }
  void prepareForOffline([...ENTRY_PAGES, window.location.pathname]);
}
