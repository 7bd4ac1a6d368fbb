import { expect, test } from "vitest";
import { getDb } from "~/db/client.server";
import { recordAdoptionEvents } from "~/models/adoption/ledger.server";
import { reclassifyFacility } from "~/models/facilities/classifications.server";
import { loader as exportLoader } from "~/routes/reports.export";
import { loader as reportLoader } from "~/routes/reports._index";
import { loader as pairsLoader } from "~/routes/reports.pairs";
import { authedRequest, createSignedInUser, responseOf } from "../helpers/auth";
import { makeFacility, makeProvince, makeTechnique } from "../helpers/factories";

const args = (request: Request) => ({ request, params: {}, context: {} });

// Two regional centres with one cross-level technique each; one classified "basic" from 1 July 2025.
async function province() {
  const db = getDb();
  const p = makeProvince(db);
  const classified = makeFacility(db, { provinceCode: p.code, kind: "regional_centre", level: "C" });
  const other = makeFacility(db, { provinceCode: p.code, kind: "regional_centre", level: "C" });
  const events = [classified, other].flatMap((f) => {
    const t = makeTechnique(db, { minLevel: "B" });
    return [
      { facilityId: f.id, techniqueId: t.id, kind: "started" as const, eventOn: "2024-03-01" },
      { facilityId: f.id, techniqueId: t.id, kind: "approved" as const, eventOn: "2024-03-01" },
    ];
  });
  db.transaction((tx) => recordAdoptionEvents(tx, events, null, "2024-03-01"));
  reclassifyFacility(db, null, classified.id, { competence: "basic", validFrom: "2025-07-01", decisionNumber: "1/QĐ-UBND" }, "2026-01-01");
  const department = await createSignedInUser(db, { role: "department", provinceCode: p.code });
  return { department, classified };
}

test("the report groups by the competence level on the report date, with the unclassified apart, and drills down", async () => {
  const { department, classified } = await province();
  const response = await responseOf(reportLoader(args(authedRequest("/reports?dimension=competence", { cookie: department.cookie }))));
  expect(response.status).toBe(200);
  const { report } = await response.json();
  const last = (row: { periods: { official: { cumulative: number } }[] }) => row.periods[row.periods.length - 1].official.cumulative;
  expect(report.rows.map((r: { key: string; periods: { official: { cumulative: number } }[] }) => [r.key, last(r)])).toEqual([
    ["basic", 1],
    ["none", 1],
  ]);
  expect(last(report.total)).toBe(2);
  const pairs = await responseOf(pairsLoader(args(authedRequest("/reports/pairs?competence=basic&metric=cumulative", { cookie: department.cookie }))));
  const { page } = await pairs.json();
  expect(page.rows.map((r: { facilityId: number }) => r.facilityId)).toEqual([classified.id]);
});

test("the export names the competence groups in the user's language", async () => {
  const { department } = await province();
  const csv = await (await exportLoader(args(authedRequest("/reports/export?dimension=competence&format=csv", { cookie: department.cookie })))).text();
  expect(csv).toContain("Cấp cơ bản,");
  expect(csv).toContain("Chưa xếp cấp,");
});
