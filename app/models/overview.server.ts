import { sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { sqlList } from "~/db/sql";
import { facilities, provinces, staff, techniques } from "~/db/schema";
import { readFilter, type Actor } from "~/models/access/policy";
import { addDaysIso } from "~/models/dates";
import type { AgreementStatus, CourseStatus, ListRequestStatus, RotationStatus } from "~/models/enums";

// The statuses the counts read, typed so that renaming one in enums.ts fails the type-check.
const CANCELLED: RotationStatus = "cancelled";
const ACTIVE: AgreementStatus = "active";
const SCHEDULED_COURSE: CourseStatus[] = ["open", "closed"];
const WAITING: ListRequestStatus = "submitted";

export type OverviewCounts = { facilities: number; techniques: number; provinces: number; staff: number };

/** Nationwide totals: the administrator's overview. */
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

/** What a facility's users look at first: its people, who is away or hosted today, what is coming. */
export type FacilityGlance = {
  kind: "facility";
  staff: number;
  awayToday: number;
  hostedToday: number;
  activeAgreements: number;
  coursesNext30Days: number;
};

/** What the health department looks at first: its province's network and what waits for it. */
export type ProvinceGlance = {
  kind: "province";
  facilities: number;
  activeAgreements: number;
  rotationsToday: number;
  listRequestsWaiting: number;
};

export type Glance = FacilityGlance | ProvinceGlance | ({ kind: "national" } & OverviewCounts) | { kind: "none" };

/** Counts for the overview page, in the actor's own scope; each is one indexed aggregate. */
export function getGlance(db: Db, actor: Actor, today: string): Glance {
  const scope = readFilter(actor);
  switch (scope.kind) {
    case "facility":
      return getFacilityGlance(db, scope.facilityId, today);
    case "province":
      return getProvinceGlance(db, scope.provinceCode, today);
    case "all":
      return { kind: "national", ...getOverviewCounts(db) };
    case "none":
      // An account without its facility or province sees no figures rather than the whole network's.
      return { kind: "none" };
  }
}

export function getFacilityGlance(db: Db, facilityId: number, today: string): FacilityGlance {
  const row = db.get<Omit<FacilityGlance, "kind">>(sql`
    select
      (select count(*) from staff where facility_id = ${facilityId} and active = 1) as staff,
      (select count(*) from rotations where from_facility_id = ${facilityId} and status <> ${CANCELLED}
         and start_on <= ${today} and end_on >= ${today}) as awayToday,
      (select count(*) from rotations where to_facility_id = ${facilityId} and status <> ${CANCELLED}
         and start_on <= ${today} and end_on >= ${today}) as hostedToday,
      (select count(*) from agreement_parties p join agreements a on a.id = p.agreement_id
         where p.facility_id = ${facilityId} and a.status = ${ACTIVE}) as activeAgreements,
      (select count(*) from courses where host_facility_id = ${facilityId} and status in ${sqlList(SCHEDULED_COURSE)}
         and start_on >= ${today} and start_on <= ${addDaysIso(today, 30)}) as coursesNext30Days
  `);
  // An aggregate of scalar subqueries always answers one row.
  return { kind: "facility", ...row };
}

export function getProvinceGlance(db: Db, provinceCode: string, today: string): ProvinceGlance {
  const row = db.get<Omit<ProvinceGlance, "kind">>(sql`
    select
      (select count(*) from facilities where province_code = ${provinceCode}) as facilities,
      (select count(distinct a.id) from agreements a
         join agreement_parties p on p.agreement_id = a.id
         join facilities f on f.id = p.facility_id
         where a.status = ${ACTIVE} and f.province_code = ${provinceCode}) as activeAgreements,
      (select count(*) from rotations r join facilities f on f.id = r.to_facility_id
         where f.province_code = ${provinceCode} and r.status <> ${CANCELLED}
         and r.start_on <= ${today} and r.end_on >= ${today}) as rotationsToday,
      (select count(*) from technique_list_requests q join facilities f on f.id = q.facility_id
         where f.province_code = ${provinceCode} and q.status = ${WAITING}) as listRequestsWaiting
  `);
  return { kind: "province", ...row };
}

/** Answers only when the database does: a trivial query through the real connection. */
export function pingDb(db: Db): boolean {
  return db.get<{ ok: number }>(sql`select 1 as ok`)?.ok === 1;
}
