// Recurring schedules of a hub: create, edit, delete (version-checked, audited), read in scope,
// and their calendar files (one weekly event per schedule, through the app's ICS writer).
import { and, eq, sql } from "drizzle-orm";
import type { TFunction } from "i18next";
import type { Db } from "~/db/client.server";
import { chapters, facilities, teleSeries, teleSeriesSpokes, teleSessions, type TeleSeries } from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import { facilityScopeCondition } from "~/models/access/scope-sql.server";
import { assertVersion, recordAudit, type Tx } from "~/models/audit/audit.server";
import type { Locale, TeleSessionKind } from "~/models/enums";
import { ConflictError, DomainError, ForbiddenError, NotFoundError } from "~/models/errors";
import { facilityNameSql, facilityNameSqlAt } from "~/models/facilities/names.server";
import { renderCalendar, weeklyEvent } from "~/models/rotations/calendar.server";
import { activeLink, canManageTele } from "./links.server";
import { checkSeriesTiming, occurrences, vietnamToUtc, weeklyRule } from "./series";

export type SeriesInput = {
  hubFacilityId: number;
  kind: TeleSessionKind;
  title: string;
  chapterNumber?: number | null;
  weekday: number;
  startTime: string;
  durationMinutes: number;
  startOn: string;
  endOn: string;
  spokeFacilityIds: number[];
};

function requireManagedHub(tx: Tx, actor: Actor, hubFacilityId: number) {
  const hub = tx.select({ id: facilities.id, provinceCode: facilities.provinceCode }).from(facilities).where(eq(facilities.id, hubFacilityId)).get();
  if (!hub) throw new DomainError("tele:links.errors.noFacility", { field: "hubFacilityId" });
  if (!canManageTele(actor, hub)) throw new ForbiddenError();
  return hub;
}

/**
 * Each invited spoke needs a link in force with the hub (in the schedule's chapter when it names
 * one) on the later of the schedule's start and today: a schedule begun long ago is checked
 * against the links of now.
 */
function checkSpokes(tx: Tx, input: SeriesInput, today: string): void {
  const on = input.startOn > today ? input.startOn : today > input.endOn ? input.endOn : today;
  const spokes = [...new Set(input.spokeFacilityIds)];
  if (spokes.length === 0) throw new DomainError("tele:links.series.errors.noSpokes", { field: "spokeFacilityIds" });
  for (const spokeId of spokes) {
    if (!activeLink(tx as Db, input.hubFacilityId, spokeId, input.chapterNumber ?? null, on)) {
      throw new DomainError("tele:links.series.errors.spokeNotLinked", { field: "spokeFacilityIds" });
    }
  }
}

function checkInput(tx: Tx, input: SeriesInput, today: string): void {
  const refusal = checkSeriesTiming(input);
  if (refusal) throw refusal;
  if (input.chapterNumber && !tx.select({ n: chapters.number }).from(chapters).where(eq(chapters.number, input.chapterNumber)).get()) {
    throw new DomainError("tele:links.errors.noChapter", { field: "chapterNumber" });
  }
  checkSpokes(tx, input, today);
}

function seriesValues(input: SeriesInput) {
  return {
    kind: input.kind,
    title: input.title.trim(),
    chapterNumber: input.chapterNumber ?? null,
    weekday: input.weekday,
    startTime: input.startTime,
    durationMinutes: input.durationMinutes,
    startOn: input.startOn,
    endOn: input.endOn,
  };
}

function writeSpokes(tx: Tx, seriesId: number, spokeIds: number[]): void {
  tx.delete(teleSeriesSpokes).where(eq(teleSeriesSpokes.seriesId, seriesId)).run();
  const unique = [...new Set(spokeIds)].sort((a, b) => a - b);
  if (unique.length > 0) tx.insert(teleSeriesSpokes).values(unique.map((spokeFacilityId) => ({ seriesId, spokeFacilityId }))).run();
}

