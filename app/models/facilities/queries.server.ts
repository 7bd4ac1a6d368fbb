// Reading the facility register: the filtered list, the detail page and its network links.
// Facilities are national reference data: every signed-in user reads them.
import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "~/db/client.server";
import {
  FACILITY_KINDS,
  LEVELS,
  type FacilityKind,
  type Grade,
  type Level,
  type Ownership,
} from "~/models/enums";
import { paginate, type Page, type PageRequest } from "~/utils/pagination";
import { foldedSearchCondition } from "~/models/catalogue/queries.server";

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
export function listFacilities(db: Db, filters: FacilityFilters, page: PageRequest): Page<FacilityListRow> {
  const where = facilityFilterCondition(filters);
  return paginate(
    page,
    () => db.get<{ n: number }>(sql`select count(*) as n from facilities f where ${where}`)?.n ?? 0,
    (at) =>
      db.all<FacilityListRow>(sql`
        select f.id, f.code, f.name, f.short_name as shortName, f.kind, f.level, f.grade,
          f.province_code as provinceCode, p.name as provinceName, p.name_en as provinceNameEn,
          f.country, f.beds
        from facilities f
        left join provinces p on p.code = f.province_code
        where ${where}
        order by f.level, f.name, f.id
        limit ${at.pageSize} offset ${at.offset}`),
  );
}

export type ProvinceOption = { code: string; name: string; nameEn: string };

export function listProvinces(db: Db): ProvinceOption[] {
  return db.all<ProvinceOption>(sql`select code, name, name_en as nameEn from provinces order by name`);
}

export type FacilityLink = { id: number; name: string; shortName: string; level: Level };

export type FacilityDetail = {
  id: number;
  code: string;
  name: string;
  nameEn: string | null;
  shortName: string;
  kind: FacilityKind;
  level: Level;
  grade: Grade;
  ownership: Ownership;
  provinceCode: string | null;
  provinceName: string | null;
  provinceNameEn: string | null;
  country: string;
  beds: number;
  active: boolean;
  levelHistory: { level: Level; validFrom: string; note: string | null }[];
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
export function getFacility(db: Db, id: number): FacilityDetail | null {
  const row = db.get<Omit<FacilityDetail, "levelHistory" | "network" | "active"> & {
    active: number;
    directedById: number | null;
  }>(sql`
    select f.id, f.code, f.name, f.name_en as nameEn, f.short_name as shortName, f.kind, f.level,
      f.grade, f.ownership, f.province_code as provinceCode, p.name as provinceName,
      p.name_en as provinceNameEn, f.country, f.beds, f.active, f.directed_by_id as directedById
    from facilities f left join provinces p on p.code = f.province_code
    where f.id = ${id}`);
  if (!row) return null;
  const { directedById, active, ...facility } = row;
  const levelHistory = db.all<FacilityDetail["levelHistory"][number]>(sql`
    select level, valid_from as validFrom, note from facility_levels
    where facility_id = ${id} order by valid_from desc`);
  const directedBy = directedById === null ? null : getFacilityLink(db, directedById);
  const directs = db.all<FacilityLink>(sql`
    select id, name, short_name as shortName, level from facilities
    where directed_by_id = ${id} order by level, name, id limit ${DIRECTS_SHOWN}`);
  const directsTotal =
    directs.length < DIRECTS_SHOWN
      ? directs.length
      : (db.get<{ n: number }>(sql`select count(*) as n from facilities where directed_by_id = ${id}`)?.n ?? 0);
  return {
    ...facility,
    active: active === 1,
    levelHistory,
    network: { directedBy, directs, directsTotal },
  };
}

/** Name and level of one facility (for links and filter captions), or null. */
export function getFacilityLink(db: Db, id: number): FacilityLink | null {
  return (
    db.get<FacilityLink>(sql`select id, name, short_name as shortName, level from facilities where id = ${id}`) ??
    null
  );
}
