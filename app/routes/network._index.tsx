import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FilterBar, FilterSelect } from "~/components/filter-bar";
import { LevelBadge } from "~/components/level-badge";
import { facilityHref } from "~/components/links";
import { getDb } from "~/db/client.server";
import { useLocale } from "~/i18n/use-locale";
import { getLocale } from "~/i18n/locale.server";
import { requireActor } from "~/models/auth/session.server";
import { getNetwork, MAX_EDGES } from "~/models/agreements/network.server";
import { NODE_WIDTH, ROW_HEIGHT } from "~/models/agreements/network-layout";
import { listFilterOptions } from "~/models/agreements/queries.server";
import { localizedTitle } from "~/utils/meta";
import { TeleArrowMarker, TeleLegend, TeleNetworkEdges, TeleNetworkTable } from "~/components/tele/network-layer";
import { getTeleLayer } from "~/models/tele/network.server";
import { todayInVietnam } from "~/utils/domain-response.server";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, "agreements:network.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const url = new URL(request.url);
  const province = url.searchParams.get("province")?.trim().slice(0, 10) || undefined;
  const db = getDb();
  const locale = await getLocale(request);
  return json({
    province: province ?? null,
    network: getNetwork(db, { province, locale }),
    provinces: listFilterOptions(db, actor, locale).provinces,
    // Remote support is shown only where the reader may read the hub or the spoke.
    tele: getTeleLayer(db, actor, { province, today: todayInVietnam(), locale }),
  });
}

const LEVEL_FILL: Record<string, string> = { A: "#ffe4e6", B: "#fef3c7", C: "#e0f2fe", D: "#d1fae5" };
/** Health departments and foreign commissions: no care level. */
const NO_LEVEL_FILL = "#ede9fe";

export default function NetworkPage() {
  const { province, network, provinces, tele } = useLoaderData<typeof loader>();
  const { t } = useTranslation("agreements");
  const { t: tt } = useTranslation("tele");
  const [showTele, setShowTele] = useState(true);
  const { t: te } = useTranslation("enums");
  const locale = useLocale();
  const { layout, hubs } = network;
  return (
    <div className="space-y-4">
      <h1 className="page-title">{t("network.title")}</h1>
      <p className="text-slate-600">{t("network.intro")}</p>
      <FilterBar>
        <FilterSelect name="province" label={t("network.province")} defaultValue={province} options={provinces.map((p) => ({ value: p.code, label: locale === "vi" ? p.name : p.nameEn }))} />
      </FilterBar>
      <div className="flex flex-wrap items-center gap-x-6 gap-y-2">
        <label className="flex items-center gap-2 text-sm font-medium">
          <input type="checkbox" checked={showTele} onChange={(e) => setShowTele(e.currentTarget.checked)} data-testid="tele-layer-toggle" />
          {tt("links.network.show")}
        </label>
        <TeleLegend />
      </div>
      {network.truncated ? <p className="card text-amber-900">{t("network.truncated", { max: MAX_EDGES })}</p> : null}
      {layout.nodes.length === 0 ? (
        <p className="card text-slate-600">{t("network.empty")}</p>
      ) : (
        <div className="card overflow-x-auto p-2">
          <svg
            role="img"
            aria-label={t("network.drawing")}
            viewBox={`0 0 ${layout.width} ${layout.height}`}
            width={layout.width}
            className="h-auto max-w-none sm:max-w-full"
            fontFamily="inherit"
          >
            <defs>
              <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
                <path d="M0,0 L10,5 L0,10 z" fill="#0f766e" />
              </marker>
              <TeleArrowMarker />
            </defs>
            {layout.columns.map((c) => (
              <text key={c.level} x={c.x} y={20} fontSize={13} fontWeight={600} fill="#334155">
                {te(`level.${c.level}`)}
              </text>
            ))}
            {layout.international ? (
              <g data-testid="network-international">
                <text x={20} y={layout.international.y} fontSize={13} fontWeight={600} fill="#334155">
                  {t("network.international")}
                </text>
                {layout.international.columns.map((c) => (
                  <text key={c.key} x={c.x} y={layout.international!.y + 16} fontSize={11} fill="#64748b">
                    {t(`network.international_${c.key}`)}
                  </text>
                ))}
              </g>
            ) : null}
            {layout.edges.map((e) =>
              e.group === "line" ? (
                <path key={`line-${e.from}-${e.to}`} d={e.path} fill="none" stroke="#0f766e" strokeOpacity={0.55} strokeWidth={1 + Math.min(3, e.agreements - 1)} markerEnd="url(#arrow)">
                  <title>{`${e.agreements}`}</title>
                </path>
              ) : (
                <path key={`intl-${e.from}-${e.to}`} d={e.path} fill="none" stroke="#7c3aed" strokeOpacity={0.6} strokeDasharray="5 4" strokeWidth={1 + Math.min(3, e.agreements - 1)}>
                  <title>{`${e.agreements}`}</title>
                </path>
              ),
            )}
            {showTele ? <TeleNetworkEdges pairs={tele.pairs} nodes={layout.nodes} nodeWidth={NODE_WIDTH} nodeHeight={ROW_HEIGHT - 8} /> : null}
            {layout.nodes.map((n) => (
              <a key={`${n.group}-${n.id}`} href={facilityHref(n.id)}>
                <rect x={n.x} y={n.y} width={NODE_WIDTH} height={ROW_HEIGHT - 8} rx={5} fill={n.level ? LEVEL_FILL[n.level] : NO_LEVEL_FILL} stroke="#94a3b8" />
                <text x={n.x + 6} y={n.y + 17} fontSize={12} fill="#0f172a">
                  {n.name.length > 26 ? `${n.name.slice(0, 25)}…` : n.name}
                  {n.spokes > 0 ? ` (${n.spokes})` : ""}
                </text>
                <title>{n.name}</title>
              </a>
            ))}
          </svg>
        </div>
      )}
      {showTele ? (
        <section className="space-y-2" data-testid="tele-layer" aria-label={tt("links.network.layer")}>
          {tele.truncated ? <p className="card text-amber-900">{t("network.truncated", { max: tele.pairs.length })}</p> : null}
          <TeleNetworkTable pairs={tele.pairs} months={tele.months} />
        </section>
      ) : null}
      {hubs.length > 0 ? (
        <div className="card overflow-x-auto p-0">
          <table className="table" data-testid="hub-table">
            <caption className="px-3 py-2 text-left font-semibold">{t("network.hubs")}</caption>
            <thead>
              <tr>
                <th>{t("network.hubs")}</th>
                <th>{t("network.spokes")}</th>
                <th>{t("network.agreements")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {hubs.map((h) => (
                <tr key={h.id}>
                  <td className="flex items-center gap-2"><LevelBadge level={h.level} /><Link to={facilityHref(h.id)} className="link">{h.name}</Link></td>
                  <td>{h.spokes}</td>
                  <td>{h.agreements}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
