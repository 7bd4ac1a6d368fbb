// A technique's legacy level (phân tuyến, A–D) on a date, from its dated history
// (technique_levels): the row with the latest valid_from on or before the date; before the
// first row, the first row's level; without any history, techniques.min_level. A row may
// carry no level: from its date the technique is "not classified".
//
// A facility × technique pair is classified by the levels in force on the day it started (the
// facility's and the technique's), so recording a level change never rewrites a figure about
// pairs that started before it. techniques.min_level caches the level in force today.
import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "~/models/audit/audit.server";
import { recordAudit } from "~/models/audit/audit.server";
import { isIsoDate } from "~/models/dates";
import type { Level } from "~/models/enums";
import { ConflictError, DomainError, NotFoundError } from "~/models/errors";
import { refreshTechniquePairs } from "~/models/adoption/pair-summary.server";
import { techniqueLevelOnDateSql } from "./level-on-date.server";

export { techniqueLevelOnDateSql };

/** The technique's legacy level on `date`; undefined when the technique does not exist. */
export function techniqueLevelOn(db: Tx, techniqueId: number, date: string): Level | null | undefined {
  const row = db.get<{ level: Level | null } | undefined>(sql`
    select ${techniqueLevelOnDateSql(sql`t.id`, sql`${date}`, sql`t.min_level`)} as level
    from techniques t where t.id = ${techniqueId}`);
  return row ? row.level : undefined;
}

export type TechniqueLevelChange = {
  techniqueId: number;
  level: Level | null;
  validFrom: string;
  editionId?: number | null;
  decisionNumber?: string | null;
  note?: string | null;
};

/**
 * Records a level from `validFrom` on, in the caller's transaction: the history row, the cached
 * level in force on `today`, the pairs that started on or after `validFrom` (their level at
 * start may change; earlier pairs keep theirs). One change per technique and date.
 */
export function recordTechniqueLevel(
  tx: Tx,
  change: TechniqueLevelChange,
  userId: number | null,
  today: string,
  /** An import records one audit event for the whole file instead. */
  options: { audit?: boolean } = {},
): void {
  if (!isIsoDate(change.validFrom)) throw new DomainError("common:validation.invalidDate", { field: "validFrom" });
  const technique = tx.get<{ id: number; code: string; min_level: Level | null } | undefined>(
    sql`select id, code, min_level from techniques where id = ${change.techniqueId}`,
  );
  if (!technique) throw new NotFoundError();
  const sameDay = tx.get(sql`select 1 from technique_levels where technique_id = ${change.techniqueId} and valid_from = ${change.validFrom}`);
  if (sameDay) {
    throw new ConflictError("catalogue:errors.levelDateTaken", { field: "validFrom", params: { code: technique.code, date: change.validFrom } });
  }
  // The first recorded row also stands for the time before it: keep the level the pairs were
  // classified by until now as that earlier history, so recording a change never reaches back.
  const hasHistory = tx.get(sql`select 1 from technique_levels where technique_id = ${change.techniqueId}`);
  if (!hasHistory && technique.min_level !== null) {
    tx.run(sql`insert into technique_levels (technique_id, level, valid_from, note)
      values (${change.techniqueId}, ${technique.min_level}, '0001-01-01', 'level before the first recorded change')`);
  }
  tx.run(sql`insert into technique_levels (technique_id, level, valid_from, edition_id, decision_number, note)
    values (${change.techniqueId}, ${change.level}, ${change.validFrom}, ${change.editionId ?? null},
      ${change.decisionNumber ?? null}, ${change.note ?? null})`);
  const inForce = techniqueLevelOn(tx, change.techniqueId, today) ?? null;
  if (inForce !== technique.min_level) {
    tx.run(sql`update techniques set min_level = ${inForce}, updated_at = ${new Date().toISOString()} where id = ${change.techniqueId}`);
  }
  refreshTechniquePairs(tx, change.techniqueId, change.validFrom);
  if (options.audit === false) return;
  recordAudit(tx, {
    userId,
    action: "update",
    entityType: "technique_level",
    entityId: change.techniqueId,
    before: { minLevel: technique.min_level },
    after: { minLevel: inForce, change: { level: change.level, validFrom: change.validFrom, decisionNumber: change.decisionNumber ?? null } },
  });
}

/** A technique's dated levels, oldest first (the first row also stands for the time before it). */
export function techniqueLevelHistory(db: Tx, techniqueId: number): { level: Level | null; validFrom: string; decisionNumber: string | null; edition: string | null }[] {
  return db.all(sql`select l.level, l.valid_from as validFrom, l.decision_number as decisionNumber, e.name as edition
    from technique_levels l left join catalogue_editions e on e.id = l.edition_id
    where l.technique_id = ${techniqueId} order by l.valid_from`);
}
