import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LevelBadge } from "~/components/level-badge";
import { facilityHref, techniqueHref } from "~/components/links";
import { Pagination } from "~/components/pagination";
import { getDb } from "~/db/client.server";
import { formatDate, formatNumber } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { listTechniquePerformers } from "~/models/adoption/facility-techniques.server";
import { requireActor } from "~/models/auth/session.server";
import { techniqueCrosswalk, techniqueEditions } from "~/models/catalogue/crosswalk.server";
import { techniqueLevelHistory } from "~/models/catalogue/levels.server";
import { getTechniqueByCode } from "~/models/catalogue/queries.server";
import { LEVELS } from "~/models/enums";
import { notFound } from "~/utils/http.server";
import { pageFromUrl } from "~/utils/pagination";
import { getLocale } from "~/i18n/locale.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.technique.code} ${data.technique.name} – CGKT` : "CGKT" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireActor(request);
  const db = getDb();
  const technique = getTechniqueByCode(db, params.code ?? "");
  if (!technique) throw notFound();
  const performers = listTechniquePerformers(db, technique.id, pageFromUrl(new URL(request.url)), await getLocale(request));
  return json({
    technique,
    performers,
    editions: techniqueEditions(db, technique.id),
    crosswalk: techniqueCrosswalk(db, technique.id),
    levels: techniqueLevelHistory(db, technique.id),
  });
}

