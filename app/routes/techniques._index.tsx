import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FilterBar, FilterSelect, ResultsTable } from "~/components/filter-bar";
import { LevelBadge } from "~/components/level-badge";
import { techniqueHref } from "~/components/links";
import { Pagination } from "~/components/pagination";
import { SearchBox } from "~/components/search-box";
import { getDb } from "~/db/client.server";
import { formatNumber } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { requireActor } from "~/models/auth/session.server";
import { listChapters, listTechniques, parseTechniqueFilters } from "~/models/catalogue/queries.server";
import { LEVELS, PROCEDURE_CLASSES } from "~/models/enums";
import { pageFromUrl } from "~/utils/pagination";
import { localizedTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "catalogue:list.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireActor(request);
  const url = new URL(request.url);
  const filters = parseTechniqueFilters(url);
  const db = getDb();
  return json({ filters, result: listTechniques(db, filters, pageFromUrl(url)), chapters: listChapters(db) });
}

export default function TechniquesPage() {
  const { filters, result, chapters } = useLoaderData<typeof loader>();
  const { t } = useTranslation("catalogue");
  const { t: te } = useTranslation("enums");
  const locale = useLocale();
  return (
    <div className="space-y-4">
      <header>
        <h1 className="page-title">{t("list.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("list.intro")}</p>
        <p className="mt-1 text-sm">
          <Link to="/techniques/new" className="link">{t("newTechniques.title")}</Link>
        </p>
      </header>
      <FilterBar>
        <SearchBox
          defaultValue={filters.q}
          label={t("list.searchLabel")}
          placeholder={t("list.searchPlaceholder")}
        />
        <FilterSelect
          name="chapter"
          label={t("list.chapter")}
          defaultValue={filters.chapter}
          options={chapters.map((c) => ({ value: String(c.number), label: `${c.roman}. ${c.name}` }))}
        />
        <FilterSelect
          name="level"
          label={t("list.level")}
          defaultValue={filters.level}
          options={[
            ...LEVELS.map((l) => ({ value: l, label: te(`level.${l}`) })),
            { value: "none", label: t("list.noLevel") },
          ]}
        />
        <FilterSelect
          name="cls"
          label={t("list.procedureClass")}
          defaultValue={filters.cls}
          options={PROCEDURE_CLASSES.map((c) => ({
            value: c,
            label: `${t(`classShort.${c}`)} – ${te(`procedureClass.${c}`)}`,
          }))}
        />
      </FilterBar>

      <ResultsTable
        id="techniques-results"
        title={t("list.title")}
        empty={result.rows.length === 0 ? t("list.empty") : null}
        columns={[
          { label: t("columns.code") },
          { label: t("columns.name") },
          { label: t("columns.chapter"), className: "hidden lg:table-cell" },
          { label: t("columns.level") },
          { label: t("columns.class"), className: "hidden sm:table-cell" },
          { label: t("columns.billingCodes"), className: "hidden text-right sm:table-cell" },
        ]}
      >
        {result.rows.map((row) => (
          <tr key={row.id}>
            <td className="whitespace-nowrap font-mono text-xs sm:text-sm">
              <Link to={techniqueHref(row.code)} className="link">
                {row.code}
              </Link>
            </td>
            <td data-label={t("columns.name")}>
              <Link to={techniqueHref(row.code)} className="hover:underline">
                {row.name}
              </Link>
              <p className="mt-0.5 text-xs text-slate-500 lg:hidden">
                {row.chapterName}
                {row.procedureClass ? (
                  <span className="sm:hidden"> · {t(`classShort.${row.procedureClass}`)}</span>
                ) : null}
              </p>
            </td>
            <td className="hidden text-xs text-slate-600 lg:table-cell">{row.chapterName}</td>
            <td data-label={t("columns.level")}>
              <LevelBadge level={row.minLevel} />
            </td>
            <td className="hidden whitespace-nowrap sm:table-cell">
              {row.procedureClass ? (
                <span title={te(`procedureClass.${row.procedureClass}`)}>
                  {t(`classShort.${row.procedureClass}`)}
                </span>
              ) : (
                "—"
              )}
            </td>
            <td className="hidden text-right tabular-nums sm:table-cell">
              {formatNumber(row.billingCodeCount, locale)}
            </td>
          </tr>
        ))}
      </ResultsTable>
      <Pagination page={result.page} pageCount={result.pageCount} total={result.total} />
    </div>
  );
}
