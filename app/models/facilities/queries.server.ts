// Reading the facility register: the filtered list, the detail page and its network links.
// Facilities are national reference data: every signed-in user reads them.
import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "~/db/client.server";
import { sqlList } from "~/db/sql";
import { canChange, type Actor } from "~/models/access/policy";
import { ForbiddenError, NotFoundError } from "~/models/errors";
import { manageScopeCondition } from "~/models/access/scope-sql.server";
import { FACILITY_KINDS, LEVELS, NON_CARE_FACILITY_KINDS } from "~/models/enums";
import type { CompetenceLevel, FacilityKind, Grade, Level, Ownership } from "~/models/enums";
import { paginate, type Page, type PageRequest } from "~/utils/pagination";
import { foldedSearchCondition } from "~/models/catalogue/queries.server";
import { facilityNameSqlAt } from "./names.server";
import type { Locale } from "~/models/enums";

// Unknown filter values are ignored, so a stale shared link still opens.
const facilityFilterSchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  province: z.string().trim().regex(/^\w{1,10}$/).optional().catch(undefined),
  level: z.enum(LEVELS).optional().catch(undefined),
  kind: z.enum(FACILITY_KINDS).optional().catch(undefined),
  directedBy: z.coerce.number().int().positive().optional().catch(undefined),
});

export type FacilityFilters = z.infer<typeof facilityFilterSchema>;

export function parseFacilityFilters(url: URL): FacilityFilters {
  const params = Object.fromEntries([...url.searchParams].filter(([, value]) => value !== ""));
  return facilityFilterSchema.parse(params);
}

export type FacilityListRow = {
  id: number;
  code: string;
  name: string;
  shortName: string;
  kind: FacilityKind;
  level: Level;
  grade: Grade;
  provinceCode: string | null;
  provinceName: string | null;
  provinceNameEn: string | null;
  country: string;
  beds: number;
};

function facilityFilterCondition(filters: FacilityFilters): SQL {
  const where: SQL[] = [foldedSearchCondition(sql`f.search_text`, filters.q)];
  if (filters.province !== undefined) where.push(sql`f.province_code = ${filters.province}`);
  if (filters.level !== undefined) where.push(sql`f.level = ${filters.level}`);
  if (filters.kind !== undefined) where.push(sql`f.kind = ${filters.kind}`);
  if (filters.directedBy !== undefined) where.push(sql`f.directed_by_id = ${filters.directedBy}`);
  return sql.join(where, sql` and `);
}

/** One page of facilities, by level (central first) then name, with the total. */
export function listFacilities(db: Db, filters: FacilityFilters, page: PageRequest, locale: Locale = "vi"): Page<FacilityListRow> {
  const where = facilityFilterCondition(filters);
  const name = facilityNameSqlAt("f", locale);
  return paginate(
    page,
    () => db.get<{ n: number }>(sql`select count(*) as n from facilities f where ${where}`)?.n ?? 0,
    (at) =>
      db.all<FacilityListRow>(sql`
        select f.id, f.code, ${name} as name, f.short_name as shortName, f.kind, f.level, f.grade,
          f.province_code as provinceCode, p.name as provinceName, p.name_en as provinceNameEn,
          f.country, f.beds
        from facilities f
        left join provinces p on p.code = f.province_code
        where ${where}
        order by f.level, ${name}, f.id
        limit ${at.pageSize} offset ${at.offset}`),
  );
}

export type ProvinceOption = { code: string; name: string; nameEn: string };

export function listProvinces(db: Db): ProvinceOption[] {
  return db.all<ProvinceOption>(sql`select code, name, name_en as nameEn from provinces order by name`);
}

export type FacilityLink = { id: number; name: string; shortName: string; level: Level };

/** What every view of one facility shows: its names and its classification. */
type FacilityIdentity = {
  id: number;
  code: string;
  name: string;
  nameEn: string | null;
  shortName: string;
  kind: FacilityKind;
  level: Level | null;
  competence: CompetenceLevel | null;
  grade: Grade;
  ownership: Ownership;
};

export type FacilityDetail = FacilityIdentity & {
  provinceCode: string | null;
  provinceName: string | null;
  provinceNameEn: string | null;
  country: string;
  beds: number;
  communeCode: string | null;
  communeName: string | null;
  communeNameEn: string | null;
  openedOn: string | null;
  closedOn: string | null;
  version: number;
  active: boolean;
  levelHistory: { level: Level; validFrom: string; decisionNumber: string | null; note: string | null }[];
  competenceHistory: { competence: CompetenceLevel; validFrom: string; decisionNumber: string | null; note: string | null }[];
  /** The upper-supports-lower links; the agreements area adds partners beside these. */
  network: {
    directedBy: FacilityLink | null;
    /** The first facilities it directs, by level and name; `directsTotal` counts them all. */
    directs: FacilityLink[];
    directsTotal: number;
  };
};

/** How many directed facilities the detail page lists before linking to the filtered list. */
export const DIRECTS_SHOWN = 20;

