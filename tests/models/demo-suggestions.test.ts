// The demo opens the rotation suggestions with someone to suggest. For every hospital that
// supports an unfinished plan line of an open agreement, the quarter the page proposes first
// gives at least one candidate, and every candidate is one the rotation form accepts: the
// suggestion is turned into the form's input and run through the create command itself,
// then rolled back. A plan line whose agreement ends before that quarter is refused naming
// the term (the page says so); the trainer then asks for the technique and receiving
// facility alone, line-direction support under no agreement, as the demo itself does once
// 126/HĐ-BVĐK2 has ended.
import { and, eq, sql } from "drizzle-orm";
import { expect, test } from "vitest";
import type { Db } from "~/db/client.server";
import { facilities, transferItems, users } from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import { DomainError } from "~/models/errors";
import { createRotation } from "~/models/rotations/commands.server";
import { defaultSuggestionWindow } from "~/models/rotations/rules";
import { rotationSchema } from "~/models/rotations/schemas";
import { suggestCandidates, supportedItems, type Suggestions } from "~/models/rotations/suggestions.server";
import { DEMO_STEPS, seedDemo } from "../../seeds/demo";
import { createTestDb } from "../helpers/db";

// Up to the courses step: staff, agreements, rotations and courses are what make a person
// free or busy; the adoption and target steps after it touch none of them.
const STEPS = DEMO_STEPS.slice(0, DEMO_STEPS.findIndex((s) => s.name === "courses") + 1);

class DryRun extends Error {}

/** Runs the rotation form's own command on the input and undoes it; throws what it refuses. */
function acceptedByForm(db: Db, actor: Actor, input: unknown) {
  const parsed = rotationSchema.parse(input);
  try {
    db.transaction(() => {
      createRotation(db, actor, parsed);
      throw new DryRun();
    });
  } catch (error) {
    if (!(error instanceof DryRun)) throw error;
  }
}

function actorFor(db: Db, facilityId: number): Actor {
  // The hospital's own trainer where the demo has one (Lào Cai số 2), else the administrator.
  const trainer = db
    .select({ id: users.id, provinceCode: facilities.provinceCode })
    .from(users)
    .innerJoin(facilities, eq(facilities.id, users.facilityId))
    .where(and(eq(users.role, "trainer"), eq(users.facilityId, facilityId)))
    .get();
  if (trainer) return { userId: trainer.id, role: "trainer", facilityId, provinceCode: trainer.provinceCode };
  const admin = db.select({ id: users.id }).from(users).where(eq(users.role, "admin")).get()!;
  return { userId: admin.id, role: "admin", facilityId: null, provinceCode: null };
}

// Month ends and the turn of the year move the demo's rotations (counted in months from today)
// against the agreements' historical end dates.
for (const today of ["2026-03-15", "2026-07-01", "2026-12-31"]) {
  test(`seeded on ${today}, every sending hospital is offered someone the rotation form accepts`, async () => {
    const db = createTestDb();
    await seedDemo(db, { today, steps: STEPS });
    const window = defaultSuggestionWindow(today);
    const senders = db.all<{ id: number; name: string }>(sql`
      select distinct f.id, f.name from facilities f
        join agreement_parties p on p.facility_id = f.id and p.role = 'supporting'
        join agreements a on a.id = p.agreement_id and a.status in ('draft', 'active')
       order by f.name`);
    const offered = new Map<string, number>();
    let checked = 0;
    for (const sender of senders) {
      const actor = actorFor(db, sender.id);
      for (const { id } of supportedItems(db, sender.id)) {
        const line = db.select().from(transferItems).where(eq(transferItems.id, id)).get()!;
        let result: Suggestions;
        let underLine = true;
        try {
          result = suggestCandidates(db, actor, { transferItemId: line.id, window });
        } catch (error) {
          // Only the agreement's end may refuse the proposed quarter.
          expect(error).toBeInstanceOf(DomainError);
          expect((error as DomainError).message).toBe("rotations:errors.outsideTerm");
          underLine = false;
          result = suggestCandidates(db, actor, { techniqueId: line.techniqueId, toFacilityId: line.toFacilityId, fromFacilityId: sender.id, window });
        }
        offered.set(sender.name, (offered.get(sender.name) ?? 0) + result.candidates.length);
        for (const candidate of result.candidates) {
          // What the "schedule" link fills in, plus the purpose a trainer states for a
          // placement between hospitals of one level (dropped for a downward one).
          acceptedByForm(db, actor, {
            staffId: candidate.staffId,
            toFacilityId: line.toFacilityId,
            agreementId: underLine ? line.agreementId : undefined,
            transferItemIds: underLine ? [line.id] : [],
            purpose: "technique_transfer",
            startOn: result.window.start,
            endOn: result.window.end,
            directionPurpose: "Chuyển giao kỹ thuật theo phân công chỉ đạo tuyến của Sở Y tế",
          });
          checked++;
        }
      }
    }
    // The hospitals that hand techniques on in the demo: the central ones and Lào Cai số 1 and 2.
    expect([...offered.keys()].sort()).toEqual(
      ["Bệnh viện Bạch Mai", "Bệnh viện Hữu nghị Việt Đức", "Bệnh viện Đa khoa tỉnh Lào Cai số 1", "Bệnh viện Đa khoa tỉnh Lào Cai số 2", "Bệnh viện Đại học Y Hà Nội"].sort(),
    );
    expect([...offered].filter(([, n]) => n === 0).map(([name]) => name)).toEqual([]);
    expect(checked).toBeGreaterThan(0);
  }, 90_000);
}