export default function TechniquePage() {
  const { technique, performers, editions, crosswalk, levels } = useLoaderData<typeof loader>();
  const { t } = useTranslation("catalogue");
  const { t: te } = useTranslation("enums");
  const locale = useLocale();
  const facts = [
    { label: t("detail.code"), value: <span className="font-mono">{technique.code}</span> },
    { label: t("detail.chapter"), value: `${technique.chapterRoman}. ${technique.chapterName}` },
    {
      label: t("detail.level"),
      value: technique.minLevel ? <LevelBadge level={technique.minLevel} full /> : t("detail.notClassified"),
    },
    ...(technique.retiredOn ? [{ label: t("detail.retiredOn"), value: formatDate(technique.retiredOn, locale) }] : []),
    {
      label: t("detail.procedureClass"),
      value: technique.procedureClass
        ? `${t(`classShort.${technique.procedureClass}`)} – ${te(`procedureClass.${technique.procedureClass}`)}`
        : t("detail.noClass"),
    },
  ];
  return (
    <div className="space-y-4">
      <nav className="text-sm">
        <Link to="/techniques" className="link">
          ‹ {t("detail.back")}
        </Link>
      </nav>
      <header className="card">
        <p className="font-mono text-sm text-slate-500">{technique.code}</p>
        <h1 className="page-title">{technique.name}</h1>
        <dl className="mt-3 grid gap-x-6 gap-y-2 sm:grid-cols-2">
          {facts.map((f) => (
            <div key={f.label}>
              <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{f.label}</dt>
              <dd className="text-sm">{f.value}</dd>
            </div>
          ))}
        </dl>
      </header>

      <section className="card" aria-labelledby="editions-title" data-testid="technique-editions">
        <h2 id="editions-title" className="text-lg font-semibold">{t("detail.editionsTitle")}</h2>
        {editions.length === 0 ? <p className="text-sm text-slate-600">{t("detail.noEditions")}</p> : null}
        <ul className="mt-1 space-y-1 text-sm">
          {editions.map((e) => (
            <li key={e.edition}>
              <span className="font-medium">{e.edition}</span> ({formatDate(e.effectiveFrom, locale)}): <span className="font-mono">{e.code}</span> {e.name}
            </li>
          ))}
        </ul>
        {levels.length > 1 ? (
          <>
            <h3 className="mt-3 text-sm font-semibold">{t("detail.levelHistory")}</h3>
            <ul className="text-sm">
              {levels.map((l) => (
                <li key={l.validFrom}>
                  {l.validFrom === "0001-01-01" ? t("detail.levelBefore") : t("detail.levelFrom", { date: formatDate(l.validFrom, locale) })}:{" "}
                  {l.level ? <LevelBadge level={l.level} /> : t("detail.notClassified")}
                  {l.edition ? ` · ${l.edition}` : ""}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {crosswalk.to.length + crosswalk.from.length > 0 ? (
          <>
            <h3 className="mt-3 text-sm font-semibold">{t("detail.crosswalkTitle")}</h3>
            <ul className="text-sm">
              {crosswalk.to.map((c) => (
                <li key={`to-${c.code}`}>
                  {t("detail.continuedAs")} <Link className="link font-mono" to={techniqueHref(c.code)}>{c.code}</Link> {c.name}
                </li>
              ))}
              {crosswalk.from.map((c) => (
                <li key={`from-${c.code}`}>
                  {t("detail.continues")} <Link className="link font-mono" to={techniqueHref(c.code)}>{c.code}</Link> {c.name}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section className="card p-0" aria-labelledby="billing-title">
        <h2 id="billing-title" className="px-4 pt-4 text-lg font-semibold">
          {t("detail.billingTitle", { count: technique.billingCodes.length })}
        </h2>
        {technique.billingCodes.length === 0 ? (
          <p className="p-4 text-slate-600">{t("detail.noBilling")}</p>
        ) : (
          <div className="mt-2 overflow-x-auto">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("detail.billingCode")}</th>
                  <th scope="col">{t("detail.billingName")}</th>
                  <th scope="col">{t("detail.priceItem")}</th>
                  <th scope="col">{t("detail.priceName")}</th>
                  <th scope="col" className="text-right">
                    {t("detail.price")}
                  </th>
                  <th scope="col">{t("detail.linkCode")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {technique.billingCodes.map((b) => (
                  <tr key={b.id}>
                    <td className="whitespace-nowrap font-mono text-xs">{b.code}</td>
                    <td className="min-w-[12rem]">{b.techniqueName}</td>
                    <td className="tabular-nums">{b.priceItem ?? "—"}</td>
                    <td className="min-w-[12rem]">{b.priceName ?? "—"}</td>
                    <td className="whitespace-nowrap text-right tabular-nums">
                      {b.priceVnd === null ? "—" : formatNumber(b.priceVnd, locale)}
                    </td>
                    <td className="whitespace-nowrap font-mono text-xs">{b.linkCode ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card p-0" aria-labelledby="performers-title">
        <div className="px-4 pt-4">
          <h2 id="performers-title" className="text-lg font-semibold">
            {t("detail.performersTitle")}
          </h2>
          <p className="text-sm text-slate-600">{t("detail.performersIntro")}</p>
          <p className="mt-2 flex flex-wrap items-center gap-2 text-sm">
            <span className="text-slate-600">{t("detail.byLevel")}:</span>
            {LEVELS.map((level) => (
              <span key={level} className="inline-flex items-center gap-1">
                <LevelBadge level={level} />
                <span className="tabular-nums">{formatNumber(performers.byLevel[level], locale)}</span>
              </span>
            ))}
          </p>
        </div>
        {performers.rows.length === 0 ? (
          <p className="p-4 text-slate-600">{t("detail.noPerformers")}</p>
        ) : (
          <div className="mt-2 overflow-x-auto">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("detail.facility")}</th>
                  <th scope="col">{t("detail.facilityLevel")}</th>
                  <th scope="col" className="hidden sm:table-cell">
                    {t("detail.province")}
                  </th>
                  <th scope="col">{t("detail.startedOn")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {performers.rows.map((f) => (
                  <tr key={f.facilityId}>
                    <td>
                      <Link to={facilityHref(f.facilityId)} className="link">
                        {f.name}
                      </Link>
                    </td>
                    <td>
                      <LevelBadge level={f.level} />
                    </td>
                    <td className="hidden sm:table-cell">
                      {(locale === "en" ? f.provinceNameEn : f.provinceName) ?? "—"}
                    </td>
                    <td className="whitespace-nowrap">{formatDate(f.startedOn, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <div className="px-4 pb-3">
          <Pagination page={performers.page} pageCount={performers.pageCount} total={performers.total} />
        </div>
      </section>
    </div>
  );
}
