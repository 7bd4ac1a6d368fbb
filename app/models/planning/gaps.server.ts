// The gap matrix: the techniques of a facility's level and of the level above that it does not
// perform yet, with the partners that could hand each one on, and the same counted per chapter
// for every care facility of a province. Set-based SQL throughout (no query per line), so one
// facility against the national catalogue and a province of 150 facilities stay fast.
//
// Levels are the cached columns facilities.level and techniques.min_level, which hold the level
// in force today: the matrix is about today, and the cached columns carry the indexes.
import ExcelJS from "exceljs";
import type { TFunction } from "i18next";
import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "~/db/client.server";
import { canRead, type Actor, type RecordScope } from "~/models/access/policy";
import { performedOnSql } from "~/models/adoption/rules";
import { canManageAgreement } from "~/models/agreements/access.server";
import { DomainError, ForbiddenError, NotFoundError } from "~/models/errors";
import { LEVELS, NON_CARE_FACILITY_KINDS, OPEN_AGREEMENT_STATUSES, type Level, type Locale } from "~/models/enums";
import { facilityNameSqlAt, facilityShortNameSqlAt } from "~/models/facilities/names.server";
import { id, LIMITS, requiredText } from "~/models/fields";
import { dashboardProvince } from "~/models/reports/dashboard.server";
import { absenceLimit } from "~/models/rotations/rules";
import { addTransferItem } from "~/models/transfers/plan.server";
import { compareGaps, GAP_PLAN_LINE_DEFAULTS, gapLevels, levelAbove, pickPartners, PARTNERS_SHOWN } from "./gaps";

/** Gap lines shown per chapter on the whole matrix; one chapter opened on its own shows a page of them. */
export const LINES_PER_CHAPTER = 10;
export const CHAPTER_PAGE_SIZE = 100;

const sqlValues = (values: readonly (string | number)[]): SQL =>
  values.length === 0 ? sql`(null)` : sql`(${sql.join(values.map((v) => sql`${v}`), sql`, `)})`;
const OPEN = sqlValues(OPEN_AGREEMENT_STATUSES);
const NON_CARE = sqlValues(NON_CARE_FACILITY_KINDS);

/** Techniques that can be a gap on `today`: listed (not a provisional new technique) and not retired. */
function inCatalogueSql(today: string): SQL {
  return sql`t.kind = 'listed' and (t.retired_on is null or t.retired_on > ${today})`;
}

/** A care facility's gap levels as SQL over its level column: its own level and the level above. */
function levelAboveSql(levelColumn: SQL): SQL {
  const cases = LEVELS.flatMap((l) => {
    const above = levelAbove(l);
    return above ? [sql`when ${l} then ${above}`] : [];
  });
  return sql`(case ${levelColumn} ${sql.join(cases, sql` `)} end)`;
}

type FacilityRow = { id: number; code: string; name: string; shortName: string; level: Level | null; kind: string; provinceCode: string | null };

function loadFacility(db: Db, facilityId: number, locale: Locale): FacilityRow {
  const row = db.get<FacilityRow | undefined>(sql`
    select f.id, f.code, ${facilityNameSqlAt("f", locale)} as name, ${facilityShortNameSqlAt("f", locale)} as shortName,
      f.level, f.kind, f.province_code as provinceCode
    from facilities f where f.id = ${facilityId}`);
  if (!row) throw new NotFoundError();
  return row;
}

/**
 * Whether the actor may read a facility's gaps: whoever reads the facility (its own users, its
 * department, administrators), and the supporting side of an open agreement the facility
 * receives under (its supporters plan its transfers, so they see what it lacks).
 */
export function canReadGaps(db: Db, actor: Actor, facility: { id: number; provinceCode: string | null }): boolean {
  if (canRead(actor, { facilityId: facility.id, provinceCode: facility.provinceCode })) return true;
  const supporters = db.all<RecordScope>(sql`
    select distinct f.id as facilityId, f.province_code as provinceCode
    from agreement_parties r
    join agreements a on a.id = r.agreement_id and a.status in ${OPEN}
    join facilities f on f.id = a.owner_facility_id
      or f.id in (select s.facility_id from agreement_parties s where s.agreement_id = a.id and s.role = 'supporting')
    where r.facility_id = ${facility.id} and r.role = 'receiving'`);
  return supporters.length > 0 && canRead(actor, supporters);
}

