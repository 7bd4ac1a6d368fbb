// Which facility hosts a new course, and what the course form offers for that host. Trainers
// host at their own facility, taken from the session whatever the form sends; an
// administrator, who has no facility, chooses the host.
import { and, asc, desc, eq, ne, type SQL } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { agreementParties, agreements, chapters, facilities, staff } from "~/db/schema";
import { canChange, hasCapability, type Actor } from "~/models/access/policy";
import type { Tx } from "~/models/audit/audit.server";
import type { Locale } from "~/models/enums";
import { DomainError, ForbiddenError } from "~/models/errors";
import { facilityNameSql } from "~/models/facilities/names.server";

export type HostOption = { value: number; label: string };

/** A facility can host a course when it is active and is not a health department. */
function hostable(): SQL {
  return and(eq(facilities.active, true), ne(facilities.kind, "health_department")) as SQL;
}

/**
 * The hosts the actor chooses from: null when the session decides (a facility role), else
 * every facility that can host, upper levels first (commune stations last).
 */
export function courseHostChoices(db: Db, actor: Actor, locale: Locale): HostOption[] | null {
  if (!hasCapability(actor, "courses.manage")) throw new ForbiddenError();
  if (actor.facilityId !== null) return null;
  return db
    .select({ value: facilities.id, label: facilityNameSql(locale) })
    .from(facilities)
    .where(hostable())
    .orderBy(asc(facilities.level), asc(facilityNameSql(locale)))
    .limit(2000)
    .all();
}

function findHost(db: Tx, facilityId: number) {
  return db
    .select({ id: facilities.id, name: facilities.name, provinceCode: facilities.provinceCode })
    .from(facilities)
    .where(and(eq(facilities.id, facilityId), hostable()))
    .get();
}

/**
 * The host of a new course. For a facility role: their own facility, whatever `requested`
 * says. For an administrator: `requested`, which must be a facility that can host.
 */
export function resolveCourseHost(db: Tx, actor: Actor, requested: number | null | undefined): number {
  if (!hasCapability(actor, "courses.manage")) throw new ForbiddenError();
  if (actor.facilityId !== null) return actor.facilityId;
  if (!requested) throw new DomainError("common:validation.required", { field: "hostFacilityId" });
  const host = findHost(db, requested);
  if (!host) throw new DomainError("courses:errors.unknownHost", { field: "hostFacilityId" });
  if (!canChange(actor, "courses.manage", { facilityId: host.id, provinceCode: host.provinceCode })) {
    throw new ForbiddenError();
  }
  return host.id;
}

/** Choices for the course form: chapters, the host's agreements and its staff as trainers. */
export function getCourseFormOptions(db: Db, hostFacilityId: number) {
  return {
    chapters: db.select().from(chapters).orderBy(asc(chapters.number)).all(),
    agreements: db
      .select({ id: agreements.id, number: agreements.number, title: agreements.title })
      .from(agreements)
      .innerJoin(agreementParties, eq(agreementParties.agreementId, agreements.id))
      .where(eq(agreementParties.facilityId, hostFacilityId))
      .orderBy(desc(agreements.startOn))
      .limit(200)
      .all(),
    trainers: db
      .select({ id: staff.id, fullName: staff.fullName })
      .from(staff)
      .where(and(eq(staff.facilityId, hostFacilityId), eq(staff.active, true)))
      .orderBy(asc(staff.fullName))
      .limit(500)
      .all(),
  };
}

/**
 * What the new-course page shows: the host choices (administrators only), the host (the
 * actor's own facility, or the one chosen in the URL) and the form's options for it. Without
 * a host yet there are no options: the administrator picks the host first.
 */
export function newCourseFormData(db: Db, actor: Actor, requested: number | null, locale: Locale) {
  const hosts = courseHostChoices(db, actor, locale);
  const hostId = actor.facilityId ?? (requested !== null ? findHost(db, requested)?.id : undefined);
  const found =
    hostId === undefined ? undefined : db.select({ id: facilities.id, name: facilityNameSql(locale) }).from(facilities).where(eq(facilities.id, hostId)).get();
  const host = found ? { id: found.id, name: found.name } : null;
  return {
    hosts,
    host,
    /** The URL named a facility that cannot host (or does not exist). */
    unknownHost: hosts !== null && requested !== null && host === null,
    options: host ? getCourseFormOptions(db, host.id) : null,
  };
}
