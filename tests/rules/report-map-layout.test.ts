import fs from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { colourFor, facilitySchematic, MAP_COLOURS, MAP_EMPTY_COLOUR, mapClasses, PROVINCE_TILES, type MapFacility } from "~/models/reports/map-layout";

const provinceCodes = fs
  .readFileSync(path.resolve(__dirname, "../../seeds/data/provinces_34_2025.csv"), "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => line.split(",")[0]);

test("every one of the 34 provinces has its own tile, laid out north to south", () => {
  expect(provinceCodes).toHaveLength(34);
  expect(Object.keys(PROVINCE_TILES).sort()).toEqual([...provinceCodes].sort());
  const cells = Object.values(PROVINCE_TILES).map((t) => `${t.col},${t.row}`);
  expect(new Set(cells).size).toBe(34);
  const row = (code: string) => PROVINCE_TILES[code].row;
  // Lào Cai, Hà Nội, Huế, Đà Nẵng, Hồ Chí Minh, Cà Mau: north to south.
  expect(row("15")).toBeLessThan(row("01"));
  expect(row("01")).toBeLessThan(row("46"));
  expect(row("46")).toBeLessThanOrEqual(row("48"));
  expect(row("48")).toBeLessThan(row("79"));
  expect(row("79")).toBeLessThan(row("96"));
});

test("five classes of equal width from 1 to the largest value; zero is grey; small values make fewer classes", () => {
  const classes = mapClasses([0, 10, 100]);
  expect(classes.map((c) => [c.from, c.to])).toEqual([
    [1, 20],
    [21, 40],
    [41, 60],
    [61, 80],
    [81, 100],
  ]);
  expect(colourFor(0, classes)).toBe(MAP_EMPTY_COLOUR);
  expect(colourFor(20, classes)).toBe(MAP_COLOURS[0]);
  expect(colourFor(100, classes)).toBe(MAP_COLOURS[4]);
  const small = mapClasses([1, 2]);
  expect(small.map((c) => [c.from, c.to, c.colour])).toEqual([
    [1, 1, MAP_COLOURS[0]],
    [2, 2, MAP_COLOURS[4]],
  ]);
  expect(mapClasses([0, 0])).toEqual([]);
  expect(colourFor(5, [])).toBe(MAP_EMPTY_COLOUR);
});

test("a province's facilities: hospitals on top, each regional centre above the stations it directs, the rest apart", () => {
  const f = (id: number, name: string, level: string, directedById: number | null = null): MapFacility => ({ id, name, shortName: name, level, directedById });
  const { top, groups } = facilitySchematic([
    f(1, "BV tỉnh số 2", "B"),
    f(2, "BV tỉnh số 1", "B"),
    f(3, "TTYT Sa Pa", "C", 1),
    f(4, "TTYT Bát Xát", "C", 2),
    f(5, "TYT xã Y Tý", "D", 4),
    f(6, "TYT xã A Mú Sung", "D", 4),
    f(7, "TYT xã Tả Van", "D", 3),
    f(8, "TYT xã Lạc", "D", 2), // directed by a hospital: apart
  ]);
  expect(top.map((x) => x.id)).toEqual([2, 1]);
  expect(groups.map((g) => [g.head?.id ?? null, g.members.map((m) => m.id)])).toEqual([
    [4, [6, 5]],
    [3, [7]],
    [null, [8]],
  ]);
});
