// History does not move: on the seeded demo, importing Circular 23/2024 as published and then
// changing the legacy level of every technique Lào Cai performs leaves every figure dated
// before the change exactly as it was, and today's headline figures too (no pair starts today).
import fs from "node:fs";
import { sql } from "drizzle-orm";
import { expect, test } from "vitest";
import type { Actor } from "~/models/access/policy";
import { importCatalogue, QD7603_EDITION } from "~/models/catalogue/import.server";
import { getAdoptionReport } from "~/models/reports/adoption-report.server";
import { getDepartmentDashboard } from "~/models/reports/dashboard.server";
import { createDemoDb } from "../helpers/db";
import { DEMO_TODAY as TODAY } from "../helpers/demo-today";
const laoCai: Actor = { userId: 0, role: "department", facilityId: null, provinceCode: "15" };

test("Lào Cai's 2020–2025 figures are the same before and after Circular 23 is imported and technique levels change today", async () => {
  const db = createDemoDb();
  const dates = ["2020-12-31", "2021-12-31", "2022-12-31", "2023-12-31", "2024-12-31", "2025-12-31", "2026-03-14"];
  const figures = () =>
    dates.map((date) => {
      const d = getDepartmentDashboard(db, laoCai, "15", date);
      const byLevel = getAdoptionReport(db, laoCai, { dimension: "level", filter: { provinceCode: "15" } }, date);
      return { date, provincial: d.provincialAdded, regional: d.regionalPerforming, byLevel: byLevel.rows };
    });
  const before = figures();
  expect(getDepartmentDashboard(db, laoCai, "15", TODAY).provincialAdded.official).toBe(1268);

  // Circular 23/2024 Appendix 1 as published: no level column, so no level changes.
  const tt23 = fs.readFileSync("seeds/data/tt23_2024_pl01_danh_muc_ky_thuat.csv");
  await importCatalogue(db, { fileName: "tt23.csv", bytes: tt23 }, { editionCode: "tt23-2024-pl1", editionName: "TT23", effectiveFrom: "2025-01-01", complete: true }, TODAY);
  expect(figures()).toEqual(before);

  // A QĐ 7603 file that moves every technique of Lào Cai's ledger one level down, imported today.
  const used = new Set(
    db.all<{ code: string }>(sql`select distinct t.code from adoption_pairs a join techniques t on t.id = a.technique_id
      join facilities f on f.id = a.facility_id where f.province_code = '15'`).map((r) => r.code),
  );
  const lower: Record<string, string> = { A: "B", B: "C", C: "D", D: "D" };
  const lines = fs.readFileSync("seeds/data/qd7603_pl1_dvkt_tuong_duong.csv", "utf-8").split("\n");
  let changed = 0;
  const edited = lines
    .map((line, i) => {
      if (i === 0 || !line) return line;
      const cells = line.split(",");
      if (!used.has(cells[2]) || !(cells[4] in lower) || cells[4] === "D") return line;
      changed++;
      cells[4] = lower[cells[4]];
      return cells.join(",");
    })
    .join("\n");
  expect(changed).toBeGreaterThan(500);
  const result = await importCatalogue(db, { fileName: "qd7603-edited.csv", bytes: Buffer.from(edited) }, QD7603_EDITION, TODAY);
  expect(result.written.levelsRecorded).toBeGreaterThan(300);
  expect(figures()).toEqual(before);
  const now = getDepartmentDashboard(db, laoCai, "15", TODAY);
  expect([now.provincialAdded.official, now.regionalPerforming.official]).toEqual([1268, 4028]);
}, 240_000);
