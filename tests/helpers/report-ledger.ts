// A random adoption ledger with level changes, suspensions and resumptions (same-day ones too),
// a catalogue level change and competence levels, and its replay from the raw tables with the
// pure rules: what every report figure and drill-down list should hold. Shared by the report
// tests that compare SQL figures with the ledger.
import { sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { facilityCompetenceLevels, facilityLevels } from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import { recordAdoptionEvents, type AdoptionEventInput } from "~/models/adoption/ledger.server";
import { ledgerStateOn, type LedgerEvent } from "~/models/adoption/rules";
import { addDaysIso } from "~/models/dates";
import { LEVELS, type Level } from "~/models/enums";
import { changeFacilityLevel } from "~/models/facilities/commands.server";
import { recordTechniqueLevel } from "~/models/catalogue/levels.server";
import type { Category, PairFilter } from "~/models/reports/pairs-sql.server";
import type { ReportDimension } from "~/models/reports/registry";
import { createPrng, type Prng } from "../../seeds/prng";
import { createTestDb } from "./db";
import { makeFacility, makeProvince, makeTechnique } from "./factories";

export const TODAY = "2025-10-15";
export const admin: Actor = { userId: 0, role: "admin", facilityId: null, provinceCode: null };

const DAY = 86_400_000;
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;
const fromDayNumber = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);
const randomDate = (r: Prng, start: string, end: string) => fromDayNumber(r.int(dayNumber(start), dayNumber(end)));
const later = (date: string, days: number) => (addDaysIso(date, days) < TODAY ? addDaysIso(date, days) : TODAY);

export function buildLedger(seed: string) {
  const db = createTestDb();
  const r = createPrng(seed);
  const provinces = [makeProvince(db).code, makeProvince(db).code];
  const facilities = Array.from({ length: 10 }, (_, i) => {
    const level = r.pick(LEVELS);
    const f = makeFacility(db, { level, provinceCode: i === 9 ? null : r.pick(provinces), openedOn: "2010-01-01" });
    // Most facilities carry a history row (as createFacility writes one); the others read facilities.level.
    if (i % 3 !== 0) db.insert(facilityLevels).values({ facilityId: f.id, level, validFrom: "2010-01-01" }).run();
    return f;
  });
  const minLevels: (Level | null)[] = ["A", "B", "C", "D", null];
  const techniques = Array.from({ length: 14 }, (_, i) => makeTechnique(db, { chapterNumber: [3, 10, 18][i % 3], minLevel: r.pick(minLevels) }));

  const events: AdoptionEventInput[] = [];
  for (const f of facilities) {
    for (const t of r.shuffle(techniques).slice(0, r.int(5, 10))) {
      const base = { facilityId: f.id, techniqueId: t.id };
      const started = randomDate(r, "2012-01-01", TODAY);
      events.push({ ...base, kind: "started", eventOn: started });
      if (r.chance(0.7)) events.push({ ...base, kind: "approved", eventOn: later(started, r.int(0, 400)) });
      // Up to three suspensions, each resumed or not; a resumption may fall on the suspension's day.
      let cursor = started;
      for (let cycle = 0; cycle < 3 && r.chance(0.45) && cursor < TODAY; cycle++) {
        const suspended = later(cursor, r.int(cycle === 0 ? 0 : 1, 900));
        events.push({ ...base, kind: "suspended", eventOn: suspended });
        if (!r.chance(0.7)) break;
        cursor = later(suspended, r.int(0, 500));
        events.push({ ...base, kind: "resumed", eventOn: cursor });
      }
    }
  }
  db.transaction((tx) => recordAdoptionEvents(tx, events, null, TODAY, { audit: false }));
  // Level changes recorded after the events (back-dated ones reclassify existing pairs) and
  // dated technique level changes (pairs that started from their date take the new level).
  for (const f of facilities.slice(0, 4)) {
    changeFacilityLevel(db, f.id, r.pick(LEVELS), randomDate(r, "2014-01-01", TODAY), null, null, TODAY);
  }
  db.transaction((tx) => {
    recordTechniqueLevel(tx, { techniqueId: techniques[0].id, level: "A", validFrom: randomDate(r, "2014-01-01", TODAY) }, null, TODAY);
    recordTechniqueLevel(tx, { techniqueId: techniques[1].id, level: null, validFrom: randomDate(r, "2014-01-01", TODAY) }, null, TODAY);
    recordTechniqueLevel(tx, { techniqueId: techniques[2].id, level: "D", validFrom: randomDate(r, "2014-01-01", TODAY) }, null, TODAY);
  });
  // Competence levels (Law 15/2023) on fixed dates, without drawing from the generator: some
  // facilities classified from 2024, some reclassified on 1 July 2025, the rest never.
  const competences = ["initial", "basic", "specialised"] as const;
  facilities.forEach((f, i) => {
    if (i % 3 === 2) return;
    db.insert(facilityCompetenceLevels).values({ facilityId: f.id, competence: competences[i % 3], validFrom: "2024-01-01" }).run();
    if (i % 2 === 0) db.insert(facilityCompetenceLevels).values({ facilityId: f.id, competence: "basic", validFrom: "2025-07-01" }).run();
  });
  return { db, provinces, facilities, techniques };
}

