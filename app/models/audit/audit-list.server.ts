// The audit page's query: administrators read every event; department officers read the
// events of users of their province's facilities, of their province's department accounts
// and their own. Filters by user, record type and Vietnamese calendar dates; paginated.
import { and, count, desc, eq, gte, lt, type SQL } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { auditEvents, users } from "~/db/schema";
import { hasCapability, type Actor } from "~/models/access/policy";
import { accountScopeCondition } from "~/models/access/scope-sql.server";
import { addDaysIso } from "~/models/dates";
import type { AuditAction } from "~/models/enums";
import { ForbiddenError } from "~/models/errors";
import { paginate, type Page, type PageRequest } from "~/utils/pagination";
import { auditDiff, vietnamDayStartUtc, type FieldChange } from "./rules";

export type AuditFilters = {
  username?: string | null;
  entityType?: string | null;
  /** Inclusive calendar dates (Vietnam time), `yyyy-MM-dd`. */
  from?: string | null;
  to?: string | null;
};

export type AuditRow = {
  id: number;
  at: string;
  action: AuditAction;
  entityType: string;
  entityId: string;
  username: string | null;
  displayName: string | null;
  changes: FieldChange[];
};

export function listAuditEvents(db: Db, actor: Actor, filters: AuditFilters, pageReq: PageRequest): Page<AuditRow> {
  if (!hasCapability(actor, "audit.read")) throw new ForbiddenError();
  const conditions: (SQL | undefined)[] = [accountScopeCondition(actor, auditEvents.userId, "audit.read")];
  if (filters.username) {
    const user = db.select({ id: users.id }).from(users).where(eq(users.username, filters.username.trim().toLowerCase())).get();
    conditions.push(eq(auditEvents.userId, user?.id ?? -1));
  }
  if (filters.entityType) conditions.push(eq(auditEvents.entityType, filters.entityType));
  if (filters.from) conditions.push(gte(auditEvents.at, vietnamDayStartUtc(filters.from)));
  if (filters.to) conditions.push(lt(auditEvents.at, vietnamDayStartUtc(addDaysIso(filters.to, 1))));
  const where = and(...conditions);
  return paginate(
    pageReq,
    () => db.select({ n: count() }).from(auditEvents).where(where).get()?.n ?? 0,
    (at) =>
      db
        .select({
          id: auditEvents.id,
          at: auditEvents.at,
          action: auditEvents.action,
          entityType: auditEvents.entityType,
          entityId: auditEvents.entityId,
          before: auditEvents.before,
          after: auditEvents.after,
          username: users.username,
          displayName: users.displayName,
        })
        .from(auditEvents)
        .leftJoin(users, eq(users.id, auditEvents.userId))
        .where(where)
        .orderBy(desc(auditEvents.at), desc(auditEvents.id))
        .limit(at.pageSize)
        .offset(at.offset)
        .all()
        .map(({ before, after, ...row }) => ({ ...row, changes: auditDiff(before, after) })),
  );
}

/** The record types present in the trail, for the filter. */
export function auditEntityTypes(db: Db): string[] {
  return db
    .selectDistinct({ t: auditEvents.entityType })
    .from(auditEvents)
    .orderBy(auditEvents.entityType)
    .all()
    .map((r) => r.t);
}