export type GapPartner = {
  facilityId: number;
  name: string;
  level: Level | null;
  /** Active staff who perform the technique independently. */
  staff: number;
  awayNow: number;
  limit: number;
  /** Open agreements where it supports the facility; `canAdd`: the reader may add a plan line there. */
  agreements: { id: number; number: string; canAdd: boolean }[];
  /** Used by the ordering rule. */
  agreementIds: number[];
};

export type GapLine = {
  techniqueId: number;
  code: string;
  name: string;
  minLevel: Level;
  /** Facilities of the same level that perform it now. */
  peers: number;
  /** Already on an open plan line to the facility. */
  inPlan: boolean;
  partners: GapPartner[];
  otherPartners: number;
};

export type GapChapter = {
  number: number;
  name: string;
  total: number;
  inPlan: number;
  /** Covered by an open agreement the facility receives under. */
  covered: boolean;
};

export type FacilityGaps = {
  facility: { id: number; code: string; name: string; shortName: string; level: Level; provinceCode: string | null };
  levels: Level[];
  agreements: { id: number; number: string; canManage: boolean }[];
  /** "agreements": only the chapters its open agreements cover; "all": every chapter. */
  chapterFilter: "agreements" | "all";
  /** Every chapter with a gap, with its count, whether shown or not. */
  chapterCounts: GapChapter[];
  /** The chapters shown, each with its first lines (or, for one chapter opened, a page of them). */
  shown: (GapChapter & { lines: GapLine[]; more: number })[];
  total: number;
  /** One chapter opened on its own, with its page. */
  chapter: { number: number; page: number; pageCount: number } | null;
  withPartners: boolean;
};

type GapRow = { techniqueId: number; code: string; chapterNumber: number; number: number; minLevel: Level; peers: number; inPlan: number };

/**
 * How many facilities of `level` perform each technique on `today`, over the whole network.
 * At national scale this is one pass over some 400,000 pairs (half a second), while it changes
 * only when the ledger or the registry does; so it is kept per database and level, and counted
 * again whenever a new ledger event, a facility change or a dated level has been written since
 * (the stamp reads three maxima by their indexes) or the day has turned.
 */
const peerCache = new WeakMap<object, Map<Level, { stamp: string; counts: Map<number, number> }>>();

export function peerCounts(db: Db, level: Level, today: string): Map<number, number> {
  const s = db.get<{ e: number | null; f: string | null; l: number | null; n: number }>(sql`select
    (select max(id) from adoption_events) as e, (select max(updated_at) from facilities) as f,
    (select max(id) from facility_levels) as l, (select count(*) from facilities) as n`)!;
  const stamp = `${today}|${s.e}|${s.f}|${s.l}|${s.n}`;
  const byLevel = peerCache.get(db.$client) ?? new Map();
  peerCache.set(db.$client, byLevel);
  const hit = byLevel.get(level);
  if (hit && hit.stamp === stamp) return hit.counts;
  // CROSS JOIN keeps the facilities of the level as the outer loop (their pairs are a key range);
  // left to itself, SQLite walks every pair of the country by technique to avoid a sort.
  const rows = db.all<{ techniqueId: number; n: number }>(sql`
    select p.technique_id as techniqueId, count(*) as n
    from facilities f cross join adoption_pairs p on p.facility_id = f.id
    where f.level = ${level} and f.active = 1 and ${performedOnSql(sql`${today}`)}
    group by p.technique_id`);
  const counts = new Map(rows.map((r) => [r.techniqueId, r.n]));
  byLevel.set(level, { stamp, counts });
  return counts;
}

/**
 * The techniques of `levels` that the facility does not perform on `today`, each with the number
 * of other facilities of `peerLevel` that do and whether an open plan line already brings it.
 * The facility's own pairs are looked up by key; it performs none of its gaps, so counting it
 * among its peers changes nothing.
 */
function gapRows(db: Db, facilityId: number, levels: Level[], peerLevel: Level, today: string): GapRow[] {
  const peers = peerCounts(db, peerLevel, today);
  const rows = db.all<Omit<GapRow, "peers">>(sql`
    with planned as (
      select distinct ti.technique_id
      from transfer_items ti join agreements a on a.id = ti.agreement_id and a.status in ${OPEN}
      where ti.to_facility_id = ${facilityId}
    )
    select t.id as techniqueId, t.code, t.chapter_number as chapterNumber, t.number, t.min_level as minLevel,
      (planned.technique_id is not null) as inPlan
    from techniques t
    left join planned on planned.technique_id = t.id
    where t.min_level in ${sqlValues(levels)} and ${inCatalogueSql(today)}
      and not exists (select 1 from adoption_pairs p where p.facility_id = ${facilityId} and p.technique_id = t.id
        and ${performedOnSql(sql`${today}`)})`);
  return rows.map((r) => ({ ...r, peers: peers.get(r.techniqueId) ?? 0 }));
}