/** The pairs of a report replayed from the raw tables: no summary row, no report SQL. */
export function replay(db: Db, actor: Actor, filter: PairFilter, reportDate: string) {
  const history = db.all<{ facilityId: number; level: Level; validFrom: string }>(
    sql`select facility_id as facilityId, level, valid_from as validFrom from facility_levels order by valid_from`,
  );
  const competenceHistory = db.all<{ facilityId: number; competence: string; validFrom: string }>(
    sql`select facility_id as facilityId, competence, valid_from as validFrom from facility_competence_levels order by valid_from`,
  );
  const competenceOn = (f: { id: number }, date: string): string =>
    [...competenceHistory].reverse().find((h) => h.facilityId === f.id && h.validFrom <= date)?.competence ?? "none";
  const levelOn = (f: { id: number; level: Level }, date: string): Level => {
    const rows = history.filter((h) => h.facilityId === f.id);
    if (rows.length === 0) return f.level;
    return [...rows].reverse().find((h) => h.validFrom <= date)?.level ?? rows[0].level;
  };
  const facilities = db
    .all<{ id: number; level: Level; provinceCode: string | null }>(sql`select id, level, province_code as provinceCode from facilities`)
    .filter((f) => actor.role === "admin" || (actor.role === "department" ? f.provinceCode === actor.provinceCode : f.id === actor.facilityId))
    .filter((f) => !filter.provinceCode || f.provinceCode === filter.provinceCode)
    .filter((f) => !filter.facilityId || f.id === filter.facilityId)
    .filter((f) => !filter.levels?.length || filter.levels.includes(levelOn(f, reportDate)))
    .filter((f) => !filter.competences?.length || (filter.competences as readonly string[]).includes(competenceOn(f, reportDate)));
  const techniques = new Map(
    db.all<{ id: number; minLevel: Level | null; chapterNumber: number }>(sql`select id, min_level as minLevel, chapter_number as chapterNumber from techniques`).map((t) => [t.id, t]),
  );
  const techniqueHistory = db.all<{ techniqueId: number; level: Level | null; validFrom: string }>(
    sql`select technique_id as techniqueId, level, valid_from as validFrom from technique_levels order by valid_from`,
  );
  const techniqueLevelOn = (t: { id: number; minLevel: Level | null }, date: string): Level | null => {
    const rows = techniqueHistory.filter((h) => h.techniqueId === t.id);
    if (rows.length === 0) return t.minLevel;
    const row = [...rows].reverse().find((h) => h.validFrom <= date) ?? rows[0];
    return row.level;
  };
  const events = db.all<LedgerEvent & { facilityId: number; techniqueId: number }>(
    sql`select facility_id as facilityId, technique_id as techniqueId, kind, event_on as eventOn from adoption_events where event_on <= ${reportDate}`,
  );
  const pairs = [];
  for (const f of facilities) {
    for (const [techniqueId, technique] of techniques) {
      const own = events.filter((e) => e.facilityId === f.id && e.techniqueId === techniqueId);
      const startedOn = own.find((e) => e.kind === "started")?.eventOn;
      if (!startedOn) continue;
      const approvedOn = own.find((e) => e.kind === "approved")?.eventOn ?? null;
      const techniqueLevel = techniqueLevelOn({ id: techniqueId, minLevel: technique.minLevel }, startedOn);
      const cross = techniqueLevel !== null && techniqueLevel < levelOn(f, startedOn);
      if (filter.crossOnly !== false && !cross) continue;
      if (filter.chapterNumber && technique.chapterNumber !== filter.chapterNumber) continue;
      pairs.push({
        facilityId: f.id,
        techniqueId,
        keys: {
          total: "total",
          province: f.provinceCode ?? "-",
          level: levelOn(f, reportDate),
          competence: competenceOn(f, reportDate),
          facility: String(f.id),
          chapter: String(technique.chapterNumber),
        } satisfies Record<ReportDimension, string>,
        from: { all: startedOn, official: approvedOn === null ? null : approvedOn > startedOn ? approvedOn : startedOn } satisfies Record<Category, string | null>,
        performedOn: (date: string) => ledgerStateOn(own, date).active,
      });
    }
  }
  return pairs.sort((a, b) => a.facilityId - b.facilityId || a.techniqueId - b.techniqueId);
}

export type Replayed = ReturnType<typeof replay>[number];

