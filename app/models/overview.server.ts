import { sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { facilities, provinces, staff, techniques } from "~/db/schema";

export type OverviewCounts = { facilities: number; techniques: number; provinces: number; staff: number };

export function getOverviewCounts(db: Db): OverviewCounts {
  const count = (table: typeof facilities | typeof techniques | typeof provinces | typeof staff) =>
    db.select({ n: sql<number>`count(*)` }).from(table).get()?.n ?? 0;
  return {
    facilities: count(facilities),
    techniques: count(techniques),
    provinces: count(provinces),
    staff: count(staff),
  };
}

/** Answers only when the database does: a trivial query through the real connection. */
export function pingDb(db: Db): boolean {
  return db.get<{ ok: number }>(sql`select 1 as ok`)?.ok === 1;
}
