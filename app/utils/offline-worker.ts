// The page's side of the service worker (public/sw.js): registering it, and asking it to keep
// the entry pages and the scripts this page loaded, so that an entry page opens without a
// connection. Service workers exist only in secure contexts (https, or localhost).

/** The pages every signed-in user may need offline; the worker keeps only those that answer 200. */
const ENTRY_PAGES = ["/tele/sessions/new-consultation", "/outbox"];

export function registerServiceWorker() {
  if (typeof navigator === "undefined" || !("serviceWorker" in navigator) || !window.isSecureContext) return;
  navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => undefined);
}

/**
 * Hands the worker the entry pages, this page and the build files it loaded, to keep: once per
 * user and browser session (the worker keeps what is opened later by itself).
 */
export function precacheForOffline(user: string) {
  if (typeof navigator === "undefined" || !("serviceWorker" in navigator) || !window.isSecureContext) return;
  const flag = `cgkt-precached:${user}`;
  try {
    if (window.sessionStorage.getItem(flag)) return;
    window.sessionStorage.setItem(flag, "1");
  } catch {
    // No session storage: ask every time.
  }
  void navigator.serviceWorker.ready.then((registration) => {
    const assets = performance
      .getEntriesByType("resource")
      .map((entry) => entry.name)
      .filter((name) => {
        const url = new URL(name, window.location.href);
        return url.origin === window.location.origin && url.pathname.startsWith("/build/");
      });
    registration.active?.postMessage({ type: "precache", urls: [...ENTRY_PAGES, window.location.pathname, ...assets] });
  });
}