type PartnerRow = { techniqueId: number; facilityId: number; staff: number };

/**
 * For the given techniques, the other facilities that perform each on `today` and have an active
 * staff member who performs it independently; then their names and current load in one query.
 */
function partnerRows(db: Db, facilityId: number, techniqueIds: number[], today: string, locale: Locale) {
  if (techniqueIds.length === 0) return { pairs: [] as PartnerRow[], facilities: new Map<number, { name: string; level: Level | null; awayNow: number; limit: number }>() };
  const pairs = db.all<PartnerRow>(sql`
    select st.technique_id as techniqueId, s.facility_id as facilityId, count(distinct s.id) as staff
    from staff_techniques st
    join staff s on s.id = st.staff_id and s.active = 1
    where st.technique_id in ${sqlValues(techniqueIds)} and s.facility_id <> ${facilityId}
      and exists (select 1 from adoption_pairs p where p.facility_id = s.facility_id and p.technique_id = st.technique_id
        and ${performedOnSql(sql`${today}`)})
    group by st.technique_id, s.facility_id`);
  const ids = [...new Set(pairs.map((p) => p.facilityId))];
  const rows =
    ids.length === 0
      ? []
      : db.all<{ id: number; name: string; level: Level | null; beds: number; absenceLimit: number | null; awayNow: number }>(sql`
    select f.id, ${facilityShortNameSqlAt("f", locale)} as name, f.level, f.beds, f.absence_limit as absenceLimit,
      (select count(distinct r.staff_id) from rotations r
        where r.from_facility_id = f.id and r.status <> 'cancelled' and r.start_on <= ${today} and r.end_on >= ${today}) as awayNow
    from facilities f where f.id in ${sqlValues(ids)} and f.active = 1`);
  const facilities = new Map(rows.map((r) => [r.id, { name: r.name, level: r.level, awayNow: r.awayNow, limit: absenceLimit(r) }]));
  return { pairs, facilities };
}

/** Of the given techniques, those another active facility performs on `today` with an active staff member who performs it independently. */
function techniquesWithPartner(db: Db, facilityId: number, techniqueIds: number[], today: string): Set<number> {
  if (techniqueIds.length === 0) return new Set();
  const rows = db.all<{ id: number }>(sql`
    select t.id from techniques t
    where t.id in ${sqlValues(techniqueIds)} and exists (
      select 1 from staff_techniques st
      join staff s on s.id = st.staff_id and s.active = 1 and s.facility_id <> ${facilityId}
      join facilities f on f.id = s.facility_id and f.active = 1
      join adoption_pairs p on p.facility_id = s.facility_id and p.technique_id = st.technique_id
      where st.technique_id = t.id and ${performedOnSql(sql`${today}`)})`);
  return new Set(rows.map((r) => r.id));
}

export type GapOptions = {
  allChapters: boolean;
  /** Only lines with at least one partner. */
  withPartners?: boolean;
  chapter: number | null;
  page: number;
  today: string;
  locale: Locale;
};

