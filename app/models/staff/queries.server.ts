// Read side of the staff registry: the list (search, cadre, specialty, facility), one staff
// member with the techniques they perform, and the facilities a user may register staff in.
// Every query filters by the actor's read scope.
import { and, asc, count, eq, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { chapters, facilities, staff, staffTechniques, techniques } from "~/db/schema";
import { canChange, hasCapability, type Actor } from "~/models/access/policy";
import { facilityScopeCondition } from "~/models/access/scope-sql.server";
import type { Tx } from "~/models/audit/audit.server";
import { CADRES, type Cadre } from "~/models/enums";
import { paginate, type Page, type PageRequest } from "~/utils/pagination";
import { searchTerms } from "~/utils/search";
import { parsePositiveInt } from "~/utils/numbers";
import type { Locale } from "~/models/enums";
import { facilityNameSql, facilityShortNameSql } from "~/models/facilities/names.server";

export type StaffFilters = {
  q: string;
  cadre: Cadre | null;
  chapter: number | null;
  facilityId: number | null;
  /** Only people who perform this technique independently. */
  techniqueCode: string | null;
};

const positiveInt = (value: string | null) => parsePositiveInt(value);

export function parseStaffFilters(url: URL): StaffFilters {
  const cadre = url.searchParams.get("cadre");
  return {
    q: url.searchParams.get("q")?.trim() ?? "",
    cadre: (CADRES as readonly string[]).includes(cadre ?? "") ? (cadre as Cadre) : null,
    chapter: positiveInt(url.searchParams.get("chapter")),
    facilityId: positiveInt(url.searchParams.get("facility")),
    techniqueCode: url.searchParams.get("technique")?.trim() || null,
  };
}

export type StaffListRow = {
  id: number;
  fullName: string;
  title: string | null;
  cadre: Cadre;
  chapterNumber: number | null;
  chapterName: string | null;
  facilityId: number;
  facilityName: string;
  licenceNumber: string | null;
  active: boolean;
  techniqueCount: number;
};

export function listStaff(db: Db, actor: Actor, filters: StaffFilters, page: PageRequest, locale: Locale = "vi"): Page<StaffListRow> {
  const where = and(
    facilityScopeCondition(actor, staff.facilityId),
    ...searchTerms(filters.q).map((term) => sql`${staff.searchText} like ${`%${term}%`}`),
    filters.cadre ? eq(staff.cadre, filters.cadre) : undefined,
    filters.chapter ? eq(staff.chapterNumber, filters.chapter) : undefined,
    filters.facilityId ? eq(staff.facilityId, filters.facilityId) : undefined,
    filters.techniqueCode
      ? sql`exists (select 1 from ${staffTechniques} st join ${techniques} t on t.id = st.technique_id
                     where st.staff_id = ${staff.id} and t.code = ${filters.techniqueCode})`
      : undefined,
  );
  return paginate(
    page,
    () => db.select({ n: count() }).from(staff).where(where).get()?.n ?? 0,
    (at) =>
      db
        .select({
          id: staff.id,
          fullName: staff.fullName,
          title: staff.title,
          cadre: staff.cadre,
          chapterNumber: staff.chapterNumber,
          chapterName: chapters.name,
          facilityId: staff.facilityId,
          facilityName: facilityShortNameSql(locale),
          licenceNumber: staff.licenceNumber,
          active: staff.active,
          techniqueCount: sql<number>`(select count(*) from ${staffTechniques} st where st.staff_id = ${staff.id})`,
        })
        .from(staff)
        .innerJoin(facilities, eq(facilities.id, staff.facilityId))
        .leftJoin(chapters, eq(chapters.number, staff.chapterNumber))
        .where(where)
        .orderBy(asc(staff.fullName), asc(staff.id))
        .limit(at.pageSize)
        .offset(at.offset)
        .all(),
  );
}

export type StaffTechniqueRow = { id: number; code: string; name: string; since: string | null };

/** One readable staff member with their techniques, or null when absent or out of scope. */
export function getStaffMember(db: Tx, actor: Actor, id: number, locale: Locale = "vi") {
  const row = db
    .select({
      member: staff,
      facilityName: facilityNameSql(locale),
      provinceCode: facilities.provinceCode,
      chapterName: chapters.name,
    })
    .from(staff)
    .innerJoin(facilities, eq(facilities.id, staff.facilityId))
    .leftJoin(chapters, eq(chapters.number, staff.chapterNumber))
    .where(and(eq(staff.id, id), facilityScopeCondition(actor, staff.facilityId)))
    .get();
  if (!row) return null;
  const performed: StaffTechniqueRow[] = db
    .select({ id: techniques.id, code: techniques.code, name: techniques.name, since: staffTechniques.since })
    .from(staffTechniques)
    .innerJoin(techniques, eq(techniques.id, staffTechniques.techniqueId))
    .where(eq(staffTechniques.staffId, id))
    .orderBy(asc(techniques.chapterNumber), asc(techniques.number))
    .all();
  const scope = { facilityId: row.member.facilityId, provinceCode: row.provinceCode };
  return {
    ...row,
    techniques: performed,
    canEdit: canChange(actor, "staff.manage", scope),
    canRotate: canChange(actor, "rotations.manage", scope),
  };
}

export type FacilityOption = { value: number; label: string };

/**
 * Facilities whose registry the actor may change: their own for directors, any for the
 * administrator (then a facility is chosen in the form). Empty for everyone else.
 */
export function registryFacilities(db: Db, actor: Actor, locale: Locale): FacilityOption[] {
  if (!hasCapability(actor, "staff.manage")) return [];
  return db
    .select({ value: facilities.id, label: facilityNameSql(locale) })
    .from(facilities)
    .where(and(eq(facilities.active, true), facilityScopeCondition(actor, facilities.id), sql`${facilities.kind} <> 'health_department'`))
    .orderBy(asc(facilityNameSql(locale)))
    .limit(2000)
    .all();
}

/** Facilities that appear in the actor's readable registry, for the filter. */
export function staffFacilityOptions(db: Db, actor: Actor, locale: Locale): FacilityOption[] {
  return db
    .select({ value: facilities.id, label: facilityShortNameSql(locale) })
    .from(facilities)
    .where(and(facilityScopeCondition(actor, facilities.id), sql`exists (select 1 from ${staff} s where s.facility_id = ${facilities.id})`))
    .orderBy(asc(facilityShortNameSql(locale)))
    .limit(500)
    .all();
}
