// Who may read and manage one agreement. Readers: administrators, users of any party (or of
// the owning facility), department officers of a party's province. Managers: directors of the
// owning facility, administrators. Unknown ids are 404, other hospitals' records 403.
import { eq, sql } from "drizzle-orm";
import type { Tx } from "~/models/audit/audit.server";
import { agreementParties, agreements, facilities, type Agreement } from "~/db/schema";
import { canChange, canRead, type Actor, type RecordScope } from "~/models/access/policy";
import { ForbiddenError, NotFoundError } from "~/models/errors";

/** The owning facility and every party, each with its province. */
export function agreementScopes(db: Tx, agreement: Pick<Agreement, "id" | "ownerFacilityId">): RecordScope[] {
  const rows = db
    .select({ facilityId: facilities.id, provinceCode: facilities.provinceCode })
    .from(facilities)
    .where(
      sql`${facilities.id} = ${agreement.ownerFacilityId} or ${facilities.id} in (select ${agreementParties.facilityId} from ${agreementParties} where ${agreementParties.agreementId} = ${agreement.id})`,
    )
    .all();
  return rows;
}

function ownerScope(db: Tx, agreement: Pick<Agreement, "ownerFacilityId">): RecordScope {
  const owner = db
    .select({ provinceCode: facilities.provinceCode })
    .from(facilities)
    .where(eq(facilities.id, agreement.ownerFacilityId))
    .get();
  return { facilityId: agreement.ownerFacilityId, provinceCode: owner?.provinceCode ?? null };
}

export function canManageAgreement(db: Tx, actor: Actor, agreement: Pick<Agreement, "ownerFacilityId">): boolean {
  return canChange(actor, "agreements.manage", ownerScope(db, agreement));
}

/** The agreement when the actor may read it; 404 when absent, 403 when not theirs. */
export function requireReadableAgreement(db: Tx, actor: Actor, id: number): Agreement {
  const agreement = db.select().from(agreements).where(eq(agreements.id, id)).get();
  if (!agreement) throw new NotFoundError();
  if (!canRead(actor, agreementScopes(db, agreement))) throw new ForbiddenError();
  return agreement;
}

/** The agreement when the actor manages it (owning facility's director, administrator). */
export function requireManageableAgreement(db: Tx, actor: Actor, id: number): Agreement {
  const agreement = requireReadableAgreement(db, actor, id);
  if (!canManageAgreement(db, actor, agreement)) throw new ForbiddenError();
  return agreement;
}
