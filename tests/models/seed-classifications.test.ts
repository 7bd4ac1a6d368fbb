import { sql } from "drizzle-orm";
import { expect, test } from "vitest";
import { DEMO_STEPS, type SeedContext } from "../../seeds/demo";
import { createTestDb } from "../helpers/db";

const TODAY = "2026-03-15";

test("the demo network carries plausible competence levels, the regional centres reclassified on 1 July 2025", async () => {
  const db = createTestDb();
  const ctx: SeedContext = { today: TODAY, clock: new Date().toISOString(), facilityIds: new Map() };
  for (const step of DEMO_STEPS.filter((s) => ["places", "network", "classifications"].includes(s.name))) await step.run(db, ctx);
  const byKind = db.all<{ kind: string; competence: string | null; n: number }>(sql`
    select kind, competence, count(*) as n from facilities group by kind, competence order by kind, competence`);
  const kinds = new Map<string, string[]>();
  for (const r of byKind) kinds.set(r.kind, [...(kinds.get(r.kind) ?? []), String(r.competence)]);
  expect(kinds.get("central_hospital")).toEqual(["specialised"]);
  expect(kinds.get("provincial_hospital")).toEqual(["basic", "specialised"]);
  expect(kinds.get("regional_centre")).toEqual(["basic"]);
  expect(kinds.get("health_department")).toEqual(["null"]);
  expect(db.get(sql`select count(*) as n from facility_competence_levels c join facilities f on f.id = c.facility_id
    where f.kind = 'regional_centre' and c.valid_from = '2025-07-01' and c.decision_number is not null`)).toEqual({
    n: db.get<{ n: number }>(sql`select count(*) as n from facilities where kind = 'regional_centre'`)!.n,
  });
  // Classification leaves the legacy levels of the network as they were.
  expect(db.get(sql`select count(*) as n from facilities where kind = 'regional_centre' and level <> 'C'`)).toEqual({ n: 0 });
});
