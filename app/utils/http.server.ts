// Small helpers for the responses routes throw or return.

export function notFound(message = "Not Found"): Response {
  return new Response(message, { status: 404 });
}

export function forbidden(message = "Forbidden"): Response {
  return new Response(message, { status: 403 });
}

export function badRequest(message = "Bad Request"): Response {
  return new Response(message, { status: 400 });
}

/** Only same-site relative paths; anything else (including `//host`) goes home. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) {
    return fallback;
  }
  return to;
}

/** Parses a positive integer route parameter, or throws 404. */
export function requireId(value: string | undefined): number {
  const id = Number(value);
  if (!value || !Number.isInteger(id) || id <= 0) throw notFound();
  return id;
}
