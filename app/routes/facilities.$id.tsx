import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Fact } from "~/components/fact";
import { FilterBar } from "~/components/filter-bar";
import { LevelBadge } from "~/components/level-badge";
import { facilityHref, techniqueHref } from "~/components/links";
import { Pagination } from "~/components/pagination";
import { SearchBox } from "~/components/search-box";
import { getDb } from "~/db/client.server";
import { formatDate, formatNumber } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { listFacilityTechniques } from "~/models/adoption/facility-techniques.server";
import { getLocale } from "~/i18n/locale.server";
import { requireActor } from "~/models/auth/session.server";
import { deliversCare } from "~/models/enums";
import { canManageFacility, getFacility, type FacilityLink } from "~/models/facilities/queries.server";
import { facilityDisplayName } from "~/models/facilities/names";
import { notFound, requireId } from "~/utils/http.server";
import { pageFromUrl } from "~/utils/pagination";
import { metaLocale } from "~/utils/meta";
import { BackLink } from "~/components/facilities/back-link";
import { FacilityRemoteSupport } from "~/components/tele/facility-remote-support";
import { facilityTeleSummary } from "~/models/tele/facility-summary.server";
import { todayInVietnam } from "~/utils/domain-response.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? `${facilityDisplayName(data.facility, metaLocale(matches))} – CGKT` : "CGKT" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const id = requireId(params.id);
  const db = getDb();
  const locale = await getLocale(request);
  const facility = getFacility(db, id, locale);
  if (!facility) throw notFound();
  const url = new URL(request.url);
  const q = url.searchParams.get("q")?.trim().slice(0, 200) ?? "";
  const techniques = listFacilityTechniques(db, id, { q, page: pageFromUrl(url) });
  const tele = deliversCare(facility.kind) ? facilityTeleSummary(db, actor, facility, { today: todayInVietnam(), locale }) : null;
  return json({ facility, q, techniques, tele, canManage: canManageFacility(actor, facility) });
}

function FacilityName({ link }: { link: FacilityLink }) {
  return (
    <span className="inline-flex items-center gap-1.5">
      <LevelBadge level={link.level} />
      <Link to={facilityHref(link.id)} className="link">
        {link.name}
      </Link>
    </span>
  );
}

type HistoryRow = { validFrom: string; decisionNumber: string | null; note: string | null; value: ReactNode };

