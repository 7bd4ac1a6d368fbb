// Reporting completeness: which care facilities of a province brought their technique ledger
// up to date in a period, which did not, and when each last did.
//
// A facility updates its ledger when its own people record something in it: an event written
// to adoption_events (started, suspended, resumed; by hand, by a file or by an acceptance) or a
// technique-list request submitted to the department. The department's approvals are the
// department's work and do not count. The date is when the entry was recorded (created_at,
// read as a Vietnamese calendar date), not the milestone date it carries: an entry written in
// August about a technique started in March is an August update.
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { canRead, type Actor } from "~/models/access/policy";
import { addDaysIso } from "~/models/dates";
import { NON_CARE_FACILITY_KINDS, type FacilityKind, type Level } from "~/models/enums";
import { ForbiddenError, NotFoundError } from "~/models/errors";
import { levelOnDateSql } from "~/models/facilities/levels.server";
import { searchTerms } from "~/utils/search";
import { paginate, type Page, type PageRequest } from "~/utils/pagination";
import { COMPLETENESS_SORTS, COMPLETENESS_STATUSES, type CompletenessSort, type CompletenessStatus } from "./completeness";
import { facilitySetSql } from "./pairs-sql.server";

export { COMPLETENESS_SORTS, COMPLETENESS_STATUSES };

export type CompletenessRow = {
  facilityId: number;
  name: string;
  kind: FacilityKind;
  level: Level | null;
  /** Entries recorded in the period (events and submitted requests). */
  entries: number;
  /** The Vietnamese date of the latest entry recorded on or before the period's end; null: never. */
  lastUpdate: string | null;
};

export type CompletenessOptions = {
  provinceCode: string;
  from: string;
  to: string;
  status: CompletenessStatus;
  sort: CompletenessSort;
  q?: string | null;
};

export type Completeness = {
  provinceName: string;
  from: string;
  to: string;
  counts: { facilities: number; updated: number; missing: number };
  page: Page<CompletenessRow>;
};

/** The UTC instant at which a Vietnamese calendar day (UTC+7, no daylight saving) begins. */
export function vietnamDayStartUtc(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00.000+07:00`)).toISOString();
}

export function getLedgerCompleteness(db: Db, actor: Actor, options: CompletenessOptions, today: string, req: PageRequest): Completeness {
  const province = db.get<{ name: string } | undefined>(sql`select name from provinces where code = ${options.provinceCode}`);
  if (!province) throw new NotFoundError();
  if (!canRead(actor, { facilityId: null, provinceCode: options.provinceCode })) throw new ForbiddenError();
  // Recorded instants are compared as text, in the format created_at is written in.
  const lo = vietnamDayStartUtc(options.from);
  const hi = vietnamDayStartUtc(addDaysIso(options.to, 1));
  const nonCare = sql.join(
    NON_CARE_FACILITY_KINDS.map((k) => sql`${k}`),
    sql`, `,
  );
  const search = searchTerms(options.q).map((term) => sql` and fa.search_text like ${`%${term}%`}`);
  // One row per facility of the province in the actor's scope: the latest recorded entry up to
  // the period's end and the entries inside the period, each a range of the facility's rows.
  const base = sql`with f as materialized (
      select fa.id, fa.name, fa.kind, ${levelOnDateSql(sql`fa.id`, sql`${today}`, sql`fa.level`)} as level,
        (select max(x.created_at) from adoption_events x
          where x.facility_id = fa.id and x.kind <> 'approved' and x.created_at < ${hi}) as last_event,
        (select max(r.submitted_at) from technique_list_requests r
          where r.facility_id = fa.id and r.submitted_at < ${hi}) as last_request,
        (select count(*) from adoption_events x
          where x.facility_id = fa.id and x.kind <> 'approved' and x.created_at >= ${lo} and x.created_at < ${hi})
        + (select count(*) from technique_list_requests r
          where r.facility_id = fa.id and r.submitted_at >= ${lo} and r.submitted_at < ${hi}) as entries
      from facilities fa
      where fa.id in (${facilitySetSql(actor, { provinceCode: options.provinceCode }, today)})
        and fa.active = 1 and fa.kind not in (${nonCare})
        and (fa.opened_on is null or fa.opened_on <= ${options.to})
        and (fa.closed_on is null or fa.closed_on >= ${options.from})${sql.join(search, sql``)}),
    u as (select f.*, case when last_event is null then last_request when last_request is null then last_event
        when last_event > last_request then last_event else last_request end as last_at from f)`;
  const statusSql =
    options.status === "updated" ? sql`where entries > 0` : options.status === "missing" ? sql`where entries = 0` : sql``;
  const order: Record<CompletenessSort, SQL> = {
    // Longest without an update first: never (null) before the oldest date.
    stale: sql`last_at is not null, last_at, name collate nocase`,
    recent: sql`last_at is null, last_at desc, name collate nocase`,
    name: sql`name collate nocase, id`,
    entries: sql`entries desc, name collate nocase`,
  };
  const counts = db.get<{ facilities: number; updated: number | null }>(sql`${base} select count(*) as facilities, sum(entries > 0) as updated from u`)!;
  const totalShown = options.status === "updated" ? (counts.updated ?? 0) : options.status === "missing" ? counts.facilities - (counts.updated ?? 0) : counts.facilities;
  const page = paginate(
    req,
    () => totalShown,
    (p) =>
      db
        .all<{ id: number; name: string; kind: FacilityKind; level: Level | null; entries: number; last_at: string | null }>(
          sql`${base} select id, name, kind, level, entries, last_at from u ${statusSql} order by ${order[options.sort]} limit ${p.pageSize} offset ${p.offset}`,
        )
        .map((r) => ({
          facilityId: r.id,
          name: r.name,
          kind: r.kind,
          level: r.level,
          entries: r.entries,
          lastUpdate: r.last_at ? vietnamDate(r.last_at) : null,
        })),
  );
  return {
    provinceName: province.name,
    from: options.from,
    to: options.to,
    counts: { facilities: counts.facilities, updated: counts.updated ?? 0, missing: counts.facilities - (counts.updated ?? 0) },
    page,
  };
}

function vietnamDate(instant: string): string {
  return new Date(Date.parse(instant) + 7 * 3600_000).toISOString().slice(0, 10);
}
