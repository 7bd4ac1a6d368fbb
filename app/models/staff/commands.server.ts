// Changes to the staff registry. Creation goes through createStaffMember (create.server.ts,
// shared with the seed); editing replaces the person's techniques, keeping the `since` date
// of those they already had.
import { and, eq, inArray, ne } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { chapters, facilities, staff, staffTechniques, techniques, type Staff } from "~/db/schema";
import { canChange, type Actor } from "~/models/access/policy";
import { assertVersion, recordAudit } from "~/models/audit/audit.server";
import { ConflictError, DomainError, ForbiddenError, NotFoundError } from "~/models/errors";
import { createStaffMember, staffSearchText, type CreateStaffInput, type StaffDetails } from "./create.server";

export type StaffInput = StaffDetails & {
  techniqueCodes: readonly string[];
  active?: boolean;
};

function assertChapter(db: Pick<Db, "select">, chapterNumber: number | null | undefined) {
  if (chapterNumber == null) return;
  if (!db.select({ n: chapters.number }).from(chapters).where(eq(chapters.number, chapterNumber)).get()) {
    throw new DomainError("staff:errors.unknownChapter", { field: "chapterNumber", params: { chapter: chapterNumber } });
  }
}

/** Registers a person in a facility the actor manages (the form never picks it for directors). */
export function addStaffMember(db: Db, actor: Actor, facilityId: number, input: StaffInput): Staff {
  const create: CreateStaffInput = {
    facilityId,
    fullName: input.fullName,
    cadre: input.cadre,
    chapterNumber: input.chapterNumber ?? null,
    title: input.title ?? null,
    licenceNumber: input.licenceNumber ?? null,
    email: input.email ?? null,
    techniqueCodes: input.techniqueCodes,
  };
  assertChapter(db, input.chapterNumber);
  return createStaffMember(db, create, actor);
}

function resolveTechniques(db: Pick<Db, "select">, codes: readonly string[]): number[] {
  if (codes.length === 0) return [];
  const found = db.select({ id: techniques.id, code: techniques.code }).from(techniques).where(inArray(techniques.code, [...codes])).all();
  const missing = codes.find((c) => !found.some((f) => f.code === c));
  if (missing) throw new DomainError("rotations:errors.unknownTechnique", { field: "techniques", params: { code: missing } });
  return found.map((f) => f.id);
}

export function updateStaffMember(db: Db, actor: Actor, id: number, input: StaffInput & { version: number }): Staff {
  return db.transaction((tx) => {
    const current = tx.select().from(staff).where(eq(staff.id, id)).get();
    if (!current) throw new NotFoundError();
    const facility = tx.select({ provinceCode: facilities.provinceCode }).from(facilities).where(eq(facilities.id, current.facilityId)).get();
    if (!canChange(actor, "staff.manage", { facilityId: current.facilityId, provinceCode: facility?.provinceCode ?? null })) {
      throw new ForbiddenError();
    }
    const values = {
      fullName: input.fullName.trim().replace(/\s+/g, " "),
      cadre: input.cadre,
      chapterNumber: input.chapterNumber ?? null,
      title: input.title?.trim() || null,
      licenceNumber: input.licenceNumber?.trim() || null,
      email: input.email?.trim() || null,
      active: input.active ?? true,
    };
    assertVersion(current, input.version, values);
    assertChapter(tx, values.chapterNumber);
    if (
      values.licenceNumber &&
      tx.select({ id: staff.id }).from(staff).where(and(eq(staff.licenceNumber, values.licenceNumber), ne(staff.id, id))).get()
    ) {
      throw new ConflictError("staff:errors.licenceTaken", { field: "licenceNumber" });
    }
    const techniqueIds = resolveTechniques(tx, input.techniqueCodes);
    const before = tx.select({ techniqueId: staffTechniques.techniqueId }).from(staffTechniques).where(eq(staffTechniques.staffId, id)).all();
    const keep = new Set(techniqueIds);
    const had = new Set(before.map((b) => b.techniqueId));
    const removed = [...had].filter((t) => !keep.has(t));
    if (removed.length) {
      tx.delete(staffTechniques).where(and(eq(staffTechniques.staffId, id), inArray(staffTechniques.techniqueId, removed))).run();
    }
    const added = techniqueIds.filter((t) => !had.has(t));
    if (added.length) tx.insert(staffTechniques).values(added.map((techniqueId) => ({ staffId: id, techniqueId }))).run();
    const row = tx
      .update(staff)
      .set({ ...values, searchText: staffSearchText(values), version: current.version + 1, updatedAt: new Date().toISOString() })
      .where(eq(staff.id, id))
      .returning()
      .get();
    recordAudit(tx, {
      userId: actor.userId,
      action: "update",
      entityType: "staff",
      entityId: id,
      before: { ...current, techniqueIds: [...had].sort((a, b) => a - b) },
      after: { ...row, techniqueIds: [...keep].sort((a, b) => a - b) },
    });
    return row;
  });
}