/** One dated classification history (level or competence): each decision with its date and note. */
function ClassificationHistory(props: { titleId: string; title: string; empty: string; testId: string; valueHeader: string; rows: HistoryRow[] }) {
  const { t } = useTranslation("facilities");
  const locale = useLocale();
  return (
    <div>
      <h2 id={props.titleId} className="text-lg font-semibold">
        {props.title}
      </h2>
      {props.rows.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600">{props.empty}</p>
      ) : (
        <table className="table mt-2" data-testid={props.testId}>
          <thead>
            <tr>
              <th scope="col">{t("detail.validFrom")}</th>
              <th scope="col">{props.valueHeader}</th>
              <th scope="col">{t("detail.decisionNumber")}</th>
              <th scope="col">{t("detail.note")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {props.rows.map((h) => (
              <tr key={h.validFrom}>
                <td className="whitespace-nowrap">{formatDate(h.validFrom, locale)}</td>
                <td>{h.value}</td>
                <td>{h.decisionNumber ?? ""}</td>
                <td>{h.note ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

export default function FacilityPage() {
  const { facility, q, techniques, tele, canManage } = useLoaderData<typeof loader>();
  const { t } = useTranslation("facilities");
  const { t: te } = useTranslation("enums");
  const { t: tc } = useTranslation("catalogue");
  const { t: tp } = useTranslation("planning");
  const locale = useLocale();
  const { network } = facility;
  const care = deliversCare(facility.kind);
  return (
    <div className="space-y-4">
      <BackLink to="/facilities">{t("detail.back")}</BackLink>
      <header className="card">
        <p className="text-sm text-slate-500">
          {facility.shortName} · <span className="font-mono">{facility.code}</span>
          {facility.active ? null : <span className="badge ml-2 bg-slate-200 text-slate-700">{t("detail.inactive")}</span>}
        </p>
        <h1 className="page-title">{facilityDisplayName(facility, locale)}</h1>
        {care ? (
          <Link to={`/planning/gaps?facility=${facility.id}`} className="link mt-1 inline-block text-sm print:hidden" data-testid="gap-matrix-link">
            {tp("gaps.title")}
          </Link>
        ) : null}
        {canManage ? (
          <div className="mt-2 flex flex-wrap gap-2 print:hidden">
            <Link to={`/facilities/${facility.id}/edit`} className="btn-secondary">
              {t("actions.edit")}
            </Link>
            {care ? (
              <Link to={`/facilities/${facility.id}/reclassify`} className="btn-secondary">
                {t("actions.reclassify")}
              </Link>
            ) : null}
          </div>
        ) : null}
        {/* The other language's name beside the heading: the official Vietnamese name for an
            English reader, the stored English name for a Vietnamese one. */}
        {facilityDisplayName(facility, locale) !== facility.name ? (
          <p className="text-sm text-slate-600" lang="vi">
            {facility.name}
          </p>
        ) : facility.nameEn && facility.nameEn !== facility.name ? (
          <p className="text-sm text-slate-600" lang="en">
            {facility.nameEn}
          </p>
        ) : null}
        <dl className="mt-3 grid grid-cols-2 gap-x-6 gap-y-2 md:grid-cols-4">
          <Fact label={t("detail.kind")}>{te(`facilityKind.${facility.kind}`)}</Fact>
          <Fact label={t("detail.level")}>
            {care ? <LevelBadge level={facility.level} full /> : t("detail.nonCare")}
          </Fact>
          <Fact label={t("detail.competence")}>
            {!care ? t("detail.nonCare") : facility.competence ? te(`competence.${facility.competence}`) : t("detail.notClassified")}
          </Fact>
          <Fact label={t("detail.grade")}>{te(`grade.${facility.grade}`)}</Fact>
          <Fact label={t("detail.ownership")}>{te(`ownership.${facility.ownership}`)}</Fact>
          <Fact label={t("detail.province")}>
            {(locale === "en" ? facility.provinceNameEn : facility.provinceName) ?? "—"}
          </Fact>
          <Fact label={t("detail.country")}>{t(`country.${facility.country}`, { defaultValue: facility.country })}</Fact>
          <Fact label={t("detail.beds")}>{facility.beds > 0 ? formatNumber(facility.beds, locale) : "—"}</Fact>
          <Fact label={t("detail.commune")}>
            {(locale === "en" ? facility.communeNameEn : facility.communeName) ?? "—"}
          </Fact>
          <Fact label={t("detail.openedOn")}>{facility.openedOn ? formatDate(facility.openedOn, locale) : "—"}</Fact>
          {facility.closedOn ? <Fact label={t("detail.closedOn")}>{formatDate(facility.closedOn, locale)}</Fact> : null}
        </dl>
      </header>

      <div className="grid gap-4 lg:grid-cols-2">
        <section className="card" aria-labelledby="network-title">
          <h2 id="network-title" className="text-lg font-semibold">
            {t("detail.network")}
          </h2>
          <h3 className="mt-3 text-sm font-medium text-slate-700">{t("detail.directedBy")}</h3>
          <p className="mt-1 text-sm">
            {network.directedBy ? <FacilityName link={network.directedBy} /> : t("detail.notDirected")}
          </p>
          <h3 className="mt-3 text-sm font-medium text-slate-700">{t("detail.directs")}</h3>
          {network.directs.length === 0 ? (
            <p className="mt-1 text-sm text-slate-600">{t("detail.directsNone")}</p>
          ) : (
            <ul className="mt-1 space-y-1 text-sm">
              {network.directs.map((d) => (
                <li key={d.id}>
                  <FacilityName link={d} />
                </li>
              ))}
            </ul>
          )}
          {network.directsTotal > network.directs.length ? (
            <Link to={`/facilities?directedBy=${facility.id}`} className="link mt-2 inline-block text-sm">
              {t("detail.directsAll", { count: network.directsTotal })}
            </Link>
          ) : null}
          {tele ? <FacilityRemoteSupport facilityId={facility.id} tele={tele} /> : null}
        </section>

        <section className="card space-y-4" id="classification" aria-labelledby="levels-title">
          <ClassificationHistory
            titleId="levels-title"
            title={t("detail.levelHistory")}
            empty={t("detail.noLevelHistory")}
            testId="level-history"
            valueHeader={t("detail.level")}
            rows={facility.levelHistory.map((h) => ({ ...h, value: <LevelBadge level={h.level} /> }))}
          />
          {care ? (
            <ClassificationHistory
              titleId="competence-title"
              title={t("detail.competenceHistory")}
              empty={t("detail.noCompetenceHistory")}
              testId="competence-history"
              valueHeader={t("detail.competence")}
              rows={facility.competenceHistory.map((h) => ({ ...h, value: te(`competence.${h.competence}`) }))}
            />
          ) : null}
        </section>
      </div>

      <section className="space-y-3" aria-labelledby="techniques-title">
        <div>
          <h2 id="techniques-title" className="text-lg font-semibold">
            {t("detail.techniques")}
          </h2>
          <p className="text-sm text-slate-600">
            {t("detail.techniquesSummary", {
              performed: formatNumber(techniques.performedTotal, locale),
              crossLevel: formatNumber(techniques.crossLevelTotal, locale),
            })}
          </p>
        </div>
        {techniques.performedTotal > 0 ? (
          <FilterBar label={t("detail.searchTechniques")}>
            <SearchBox defaultValue={q} label={t("detail.searchTechniques")} placeholder={tc("list.searchPlaceholder")} />
          </FilterBar>
        ) : null}
        <div className="card p-0">
          {techniques.rows.length === 0 ? (
            <p className="p-4 text-slate-600">
              {techniques.performedTotal === 0 ? t("detail.noTechniques") : t("detail.noTechniquesMatch")}
            </p>
          ) : (
            <div className="overflow-x-auto">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{tc("columns.code")}</th>
                    <th scope="col">{tc("columns.name")}</th>
                    <th scope="col">{tc("columns.level")}</th>
                    <th scope="col" className="hidden sm:table-cell">
                      {tc("columns.class")}
                    </th>
                    <th scope="col" className="hidden sm:table-cell">
                      {t("detail.startedOn")}
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {techniques.rows.map((row) => (
                    <tr key={row.techniqueId}>
                      <td className="whitespace-nowrap font-mono text-xs sm:text-sm">
                        <Link to={techniqueHref(row.code)} className="link">
                          {row.code}
                        </Link>
                      </td>
                      <td>
                        {row.name}
                        {row.crossLevel ? (
                          <span className="badge ml-2 bg-violet-100 text-violet-800">{t("detail.crossLevel")}</span>
                        ) : null}
                        <p className="text-xs text-slate-500">{row.chapterName}</p>
                      </td>
                      <td>
                        <LevelBadge level={row.minLevel} />
                      </td>
                      <td className="hidden sm:table-cell">
                        {row.procedureClass ? tc(`classShort.${row.procedureClass}`) : "—"}
                      </td>
                      <td className="hidden whitespace-nowrap sm:table-cell">{formatDate(row.startedOn, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
        <Pagination page={techniques.page} pageCount={techniques.pageCount} total={techniques.total} />
      </section>
    </div>
  );
}
