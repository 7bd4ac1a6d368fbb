// In-app notifications: written beside the event that causes them, read and marked per user.
//
// Notifications are a reader's inbox, not a domain record: they carry ids of records that keep
// their own audit trail, so writing one or marking it read writes no audit event of its own.
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "~/db/client.server";
import { agreementParties, agreements, courses, enrolments, notifications, staff, users } from "~/db/schema";
import { ownFacilityId, type Actor } from "~/models/access/policy";
import { addDaysIso } from "~/models/dates";
import type { EnrolmentStatus, NotificationKind } from "~/models/enums";
import { paginate, type Page, type PageRequest } from "~/utils/pagination";
import { enrolmentNotificationKind, EXPIRY_REMINDER_DAYS, expiryReminderKey } from "./rules";

/**
 * Tells the users of the trainee's facility (and whoever requested the seat) that an
 * enrolment changed, when the change is one that notifies. Call inside the transaction that
 * changed it; the user who made the change is not told of their own act.
 */
export function notifyEnrolmentChange(
  db: Db,
  change: { enrolmentId: number; before: EnrolmentStatus; after: EnrolmentStatus },
  actorUserId: number | null,
  now: string,
): number {
  const kind = enrolmentNotificationKind(change.before, change.after);
  if (!kind) return 0;
  return db.run(sql`
    insert into ${notifications} (user_id, kind, enrolment_id, created_at)
    select u.id, ${kind}, e.id, ${now}
    from ${enrolments} e
    join ${staff} s on s.id = e.staff_id
    join ${users} u on u.active = 1 and (u.facility_id = s.facility_id or u.id = e.requested_by)
    where e.id = ${change.enrolmentId} and u.id is not ${actorUserId}
  `).changes;
}

/**
 * Writes the expiry reminders the actor lacks: one per agreement of their facility (a party or
 * the owner) that is active and ends within EXPIRY_REMINDER_DAYS of `today`, once per end
 * date. It reads first and writes only when something is missing, so the pages that call it
 * take the write lock once a day at most.
 */
export function ensureExpiryReminders(db: Db, actor: Actor, today: string, now = new Date().toISOString()): number {
  const facilityId = ownFacilityId(actor);
  if (facilityId === null) return 0;
  const due = db.all<{ id: number; endOn: string }>(sql`
    select a.id, a.end_on as endOn from ${agreements} a
    where a.status = 'active' and a.end_on >= ${today} and a.end_on <= ${addDaysIso(today, EXPIRY_REMINDER_DAYS)}
      and (a.owner_facility_id = ${facilityId}
           or exists (select 1 from ${agreementParties} p where p.agreement_id = a.id and p.facility_id = ${facilityId}))
      and not exists (select 1 from ${notifications} n
                      where n.user_id = ${actor.userId} and n.dedupe_key = 'agreement_expiring:' || a.id || ':' || a.end_on)
  `);
  if (due.length === 0) return 0;
  return db.transaction((tx) => {
    let written = 0;
    for (const a of due) {
      written += tx
        .insert(notifications)
        .values({
          userId: actor.userId,
          kind: "agreement_expiring",
          agreementId: a.id,
          onDate: a.endOn,
          dedupeKey: expiryReminderKey(a.id, a.endOn),
          createdAt: now,
        })
        .onConflictDoNothing()
        .run().changes;
    }
    return written;
  });
}

export function countUnread(db: Db, userId: number): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
      .get()?.n ?? 0
  );
}

export type NotificationRow = {
  id: number;
  kind: NotificationKind;
  createdAt: string;
  readAt: string | null;
  onDate: string | null;
  courseId: number | null;
  courseTitle: string | null;
  staffName: string | null;
  agreementId: number | null;
  agreementNumber: string | null;
  agreementTitle: string | null;
};

const trainee = alias(staff, "trainee");

function selectRows(db: Db, userId: number) {
  return db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
      onDate: notifications.onDate,
      courseId: courses.id,
      courseTitle: courses.title,
      staffName: trainee.fullName,
      agreementId: agreements.id,
      agreementNumber: agreements.number,
      agreementTitle: agreements.title,
    })
    .from(notifications)
    .leftJoin(enrolments, eq(enrolments.id, notifications.enrolmentId))
    .leftJoin(courses, eq(courses.id, enrolments.courseId))
    .leftJoin(trainee, eq(trainee.id, enrolments.staffId))
    .leftJoin(agreements, eq(agreements.id, notifications.agreementId))
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id));
}

/** The user's notifications, newest first. Only ever the user's own. */
export function listNotifications(db: Db, userId: number, page: PageRequest): Page<NotificationRow> {
  return paginate(
    page,
    () => db.select({ n: sql<number>`count(*)` }).from(notifications).where(eq(notifications.userId, userId)).get()?.n ?? 0,
    (at) => selectRows(db, userId).limit(at.pageSize).offset(at.offset).all(),
  );
}

export function listRecentNotifications(db: Db, userId: number, limit: number): NotificationRow[] {
  return selectRows(db, userId).limit(limit).all();
}

/** Marks one of the user's notifications read; another user's id changes nothing (false). */
export function markNotificationRead(db: Db, userId: number, id: number, now = new Date().toISOString()): boolean {
  const found = db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .get();
  if (!found) return false;
  db.update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.id, id), isNull(notifications.readAt)))
    .run();
  return true;
}

export function markAllNotificationsRead(db: Db, userId: number, now = new Date().toISOString()): number {
  return db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .run().changes;
}
