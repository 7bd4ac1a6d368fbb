import { expect, test } from "vitest";
import { COLUMN_WIDTH, layoutNetwork, type NetworkNode } from "~/models/agreements/network-layout";

const node = (id: number, name: string, level: NetworkNode["level"], spokes = 0): NetworkNode => ({ id, name, level, spokes, agreements: 1 });

test("line direction keeps one column per level; international cooperation is a separate group below, leading party first", () => {
  const layout = layoutNetwork(
    [node(1, "BV A", "A", 1), node(2, "BV B", "B")],
    [{ from: 1, to: 2, agreements: 1 }],
    {
      nodes: [node(10, "Ủy ban Y tế Quảng Tây", null, 2), node(11, "Sở Y tế Lạng Sơn", null), node(12, "Sở Y tế Cao Bằng", null), node(1, "BV A", "A")],
      edges: [
        { from: 10, to: 11, agreements: 1 },
        { from: 10, to: 12, agreements: 1 },
        { from: 10, to: 1, agreements: 1 },
      ],
    },
  );
  expect(layout.columns.map((c) => c.level)).toEqual(["A", "B"]);
  const line = layout.nodes.filter((n) => n.group === "line");
  const intl = layout.nodes.filter((n) => n.group === "international");
  // A facility in both groups is drawn in each.
  expect(line.map((n) => n.id).sort()).toEqual([1, 2]);
  expect(intl.map((n) => n.id).sort()).toEqual([1, 10, 11, 12]);
  expect(intl.find((n) => n.id === 10)!.x).toBe(20);
  expect(intl.filter((n) => n.id !== 10).every((n) => n.x === 20 + COLUMN_WIDTH)).toBe(true);
  expect(Math.min(...intl.map((n) => n.y))).toBeGreaterThan(Math.max(...line.map((n) => n.y)));
  expect(layout.international!.y).toBeGreaterThan(Math.max(...line.map((n) => n.y)));
  expect(layout.edges.filter((e) => e.group === "international")).toHaveLength(3);
  expect(layout.edges.filter((e) => e.group === "line")).toHaveLength(1);
  expect(Math.max(...layout.nodes.map((n) => n.y))).toBeLessThan(layout.height);
});

test("without international agreements the drawing is the line-direction columns alone", () => {
  const layout = layoutNetwork([node(1, "BV A", "A", 1), node(2, "BV B", "B")], [{ from: 1, to: 2, agreements: 1 }]);
  expect(layout.international).toBeNull();
  expect(layout.nodes.every((n) => n.group === "line")).toBe(true);
  expect(layout.height).toBe(40 + 34 + 20);
});
