// The remote-support layer of the network drawing: dashed orange arrows from hub to spoke
// (thicker with more sessions over the last twelve months) between the boxes the agreement
// layout placed, and the table of every pair with its monthly activity.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { facilityHref } from "~/components/links";
import { ActivityBars } from "./links-activity";

type Placed = { id: number; x: number; y: number; group: string };
type Pair = { hubFacilityId: number; hubName: string; spokeFacilityId: number; spokeName: string; chapters: number[]; activity: number[]; total: number };

export function TeleNetworkEdges({ pairs, nodes, nodeWidth, nodeHeight }: { pairs: Pair[]; nodes: Placed[]; nodeWidth: number; nodeHeight: number }) {
  const placed = new Map(nodes.filter((n) => n.group === "line").map((n) => [n.id, n]));
  return (
    <g data-testid="tele-layer-edges">
      {pairs.map((p) => {
        const from = placed.get(p.hubFacilityId);
        const to = placed.get(p.spokeFacilityId);
        if (!from || !to) return null;
        const y1 = from.y + nodeHeight / 2 + 4;
        const y2 = to.y + nodeHeight / 2 + 4;
        let d: string;
        if (to.x === from.x) {
          // Same column (two provincial hospitals): a loop out to the right and back.
          const x = from.x + nodeWidth;
          d = `M${x},${y1} C${x + 40},${y1} ${x + 40},${y2} ${x},${y2}`;
        } else {
          const forward = to.x > from.x;
          const x1 = forward ? from.x + nodeWidth : from.x;
          const x2 = forward ? to.x : to.x + nodeWidth;
          const mid = (x1 + x2) / 2;
          d = `M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}`;
        }
        return (
          <path
            key={`tele-${p.hubFacilityId}-${p.spokeFacilityId}`}
            d={d}
            fill="none"
            stroke="#ea580c"
            strokeOpacity={0.7}
            strokeDasharray="6 3"
            strokeWidth={1 + Math.min(3, Math.ceil(p.total / 12))}
            markerEnd="url(#tele-arrow)"
          >
            <title>{`${p.hubName} → ${p.spokeName}: ${p.total}`}</title>
          </path>
        );
      })}
    </g>
  );
}

export function TeleArrowMarker() {
  return (
    <marker id="tele-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
      <path d="M0,0 L10,5 L0,10 z" fill="#ea580c" />
    </marker>
  );
}

export function TeleLegend() {
  const { t } = useTranslation("tele");
  return (
    <ul className="flex flex-wrap gap-x-6 gap-y-1 text-xs text-slate-600" data-testid="tele-legend">
      <li className="flex items-center gap-2">
        <svg width="28" height="8" aria-hidden="true">
          <line x1="0" y1="4" x2="28" y2="4" stroke="#0f766e" strokeWidth="2" />
        </svg>
        {t("links.network.legendAgreement")}
      </li>
      <li className="flex items-center gap-2">
        <svg width="28" height="8" aria-hidden="true">
          <line x1="0" y1="4" x2="28" y2="4" stroke="#ea580c" strokeWidth="2" strokeDasharray="6 3" />
        </svg>
        {t("links.network.legend")}
      </li>
    </ul>
  );
}

export function TeleNetworkTable({ pairs, months }: { pairs: Pair[]; months: string[] }) {
  const { t } = useTranslation("tele");
  if (pairs.length === 0) return <p className="card text-slate-600">{t("links.noLinks")}</p>;
  return (
    <div className="card overflow-x-auto p-0">
      <table className="table table-cards" data-testid="tele-layer-table">
        <caption className="px-3 py-2 text-left font-semibold">{t("links.network.table")}</caption>
        <thead>
          <tr>
            <th>{t("links.hub")}</th>
            <th>{t("links.spoke")}</th>
            <th>{t("links.network.chapters")}</th>
            <th>{t("links.activity")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {pairs.map((p) => (
            <tr key={`${p.hubFacilityId}-${p.spokeFacilityId}`} data-testid="tele-pair">
              <td data-label={t("links.hub")}>
                <Link to={`/tele?hub=${p.hubFacilityId}`} className="link">
                  {p.hubName}
                </Link>
              </td>
              <td data-label={t("links.spoke")}>
                <Link to={facilityHref(p.spokeFacilityId)} className="link">
                  {p.spokeName}
                </Link>
              </td>
              <td data-label={t("links.network.chapters")}>{p.chapters.join(", ")}</td>
              <td data-label={t("links.activity")}>
                <ActivityBars months={months} counts={p.activity} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
