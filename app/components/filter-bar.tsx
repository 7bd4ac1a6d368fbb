import { Form, Link, useLocation, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/**
 * A GET filter form: its fields become the query string, so a filtered list is a shareable
 * URL, and submitting starts again at page 1 (the page number is not a field). Works without
 * JavaScript. `keep` carries parameters that belong to the page but not to these filters.
 */
export function FilterBar({
  children,
  keep,
  label,
}: {
  children: ReactNode;
  keep?: Record<string, string | undefined>;
  label?: string;
}) {
  const { t } = useTranslation("common");
  const { pathname, search } = useLocation();
  const navigation = useNavigation();
  const busy = navigation.state === "loading" && navigation.location?.pathname === pathname;
  const keepEntries = Object.entries(keep ?? {}).filter(([, v]) => v !== undefined && v !== "");
  const clearHref = keepEntries.length
    ? `${pathname}?${new URLSearchParams(keepEntries as [string, string][]).toString()}`
    : pathname;
  return (
    // Keyed by the query string: fields show the URL's values again after "clear" or back.
    <Form
      key={search}
      method="get"
      role="search"
      aria-label={label ?? t("filter")}
      className="card flex flex-wrap items-end gap-3"
    >
      {keepEntries.map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      <div className="flex gap-2">
        <button type="submit" className="btn" aria-busy={busy}>
          {t("search")}
        </button>
        {search ? (
          <Link to={clearHref} className="btn-secondary">
            {t("clear")}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}

export type FilterOption = { value: string; label: string };

/** A labelled select of a filter form; the empty first option means "all". */
export function FilterSelect({
  name,
  label,
  options,
  defaultValue,
  allLabel,
}: {
  name: string;
  label: string;
  options: FilterOption[];
  defaultValue?: string | number | null;
  allLabel?: string;
}) {
  const { t } = useTranslation("common");
  const id = `filter-${name}`;
  return (
    <div className="min-w-0 flex-1 basis-[45%] sm:w-52 sm:flex-none sm:basis-auto">
      <label htmlFor={id} className="label">
        {label}
      </label>
      <select id={id} name={name} defaultValue={defaultValue == null ? "" : String(defaultValue)} className="input">
        <option value="">{allLabel ?? t("all")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
