// Remote-support reports: consultations (resolved locally, referred up), training sessions,
// hours and attendees per month, spoke, specialty and hub, and the share of consultations
// resolved locally over time. Every figure is an SQL aggregate over the session indexes; no
// session row is read into JavaScript. The reach is the session log's (`readScope`).
import { sql, type SQL } from "drizzle-orm";
import ExcelJS from "exceljs";
import type { TFunction } from "i18next";
import type { Db } from "~/db/client.server";
import { sqlList } from "~/db/sql";
import { canRead, filterWithinReach, ownFacilityId, ownProvinceCode, readsEverything, type Actor } from "~/models/access/policy";
import { facilityScopeCondition } from "~/models/access/scope-sql.server";
import type { Locale } from "~/models/enums";
import { NotFoundError, ForbiddenError } from "~/models/errors";
import { facilityShortNameSql } from "~/models/facilities/names.server";
import { dashboardProvince } from "~/models/reports/dashboard.server";
import { facilities } from "~/db/schema";
import { idFilter, regionFilter } from "~/models/fields";
import { provinceSessionsCondition, readScope } from "./sessions.server";
import {
  addMeasures,
  byVolume,
  monthsOf,
  NO_MEASURES,
  periodDates,
  resolvedLocallySql,
  resolvePeriod,
  resolvedShare,
  SHARE_CHART_SPOKES,
  trainingHours,
  type ReportPeriod,
  type TeleMeasures,
} from "./reports";

export type TeleReportFilters = ReportPeriod & {
  hub: number | null;
  spoke: number | null;
  chapter: number | null;
  province: string | null;
  /** Spokes the reader chose for the share chart (at most SHARE_CHART_SPOKES); none: the largest. */
  show?: number[];
};

/** One row of a report table: its measures, the share resolved locally and the hours. */
export type TeleReportRow = TeleMeasures & {
  /** The facility id, chapter number or month the row stands for (null: sessions without a specialty). */
  key: string | number | null;
  label: string;
  share: number | null;
  hours: number;
};

export type ShareLine = {
  /** "province": consultations presented by the province's spokes; "all": every consultation of the report; "spoke": one spoke. */
  kind: "province" | "all" | "spoke";
  id: string;
  name: string;
  points: { month: string; resolved: number; withOutcome: number; share: number | null }[];
};

export type TeleReport = {
  filters: TeleReportFilters;
  months: TeleReportRow[];
  bySpoke: TeleReportRow[];
  byChapter: TeleReportRow[];
  byHub: TeleReportRow[];
  totals: TeleReportRow;
  share: ShareLine[];
};

/** One aggregate row of the report's single statement: which table (`dim`), which row (`k`), its measures. */
type Aggregate = TeleMeasures & { dim: string; k: string | number | null };

/** The measures over the chosen sessions (`c`), for one grouping. */
const MEASURES = sql`
  coalesce(sum(c.kind = 'consultation'), 0) as consultations,
  coalesce(sum(c.kind = 'consultation' and ${resolvedLocallySql(sql`c.outcome`)}), 0) as resolvedLocally,
  coalesce(sum(c.kind = 'consultation' and c.outcome = 'referred_up'), 0) as referredUp,
  coalesce(sum(c.kind = 'consultation' and c.outcome is not null), 0) as withOutcome,
  coalesce(sum(c.kind = 'training'), 0) as trainings,
  coalesce(sum(case when c.kind = 'training' then c.minutes else 0 end), 0) as trainingMinutes,
  0 as attendees`;

/** The attendee measures over the trained rows (`t`: one per training session and spoke facility). */
const ATTENDEES = sql`0 as consultations, 0 as resolvedLocally, 0 as referredUp, 0 as withOutcome, 0 as trainings, 0 as trainingMinutes, coalesce(sum(t.n), 0) as attendees`;

function provinceFacilities(code: string): SQL {
  return sql`(select f.id from facilities f where f.province_code = ${code})`;
}

/**
 * The actor's reach, unless a filter already confines the sessions to it: a department's own
 * province, or a facility's own hub or spoke side (the reach is then the filter itself).
 */
function reachCondition(actor: Actor, filters: TeleReportFilters): SQL | null {
  if (readsEverything(actor)) return null;
  const province = ownProvinceCode(actor);
  if (province !== null && filters.province === province) return null;
  const own = ownFacilityId(actor);
  if (own !== null && (filters.hub === own || filters.spoke === own)) return null;
  return readScope(actor);
}

