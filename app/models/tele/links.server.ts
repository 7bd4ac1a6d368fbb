// Hub–spoke links in the database. `activeLink` is the shared answer to "may hub H hold a session
// with spoke P in chapter C on date D": sessions and schedules both ask it.
import { and, asc, eq, gte, isNull, lte, or, type SQL } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { teleLinks, type TeleLink } from "~/db/schema";
import type { Tx } from "~/models/audit/audit.server";

/** The SQL form of `isLinkInForce` (links.ts) for a date. */
export function linkInForceSql(date: string): SQL {
  return and(lte(teleLinks.startOn, date), or(isNull(teleLinks.endOn), gte(teleLinks.endOn, date)))!;
}

/**
 * The link in force between a hub and a spoke on a date, for a chapter (null = any chapter: the
 * earliest-started link in force), or null when there is none.
 */
export function activeLink(
  db: Db | Tx,
  hubFacilityId: number,
  spokeFacilityId: number,
  chapterNumber: number | null,
  date: string,
): TeleLink | null {
  const row = db
    .select()
    .from(teleLinks)
    .where(
      and(
        eq(teleLinks.hubFacilityId, hubFacilityId),
        eq(teleLinks.spokeFacilityId, spokeFacilityId),
        chapterNumber === null ? undefined : eq(teleLinks.chapterNumber, chapterNumber),
        linkInForceSql(date),
      ),
    )
    .orderBy(asc(teleLinks.startOn), asc(teleLinks.chapterNumber))
    .limit(1)
    .get();
  return row ?? null;
}
