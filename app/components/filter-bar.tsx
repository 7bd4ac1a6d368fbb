import { Form, Link, useLocation, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { SelectField } from "~/components/fields";

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
    <SelectField
      className="min-w-0 flex-1 basis-[45%] sm:w-52 sm:flex-none sm:basis-auto"
      field={{ id }}
      label={label}
      selectProps={{ name, defaultValue: defaultValue == null ? "" : String(defaultValue) }}
    >
      <option value="">{allLabel ?? t("all")}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </SelectField>
  );
}

/** A column of a list's table; hidden on narrow screens through its `className` (`hidden sm:table-cell`). */
export type ResultColumn = { label: string; className?: string };

/**
 * The table of a filtered list: a card holding either the empty message or the table with its
 * column headers, whose rows (the children) turn into labelled cards on a phone (`table-cards`).
 * `title` names the section for screen readers only; the page's heading is visible above.
 */
export function ResultsTable({
  id,
  title,
  empty,
  columns,
  children,
}: {
  id?: string;
  title?: string;
  /** The message instead of the table, when there are no rows; null shows the table. */
  empty: string | null;
  columns: ResultColumn[];
  children: ReactNode;
}) {
  return (
    <section className="card p-0" aria-labelledby={title ? id : undefined}>
      {title ? (
        <h2 id={id} className="sr-only">
          {title}
        </h2>
      ) : null}
      {empty !== null ? (
        <p className="p-4 text-slate-600">{empty}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="table table-cards">
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c.label} scope="col" className={c.className}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">{children}</tbody>
          </table>
        </div>
      )}
    </section>
  );
}
