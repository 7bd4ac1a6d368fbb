// The care levels (Circular 43/2013: A central, B provincial, C regional, D commune) and every
// rule that compares them, each in the forms the code needs side by side: the TypeScript
// predicate for pages and commands, the SQL fragment for queries and the generated column.
// Both forms rest on one fact, checked by tests/rules/levels.test.ts: the level letters sort in
// rank order, so SQL compares the letters where TypeScript compares the ranks.
import { sql, type SQL } from "drizzle-orm";
import { LEVELS, type Level } from "~/models/enums";

/** A=1 (central) … D=4 (commune): a smaller rank is a higher level. */
export function levelRank(level: Level): number {
  return LEVELS.indexOf(level) + 1;
}

/** Whether `a` is a higher level than `b` (e.g. a central hospital above a provincial one). */
export function isHigherLevel(a: Level, b: Level): boolean {
  return levelRank(a) < levelRank(b);
}

/**
 * Cross-level (kỹ thuật vượt tuyến): the technique's lowest allowed level ranks above the
 * facility's level on the date considered (for the ledger: the day the technique started).
 * A technique the catalogue leaves without a level is never cross-level, and a body without a
 * care level performs nothing.
 */
export function isCrossLevel(techniqueMinLevel: Level | null | undefined, facilityLevel: Level | null | undefined): boolean {
  if (!techniqueMinLevel || !facilityLevel) return false;
  return isHigherLevel(techniqueMinLevel, facilityLevel);
}

/** `isCrossLevel` in SQL, 1 or 0 (never NULL), over a min-level and a facility-level expression. */
export function crossLevelSql(techniqueMinLevel: SQL, facilityLevel: SQL): SQL {
  return sql`coalesce(${techniqueMinLevel} < ${facilityLevel}, 0)`;
}

/**
 * Whether a facility's level allows a technique: its level is the technique's minimum or
 * higher. A technique without a level is not restricted; a body without a care level (a
 * health department) performs nothing by its level.
 */
export function levelAllows(facilityLevel: Level | null, techniqueMinLevel: Level | null): boolean {
  if (techniqueMinLevel === null) return true;
  if (facilityLevel === null) return false;
  return levelRank(facilityLevel) <= levelRank(techniqueMinLevel);
}
