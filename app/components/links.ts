// Addresses of reference pages, built in one place so every area links to them the same way.

/** A technique's page; the dotted code is URL-encoded ("10.367" -> /techniques/10.367). */
export function techniqueHref(code: string): string {
  return `/techniques/${encodeURIComponent(code)}`;
}

export function facilityHref(id: number): string {
  return `/facilities/${id}`;
}