/** A facility with its level history and network links, or null. */
export function getFacility(db: Db, id: number, locale: Locale = "vi"): FacilityDetail | null {
  const row = db.get<Omit<FacilityDetail, "levelHistory" | "competenceHistory" | "network" | "active"> & {
    active: number;
    directedById: number | null;
  }>(sql`
    select f.id, f.code, f.name, f.name_en as nameEn, f.short_name as shortName, f.kind, f.level,
      f.competence, f.grade, f.ownership, f.province_code as provinceCode, p.name as provinceName,
      p.name_en as provinceNameEn, f.country, f.beds, f.commune_code as communeCode,
      c.name as communeName, c.name_en as communeNameEn, f.opened_on as openedOn, f.closed_on as closedOn,
      f.version, f.active, f.directed_by_id as directedById
    from facilities f left join provinces p on p.code = f.province_code
      left join communes c on c.code = f.commune_code
    where f.id = ${id}`);
  if (!row) return null;
  const { directedById, active, ...facility } = row;
  const levelHistory = db.all<FacilityDetail["levelHistory"][number]>(sql`
    select level, valid_from as validFrom, decision_number as decisionNumber, note from facility_levels
    where facility_id = ${id} order by valid_from desc`);
  const competenceHistory = db.all<FacilityDetail["competenceHistory"][number]>(sql`
    select competence, valid_from as validFrom, decision_number as decisionNumber, note from facility_competence_levels
    where facility_id = ${id} order by valid_from desc`);
  const directedBy = directedById === null ? null : getFacilityLink(db, directedById, locale);
  const directs = db.all<FacilityLink>(sql`
    select id, ${facilityNameSqlAt("facilities", locale)} as name, short_name as shortName, level from facilities
    where directed_by_id = ${id} order by level, name, id limit ${DIRECTS_SHOWN}`);
  const directsTotal =
    directs.length < DIRECTS_SHOWN
      ? directs.length
      : (db.get<{ n: number }>(sql`select count(*) as n from facilities where directed_by_id = ${id}`)?.n ?? 0);
  return {
    ...facility,
    active: active === 1,
    levelHistory,
    competenceHistory,
    network: { directedBy, directs, directsTotal },
  };
}

/** Name and level of one facility (for links and filter captions), or null. */
export function getFacilityLink(db: Db, id: number, locale: Locale = "vi"): FacilityLink | null {
  return (
    db.get<FacilityLink>(sql`select id, ${facilityNameSqlAt("facilities", locale)} as name, short_name as shortName, level from facilities where id = ${id}`) ??
    null
  );
}

export type CommuneOption = { code: string; name: string; nameEn: string };

/** The communes of one province (the form's commune list), by name. */
export function listCommunes(db: Db, provinceCode: string): CommuneOption[] {
  return db.all<CommuneOption>(sql`
    select code, name, name_en as nameEn from communes where province_code = ${provinceCode} order by name, code`);
}

/** A register entry with the fields its forms and imports compare. */
export type FacilityRegisterRow = FacilityIdentity & {
  beds: number;
  provinceCode: string | null;
  communeCode: string | null;
  directedByCode: string | null;
  openedOn: string | null;
  closedOn: string | null;
  active: number;
  version: number;
};

/** The register entry as the edit form shows it, or null. */
export function getFacilityFormValues(db: Db, id: number) {
  return (
    db.get<FacilityRegisterRow>(sql`
      select f.id, f.code, f.name, f.name_en as nameEn, f.short_name as shortName, f.kind, f.level, f.competence,
        f.grade, f.ownership, f.beds, f.province_code as provinceCode, f.commune_code as communeCode,
        u.code as directedByCode, f.opened_on as openedOn, f.closed_on as closedOn, f.active, f.version
      from facilities f left join facilities u on u.id = f.directed_by_id
      where f.id = ${id}`) ?? null
  );
}

export type ClassifiableFacility = {
  id: number;
  code: string;
  name: string;
  kind: FacilityKind;
  level: Level | null;
  competence: CompetenceLevel | null;
  openedOn: string | null;
};

/** How many facilities the batch form lists at most (a province holds a few hundred). */
export const BATCH_LIST_LIMIT = 2000;

/**
 * The care facilities of a province that the actor may reclassify, for the batch form: the
 * policy's manage scope applied in SQL, active ones only, by kind then name.
 */
export function listClassifiableFacilities(
  db: Db,
  actor: Actor,
  provinceCode: string,
  kind?: FacilityKind,
): ClassifiableFacility[] {
  return db.all<ClassifiableFacility>(sql`
    select f.id, f.code, f.name, f.kind, f.level, f.competence, f.opened_on as openedOn
    from facilities f
    where f.province_code = ${provinceCode} and ${manageScopeCondition(actor, sql`f.id`)}
      and f.kind not in ${sqlList(NON_CARE_FACILITY_KINDS)} and f.active = 1
      ${kind ? sql`and f.kind = ${kind}` : sql``}
    order by case f.kind when 'central_hospital' then 0 when 'provincial_hospital' then 1
      when 'specialised_hospital' then 2 when 'regional_centre' then 3 else 4 end, f.name, f.id
    limit ${BATCH_LIST_LIMIT}`);
}

/** True when the actor may edit and reclassify this facility (the policy's manage scope). */
export function canManageFacility(actor: Actor, facility: { id: number; provinceCode: string | null }): boolean {
  return canChange(actor, "facilities.manage", { facilityId: facility.id, provinceCode: facility.provinceCode });
}

/** The facility's form values when the actor may manage it: 404 when absent, 403 outside its scope. */
export function requireManageableFacility(db: Db, actor: Actor, id: number) {
  const values = getFacilityFormValues(db, id);
  if (!values) throw new NotFoundError();
  if (!canManageFacility(actor, values)) throw new ForbiddenError();
  return values;
}
