/**
 * Folds Vietnamese text for search: lower case, no diacritics, "đ" -> "d", single spaces.
 * "Thay khớp háng toàn bộ" -> "thay khop hang toan bo".
 */
export function foldSearch(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** Splits a query into folded words; each must appear in the searched text. */
export function searchTerms(query: string | null | undefined): string[] {
  if (!query) return [];
  return foldSearch(query)
    .split(" ")
    .map((w) => w.replace(/[%_\\]/g, ""))
    .filter(Boolean)
    .slice(0, 8);
}
