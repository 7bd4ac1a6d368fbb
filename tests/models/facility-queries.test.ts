import { expect, test } from "vitest";
import { facilityLevels } from "~/db/schema";
import {
  facilityPerformsTechnique,
  listFacilityTechniques,
} from "~/models/adoption/facility-techniques.server";
import {
  getFacility,
  listFacilities,
  listProvinces,
  parseFacilityFilters,
} from "~/models/facilities/queries.server";
import { foldSearch } from "~/utils/search";
import { createTestDb } from "../helpers/db";
import { makeFacility, makeLedgerEvent, makeProvince, makeTechnique } from "../helpers/factories";

const page = (n = 1, size = 25) => ({ page: n, pageSize: size, offset: (n - 1) * size });
const filters = (query: string) => parseFacilityFilters(new URL(`http://x/facilities?${query}`));
const named = (name: string, extra: Parameters<typeof makeFacility>[1] = {}) => ({
  name,
  searchText: foldSearch(name),
  ...extra,
});

test("the facility search ignores diacritics and đ", () => {
  const db = createTestDb();
  makeFacility(db, named("Bệnh viện Đa khoa tỉnh Lào Cai"));
  makeFacility(db, named("Bệnh viện Bạch Mai", { level: "A" }));

  expect(listFacilities(db, filters("q=da+khoa+lao+cai"), page()).rows.map((r) => r.name)).toEqual([
    "Bệnh viện Đa khoa tỉnh Lào Cai",
  ]);
  expect(listFacilities(db, filters("q=BẠCH"), page()).total).toBe(1);
});

test("filters by province, level and kind combine", () => {
  const db = createTestDb();
  const laoCai = makeProvince(db, { code: "15", name: "Lào Cai" });
  const hanoi = makeProvince(db, { code: "01", name: "Hà Nội" });
  makeFacility(db, named("BV Bạch Mai", { level: "A", provinceCode: hanoi.code }));
  makeFacility(db, named("BV Đa khoa tỉnh số 1", { level: "B", provinceCode: laoCai.code }));
  makeFacility(db, named("TTYT khu vực Bảo Thắng", { level: "C", kind: "regional_centre", provinceCode: laoCai.code }));

  const names = (query: string) => listFacilities(db, filters(query), page()).rows.map((r) => r.name);
  expect(names("province=15")).toEqual(["BV Đa khoa tỉnh số 1", "TTYT khu vực Bảo Thắng"]);
  expect(names("province=15&level=C")).toEqual(["TTYT khu vực Bảo Thắng"]);
  expect(names("kind=regional_centre")).toEqual(["TTYT khu vực Bảo Thắng"]);
  expect(names("level=A")).toEqual(["BV Bạch Mai"]);
  expect(listFacilities(db, filters("province=15"), page()).rows[0].provinceName).toBe("Lào Cai");
  expect(listProvinces(db).map((p) => p.name)).toContain("Lào Cai");
});

test("the facility list pages on the server with the full total", () => {
  const db = createTestDb();
  const province = makeProvince(db);
  for (let n = 10; n < 40; n++) makeFacility(db, named(`Trạm Y tế xã ${n}`, { provinceCode: province.code }));

  const second = listFacilities(db, filters(`province=${province.code}`), page(2));

  expect(second.total).toBe(30);
  expect(second.pageCount).toBe(2);
  expect(second.rows.map((r) => r.name)).toEqual([35, 36, 37, 38, 39].map((n) => `Trạm Y tế xã ${n}`));
});

test("the facility detail has its level history and network links both ways", () => {
  const db = createTestDb();
  const upper = makeFacility(db, named("BV Đa khoa tỉnh số 2", { level: "B" }));
  const self = makeFacility(db, named("BV Đa khoa tỉnh số 3", { level: "B", directedById: upper.id }));
  makeFacility(db, named("TTYT khu vực Bát Xát", { level: "C", directedById: self.id }));
  makeFacility(db, named("TTYT khu vực Bảo Yên", { level: "C", directedById: self.id }));
  db.insert(facilityLevels)
    .values([
      { facilityId: self.id, level: "C", validFrom: "2015-01-01" },
      { facilityId: self.id, level: "B", validFrom: "2025-07-01", note: "Sắp xếp 2025" },
    ])
    .run();

  const detail = getFacility(db, self.id);

  expect(detail?.network.directedBy?.name).toBe("BV Đa khoa tỉnh số 2");
  expect(detail?.network.directs.map((d) => d.name).sort()).toEqual(["TTYT khu vực Bát Xát", "TTYT khu vực Bảo Yên"].sort());
  expect(detail?.network.directsTotal).toBe(2);
  expect(detail?.levelHistory.map((h) => [h.validFrom, h.level])).toEqual([
    ["2025-07-01", "B"],
    ["2015-01-01", "C"],
  ]);
  expect(listFacilities(db, filters(`directedBy=${self.id}`), page()).total).toBe(2);
  expect(getFacility(db, 99_999)).toBeNull();
});

