// Pure helpers for showing audit events: what changed between the stored before and after.

export type FieldChange = { field: string; before: unknown; after: unknown };

function parse(json: string | null): Record<string, unknown> | null {
  if (json === null) return null;
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
  } catch {
    return { value: json };
  }
}

/**
 * The fields that differ between the before and after snapshots, in the after's order (then
 * fields only the before has). A create lists every field of after; a delete every field of before.
 */
export function auditDiff(beforeJson: string | null, afterJson: string | null): FieldChange[] {
  const before = parse(beforeJson) ?? {};
  const after = parse(afterJson) ?? {};
  const keys = [...new Set([...Object.keys(after), ...Object.keys(before)])];
  return keys
    .filter((key) => JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null))
    .map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null }));
}

/** The UTC instant that starts a Vietnamese calendar day (UTC+7, no daylight saving). */
export function vietnamDayStartUtc(isoDate: string): string {
  return new Date(`${isoDate}T00:00:00+07:00`).toISOString();
}
