// Loads the commitments that hold a person for whole days, for the one clash rule in
// rules.ts: their rotations that are not cancelled, the courses they attend (enrolment
// requested, approved, enrolled or completed), the courses they train (named trainer of
// the course for its whole span, or trainer of single sessions on those days) and their
// periods away (leave, illness: staff_unavailability). Cancelled courses hold nobody. One SQL
// statement serves one person or a whole facility.
import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "~/models/audit/audit.server";
import type { DateRange } from "~/models/dates";
import { facilityShortNameSqlAt } from "~/models/facilities/names.server";
import { unavailabilityTitleSql } from "~/models/staff/unavailability-titles.server";
import { clashError, findClashes, type ClashOptions, type Commitment, type CommitmentKind } from "./rules";

/** Enrolment statuses that hold a seat and therefore the person's days. */
export const BUSY_ENROLMENT_STATUSES = ["requested", "approved", "enrolled", "completed"] as const;

type Row = { staffId: number; kind: CommitmentKind; id: number; title: string; titleEn: string; start: string; end: string };

const busyStatuses = sql.join(
  BUSY_ENROLMENT_STATUSES.map((s) => sql`${s}`),
  sql`, `,
);

/**
 * Commitments of the staff matched by `who` (an SQL condition on `s`, the staff table),
 * overlapping `range` when given. Rotations are titled with the receiving facility's short
 * name (and, for English readers, its English name), courses with their title, periods away
 * with their kind in each language.
 */
function loadRows(db: Tx, who: SQL, range: DateRange | null): Row[] {
  const within = (start: SQL, end: SQL) =>
    range ? sql`${start} <= ${range.end} and ${end} >= ${range.start}` : sql`1 = 1`;
  return db.all<Row>(sql`
    select r.staff_id as staffId, 'rotation' as kind, r.id as id, f.short_name as title,
           ${facilityShortNameSqlAt("f", "en")} as titleEn, r.start_on as start, r.end_on as "end"
      from rotations r
      join staff s on s.id = r.staff_id
      join facilities f on f.id = r.to_facility_id
     where ${who} and r.status <> 'cancelled' and ${within(sql`r.start_on`, sql`r.end_on`)}
    union all
    select e.staff_id, 'course_attendance', c.id, c.title, c.title, c.start_on, c.end_on
      from enrolments e
      join staff s on s.id = e.staff_id
      join courses c on c.id = e.course_id
     where ${who} and e.status in (${busyStatuses}) and c.status <> 'cancelled'
       and ${within(sql`c.start_on`, sql`c.end_on`)}
    union all
    select ct.staff_id, 'course_training', c.id, c.title, c.title, c.start_on, c.end_on
      from course_trainers ct
      join staff s on s.id = ct.staff_id
      join courses c on c.id = ct.course_id
     where ${who} and c.status <> 'cancelled' and ${within(sql`c.start_on`, sql`c.end_on`)}
    union all
    select distinct cs.trainer_id, 'course_training', c.id, c.title, c.title, cs.held_on, cs.held_on
      from course_sessions cs
      join staff s on s.id = cs.trainer_id
      join courses c on c.id = cs.course_id
     where ${who} and c.status <> 'cancelled' and ${within(sql`cs.held_on`, sql`cs.held_on`)}
       and not exists (select 1 from course_trainers x where x.course_id = c.id and x.staff_id = cs.trainer_id)
    union all
    select u.staff_id, 'unavailability', u.id, ${unavailabilityTitleSql(sql`u.kind`, "vi")},
           ${unavailabilityTitleSql(sql`u.kind`, "en")}, u.start_on, u.end_on
      from staff_unavailability u
      join staff s on s.id = u.staff_id
     where ${who} and ${within(sql`u.start_on`, sql`u.end_on`)}
  `);
}

function toCommitment(row: Row): Commitment {
  return { kind: row.kind, id: row.id, title: row.title, titleEn: row.titleEn, start: row.start, end: row.end };
}

/** One person's commitments overlapping `range` (all of them when `range` is null). */
export function listCommitments(db: Tx, staffId: number, range: DateRange | null = null): Commitment[] {
  return loadRows(db, sql`s.id = ${staffId}`, range)
    .map(toCommitment)
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}

/** Commitments of every staff member of a facility (or of the given staff), keyed by staff id. */
export function listCommitmentsByStaff(
  db: Tx,
  who: { facilityId: number } | { staffIds: readonly number[] },
  range: DateRange | null = null,
): Map<number, Commitment[]> {
  const result = new Map<number, Commitment[]>();
  let condition: SQL;
  if ("facilityId" in who) {
    condition = sql`s.facility_id = ${who.facilityId}`;
  } else {
    if (who.staffIds.length === 0) return result;
    condition = sql`s.id in (${sql.join(
      who.staffIds.map((id) => sql`${id}`),
      sql`, `,
    )})`;
  }
  for (const row of loadRows(db, condition, range)) {
    const list = result.get(row.staffId) ?? [];
    list.push(toCommitment(row));
    result.set(row.staffId, list);
  }
  return result;
}

/**
 * Throws a 409 naming the first clashing commitment when the person is not free on every
 * day of `range`. The key is `rotations:errors.clash.<kind>` with {title, titleEn, start, end}.
 */
export function assertPersonFree(
  db: Tx,
  staffId: number,
  range: DateRange,
  options: ClashOptions & { field?: string | null } = {},
): void {
  const clashes = findClashes(listCommitments(db, staffId, range), range, options);
  if (clashes.length === 0) return;
  throw clashError(clashes[0], options.field ?? null);
}
