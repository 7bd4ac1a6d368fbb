export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

export type PageRequest = { page: number; pageSize: number; offset: number };
export type Page<T> = { rows: T[]; total: number; page: number; pageSize: number; pageCount: number };

/** Reads `page` and `size` from a URL, clamped to sane bounds. */
export function pageFromUrl(url: URL, pageSize = DEFAULT_PAGE_SIZE): PageRequest {
  const page = Math.max(1, Math.floor(Number(url.searchParams.get("page")) || 1));
  const size = Math.min(
    MAX_PAGE_SIZE,
    Math.max(1, Math.floor(Number(url.searchParams.get("size")) || pageSize)),
  );
  return { page, pageSize: size, offset: (page - 1) * size };
}

export function toPage<T>(rows: T[], total: number, req: PageRequest): Page<T> {
  return {
    rows,
    total,
    page: req.page,
    pageSize: req.pageSize,
    pageCount: Math.max(1, Math.ceil(total / req.pageSize)),
  };
}
