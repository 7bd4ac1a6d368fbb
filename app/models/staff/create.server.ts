// Adding a staff member to a facility's registry, with the techniques they perform
// independently (staff_techniques: what makes them eligible to rotate for a transfer).
import { eq, inArray } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { facilities, staff, staffTechniques, techniques, type Staff } from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import { canChange } from "~/models/access/policy";
import { recordAudit } from "~/models/audit/audit.server";
import type { Cadre } from "~/models/enums";
import { ConflictError, DomainError, ForbiddenError, NotFoundError } from "~/models/errors";
import { foldSearch } from "~/utils/search";

/** A person's own fields in the registry, as created and as edited. */
export type StaffDetails = {
  fullName: string;
  cadre: Cadre;
  chapterNumber?: number | null;
  title?: string | null;
  licenceNumber?: string | null;
  email?: string | null;
};

export type CreateStaffInput = StaffDetails & {
  facilityId: number;
  /** Techniques performed independently, by catalogue code ("10.367") and/or by id. */
  techniqueCodes?: readonly string[];
  techniqueIds?: readonly number[];
  /** Since when they perform them independently (`yyyy-MM-dd`), if known. */
  techniquesSince?: string | null;
};

export function staffSearchText(s: { fullName: string; licenceNumber?: string | null; title?: string | null }): string {
  return foldSearch([s.fullName, s.licenceNumber ?? "", s.title ?? ""].join(" "));
}

/**
 * Creates a staff member of `input.facilityId`. A user needs "staff.manage" on that facility;
 * `actor` null is the seed (system). Unknown technique codes and a licence number already
 * registered are refused; nothing is written then.
 */
export function createStaffMember(db: Db, input: CreateStaffInput, actor: Actor | null): Staff {
  const fullName = input.fullName.trim().replace(/\s+/g, " ");
  if (!fullName) throw new DomainError("common:validation.required", { field: "fullName" });
  const licenceNumber = input.licenceNumber?.trim() || null;
  return db.transaction((tx) => {
    const facility = tx
      .select({ id: facilities.id, provinceCode: facilities.provinceCode })
      .from(facilities)
      .where(eq(facilities.id, input.facilityId))
      .get();
    if (!facility) throw new NotFoundError();
    if (actor && !canChange(actor, "staff.manage", { facilityId: facility.id, provinceCode: facility.provinceCode })) {
      throw new ForbiddenError();
    }
    if (licenceNumber && tx.select({ id: staff.id }).from(staff).where(eq(staff.licenceNumber, licenceNumber)).get()) {
      throw new ConflictError("staff:errors.licenceTaken", { field: "licenceNumber", params: { licenceNumber } });
    }

    const techniqueIds = new Set(input.techniqueIds ?? []);
    const codes = [...new Set(input.techniqueCodes ?? [])];
    if (codes.length > 0) {
      const found = tx.select({ id: techniques.id, code: techniques.code }).from(techniques).where(inArray(techniques.code, codes)).all();
      const missing = codes.filter((c) => !found.some((f) => f.code === c));
      if (missing.length > 0) {
        throw new DomainError("rotations:errors.unknownTechnique", { field: "techniques", params: { code: missing.join(", ") } });
      }
      found.forEach((f) => techniqueIds.add(f.id));
    }
    if (input.techniqueIds?.length) {
      const ids = [...new Set(input.techniqueIds)];
      const found = tx.select({ id: techniques.id }).from(techniques).where(inArray(techniques.id, ids)).all();
      if (found.length !== ids.length) throw new DomainError("rotations:errors.unknownTechnique", { field: "techniques", params: { code: ids.join(", ") } });
    }

    const values = {
      facilityId: facility.id,
      fullName,
      cadre: input.cadre,
      chapterNumber: input.chapterNumber ?? null,
      title: input.title?.trim() || null,
      licenceNumber,
      email: input.email?.trim() || null,
    };
    const member = tx
      .insert(staff)
      .values({ ...values, searchText: staffSearchText(values) })
      .returning()
      .get();
    const ids = [...techniqueIds].sort((a, b) => a - b);
    if (ids.length > 0) {
      tx.insert(staffTechniques)
        .values(ids.map((techniqueId) => ({ staffId: member.id, techniqueId, since: input.techniquesSince ?? null })))
        .run();
    }
    recordAudit(tx, {
      userId: actor?.userId ?? null,
      action: "create",
      entityType: "staff",
      entityId: member.id,
      after: { ...values, techniqueIds: ids },
    });
    return member;
  });
}