/** The sessions a report counts: the period, the filters and the actor's reach. */
function reportCondition(actor: Actor, filters: TeleReportFilters): SQL {
  const { start, end } = periodDates(filters);
  const where: SQL[] = [sql`tele_sessions.held_on between ${start} and ${end}`];
  if (filters.hub !== null) where.push(sql`tele_sessions.hub_facility_id = ${filters.hub}`);
  if (filters.chapter !== null) where.push(sql`tele_sessions.chapter_number = ${filters.chapter}`);
  if (filters.spoke !== null) {
    where.push(sql`(tele_sessions.spoke_facility_id = ${filters.spoke}
      or tele_sessions.id in (select p.session_id from tele_participants p where p.facility_id = ${filters.spoke} and p.side = 'spoke'))`);
  }
  if (filters.province !== null) where.push(provinceSessionsCondition(filters.province));
  const reach = reachCondition(actor, filters);
  if (reach) where.push(reach);
  return sql.join(where, sql` and `);
}

/**
 * Every figure of a report in one statement: the chosen sessions are read once (a range of one
 * index, materialized with the few columns the figures need), then grouped by month, hub,
 * specialty and spoke; the training attendees per session and spoke facility likewise; and the
 * monthly consultations behind the share lines (the province's spokes, the largest spokes).
 */
function aggregates(db: Db, actor: Actor, filters: TeleReportFilters): Aggregate[] {
  const where = reportCondition(actor, filters);
  // Chosen spokes are drawn only where they presented consultations within the report (and reach).
  const show = (filters.show ?? []).slice(0, SHARE_CHART_SPOKES);
  // The spokes a report speaks for: the one filtered on, else the province's, else every one.
  // Spoke rows, attendees and the share lines' spokes stay within them (a training attended
  // from several provinces counts in a province report only its own attendees).
  const spokeWithin = (column: SQL) =>
    filters.spoke !== null ? sql`${column} = ${filters.spoke}` : filters.province !== null ? sql`${column} in ${provinceFacilities(filters.province)}` : sql`1 = 1`;
  const provinceLine =
    filters.province === null
      ? sql``
      : sql`union all select 'share-province', c.month, ${MEASURES} from chosen c
          where c.kind = 'consultation' and c.spoke in ${provinceFacilities(filters.province)} group by c.month`;
  return db.all<Aggregate>(sql`
    with chosen as materialized (
      select tele_sessions.id as id, substr(tele_sessions.held_on, 1, 7) as month, tele_sessions.hub_facility_id as hub,
             tele_sessions.spoke_facility_id as spoke, tele_sessions.chapter_number as chapter, tele_sessions.kind as kind,
             tele_sessions.outcome as outcome, tele_sessions.duration_minutes as minutes
      from tele_sessions where ${where}),
    trained as materialized (
      select c.id as id, c.month as month, c.hub as hub, c.chapter as chapter, c.minutes as minutes, p.facility_id as facility,
             sum(p.staff_id is not null or p.name is not null) as n
      from chosen c join tele_participants p on p.session_id = c.id
      where c.kind = 'training' and p.side = 'spoke'
      group by c.id, p.facility_id),
    top as (
      select c.spoke as spoke from chosen c
      where c.kind = 'consultation' and c.spoke is not null and ${spokeWithin(sql`c.spoke`)} ${show.length > 0 ? sql`and c.spoke in ${sqlList(show)}` : sql``}
      group by c.spoke having sum(c.outcome is not null) > 0
      order by count(*) desc, (select f.short_name from facilities f where f.id = c.spoke) limit ${SHARE_CHART_SPOKES})
    select 'month' as dim, c.month as k, ${MEASURES} from chosen c group by c.month
    union all select 'hub', c.hub, ${MEASURES} from chosen c group by c.hub
    union all select 'chapter', c.chapter, ${MEASURES} from chosen c group by c.chapter
    union all select 'spoke', c.spoke, ${MEASURES} from chosen c where c.kind = 'consultation' and ${spokeWithin(sql`c.spoke`)} group by c.spoke
    union all select 'month', t.month, ${ATTENDEES} from trained t where ${spokeWithin(sql`t.facility`)} group by t.month
    union all select 'hub', t.hub, ${ATTENDEES} from trained t where ${spokeWithin(sql`t.facility`)} group by t.hub
    union all select 'chapter', t.chapter, ${ATTENDEES} from trained t where ${spokeWithin(sql`t.facility`)} group by t.chapter
    union all select 'spoke', t.facility, 0, 0, 0, 0, count(*), coalesce(sum(t.minutes), 0), coalesce(sum(t.n), 0) from trained t
      where ${spokeWithin(sql`t.facility`)} group by t.facility
    union all select 'share-spoke', c.spoke || ':' || c.month, ${MEASURES} from chosen c
      where c.kind = 'consultation' and c.spoke in (select spoke from top) group by c.spoke, c.month
    union all select 'top', spoke, 0, 0, 0, 0, 0, 0, 0 from top
    ${provinceLine}`);
}

