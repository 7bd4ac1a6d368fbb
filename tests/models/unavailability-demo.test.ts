import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { auditEvents, facilities, staff, staffUnavailability } from "~/db/schema";
import { addMonthsIso } from "~/models/dates";
import { listCommitments } from "~/models/schedule/commitments.server";
import { findClashes } from "~/models/schedule/rules";
import { createDemoDb } from "../helpers/db";
import { DEMO_TODAY } from "../helpers/demo-today";

test("the demo records two periods away at Lào Cai số 2, clear of every rotation and course, audited", () => {
  const db = createDemoDb();
  const rows = db
    .select({ id: staffUnavailability.id, staffId: staffUnavailability.staffId, kind: staffUnavailability.kind, startOn: staffUnavailability.startOn, endOn: staffUnavailability.endOn, facility: facilities.shortName })
    .from(staffUnavailability)
    .innerJoin(staff, eq(staff.id, staffUnavailability.staffId))
    .innerJoin(facilities, eq(facilities.id, staff.facilityId))
    .orderBy(staffUnavailability.startOn)
    .all();
  const month = `${DEMO_TODAY.slice(0, 7)}-01`;
  expect(rows.map((r) => [r.kind, r.startOn])).toEqual([
    ["leave", addMonthsIso(month, 8)],
    ["study", addMonthsIso(month, 10).slice(0, 8) + "05"],
  ]);
  expect(new Set(rows.map((r) => r.facility)).size).toBe(1);
  for (const r of rows) {
    const range = { start: r.startOn, end: r.endOn };
    // Nothing but the period itself holds the person on those days.
    expect(findClashes(listCommitments(db, r.staffId, range), range, { ignore: { kind: "unavailability", id: r.id } })).toEqual([]);
  }
  expect(db.select().from(auditEvents).where(eq(auditEvents.entityType, "staff_unavailability")).all()).toHaveLength(2);
});
