// The rotation board: a timeline of rotations by person or by receiving facility over a
// month, quarter or year. Three queries whatever the number of bars: one page of groups, the
// rotations of those groups in the window, and the commitments of the people shown (for the
// clash highlight, so a rotation that clashes with a course moved later is flagged).
import { and, asc, eq, gte, inArray, lte, sql, type SQL } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { rotations, staff } from "~/db/schema";
import { canChange, readsEverything, type Actor } from "~/models/access/policy";
import { facilityScopeCondition } from "~/models/access/scope-sql.server";
import { addMonthsIso, daysInclusive, isIsoDate, type DateRange } from "~/models/dates";
import { CADRES, ROTATION_DISPLAY_STATUSES, type Cadre, type RotationDisplayStatus } from "~/models/enums";
import { listCommitmentsByStaff } from "~/models/schedule/commitments.server";
import { openablePeople } from "~/models/staff/person-links.server";
import { findClashes, type Commitment } from "~/models/schedule/rules";
export type { BoardFilters, BoardPeriod, BoardView };
import { clampPage, toPage, type Page, type PageRequest } from "~/utils/pagination";
import { searchTerms } from "~/utils/search";
import { barPlacement, BOARD_PERIODS, pct, periodStart, periodWindow, type BoardFilters, type BoardPeriod, type BoardView } from "./board";
import { fromFacility, rotationColumns, rotationScope, statusCondition, toFacility, type RotationListRow } from "./queries.server";
import { checkEditable, displayStatus } from "./rules";
import type { Locale } from "~/models/enums";
import { facilityShortNameSql, facilityShortNameSqlAt } from "~/models/facilities/names.server";

export function parseBoardFilters(url: URL, today: string): BoardFilters {
  const p = url.searchParams;
  const period = (BOARD_PERIODS as readonly string[]).includes(p.get("period") ?? "") ? (p.get("period") as BoardPeriod) : "quarter";
  const view = p.get("view") === "facility" ? "facility" : "person";
  const from = p.get("from") ?? "";
  // `from` accepts a date or a month (yyyy-MM); anything else means the period of today.
  const anchor = isIsoDate(from) ? from : isIsoDate(`${from}-01`) ? `${from}-01` : today;
  const status = p.get("status");
  const cadre = p.get("cadre");
  const facility = Number(p.get("facility"));
  return {
    view,
    period,
    start: periodStart(anchor, period),
    q: p.get("q")?.trim() ?? "",
    status: (ROTATION_DISPLAY_STATUSES as readonly string[]).includes(status ?? "") ? (status as RotationDisplayStatus) : null,
    facilityId: Number.isInteger(facility) && facility > 0 ? facility : null,
    cadre: (CADRES as readonly string[]).includes(cadre ?? "") ? (cadre as Cadre) : null,
  };
}

/** A rotation as the list shows it, placed on the board's window. */
export type BoardBar = Pick<RotationListRow, "id" | "staffName" | "fromName" | "toName" | "purpose" | "startOn" | "endOn" | "status"> & {
  /** Percent of the window's width. */
  left: number;
  width: number;
  /** The first other commitment of the same person on the same days, if any. */
  clash: Commitment | null;
  /** Reason recorded when the sending facility's absence limit was overridden. */
  overrideReason: string | null;
  /** The reader may change its dates (the edit page's check): the board lets them drag it. */
  canMove: boolean;
  /** The version the reader saw, sent back with a move so a changed record is refused. */
  version: number;
};

/** `open`: in the person view, whether the person's staff record opens for the reader (visiting staff of another facility: no). */
export type BoardGroup = { key: number; label: string; sublabel: string | null; open: boolean; bars: BoardBar[] };

export type Board = {
  window: DateRange;
  /** Percent position of today's line, null when today is outside the window. */
  todayAt: number | null;
  /** Month boundaries inside the window, for the scale. */
  ticks: { date: string; at: number }[];
  groups: Page<BoardGroup>;
  conflictCount: number;
};

