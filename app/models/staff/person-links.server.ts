// Which people's pages a list may link to: a name of another facility's staff that the reader
// cannot open is shown as text, never as a link to a 404. The decision is the policy's.
import { inArray, eq } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { facilities, staff } from "~/db/schema";
import { canOpenPerson, type Actor } from "~/models/access/policy";

/** The ids among `staffIds` whose staff record and credit ledger open for `actor`. */
export function openablePeople(db: Db, actor: Actor, staffIds: readonly number[]): number[] {
  const ids = [...new Set(staffIds)];
  if (ids.length === 0) return [];
  return db
    .select({ id: staff.id, facilityId: staff.facilityId, provinceCode: facilities.provinceCode })
    .from(staff)
    .innerJoin(facilities, eq(facilities.id, staff.facilityId))
    .where(inArray(staff.id, ids))
    .all()
    .filter((p) => canOpenPerson(actor, { facilityId: p.facilityId, provinceCode: p.provinceCode }))
    .map((p) => p.id);
}