export function createSeries(db: Db, actor: Actor, input: SeriesInput, today: string): TeleSeries {
  return db.transaction((tx) => {
    requireManagedHub(tx, actor, input.hubFacilityId);
    checkInput(tx, input, today);
    const row = tx.insert(teleSeries).values({ hubFacilityId: input.hubFacilityId, ...seriesValues(input), createdBy: actor.userId }).returning().get();
    writeSpokes(tx, row.id, input.spokeFacilityIds);
    recordAudit(tx, { userId: actor.userId, action: "create", entityType: "tele_series", entityId: row.id, after: { ...row, spokeFacilityIds: input.spokeFacilityIds } });
    return row;
  });
}

function requireManagedSeries(tx: Tx, actor: Actor, seriesId: number): TeleSeries & { spokeFacilityIds: number[] } {
  const row = tx.select().from(teleSeries).where(eq(teleSeries.id, seriesId)).get();
  if (!row) throw new NotFoundError();
  requireManagedHub(tx, actor, row.hubFacilityId);
  const spokes = tx.select({ id: teleSeriesSpokes.spokeFacilityId }).from(teleSeriesSpokes).where(eq(teleSeriesSpokes.seriesId, seriesId)).all();
  return { ...row, spokeFacilityIds: spokes.map((s) => s.id).sort((a, b) => a - b) };
}

/** Edits a schedule (its hub stays); version-checked. */
export function updateSeries(db: Db, actor: Actor, seriesId: number, input: Omit<SeriesInput, "hubFacilityId"> & { version: number }, today: string): TeleSeries {
  return db.transaction((tx) => {
    const before = requireManagedSeries(tx, actor, seriesId);
    const full: SeriesInput = { ...input, hubFacilityId: before.hubFacilityId };
    assertVersion(before, input.version, { ...seriesValues(full), spokeFacilityIds: [...new Set(input.spokeFacilityIds)].sort((a, b) => a - b) });
    checkInput(tx, full, today);
    const after = tx
      .update(teleSeries)
      .set({ ...seriesValues(full), version: before.version + 1, updatedAt: new Date().toISOString() })
      .where(eq(teleSeries.id, seriesId))
      .returning()
      .get();
    writeSpokes(tx, seriesId, input.spokeFacilityIds);
    recordAudit(tx, { userId: actor.userId, action: "update", entityType: "tele_series", entityId: seriesId, before, after: { ...after, spokeFacilityIds: input.spokeFacilityIds } });
    return after;
  });
}

/** Deletes a schedule that holds no sessions yet (409 otherwise: end it instead); version-checked. */
export function deleteSeries(db: Db, actor: Actor, seriesId: number, formVersion: number): void {
  db.transaction((tx) => {
    const before = requireManagedSeries(tx, actor, seriesId);
    assertVersion(before, formVersion);
    const held = tx.select({ id: teleSessions.id }).from(teleSessions).where(eq(teleSessions.seriesId, seriesId)).limit(1).get();
    if (held) throw new ConflictError("tele:links.series.errors.hasSessions");
    tx.delete(teleSeries).where(eq(teleSeries.id, seriesId)).run();
    recordAudit(tx, { userId: actor.userId, action: "delete", entityType: "tele_series", entityId: seriesId, before });
  });
}

// ---------------------------------------------------------------- queries

export type SeriesRow = TeleSeries & { hubName: string; chapterName: string | null; spokes: { id: number; name: string }[]; canChange: boolean };

