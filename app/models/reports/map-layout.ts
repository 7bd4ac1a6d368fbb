// Schematic maps of a report figure (pure, client-safe; no map server, no coordinates): the
// 34 provinces as a tile-grid cartogram laid out north to south, and a province's facilities
// in line-direction groups (provincial hospitals on top, each regional centre, the former
// district, above the commune stations it directs). Both are coloured by the same classes.

/** Column and row of each province's tile (provinces of 2025, by code), north at row 0. */
export const PROVINCE_TILES: Record<string, { col: number; row: number }> = {
  "12": { col: 1, row: 0 }, // Lai Châu
  "15": { col: 2, row: 0 }, // Lào Cai
  "08": { col: 3, row: 0 }, // Tuyên Quang
  "04": { col: 4, row: 0 }, // Cao Bằng
  "11": { col: 0, row: 1 }, // Điện Biên
  "14": { col: 1, row: 1 }, // Sơn La
  "25": { col: 2, row: 1 }, // Phú Thọ
  "19": { col: 3, row: 1 }, // Thái Nguyên
  "20": { col: 4, row: 1 }, // Lạng Sơn
  "01": { col: 2, row: 2 }, // Hà Nội
  "24": { col: 3, row: 2 }, // Bắc Ninh
  "22": { col: 4, row: 2 }, // Quảng Ninh
  "37": { col: 2, row: 3 }, // Ninh Bình
  "33": { col: 3, row: 3 }, // Hưng Yên
  "31": { col: 4, row: 3 }, // Hải Phòng
  "38": { col: 2, row: 4 }, // Thanh Hoá
  "40": { col: 2, row: 5 }, // Nghệ An
  "42": { col: 3, row: 6 }, // Hà Tĩnh
  "44": { col: 3, row: 7 }, // Quảng Trị
  "46": { col: 3, row: 8 }, // Huế
  "48": { col: 4, row: 8 }, // Đà Nẵng
  "51": { col: 4, row: 9 }, // Quảng Ngãi
  "52": { col: 4, row: 10 }, // Gia Lai
  "66": { col: 4, row: 11 }, // Đắk Lắk
  "68": { col: 3, row: 12 }, // Lâm Đồng
  "56": { col: 4, row: 12 }, // Khánh Hoà
  "80": { col: 1, row: 13 }, // Tây Ninh
  "75": { col: 2, row: 13 }, // Đồng Nai
  "79": { col: 3, row: 13 }, // Hồ Chí Minh
  "91": { col: 0, row: 14 }, // An Giang
  "82": { col: 1, row: 14 }, // Đồng Tháp
  "86": { col: 2, row: 14 }, // Vĩnh Long
  "96": { col: 0, row: 15 }, // Cà Mau
  "92": { col: 1, row: 15 }, // Cần Thơ
};

/** Five sequential classes, light to dark (legible labels on each); grey: no figure. */
export const MAP_COLOURS = ["#ccfbf1", "#99f6e4", "#2dd4bf", "#0d9488", "#115e59"] as const;
export const MAP_EMPTY_COLOUR = "#e2e8f0";

export type MapClass = { index: number; from: number; to: number; colour: string };

/**
 * Up to five classes of equal width from 1 to the largest value (0 has its own grey: "none"),
 * integer bounds; fewer when the values are small (1, 2, 3 make three classes).
 */
export function mapClasses(values: readonly number[]): MapClass[] {
  const max = Math.max(0, ...values);
  if (max === 0) return [];
  const count = Math.min(MAP_COLOURS.length, max);
  const width = max / count;
  return Array.from({ length: count }, (_, i) => ({
    index: i,
    from: i === 0 ? 1 : Math.floor(width * i) + 1,
    to: i === count - 1 ? max : Math.floor(width * (i + 1)),
    // Fewer classes still span light to dark.
    colour: MAP_COLOURS[count === 1 ? MAP_COLOURS.length - 1 : Math.round((i * (MAP_COLOURS.length - 1)) / (count - 1))],
  }));
}

export function colourFor(value: number, classes: readonly MapClass[]): string {
  if (value <= 0) return MAP_EMPTY_COLOUR;
  return (classes.find((c) => value >= c.from && value <= c.to) ?? classes[classes.length - 1])?.colour ?? MAP_EMPTY_COLOUR;
}

/** Dark classes carry white text. */
export function textColourFor(fill: string): string {
  return fill === MAP_COLOURS[3] || fill === MAP_COLOURS[4] ? "#ffffff" : "#0f172a";
}

export type MapFacility = { id: number; name: string; shortName: string; level: string | null; directedById: number | null };
export type SchematicGroup = { key: string; head: MapFacility | null; members: MapFacility[] };

/**
 * A province's facilities in line-direction groups: the provincial (and higher) hospitals as
 * one row, then one column per regional centre with the commune stations it directs; stations
 * directed from elsewhere (or by nobody) gather in a last column. Names sort within a group.
 */
export function facilitySchematic(facilities: readonly MapFacility[]): { top: MapFacility[]; groups: SchematicGroup[] } {
  const byName = (a: MapFacility, b: MapFacility) => a.name.localeCompare(b.name, "vi");
  const top = facilities.filter((f) => f.level === "A" || f.level === "B").sort(byName);
  const centres = facilities.filter((f) => f.level === "C").sort(byName);
  const centreIds = new Set(centres.map((c) => c.id));
  const groups: SchematicGroup[] = centres.map((c) => ({
    key: String(c.id),
    head: c,
    members: facilities.filter((f) => f.level !== "A" && f.level !== "B" && f.level !== "C" && f.directedById === c.id).sort(byName),
  }));
  const rest = facilities.filter((f) => f.level !== "A" && f.level !== "B" && f.level !== "C" && !(f.directedById && centreIds.has(f.directedById))).sort(byName);
  if (rest.length > 0) groups.push({ key: "other", head: null, members: rest });
  return { top, groups };
}