/** The gap matrix of one care facility, for a reader who may see it (else 403; unknown 404; not a care facility 400). */
export function getFacilityGaps(db: Db, actor: Actor, facilityId: number, options: GapOptions): FacilityGaps {
  const { today, locale } = options;
  const f = loadFacility(db, facilityId, locale);
  if (!f.level || (NON_CARE_FACILITY_KINDS as readonly string[]).includes(f.kind)) {
    throw new DomainError("planning:gaps.errors.notCare", { field: "facility" });
  }
  if (!canReadGaps(db, actor, f)) throw new ForbiddenError();
  const level = f.level;
  const levels = gapLevels(level);

  // Open agreements it receives under, their chapters and supporting parties.
  const agreementRows = db.all<{ id: number; number: string; ownerFacilityId: number }>(sql`
    select a.id, a.number, a.owner_facility_id as ownerFacilityId
    from agreement_parties r join agreements a on a.id = r.agreement_id and a.status in ${OPEN}
    where r.facility_id = ${facilityId} and r.role = 'receiving'
    order by a.start_on desc, a.id`);
  const agreementIds = agreementRows.map((a) => a.id);
  const agreements = agreementRows.map((a) => ({ id: a.id, number: a.number, canManage: canManageAgreement(db, actor, a) }));
  const byId = new Map(agreements.map((a) => [a.id, a]));
  const coveredChapters = new Set(
    agreementIds.length === 0
      ? []
      : db.all<{ n: number }>(sql`select distinct chapter_number as n from agreement_chapters where agreement_id in ${sqlValues(agreementIds)}`).map((r) => r.n),
  );
  const supporters = new Map<number, number[]>();
  if (agreementIds.length > 0) {
    for (const s of db.all<{ agreementId: number; facilityId: number }>(sql`
      select agreement_id as agreementId, facility_id as facilityId from agreement_parties
      where agreement_id in ${sqlValues(agreementIds)} and role = 'supporting'`)) {
      supporters.set(s.facilityId, [...(supporters.get(s.facilityId) ?? []), s.agreementId]);
    }
  }

  const rows = gapRows(db, facilityId, levels, level, today).sort(compareGaps);
  const chapterNames = new Map(db.all<{ number: number; name: string }>(sql`select number, name from chapters`).map((c) => [c.number, c.name]));
  const counts = new Map<number, GapChapter>();
  for (const r of rows) {
    const c = counts.get(r.chapterNumber) ?? { number: r.chapterNumber, name: chapterNames.get(r.chapterNumber) ?? "", total: 0, inPlan: 0, covered: coveredChapters.has(r.chapterNumber) };
    c.total++;
    if (r.inPlan) c.inPlan++;
    counts.set(r.chapterNumber, c);
  }
  const chapterCounts = [...counts.values()].sort((a, b) => a.number - b.number);
  // Without an agreement covering a chapter there is nothing to narrow to: every chapter shows.
  const chapterFilter = options.allChapters || coveredChapters.size === 0 ? "all" : "agreements";

  // The lines the page may show: one chapter opened on its own, else the chapters of the filter.
  const visibleChapters = new Set(
    options.chapter !== null ? [options.chapter] : chapterCounts.filter((c) => chapterFilter === "all" || c.covered).map((c) => c.number),
  );
  if (options.chapter !== null && !counts.has(options.chapter)) throw new DomainError("planning:gaps.errors.chapter", { field: "chapter" });
  let pool = rows.filter((r) => visibleChapters.has(r.chapterNumber));
  // "With a partner only" keeps the visible lines that have at least one partner (one query,
  // which stops at the first partner of each technique); the partners themselves are read for
  // the shown lines only, as without the filter.
  if (options.withPartners) {
    const have = techniquesWithPartner(db, facilityId, pool.map((r) => r.techniqueId), today);
    pool = pool.filter((r) => have.has(r.techniqueId));
  }

  let chapter: FacilityGaps["chapter"] = null;
  let selected: { chapter: GapChapter; lines: GapRow[]; more: number }[];
  if (options.chapter !== null) {
    const c = counts.get(options.chapter)!;
    const pageCount = Math.max(1, Math.ceil(pool.length / CHAPTER_PAGE_SIZE));
    const page = Math.min(Math.max(1, options.page), pageCount);
    chapter = { number: c.number, page, pageCount };
    selected = [{ chapter: c, lines: pool.slice((page - 1) * CHAPTER_PAGE_SIZE, page * CHAPTER_PAGE_SIZE), more: 0 }];
  } else {
    const byChapter = new Map<number, GapRow[]>();
    for (const r of pool) {
      const list = byChapter.get(r.chapterNumber);
      if (list) list.push(r);
      else byChapter.set(r.chapterNumber, [r]);
    }
    selected = chapterCounts
      .filter((c) => byChapter.has(c.number))
      .map((c) => {
        const lines = byChapter.get(c.number)!;
        return { chapter: c, lines: lines.slice(0, LINES_PER_CHAPTER), more: Math.max(0, lines.length - LINES_PER_CHAPTER) };
      });
  }

  const partners = partnerRows(db, facilityId, selected.flatMap((s) => s.lines.map((l) => l.techniqueId)), today, locale);
  const byTechnique = new Map<number, GapPartner[]>();
  for (const p of partners.pairs) {
    const info = partners.facilities.get(p.facilityId);
    if (!info) continue;
    const ids = supporters.get(p.facilityId) ?? [];
    const partner: GapPartner = {
      facilityId: p.facilityId,
      name: info.name,
      level: info.level,
      staff: p.staff,
      awayNow: info.awayNow,
      limit: info.limit,
      agreementIds: ids,
      agreements: ids.map((id) => {
        const a = byId.get(id)!;
        return { id, number: a.number, canAdd: a.canManage };
      }),
    };
    const list = byTechnique.get(p.techniqueId);
    if (list) list.push(partner);
    else byTechnique.set(p.techniqueId, [partner]);
  }

  // Names only for the lines shown (thousands of gaps, a few dozen on the page).
  const shownIds = selected.flatMap((s) => s.lines.map((l) => l.techniqueId));
  const names = new Map(
    shownIds.length === 0 ? [] : db.all<{ id: number; name: string }>(sql`select id, name from techniques where id in ${sqlValues(shownIds)}`).map((r) => [r.id, r.name]),
  );
  const shown = selected.map((s) => ({
    ...s.chapter,
    more: s.more,
    lines: s.lines.map((r): GapLine => {
      const picked = pickPartners(byTechnique.get(r.techniqueId) ?? [], PARTNERS_SHOWN);
      return {
        techniqueId: r.techniqueId,
        code: r.code,
        name: names.get(r.techniqueId) ?? "",
        minLevel: r.minLevel,
        peers: r.peers,
        inPlan: r.inPlan === 1,
        partners: picked.shown,
        otherPartners: picked.others,
      };
    }),
  }));
  return {
    facility: { id: f.id, code: f.code, name: f.name, shortName: f.shortName, level, provinceCode: f.provinceCode },
    levels,
    agreements,
    chapterFilter,
    chapterCounts,
    shown,
    total: rows.length,
    chapter,
    withPartners: options.withPartners ?? false,
  };
}

