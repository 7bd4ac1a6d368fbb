// The province gap matrix (/planning/gaps/province): a route of its own beside the facility
// matrix (the trailing "_" keeps it out of planning.gaps's layout, whose loader picks a facility).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LevelBadge } from "~/components/level-badge";
import { getDb } from "~/db/client.server";
import { formatNumber } from "~/i18n/format";
import { getLocale } from "~/i18n/locale.server";
import { useLocale } from "~/i18n/use-locale";
import { requireActor } from "~/models/auth/session.server";
import { getProvinceGaps, resolveGapProvince } from "~/models/planning/gaps.server";
import { orRespond, todayInVietnam } from "~/utils/domain-response.server";
import { localizedTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "planning:gaps.province.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const locale = await getLocale(request);
  const db = getDb();
  const raw = new URL(request.url).searchParams.get("province");
  return json({ matrix: orRespond(() => getProvinceGaps(db, actor, resolveGapProvince(db, actor, raw), todayInVietnam(), locale)) });
}

export default function ProvinceGapsPage() {
  const { matrix } = useLoaderData<typeof loader>();
  const { t } = useTranslation("planning");
  const locale = useLocale();
  return (
    <div className="space-y-4">
      <header className="card">
        <h1 className="page-title">{t("gaps.province.title")}</h1>
        <p className="mt-1 font-medium">{matrix.province.name}</p>
        <p className="mt-1 text-sm text-slate-600">{t("gaps.province.intro")}</p>
        <a href={`/planning/gaps/province.xlsx?province=${matrix.province.code}`} className="btn-secondary mt-2 inline-block" download>
          {t("gaps.province.download")}
        </a>
      </header>
      {matrix.rows.length === 0 ? (
        <p className="card text-slate-600">{t("gaps.province.none")}</p>
      ) : (
        <div className="card overflow-x-auto p-0">
          <table className="table" data-testid="province-gaps">
            <thead>
              <tr>
                <th scope="col">{t("gaps.province.facility")}</th>
                <th scope="col">{t("gaps.province.level")}</th>
                {matrix.chapters.map((c) => (
                  <th key={c.number} scope="col" className="text-right" title={c.name}>
                    {c.number}
                  </th>
                ))}
                <th scope="col" className="text-right">
                  {t("gaps.province.total")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {matrix.rows.map((r) => (
                <tr key={r.facilityId} data-testid="province-gap-row">
                  <th scope="row" className="whitespace-nowrap font-normal">
                    <Link to={`/planning/gaps?facility=${r.facilityId}`} className="link">
                      {r.name}
                    </Link>
                  </th>
                  <td>
                    <LevelBadge level={r.level} />
                  </td>
                  {matrix.chapters.map((c) => (
                    <td key={c.number} className="text-right tabular-nums">
                      {r.byChapter[c.number] ? formatNumber(r.byChapter[c.number], locale) : ""}
                    </td>
                  ))}
                  <td className="text-right font-semibold tabular-nums">{formatNumber(r.total, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
