// The director's dashboard: what needs attention at the user's facility — agreements ending
// soon, plan items past their target date, and items waiting for acceptance.
import { and, asc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "~/db/client.server";
import { agreements, facilities, techniques, transferItems } from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import { addDaysIso } from "~/models/dates";
import type { Locale } from "~/models/enums";
import { facilityShortNameSql } from "~/models/facilities/names.server";
import { agreementReadCondition } from "./queries.server";
import { DEFAULT_EXPIRING_DAYS } from "./rules";

const LIMIT = 50;
const fromF = alias(facilities, "from_f");
const toF = alias(facilities, "to_f");

function itemsWhere(db: Db, actor: Actor, condition: ReturnType<typeof sql>, locale: Locale) {
  const where = and(agreementReadCondition(actor), condition);
  const total = db
    .select({ n: sql<number>`count(*)` })
    .from(transferItems)
    .innerJoin(agreements, eq(agreements.id, transferItems.agreementId))
    .where(where)
    .get()?.n ?? 0;
  const rows = db
    .select({
      id: transferItems.id,
      agreementId: agreements.id,
      agreementNumber: agreements.number,
      techniqueCode: techniques.code,
      techniqueName: techniques.name,
      fromName: facilityShortNameSql(locale, fromF),
      toName: facilityShortNameSql(locale, toF),
      stage: transferItems.stage,
      phase: transferItems.phase,
      targetDate: transferItems.targetDate,
    })
    .from(transferItems)
    .innerJoin(agreements, eq(agreements.id, transferItems.agreementId))
    .innerJoin(techniques, eq(techniques.id, transferItems.techniqueId))
    .innerJoin(fromF, eq(fromF.id, transferItems.fromFacilityId))
    .innerJoin(toF, eq(toF.id, transferItems.toFacilityId))
    .where(where)
    .orderBy(asc(transferItems.targetDate), asc(transferItems.id))
    .limit(LIMIT)
    .all();
  return { total, rows };
}

export function getDirectorDashboard(db: Db, actor: Actor, today: string, locale: Locale, days = DEFAULT_EXPIRING_DAYS) {
  const expiringWhere = and(
    agreementReadCondition(actor),
    eq(agreements.status, "active"),
    sql`${agreements.endOn} >= ${today} and ${agreements.endOn} <= ${addDaysIso(today, days)}`,
  );
  const expiring = db
    .select({ id: agreements.id, number: agreements.number, title: agreements.title, endOn: agreements.endOn })
    .from(agreements)
    .where(expiringWhere)
    .orderBy(asc(agreements.endOn))
    .limit(LIMIT)
    .all()
    .map((a) => ({ ...a, daysLeft: Math.round((Date.parse(a.endOn!) - Date.parse(today)) / 86_400_000) }));
  const overdue = itemsWhere(
    db,
    actor,
    sql`${agreements.status} = 'active' and ${transferItems.stage} <> 'accepted' and ${transferItems.targetDate} < ${today}`,
    locale,
  );
  const awaiting = itemsWhere(db, actor, sql`${agreements.status} = 'active' and ${transferItems.stage} = 'independent'`, locale);
  return { days, expiring, overdue, awaiting };
}
