// Response headers shared by every page and data response. The policy allows scripts only
// from our own files and the inline scripts that carry this response's nonce (Remix's
// context and module loader, scroll restoration); nothing may frame the planner.
import crypto from "node:crypto";

export function newNonce(): string {
  return crypto.randomBytes(16).toString("base64");
}

/**
 * `style-src-attr 'unsafe-inline'` lets server-rendered `style="…"` attributes through
 * (Recharts sizes its SVG with them; React sets styles through the DOM afterwards, which CSP
 * does not govern). Style sheets and <style> elements still come only from our own files.
 */
export function contentSecurityPolicy(nonce: string, development = process.env.NODE_ENV === "development"): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${development ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function setSecurityHeaders(headers: Headers): void {
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Referrer-Policy", "same-origin");
  headers.set("X-Frame-Options", "DENY");
  // Pages and data carry the reader's records: never kept by the browser or a proxy.
  headers.set("Cache-Control", "no-store");
}
