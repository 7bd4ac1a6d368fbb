import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";

type Props = {
  page: number;
  pageCount: number;
  total: number;
  /** Query-string parameter holding the page number (a page with two lists uses two). */
  param?: string;
};

/** The href of another page of the current list: same path and filters, another page number. */
export function pageHref(pathname: string, search: string, param: string, page: number): string {
  const params = new URLSearchParams(search);
  if (page <= 1) params.delete(param);
  else params.set(param, String(page));
  const query = params.toString();
  return query ? `${pathname}?${query}` : pathname;
}

/** Pages worth a direct link: the first, the last, and two either side of the current one. */
function pageNumbers(page: number, pageCount: number): (number | "gap")[] {
  const shown = new Set([1, pageCount, page - 2, page - 1, page, page + 1, page + 2]);
  const numbers = [...shown].filter((n) => n >= 1 && n <= pageCount).sort((a, b) => a - b);
  const out: (number | "gap")[] = [];
  numbers.forEach((n, i) => {
    if (i > 0 && n - numbers[i - 1] > 1) out.push("gap");
    out.push(n);
  });
  return out;
}

/**
 * Server-side pagination links that keep the current query string (search and filters), with
 * the result count. Plain links: they work without JavaScript and can be shared.
 */
export function Pagination({ page, pageCount, total, param = "page" }: Props) {
  const { t } = useTranslation("common");
  const locale = useLocale();
  const { pathname, search } = useLocation();
  const href = (n: number) => pageHref(pathname, search, param, n);
  // An empty list says so itself; "0 results" under it adds nothing.
  if (total === 0) return null;
  const item = "inline-flex min-w-[2.25rem] items-center justify-center rounded-md border px-2 py-1 text-sm";
  return (
    <nav className="mt-3 flex flex-wrap items-center justify-between gap-2" aria-label={t("pagination.label")}>
      <p className="text-sm text-slate-600">
        {t("pagination.total", { count: total, formatted: formatNumber(total, locale) })}
        {pageCount > 1 ? ` · ${t("pagination.pageOf", { page, pageCount })}` : null}
      </p>
      {pageCount > 1 ? (
        <ul className="flex flex-wrap items-center gap-1">
          <li>
            {page > 1 ? (
              <Link to={href(page - 1)} rel="prev" className={`${item} border-slate-300 bg-white hover:bg-slate-100`}>
                ‹ <span className="sr-only sm:not-sr-only sm:ml-1">{t("pagination.previous")}</span>
              </Link>
            ) : null}
          </li>
          {pageNumbers(page, pageCount).map((n, i) =>
            n === "gap" ? (
              <li key={`gap-${i}`} className="px-1 text-slate-500" aria-hidden>
                …
              </li>
            ) : (
              <li key={n} className={n === page || n === 1 || n === pageCount ? "" : "hidden sm:block"}>
                {n === page ? (
                  <span aria-current="page" className={`${item} border-teal-700 bg-teal-700 text-white`}>
                    {n}
                  </span>
                ) : (
                  <Link to={href(n)} className={`${item} border-slate-300 bg-white hover:bg-slate-100`}>
                    {n}
                  </Link>
                )}
              </li>
            ),
          )}
          <li>
            {page < pageCount ? (
              <Link to={href(page + 1)} rel="next" className={`${item} border-slate-300 bg-white hover:bg-slate-100`}>
                <span className="sr-only sm:not-sr-only sm:mr-1">{t("pagination.next")}</span> ›
              </Link>
            ) : null}
          </li>
        </ul>
      ) : null}
    </nav>
  );
}