/** The one-step form of a gap line: the agreement, the technique and the partner (the facility comes from the page). */
export const gapPlanSchema = z.object({
  agreementId: id,
  techniqueCode: requiredText(LIMITS.techniqueCode),
  fromFacilityId: id,
});
export type GapPlanInput = z.infer<typeof gapPlanSchema>;

/**
 * Turns a gap into a plan line of an agreement: the technique from the partner to the facility,
 * phase 1, through the plan form's own command (its checks: the reader manages the agreement,
 * the partner supports and performs it, the facility receives and does not, no duplicate; its
 * audit event).
 */
export function addGapToPlan(db: Db, actor: Actor, facilityId: number, input: GapPlanInput, today: string) {
  return addTransferItem(
    db,
    actor,
    input.agreementId,
    { techniqueCode: input.techniqueCode, fromFacilityId: input.fromFacilityId, toFacilityId: facilityId, ...GAP_PLAN_LINE_DEFAULTS },
    { today },
  );
}

export type ProvinceGapRow = {
  facilityId: number;
  code: string;
  name: string;
  level: Level;
  /** Gaps by chapter number (chapters without a gap are absent). */
  byChapter: Record<number, number>;
  total: number;
};

export type ProvinceGaps = {
  province: { code: string; name: string };
  chapters: { number: number; name: string }[];
  rows: ProvinceGapRow[];
};

/**
 * The province a matrix is asked for: the `province` parameter (a code of digits), else the
 * reader's own (an administrator's: the province with the most care facilities); 400 when malformed.
 */
export function resolveGapProvince(db: Db, actor: Actor, raw: string | null): string {
  const code = raw?.trim() ?? "";
  if (code !== "" && !/^\d{1,6}$/.test(code)) throw new DomainError("planning:gaps.errors.badProvince", { field: "province" });
  return dashboardProvince(db, actor, code === "" ? null : code);
}

/** Whether the actor may read a province's matrix: its department, administrators. */
export function canReadProvinceGaps(actor: Actor, provinceCode: string): boolean {
  return canRead(actor, { facilityId: null, provinceCode });
}

/**
 * Gaps per chapter of every active care facility of a province. Counted as the catalogue's
 * techniques of the facility's two levels minus those it performs: one pass over the catalogue
 * and one over the province's pairs, never the catalogue once per facility.
 */
