// Pure layout of the line-direction network drawing: one column per care level (A left,
// D right), facilities stacked by name, an edge from each supporting to each receiving
// facility of an active agreement. Coordinates are SVG user units.
import { LEVELS, type Level } from "~/models/enums";

export type NetworkNode = { id: number; name: string; level: Level; spokes: number; agreements: number };
export type NetworkEdge = { from: number; to: number; agreements: number };
export type PlacedNode = NetworkNode & { x: number; y: number };
export type PlacedEdge = NetworkEdge & { path: string };

export const COLUMN_WIDTH = 280;
export const ROW_HEIGHT = 34;
export const NODE_WIDTH = 200;
const TOP = 40;

export function layoutNetwork(nodes: NetworkNode[], edges: NetworkEdge[]) {
  const columns = LEVELS.filter((level) => nodes.some((n) => n.level === level));
  const placed = new Map<number, PlacedNode>();
  columns.forEach((level, col) => {
    nodes
      .filter((n) => n.level === level)
      .sort((a, b) => b.spokes - a.spokes || a.name.localeCompare(b.name, "vi"))
      .forEach((n, row) => placed.set(n.id, { ...n, x: 20 + col * COLUMN_WIDTH, y: TOP + row * ROW_HEIGHT }));
  });
  const placedEdges: PlacedEdge[] = [];
  for (const e of edges) {
    const a = placed.get(e.from);
    const b = placed.get(e.to);
    if (!a || !b) continue;
    const y1 = a.y + ROW_HEIGHT / 2 - 4;
    const y2 = b.y + ROW_HEIGHT / 2 - 4;
    let path: string;
    if (b.x > a.x) {
      const x1 = a.x + NODE_WIDTH;
      const mid = (x1 + b.x) / 2;
      path = `M${x1},${y1} C${mid},${y1} ${mid},${y2} ${b.x},${y2}`;
    } else {
      // Same column (e.g. provincial hospital No. 1 supporting No. 4): an arc on the right.
      const x = a.x + NODE_WIDTH;
      const bulge = x + 30 + Math.min(60, Math.abs(y2 - y1) / 4);
      path = `M${x},${y1} C${bulge},${y1} ${bulge},${y2} ${b.x + NODE_WIDTH},${y2}`;
    }
    placedEdges.push({ ...e, path });
  }
  const rows = Math.max(0, ...columns.map((level) => nodes.filter((n) => n.level === level).length));
  return {
    columns: columns.map((level, col) => ({ level, x: 20 + col * COLUMN_WIDTH })),
    nodes: [...placed.values()],
    edges: placedEdges,
    width: Math.max(1, columns.length) * COLUMN_WIDTH + 40,
    height: TOP + rows * ROW_HEIGHT + 20,
  };
}