export function getBoard(db: Db, actor: Actor, filters: BoardFilters, page: PageRequest, today: string, locale: Locale = "vi"): Board {
  const window = periodWindow(filters.start, filters.period);
  const total = daysInclusive(window);
  const groupColumn = filters.view === "person" ? rotations.staffId : rotations.toFacilityId;
  const groupLabel = filters.view === "person" ? sql<string>`${staff.fullName}` : facilityShortNameSql(locale, toFacility);
  const where: SQL = and(
    rotationScope(actor),
    lte(rotations.startOn, window.end),
    gte(rotations.endOn, window.start),
    ...searchTerms(filters.q).map((term) => sql`${staff.searchText} like ${`%${term}%`}`),
    filters.status ? statusCondition(filters.status, today) : undefined,
    filters.facilityId
      ? sql`(${rotations.fromFacilityId} = ${filters.facilityId} or ${rotations.toFacilityId} = ${filters.facilityId})`
      : undefined,
    filters.cadre ? eq(staff.cadre, filters.cadre) : undefined,
  )!;

  // 1. The number of groups, then one page of them (the last one when asked past the end), ordered by name.
  const groupTotal =
    db
      .select({ n: sql<number>`count(distinct ${groupColumn})` })
      .from(rotations)
      .innerJoin(staff, eq(staff.id, rotations.staffId))
      .innerJoin(toFacility, eq(toFacility.id, rotations.toFacilityId))
      .where(where)
      .get()?.n ?? 0;
  const at = clampPage(page, groupTotal);
  const keys = db
    .select({ key: groupColumn, label: groupLabel })
    .from(rotations)
    .innerJoin(staff, eq(staff.id, rotations.staffId))
    .innerJoin(toFacility, eq(toFacility.id, rotations.toFacilityId))
    .where(where)
    .groupBy(groupColumn)
    .orderBy(asc(groupLabel), asc(groupColumn))
    .limit(at.pageSize)
    .offset(at.offset)
    .all();
  if (keys.length === 0) {
    return { window, todayAt: null, ticks: ticks(window, total), groups: toPage([], groupTotal, at), conflictCount: 0 };
  }

  // 2. Their rotations in the window.
  const rows = db
    .select({
      ...rotationColumns(locale),
      toFacilityId: rotations.toFacilityId,
      fromFacilityId: rotations.fromFacilityId,
      fromProvince: fromFacility.provinceCode,
      version: rotations.version,
    })
    .from(rotations)
    .innerJoin(staff, eq(staff.id, rotations.staffId))
    .innerJoin(fromFacility, eq(fromFacility.id, rotations.fromFacilityId))
    .innerJoin(toFacility, eq(toFacility.id, rotations.toFacilityId))
    .where(and(where, inArray(groupColumn, keys.map((k) => k.key))))
    .orderBy(asc(rotations.startOn), asc(rotations.id))
    .all();

  // 3. Everything that holds the people shown, for the clash highlight (the same rule as the form).
  const commitments = listCommitmentsByStaff(db, { staffIds: [...new Set(rows.map((r) => r.staffId))] }, window);

  const openable = new Set(filters.view === "person" ? openablePeople(db, actor, keys.map((k) => k.key)) : []);
  const groups = new Map<number, BoardGroup>(keys.map((k) => [k.key, { key: k.key, label: k.label, sublabel: null, open: openable.has(k.key), bars: [] }]));
  let conflictCount = 0;
  for (const r of rows) {
    const status = displayStatus(r, today);
    const clash =
      r.status === "cancelled"
        ? null
        : (findClashes(commitments.get(r.staffId) ?? [], { start: r.startOn, end: r.endOn }, { ignore: { kind: "rotation", id: r.id } })[0] ?? null);
    if (clash || r.overrideReason) conflictCount += 1;
    const place = barPlacement({ start: r.startOn, end: r.endOn }, window)!;
    const group = groups.get(filters.view === "person" ? r.staffId : r.toFacilityId)!;
    if (filters.view === "person") group.sublabel = r.fromName;
    group.bars.push({
      id: r.id,
      staffName: r.staffName,
      fromName: r.fromName,
      toName: r.toName,
      purpose: r.purpose,
      startOn: r.startOn,
      endOn: r.endOn,
      status,
      left: place.left,
      width: place.width,
      clash,
      overrideReason: r.overrideReason,
      canMove: checkEditable(r) === null && canChange(actor, "rotations.manage", { facilityId: r.fromFacilityId, provinceCode: r.fromProvince }),
      version: r.version,
    });
  }
  const todayAt =
    today >= window.start && today <= window.end ? pct(daysInclusive({ start: window.start, end: today }) - 0.5, total) : null;
  return { window, todayAt, ticks: ticks(window, total), groups: toPage([...groups.values()], groupTotal, at), conflictCount };
}

function ticks(window: DateRange, total: number) {
  const out: { date: string; at: number }[] = [];
  for (let d = window.start; d <= window.end; d = addMonthsIso(d, 1)) {
    out.push({ date: d, at: pct(daysInclusive({ start: window.start, end: d }) - 1, total) });
  }
  return out;
}

/**
 * Facilities for the board's filter: for a facility user, their own and those they send to
 * or receive from; for a department, those of its province and their counterparts; for the
 * administrator, every facility that sends or receives. Each branch reads an index only.
 */
export function boardFacilityOptions(db: Db, actor: Actor, locale: Locale = "vi"): { value: number; label: string }[] {
  const inScope = (facilityId: SQL) => facilityScopeCondition(actor, facilityId);
  // The administrator's scope is every facility: only those taking part in a rotation are listed.
  const own = readsEverything(actor) ? sql`` : sql`select id from facilities where ${inScope(sql`id`)} union `;
  const ids = sql`${own}select to_facility_id from rotations where ${inScope(sql`from_facility_id`)}
              union select from_facility_id from rotations where ${inScope(sql`to_facility_id`)}`;
  return db.all<{ value: number; label: string }>(sql`
    select f.id as value, ${facilityShortNameSqlAt("f", locale)} as label from facilities f
     where f.id in (${ids})
     order by label limit 500`);
}