export function getProvinceGaps(db: Db, actor: Actor, provinceCode: string, today: string, locale: Locale): ProvinceGaps {
  const province = db.get<{ code: string; name: string; nameEn: string } | undefined>(sql`select code, name, name_en as nameEn from provinces where code = ${provinceCode}`);
  if (!province) throw new NotFoundError();
  if (!canReadProvinceGaps(actor, provinceCode)) throw new ForbiddenError();
  const facilities = db.all<{ facilityId: number; code: string; name: string; level: Level }>(sql`
    select f.id as facilityId, f.code, ${facilityShortNameSqlAt("f", locale)} as name, f.level
    from facilities f
    where f.province_code = ${provinceCode} and f.active = 1 and f.level is not null and f.kind not in ${NON_CARE}
    order by f.level, name, f.id`);
  // The catalogue by level and chapter.
  const catalogue = db.all<{ level: Level; chapter: number; n: number }>(sql`
    select t.min_level as level, t.chapter_number as chapter, count(*) as n from techniques t
    where t.min_level is not null and ${inCatalogueSql(today)}
    group by t.min_level, t.chapter_number`);
  // What each facility performs of its two levels, by chapter.
  const performed = db.all<{ facilityId: number; chapter: number; n: number }>(sql`
    select p.facility_id as facilityId, t.chapter_number as chapter, count(*) as n
    from facilities f
    join adoption_pairs p on p.facility_id = f.id
    join techniques t on t.id = p.technique_id
    where f.province_code = ${provinceCode} and f.active = 1 and f.level is not null and f.kind not in ${NON_CARE}
      and (t.min_level = f.level or t.min_level = ${levelAboveSql(sql`f.level`)}) and ${inCatalogueSql(today)}
      and ${performedOnSql(sql`${today}`)}
    group by p.facility_id, t.chapter_number`);
  const done = new Map<string, number>(performed.map((p) => [`${p.facilityId}:${p.chapter}`, p.n]));
  const chapterSet = new Set<number>();
  const rows = facilities.map((f) => {
    const levels = new Set(gapLevels(f.level));
    const byChapter: Record<number, number> = {};
    let total = 0;
    const need = new Map<number, number>();
    for (const c of catalogue) if (levels.has(c.level)) need.set(c.chapter, (need.get(c.chapter) ?? 0) + c.n);
    for (const [chapter, n] of need) {
      const gaps = n - (done.get(`${f.facilityId}:${chapter}`) ?? 0);
      if (gaps > 0) {
        byChapter[chapter] = gaps;
        total += gaps;
        chapterSet.add(chapter);
      }
    }
    return { ...f, byChapter, total };
  });
  const names = new Map(db.all<{ number: number; name: string }>(sql`select number, name from chapters`).map((c) => [c.number, c.name]));
  const chapters = [...chapterSet].sort((a, b) => a - b).map((n) => ({ number: n, name: names.get(n) ?? "" }));
  return { province: { code: province.code, name: locale === "en" ? province.nameEn : province.name }, chapters, rows };
}

/** The province matrix as an XLSX workbook in the reader's language: one row per facility, one column per chapter. */
export async function exportProvinceGapsXlsx(db: Db, actor: Actor, provinceCode: string, today: string, t: TFunction, locale: Locale): Promise<Buffer> {
  const matrix = getProvinceGaps(db, actor, provinceCode, today, locale);
  const wb = new ExcelJS.Workbook();
  wb.creator = "CGKT";
  wb.created = new Date(`${today}T00:00:00Z`);
  const sheet = wb.addWorksheet(t("planning:gaps.province.sheet"));
  sheet.columns = [
    { header: t("planning:gaps.province.code"), key: "code", width: 18 },
    { header: t("planning:gaps.province.facility"), key: "name", width: 36 },
    { header: t("planning:gaps.province.level"), key: "level", width: 8 },
    ...matrix.chapters.map((c) => ({ header: `${c.number}. ${c.name}`, key: `c${c.number}`, width: 12 })),
    { header: t("planning:gaps.province.total"), key: "total", width: 10 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1, xSplit: 2 }];
  for (const r of matrix.rows) {
    sheet.addRow({
      code: r.code,
      name: r.name,
      level: r.level,
      ...Object.fromEntries(matrix.chapters.map((c) => [`c${c.number}`, r.byChapter[c.number] ?? 0])),
      total: r.total,
    });
  }
  sheet.addRow([]);
  sheet.addRow({ name: t("planning:gaps.province.asOf", { date: today }) });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