/** The aggregate rows of one table, their measures summed per row key. */
function table(rows: Aggregate[], dim: string): Map<string | number | null, TeleMeasures> {
  const out = new Map<string | number | null, TeleMeasures>();
  for (const { dim: d, k, ...m } of rows) if (d === dim) out.set(k, addMeasures(out.get(k) ?? NO_MEASURES, m));
  return out;
}

function facilityNames(db: Db, ids: number[], locale: Locale): Map<number, string> {
  if (ids.length === 0) return new Map();
  const rows = db.all<{ id: number; name: string }>(
    sql`select ${facilities.id} as id, ${facilityShortNameSql(locale)} as name from ${facilities} where ${facilities.id} in ${sqlList(ids)}`,
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

function row(key: string | number | null, label: string, m: TeleMeasures): TeleReportRow {
  return { ...m, key, label, share: resolvedShare(m.resolvedLocally, m.withOutcome), hours: trainingHours(m) };
}

/** Checks the filters against the records and the actor's reach: unknown ids 404, another province 403. */
function checkFilters(db: Db, actor: Actor, filters: TeleReportFilters): void {
  if (filters.province !== null) {
    const known = db.get<{ n: number }>(sql`select count(*) as n from provinces where code = ${filters.province}`)?.n ?? 0;
    if (!known) throw new NotFoundError();
    if (!filterWithinReach(actor, { provinceCode: filters.province })) throw new ForbiddenError();
  }
  for (const id of [filters.hub, filters.spoke]) {
    if (id !== null && !mayReportOnFacility(db, actor, id)) throw new NotFoundError();
  }
}

/**
 * Whether a report may be filtered on this facility (as hub or spoke): one the actor reads, or
 * one linked with a facility the actor reads (a spoke's hub); unknown facilities never.
 */
export function mayReportOnFacility(db: Db, actor: Actor, id: number): boolean {
  const f = db.get<{ id: number; provinceCode: string | null }>(sql`select id, province_code as provinceCode from facilities where id = ${id}`);
  if (!f) return false;
  if (readsEverything(actor) || canRead(actor, { facilityId: f.id, provinceCode: f.provinceCode })) return true;
  const linked = db.get<{ n: number }>(sql`select count(*) as n from (select 1 from tele_links l
    where (l.hub_facility_id = ${id} and ${facilityScopeCondition(actor, sql`l.spoke_facility_id`)})
       or (l.spoke_facility_id = ${id} and ${facilityScopeCondition(actor, sql`l.hub_facility_id`)}) limit 1)`)?.n ?? 0;
  return linked > 0;
}

/**
 * The filters a reader starts from when the query names none: a department its province; a
 * facility that hosts links as a hub its hub report, any other facility its spoke side;
 * administrators the dashboards' province (the national report, a pass over every session of
 * the period, is one choice away rather than the page every visit opens on).
 */
export function defaultReportFilters(db: Db, actor: Actor, period: ReportPeriod): TeleReportFilters {
  const province = readsEverything(actor) ? dashboardProvince(db, actor, null) : ownProvinceCode(actor);
  const base: TeleReportFilters = { ...period, hub: null, spoke: null, chapter: null, province };
  const own = ownFacilityId(actor);
  if (own === null) return base;
  const isHub = (db.get<{ n: number }>(sql`select count(*) as n from (select 1 from tele_links where hub_facility_id = ${own} limit 1)`)?.n ?? 0) > 0;
  return isHub ? { ...base, hub: own } : { ...base, spoke: own };
}

/** The report's filters from the query string: none named gives the reader's default view; a bad period is a 400 next to its field. */
export function reportFiltersFromQuery(db: Db, actor: Actor, query: URLSearchParams, today: string): TeleReportFilters {
  const period = resolvePeriod({ from: query.get("from"), to: query.get("to") }, today);
  const show = [...new Set(query.getAll("show").map((v) => idFilter.parse(v) ?? null).filter((v): v is number => v !== null))].slice(0, SHARE_CHART_SPOKES);
  const named = ["hub", "spoke", "chapter", "province", "from", "to"].some((k) => query.has(k));
  if (!named) return { ...defaultReportFilters(db, actor, period), show };
  const idOf = (k: string) => idFilter.parse(query.get(k) ?? undefined) ?? null;
  const province = regionFilter.parse(query.get("province") ?? undefined) || null;
  return withinOwnProvince(actor, { ...period, hub: idOf("hub"), spoke: idOf("spoke"), chapter: idOf("chapter"), province, show });
}

/** A department always reports on its own province: a blank province is its own, another one is refused (403). */
export function withinOwnProvince(actor: Actor, filters: TeleReportFilters): TeleReportFilters {
  const own = ownProvinceCode(actor);
  return own !== null && filters.province === null ? { ...filters, province: own } : filters;
}

/** Monthly share points of one line, over every month of the period (a month without consultations: share null). */
function sharePoints(months: string[], counts: Map<string, { resolved: number; withOutcome: number }>): ShareLine["points"] {
  return months.map((month) => {
    const c = counts.get(month) ?? { resolved: 0, withOutcome: 0 };
    return { month, resolved: c.resolved, withOutcome: c.withOutcome, share: resolvedShare(c.resolved, c.withOutcome) };
  });
}

function shareLines(db: Db, rows: Aggregate[], filters: TeleReportFilters, monthRows: TeleReportRow[], names: Map<number, string>, locale: Locale): ShareLine[] {
  const months = monthsOf(filters.fromMonth, filters.toMonth);
  const counts = (list: { month: string; resolvedLocally: number; withOutcome: number }[]) =>
    new Map(list.map((r) => [r.month, { resolved: r.resolvedLocally, withOutcome: r.withOutcome }]));
  const lines: ShareLine[] = [];
  if (filters.province !== null) {
    const province = rows.filter((r) => r.dim === "share-province").map((r) => ({ ...r, month: String(r.k) }));
    const name =
      db.get<{ name: string }>(sql`select case when ${locale} = 'en' then coalesce(nullif(trim(name_en), ''), name) else name end as name from provinces where code = ${filters.province}`)
        ?.name ?? filters.province;
    lines.push({ kind: "province", id: filters.province, name, points: sharePoints(months, counts(province)) });
  } else {
    lines.push({ kind: "all", id: "all", name: "", points: sharePoints(months, counts(monthRows.map((r) => ({ ...r, month: String(r.key) })))) });
  }
  const bySpoke = rows.filter((r) => r.dim === "share-spoke").map((r) => {
    const [spoke, month] = String(r.k).split(":");
    return { ...r, spoke: Number(spoke), month };
  });
  // The largest spokes (chosen in SQL), by consultations then name.
  const consultationsOf = new Map(rows.filter((r) => r.dim === "spoke").map((r) => [Number(r.k), r.consultations]));
  const top = rows
    .filter((r) => r.dim === "top")
    .map((r) => Number(r.k))
    .sort((a, b) => (consultationsOf.get(b) ?? 0) - (consultationsOf.get(a) ?? 0) || (names.get(a) ?? "").localeCompare(names.get(b) ?? "", "vi"));
  for (const id of top) {
    lines.push({ kind: "spoke", id: String(id), name: names.get(id) ?? String(id), points: sharePoints(months, counts(bySpoke.filter((r) => r.spoke === id))) });
  }
  return lines;
}

/**
 * The remote-support report for `filters` within the actor's reach: per month (every month of
 * the period, empty ones included), per spoke, per specialty and per hub, largest first, with
 * the totals and the share-resolved-locally lines. Unknown filters are 404, another province 403.
 */
export function teleReport(db: Db, actor: Actor, filters: TeleReportFilters, locale: Locale): TeleReport {
  checkFilters(db, actor, filters);
  const rows = aggregates(db, actor, filters);
  const byMonth = table(rows, "month");
  const months = monthsOf(filters.fromMonth, filters.toMonth).map((m) => row(m, m, byMonth.get(m) ?? NO_MEASURES));
  const totals = row("total", "", months.reduce<TeleMeasures>((sum, m) => addMeasures(sum, m), NO_MEASURES));

  const spokeMeasures = new Map([...table(rows, "spoke")].filter(([k]) => k !== null).map(([k, m]) => [Number(k), m]));
  const hubMeasures = new Map([...table(rows, "hub")].map(([k, m]) => [Number(k), m]));
  const names = facilityNames(db, [...new Set([...spokeMeasures.keys(), ...hubMeasures.keys()])], locale);
  const bySpoke = byVolume([...spokeMeasures].map(([id, m]) => row(id, names.get(id) ?? String(id), m)));
  const byHub = byVolume([...hubMeasures].map(([id, m]) => row(id, names.get(id) ?? String(id), m)));

  const chapterNames = new Map(db.all<{ number: number; name: string }>(sql`select number, name from chapters`).map((c) => [c.number, c.name]));
  const byChapter = byVolume(
    [...table(rows, "chapter")].map(([n, m]) => row(n === null ? null : Number(n), n === null ? "" : `${n}. ${chapterNames.get(Number(n)) ?? ""}`, m)),
  );

  return { filters, months, bySpoke, byChapter, byHub, totals, share: shareLines(db, rows, filters, months, names, locale) };
}

/**
 * One hub's report over a period of months, as `/tele/reports?hub=` shows it (the national
 * benchmark calls this). It relies on two indexes of `tele_sessions`:
 * - `tele_sessions_hub_report_idx` (hub_facility_id, held_on, kind, outcome, spoke_facility_id,
 *   chapter_number, duration_minutes): every per-month, per-spoke, per-specialty and share
 *   aggregate of the hub is a range scan of the hub's entries for the period, read from the
 *   index alone;
 * - `tele_participants_session_idx` (session_id): the attendees of the hub's training sessions.
 * The actor's reach narrows the rows in the same scan (a facility actor's own sessions).
 */
export function hubReport(db: Db, actor: Actor, options: { hubFacilityId: number; fromMonth: string; toMonth: string }, locale: Locale): TeleReport {
  return teleReport(db, actor, { fromMonth: options.fromMonth, toMonth: options.toMonth, hub: options.hubFacilityId, spoke: null, chapter: null, province: null }, locale);
}

/** The report's tables as a workbook (`t` of the tele namespace): one sheet per table, the share lines in the last. */
export async function teleReportXlsx(report: TeleReport, t: TFunction): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "CGKT";
  const measureColumns = [
    { header: t("reports.columns.consultations"), key: "consultations", width: 14 },
    { header: t("reports.columns.resolvedLocally"), key: "resolvedLocally", width: 16 },
    { header: t("sessions.outcome.referred_up"), key: "referredUp", width: 14 },
    { header: t("reports.columns.share"), key: "share", width: 14 },
    { header: t("reports.columns.trainings"), key: "trainings", width: 14 },
    { header: t("reports.columns.hours"), key: "hours", width: 12 },
    { header: t("reports.columns.attendees"), key: "attendees", width: 12 },
  ];
  const tables: [string, string, TeleReportRow[]][] = [
    [t("reports.byMonth"), t("reports.columns.month"), report.months],
    [t("reports.bySpoke"), t("reports.columns.spoke"), report.bySpoke],
    [t("reports.byChapter"), t("reports.columns.chapter"), report.byChapter.map((r) => (r.key === null ? { ...r, label: t("reports.chapterNone") } : r))],
    [t("reports.byHub"), t("reports.columns.hub"), report.byHub],
  ];
  for (const [name, first, rows] of tables) {
    const sheet = workbook.addWorksheet(name.slice(0, 31));
    sheet.columns = [{ header: first, key: "label", width: 40 }, ...measureColumns];
    sheet.getRow(1).font = { bold: true };
    for (const r of rows) sheet.addRow({ ...r, share: r.share ?? "" });
  }
  const share = workbook.addWorksheet(t("reports.share.sheet").slice(0, 31));
  share.columns = [
    { header: t("reports:report.group"), key: "line", width: 40 },
    { header: t("reports.columns.month"), key: "month", width: 10 },
    { header: t("reports.columns.resolvedLocally"), key: "resolved", width: 16 },
    { header: t("reports.columns.withOutcome"), key: "withOutcome", width: 16 },
    { header: t("reports.columns.share"), key: "share", width: 12 },
  ];
  share.getRow(1).font = { bold: true };
  for (const line of report.share) {
    const name = line.kind === "province" ? t("reports.share.provinceLine", { province: line.name }) : line.kind === "all" ? t("reports.share.allLine") : line.name;
    for (const p of line.points) share.addRow({ line: name, month: p.month, resolved: p.resolved, withOutcome: p.withOutcome, share: p.share ?? "" });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