test("a facility's techniques are those started and not suspended now, with cross-level ones counted", () => {
  const db = createTestDb();
  const facility = makeFacility(db, { level: "C" });
  const other = makeFacility(db, { level: "C" });
  const crossA = makeTechnique(db, { chapterNumber: 10, number: 1, minLevel: "A", name: "Phẫu thuật lấy máu tụ dưới màng cứng" });
  const crossB = makeTechnique(db, { chapterNumber: 10, number: 2, minLevel: "B", name: "Phẫu thuật thay toàn bộ khớp háng" });
  const ownLevel = makeTechnique(db, { chapterNumber: 10, number: 3, minLevel: "C", name: "Khâu vết thương phần mềm" });
  const noLevel = makeTechnique(db, { chapterNumber: 10, number: 4, minLevel: null, name: "Đặt ống thông dạ dày" });
  const suspended = makeTechnique(db, { chapterNumber: 10, number: 5, minLevel: "A", name: "Ghép thận" });
  const resumed = makeTechnique(db, { chapterNumber: 10, number: 6, minLevel: "A", name: "Nội soi khớp gối" });
  const ev = (techniqueId: number, kind: "started" | "suspended" | "resumed", eventOn: string, facilityId = facility.id) =>
    makeLedgerEvent(db, { facilityId, techniqueId, kind, eventOn });
  for (const t of [crossA, crossB, ownLevel, noLevel, suspended, resumed]) ev(t.id, "started", "2021-01-01");
  ev(suspended.id, "suspended", "2023-05-01");
  ev(resumed.id, "suspended", "2022-05-01");
  ev(resumed.id, "resumed", "2023-01-01");
  ev(suspended.id, "started", "2021-01-01", other.id);

  const list = listFacilityTechniques(db, facility.id, { page: page() });

  expect(list.rows.map((r) => r.name)).toEqual([
    "Phẫu thuật lấy máu tụ dưới màng cứng",
    "Phẫu thuật thay toàn bộ khớp háng",
    "Khâu vết thương phần mềm",
    "Đặt ống thông dạ dày",
    "Nội soi khớp gối",
  ]);
  expect(list.rows.map((r) => r.crossLevel)).toEqual([true, true, false, false, true]);
  expect(list.performedTotal).toBe(5);
  expect(list.crossLevelTotal).toBe(3);
  expect(facilityPerformsTechnique(db, facility.id, suspended.id)).toBe(false);
  expect(facilityPerformsTechnique(db, other.id, suspended.id)).toBe(true);
  expect(facilityPerformsTechnique(db, facility.id, resumed.id)).toBe(true);
  // On a past date the state is the one of that day.
  expect(facilityPerformsTechnique(db, facility.id, suspended.id, "2023-04-30")).toBe(true);
  expect(facilityPerformsTechnique(db, facility.id, resumed.id, "2022-12-31")).toBe(false);
  expect(facilityPerformsTechnique(db, facility.id, crossA.id, "2020-12-31")).toBe(false);
});

test("a facility's technique list is searchable and paginated, totals unchanged by the search", () => {
  const db = createTestDb();
  const facility = makeFacility(db, { level: "B" });
  for (let n = 1; n <= 30; n++) {
    const t = makeTechnique(db, { chapterNumber: 10, number: n, minLevel: n <= 3 ? "A" : "B", name: n === 7 ? "Phẫu thuật nội soi khớp háng" : `Kỹ thuật ${n}` });
    makeLedgerEvent(db, { facilityId: facility.id, techniqueId: t.id, kind: "started", eventOn: "2022-02-28" });
  }

  const second = listFacilityTechniques(db, facility.id, { page: page(2) });
  expect(second.total).toBe(30);
  expect(second.rows.map((r) => r.code)).toEqual(["10.26", "10.27", "10.28", "10.29", "10.30"]);

  const searched = listFacilityTechniques(db, facility.id, { q: "noi soi khop hang", page: page() });
  expect(searched.rows.map((r) => r.code)).toEqual(["10.7"]);
  expect(searched.total).toBe(1);
  expect(searched.performedTotal).toBe(30);
  expect(searched.crossLevelTotal).toBe(3);
});

test("same-day events replay in the ledger's order, whatever order they were entered in", () => {
  // The facility page once replayed by entry order and said "suspended" where the reports, which
  // replay a day's events as started, approved, suspended, resumed, said "performed". There is
  // now one definition (isPerformedOn / performedOnSql): suspended and resumed on the same day
  // leaves the technique performed.
  const db = createTestDb();
  const facility = makeFacility(db);
  const technique = makeTechnique(db);
  const ev = (kind: "started" | "suspended" | "resumed", eventOn: string) =>
    makeLedgerEvent(db, { facilityId: facility.id, techniqueId: technique.id, kind, eventOn });
  ev("started", "2024-01-01");
  ev("resumed", "2024-02-29");
  ev("suspended", "2024-02-29");
  expect(facilityPerformsTechnique(db, facility.id, technique.id)).toBe(true);
  expect(facilityPerformsTechnique(db, facility.id, technique.id, "2024-02-28")).toBe(true);
  ev("suspended", "2024-03-05");
  expect(facilityPerformsTechnique(db, facility.id, technique.id)).toBe(false);
  expect(facilityPerformsTechnique(db, facility.id, technique.id, "2024-03-04")).toBe(true);
});