/** Schedules the actor reads (its facility is the hub or an invited spoke; a department: its province). */
export function listSeries(db: Db, actor: Actor, options: { hubFacilityId?: number | null; seriesId?: number; locale: Locale }): SeriesRow[] {
  const readable = sql`(${facilityScopeCondition(actor, teleSeries.hubFacilityId)} or exists (select 1 from ${teleSeriesSpokes} ss where ss.series_id = ${teleSeries.id} and ${facilityScopeCondition(actor, sql`ss.spoke_facility_id`)}))`;
  const rows = db
    .select({ series: teleSeries, hubName: facilityNameSql(options.locale), hubProvince: facilities.provinceCode, chapterName: chapters.name })
    .from(teleSeries)
    .innerJoin(facilities, eq(facilities.id, teleSeries.hubFacilityId))
    .leftJoin(chapters, eq(chapters.number, teleSeries.chapterNumber))
    .where(
      and(
        readable,
        options.hubFacilityId ? eq(teleSeries.hubFacilityId, options.hubFacilityId) : undefined,
        options.seriesId ? eq(teleSeries.id, options.seriesId) : undefined,
      ),
    )
    .orderBy(teleSeries.weekday, teleSeries.startTime, teleSeries.id)
    .all();
  if (rows.length === 0) return [];
  const spokes = db.all<{ seriesId: number; id: number; name: string }>(sql`
    select ss.series_id as seriesId, f.id, ${facilityNameSqlAt("f", options.locale)} as name
    from tele_series_spokes ss join facilities f on f.id = ss.spoke_facility_id
    where ss.series_id in (select value from json_each(${JSON.stringify(rows.map((r) => r.series.id))}))
    order by name`);
  return rows.map((r) => ({
    ...r.series,
    hubName: r.hubName,
    chapterName: r.chapterName,
    spokes: spokes.filter((s) => s.seriesId === r.series.id).map(({ id, name }) => ({ id, name })),
    canChange: canManageTele(actor, { id: r.series.hubFacilityId, provinceCode: r.hubProvince }),
  }));
}

export function getSeries(db: Db, actor: Actor, seriesId: number, locale: Locale): SeriesRow | null {
  return listSeries(db, actor, { seriesId, locale })[0] ?? null;
}

/** The next `limit` dates of a schedule from today. */
export function upcomingOccurrences(series: Pick<TeleSeries, "weekday" | "startOn" | "endOn">, today: string, limit = 10): string[] {
  return occurrences(series, today, limit);
}

function seriesEvent(s: SeriesRow, t: TFunction) {
  const [first] = occurrences(s, s.startOn, 1);
  return weeklyEvent({
    uid: `tele-series-${s.id}@cgkt-planner`,
    sequence: s.version,
    title: s.title,
    description: t("links.series.icsDescription", { kind: t(`sessions.kind.${s.kind}`), hub: s.hubName, spokes: s.spokes.map((p) => p.name).join(", ") }),
    location: s.hubName,
    startUtc: vietnamToUtc(first ?? s.startOn, s.startTime),
    durationMinutes: s.durationMinutes,
    recurrenceRule: weeklyRule(s),
  });
}

/** One schedule as a calendar file (one repeating event); null when absent or unreadable. */
export function seriesCalendar(db: Db, actor: Actor, seriesId: number, t: TFunction, locale: Locale): { fileName: string; body: string } | null {
  const s = getSeries(db, actor, seriesId, locale);
  if (!s) return null;
  return { fileName: `lich-hoi-chan-${s.id}.ics`, body: renderCalendar([seriesEvent(s, t)], s.title) };
}

/** Every schedule of a hub the actor reads, in one calendar file; null when no such facility. */
export function hubCalendar(db: Db, actor: Actor, hubFacilityId: number, t: TFunction, locale: Locale): { fileName: string; body: string } | null {
  const hub = db.select({ id: facilities.id, name: facilityNameSql(locale) }).from(facilities).where(eq(facilities.id, hubFacilityId)).get();
  if (!hub) return null;
  const list = listSeries(db, actor, { hubFacilityId, locale });
  return { fileName: `lich-ho-tro-tu-xa-${hub.id}.ics`, body: renderCalendar(list.map((s) => seriesEvent(s, t)), hub.name) };
}
