import { encodeMessage } from "./messages";
import { parsePositiveInt } from "./numbers";

// Small helpers for the responses routes throw or return.

export function notFound(message = "Not Found"): Response {
  return new Response(message, { status: 404 });
}

/**
 * The one 403 answer, whoever refuses (a route, a capability check, a model's ForbiddenError):
 * its body is a message key the shared error page shows in the reader's language.
 */
export function forbidden(key = "common:errors.forbiddenBody", params?: Record<string, string | number>): Response {
  return new Response(encodeMessage(key, params), { status: 403 });
}

export function badRequest(message = "Bad Request"): Response {
  return new Response(message, { status: 400 });
}

const PROBE_ORIGIN = "http://planner.invalid";

/**
 * Only same-origin paths, or `fallback`. Refused: anything not starting with one `/`,
 * backslashes, control characters (tab, CR, LF — browsers drop them, so `/\t/evil.example`
 * becomes `//evil.example`), the same written as percent escapes, encoded slashes and
 * malformed escapes. What is kept is the URL parser's own serialisation of the path, query and
 * fragment (non-ASCII percent-encoded), so the Location header is always valid.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || to.length === 0 || to.length > 2048) return fallback;
  if (!to.startsWith("/") || to.startsWith("//")) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(to);
  } catch {
    return fallback;
  }
  for (const text of [to, decoded]) {
    // C0 and C1 controls, DEL, backslash, and Unicode line/paragraph separators.
    // eslint-disable-next-line no-control-regex -- refusing control characters is the point
    if (/[\u0000-\u001f\u007f-\u009f\\\u2028\u2029]/.test(text)) return fallback;
  }
  // An encoded slash in the path (not in the query) is a way to smuggle `//`.
  if (/%2f|%5c/i.test(to.split(/[?#]/)[0]) || decoded.startsWith("//")) return fallback;
  let url: URL;
  try {
    url = new URL(to, PROBE_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PROBE_ORIGIN) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith("/") && !path.startsWith("//") ? path : fallback;
}

/** Parses a positive integer route parameter (plain digits, at most 2^53 - 1), or throws 404. */
export function requireId(value: string | undefined): number {
  const id = parsePositiveInt(value);
  if (id === null) throw notFound();
  return id;
}

/** A file the browser saves (never cached: it holds the reader's own data). */
export function attachment(body: BodyInit, fileName: string, contentType: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": contentType,
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
