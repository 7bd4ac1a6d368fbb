// Pure layout of the line-direction network drawing: one column per care level (A left,
// D right), facilities stacked by name, an edge from each supporting to each receiving
// facility of an active agreement. Below it, a separate group for international cooperation
// (e.g. four health departments with the Guangxi Health Commission): parties that deliver no
// care or sit abroad have no level column, so the foreign or leading parties stand in a
// first column and their partners in a second, joined by undirected links.
// Coordinates are SVG user units.
import { LEVELS, type Level } from "~/models/enums";

export type NetworkNode = { id: number; name: string; level: Level | null; spokes: number; agreements: number };
export type NetworkEdge = { from: number; to: number; agreements: number };
export type NetworkGroup = "line" | "international";
export type PlacedNode = NetworkNode & { x: number; y: number; group: NetworkGroup };
export type PlacedEdge = NetworkEdge & { path: string; group: NetworkGroup };
/** Cooperation links: `from` is the foreign (or leading) party, `to` a partner. */
export type Cooperation = { nodes: NetworkNode[]; edges: NetworkEdge[] };

export const COLUMN_WIDTH = 280;
export const ROW_HEIGHT = 34;
export const NODE_WIDTH = 200;
const TOP = 40;
/** Space between the line-direction drawing and the international group (its heading). */
const GROUP_GAP = 56;

function curve(a: { x: number; y: number }, b: { x: number; y: number }): string {
  const y1 = a.y + ROW_HEIGHT / 2 - 4;
  const y2 = b.y + ROW_HEIGHT / 2 - 4;
  if (b.x > a.x) {
    const x1 = a.x + NODE_WIDTH;
    const mid = (x1 + b.x) / 2;
    return `M${x1},${y1} C${mid},${y1} ${mid},${y2} ${b.x},${y2}`;
  }
  // Same column (e.g. provincial hospital No. 1 supporting No. 4): an arc on the right.
  const x = a.x + NODE_WIDTH;
  const bulge = x + 30 + Math.min(60, Math.abs(y2 - y1) / 4);
  return `M${x},${y1} C${bulge},${y1} ${bulge},${y2} ${b.x + NODE_WIDTH},${y2}`;
}

const byWeightThenName = (a: NetworkNode, b: NetworkNode) => b.spokes - a.spokes || a.name.localeCompare(b.name, "vi");

export function layoutNetwork(nodes: NetworkNode[], edges: NetworkEdge[], cooperation: Cooperation = { nodes: [], edges: [] }) {
  const columns = LEVELS.filter((level) => nodes.some((n) => n.level === level));
  const placed = new Map<number, PlacedNode>();
  columns.forEach((level, col) => {
    nodes
      .filter((n) => n.level === level)
      .sort(byWeightThenName)
      .forEach((n, row) => placed.set(n.id, { ...n, x: 20 + col * COLUMN_WIDTH, y: TOP + row * ROW_HEIGHT, group: "line" }));
  });
  const placedEdges: PlacedEdge[] = [];
  for (const e of edges) {
    const a = placed.get(e.from);
    const b = placed.get(e.to);
    if (!a || !b) continue;
    placedEdges.push({ ...e, path: curve(a, b), group: "line" });
  }
  const rows = Math.max(0, ...columns.map((level) => nodes.filter((n) => n.level === level).length));
  let height = columns.length > 0 ? TOP + rows * ROW_HEIGHT + 20 : 0;

  // The international group: its own placement (a facility may appear in both groups).
  let international: { y: number; columns: { key: "leading" | "partners"; x: number }[] } | null = null;
  const coopPlaced = new Map<number, PlacedNode>();
  if (cooperation.edges.length > 0) {
    const heading = height + (height > 0 ? GROUP_GAP : TOP) - 20;
    const top = heading + 24;
    const leadingIds = new Set(cooperation.edges.map((e) => e.from));
    const leading = cooperation.nodes.filter((n) => leadingIds.has(n.id)).sort(byWeightThenName);
    const partners = cooperation.nodes.filter((n) => !leadingIds.has(n.id)).sort(byWeightThenName);
    // The leading parties are centred against their partners.
    const offset = Math.max(0, Math.floor((partners.length - leading.length) / 2)) * ROW_HEIGHT;
    leading.forEach((n, row) => coopPlaced.set(n.id, { ...n, x: 20, y: top + offset + row * ROW_HEIGHT, group: "international" }));
    partners.forEach((n, row) => coopPlaced.set(n.id, { ...n, x: 20 + COLUMN_WIDTH, y: top + row * ROW_HEIGHT, group: "international" }));
    for (const e of cooperation.edges) {
      const a = coopPlaced.get(e.from);
      const b = coopPlaced.get(e.to);
      if (!a || !b) continue;
      placedEdges.push({ ...e, path: curve(a, b), group: "international" });
    }
    international = { y: heading, columns: [{ key: "leading", x: 20 }, ...(partners.length ? [{ key: "partners" as const, x: 20 + COLUMN_WIDTH }] : [])] };
    height = top + Math.max(leading.length + offset / ROW_HEIGHT, partners.length) * ROW_HEIGHT + 20;
  }
  const widthColumns = Math.max(1, columns.length, international ? international.columns.length : 0);
  return {
    columns: columns.map((level, col) => ({ level, x: 20 + col * COLUMN_WIDTH })),
    international,
    nodes: [...placed.values(), ...coopPlaced.values()],
    edges: placedEdges,
    width: widthColumns * COLUMN_WIDTH + 40,
    height: Math.max(height, TOP + 20),
  };
}
