// Addresses of reference pages, built in one place so every area links to them the same way.

/** A technique's page; the dotted code is URL-encoded ("10.367" -> /techniques/10.367). */
export function techniqueHref(code: string): string {
  return `/techniques/${encodeURIComponent(code)}`;
}

export function facilityHref(id: number): string {
  return `/facilities/${id}`;
}

/** A stored import's preview or result. */
export function importBatchHref(id: number): string {
  return `/imports/${id}`;
}

/** The page where each kind of import starts (the preview's way back). */
export const IMPORT_PAGES = {
  catalogue: "/admin/catalogue",
  crosswalk: "/admin/catalogue",
  facilities: "/facilities/import",
  staff: "/staff/import",
  ledger: "/adoption/import",
  plan: "/agreements",
} as const;

/** A person's staff record. */
export function staffHref(id: number): string {
  return `/staff/${id}`;
}

/** A person's credit-hour ledger. */
export function creditsHref(id: number): string {
  return `/credits/${id}`;
}

/** Where an import batch started: a plan import belongs to its agreement. */
export function importPageHref(kind: keyof typeof IMPORT_PAGES, options: Record<string, unknown>): string {
  if (kind === "plan" && typeof options.agreementId === "number") return `/agreements/${options.agreementId}/plan/import`;
  return IMPORT_PAGES[kind];
}
