// Links between views of one page (the rotation board, the receiving sites): the same query
// with some parameters changed, and the class of the tab that shows the current choice.

/** The same view with some parameters changed (and back to the first page). */
export function withParams(search: string, changes: Record<string, string>): string {
  const params = new URLSearchParams(search);
  params.delete("page");
  for (const [k, v] of Object.entries(changes)) params.set(k, v);
  return `?${params.toString()}`;
}

/** A choice among a few views (window length, grouping): filled when it is the current one. */
export function tabClass(active: boolean): string {
  return `rounded-md border px-2.5 py-1 text-sm ${active ? "border-teal-700 bg-teal-700 text-white" : "border-slate-300 bg-white hover:bg-slate-100"}`;
}
