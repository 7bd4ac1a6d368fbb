// Calendar export (iCalendar, RFC 5545) of rotations: per staff member (with the courses
// that hold them) and per facility (rotations it sends or receives); the writer (render,
// weeklyEvent) also serves the remote-support schedules. Rotation events are all-day:
// DTSTART is the first day and DTEND the day after the last (exclusive), as RFC 5545 says.
import { and, asc, eq, or } from "drizzle-orm";
import type { TFunction } from "i18next";
import { createEvents, type DateArray, type EventAttributes } from "ics";
import type { Db } from "~/db/client.server";
import { facilities, rotations, staff } from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import { addDaysIso } from "~/models/dates";
import type { RotationStatus } from "~/models/enums";
import { listCommitments } from "~/models/schedule/commitments.server";
import { fromFacility, rotationScope, toFacility } from "./queries.server";
import { getStaffMember } from "~/models/staff/queries.server";
import type { Locale } from "~/models/enums";
import { facilityNameSql } from "~/models/facilities/names.server";

const PRODUCT_ID = "-//cgkt-planner//rotations//VI";

function dateArray(iso: string): DateArray {
  const [y, m, d] = iso.split("-").map(Number);
  return [y, m, d];
}

/** An all-day event over an inclusive `yyyy-MM-dd` range. */
export function allDayEvent(range: { start: string; end: string }): Pick<EventAttributes & { end: DateArray }, "start" | "end"> {
  return { start: dateArray(range.start), end: dateArray(addDaysIso(range.end, 1)) };
}

const ICS_STATUS: Record<RotationStatus, EventAttributes["status"]> = {
  planned: "TENTATIVE",
  confirmed: "CONFIRMED",
  completed: "CONFIRMED",
  cancelled: "CANCELLED",
};

type RotationRow = {
  id: number;
  staffName: string;
  fromName: string;
  toName: string;
  startOn: string;
  endOn: string;
  status: RotationStatus;
  version: number;
};

function rotationEvent(r: RotationRow, t: TFunction): EventAttributes {
  return {
    ...allDayEvent({ start: r.startOn, end: r.endOn }),
    uid: `rotation-${r.id}@cgkt-planner`,
    sequence: r.version,
    title: t("calendar.rotationTitle", { staff: r.staffName, to: r.toName }),
    description: t("calendar.rotationDescription", { staff: r.staffName, from: r.fromName, to: r.toName, status: t(`enums:rotationStatus.${r.status}`) }),
    location: r.toName,
    status: ICS_STATUS[r.status],
    busyStatus: r.status === "cancelled" ? "FREE" : "OOF",
    productId: PRODUCT_ID,
  };
}

/**
 * A timed event repeating by `recurrenceRule` (an RFC 5545 RRULE without the "RRULE:" prefix),
 * its start given and written in UTC, so no time-zone definition is needed in the file.
 */
export function weeklyEvent(input: {
  uid: string;
  sequence: number;
  title: string;
  description?: string;
  location?: string;
  startUtc: [number, number, number, number, number];
  durationMinutes: number;
  recurrenceRule: string;
}): EventAttributes {
  return {
    uid: input.uid,
    sequence: input.sequence,
    title: input.title,
    description: input.description,
    location: input.location,
    start: input.startUtc,
    startInputType: "utc",
    startOutputType: "utc",
    duration: { hours: Math.floor(input.durationMinutes / 60), minutes: input.durationMinutes % 60 },
    recurrenceRule: input.recurrenceRule,
    busyStatus: "BUSY",
    productId: PRODUCT_ID,
  };
}

/** Events as one calendar file (folded to 75 octets). */
export function renderCalendar(events: EventAttributes[], calName: string): string {
  return render(events, calName);
}

function render(events: EventAttributes[], calName: string): string {
  const { error, value } = createEvents(events, { productId: PRODUCT_ID, calName });
  if (error || value === null) throw error ?? new Error("calendar export failed");
  return foldOctets(value);
}

/**
 * RFC 5545 §3.1: content lines are folded at 75 octets (the library counts characters, and a
 * Vietnamese character is 2–3 octets in UTF-8). Refolds without splitting a character.
 */
export function foldOctets(ics: string): string {
  const encoder = new TextEncoder();
  return ics
    .replace(/\r\n[ \t]/g, "")
    .split("\r\n")
    .map((line) => {
      const parts: string[] = [];
      let current = "";
      let size = 0;
      for (const ch of line) {
        const n = encoder.encode(ch).length;
        // continuation lines start with one space, which counts toward their 75 octets
        if (size + n > (parts.length === 0 ? 75 : 74)) {
          parts.push(current);
          current = "";
          size = 0;
        }
        current += ch;
        size += n;
      }
      parts.push(current);
      return parts.join("\r\n ");
    })
    .join("\r\n");
}

function rotationRows(db: Db, where: ReturnType<typeof and>, locale: Locale): RotationRow[] {
  return db
    .select({
      id: rotations.id,
      staffName: staff.fullName,
      fromName: facilityNameSql(locale, fromFacility),
      toName: facilityNameSql(locale, toFacility),
      startOn: rotations.startOn,
      endOn: rotations.endOn,
      status: rotations.status,
      version: rotations.version,
    })
    .from(rotations)
    .innerJoin(staff, eq(staff.id, rotations.staffId))
    .innerJoin(fromFacility, eq(fromFacility.id, rotations.fromFacilityId))
    .innerJoin(toFacility, eq(toFacility.id, rotations.toFacilityId))
    .where(where)
    .orderBy(asc(rotations.startOn))
    .all();
}

/** A staff member's rotations and courses; null when the person is absent or unreadable. */
export function staffCalendar(db: Db, actor: Actor, staffId: number, t: TFunction, locale: Locale = "vi"): { fileName: string; body: string } | null {
  const person = getStaffMember(db, actor, staffId);
  if (!person) return null;
  const events = rotationRows(db, and(eq(rotations.staffId, staffId)), locale).map((r) => rotationEvent(r, t));
  for (const c of listCommitments(db, staffId)) {
    if (c.kind === "rotation") continue;
    events.push({
      ...allDayEvent(c),
      uid: `${c.kind}-${c.id}-${staffId}-${c.start}@cgkt-planner`,
      // The commitment's title in the file's language (a leave period's kind, a course's title).
      title: t(`calendar.${c.kind}`, { title: locale === "en" ? c.titleEn : c.title }),
      busyStatus: "BUSY",
      productId: PRODUCT_ID,
    });
  }
  return { fileName: `luan-phien-nhan-su-${staffId}.ics`, body: render(events, person.member.fullName) };
}

/** Rotations a facility sends or receives, limited to those the actor may read; null when no such facility. */
export function facilityCalendar(db: Db, actor: Actor, facilityId: number, t: TFunction, locale: Locale = "vi"): { fileName: string; body: string } | null {
  const facility = db.select({ id: facilities.id, name: facilityNameSql(locale) }).from(facilities).where(eq(facilities.id, facilityId)).get();
  if (!facility) return null;
  const rows = rotationRows(db, and(or(eq(rotations.fromFacilityId, facilityId), eq(rotations.toFacilityId, facilityId)), rotationScope(actor)), locale);
  return { fileName: `luan-phien-co-so-${facilityId}.ics`, body: render(rows.map((r) => rotationEvent(r, t)), facility.name) };
}
