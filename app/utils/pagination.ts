import { boundedInt } from "./numbers";

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;
/** Page numbers beyond this are read as this (and then shown as the last page). */
export const MAX_PAGE = 1_000_000;

export type PageRequest = { page: number; pageSize: number; offset: number };
export type Page<T> = { rows: T[]; total: number; page: number; pageSize: number; pageCount: number };

/**
 * Reads `page` (or `param`, for a second list on one page) and `size` from a URL, clamped to
 * sane bounds (`page=1e309` is page 1, `page=99999999999999999999` the last).
 */
export function pageFromUrl(url: URL, pageSize = DEFAULT_PAGE_SIZE, param = "page"): PageRequest {
  const page = boundedInt(url.searchParams.get(param), 1, MAX_PAGE, 1);
  const asked = boundedInt(url.searchParams.get("size"), 0, MAX_PAGE_SIZE, 0);
  const size = asked >= 1 ? asked : pageSize;
  return { page, pageSize: size, offset: (page - 1) * size };
}

/** Number of pages of `total` rows; an empty list still has its one (empty) page. */
export function pageCountOf(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/**
 * The request moved back onto the last page when it asks past the end of `total` rows
 * (page 1, offset 0, when there are none), so an old link or a list that shrank since shows
 * the last rows rather than an empty page under "6 results". Unchanged otherwise.
 */
export function clampPage(req: PageRequest, total: number): PageRequest {
  const last = pageCountOf(total, req.pageSize);
  if (req.page <= last) return req;
  return { page: last, pageSize: req.pageSize, offset: (last - 1) * req.pageSize };
}

export function toPage<T>(rows: T[], total: number, req: PageRequest): Page<T> {
  return {
    rows,
    total,
    page: req.page,
    pageSize: req.pageSize,
    pageCount: pageCountOf(total, req.pageSize),
  };
}

/**
 * A page of a list: counts first, then reads the rows at the (clamped) request's offset, so a
 * page number past the end shows the last page. `rows` gets the request to use for its
 * LIMIT/OFFSET; no extra query is run.
 */
export function paginate<T>(req: PageRequest, count: () => number, rows: (req: PageRequest) => T[]): Page<T> {
  const total = count();
  const page = clampPage(req, total);
  return toPage(rows(page), total, page);
}
