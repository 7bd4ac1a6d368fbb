// Courses: list, calendar, detail, create and edit. Courses are offered across facilities, so
// every signed-in user sees published courses (not drafts of other hosts); participants are
// filtered in enrolments.server.ts. Only the host facility's trainers and administrators
// change a course.
import { and, asc, desc, eq, gte, inArray, like, lte, ne, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import {
  agreementParties,
  agreements,
  chapters,
  courseSessions,
  courses,
  courseTechniques,
  enrolments,
  facilities,
  staff,
  techniques,
  type Course,
} from "~/db/schema";
import { facilityScopeCondition } from "~/models/access/scope-sql.server";
import { canChange, canRead, hasCapability, type Actor } from "~/models/access/policy";
import { assertVersion, recordAudit, type Tx } from "~/models/audit/audit.server";
import { DomainError, ForbiddenError, NotFoundError } from "~/models/errors";
import { assertPersonFree } from "~/models/schedule/commitments.server";
import { paginate, type Page, type PageRequest } from "~/utils/pagination";
import { foldSearch, searchTerms } from "~/utils/search";
import type { CourseFilters, CourseInput } from "./schemas";
import { resolveCourseHost } from "./hosting.server";
import { SEAT_STATUSES, sessionWithinCourse } from "./rules";
import type { Locale } from "~/models/enums";
import { facilityNameSql, facilityShortNameSql } from "~/models/facilities/names.server";

export type CourseScope = { facilityId: number; provinceCode: string | null };

/** Seats held, as an SQL expression over `courses`. */
const seatsTaken = sql<number>`(select count(*) from ${enrolments} e where e.course_id = ${courses.id} and e.status in (${sql.join(
  SEAT_STATUSES.map((s) => sql`${s}`),
  sql`, `,
)}))`;
const waitlisted = sql<number>`(select count(*) from ${enrolments} e where e.course_id = ${courses.id} and e.status = 'waitlisted')`;

/** Drafts are visible to those who may read the host facility's records; the rest to everyone. */
function visibleCondition(actor: Actor): SQL {
  return or(ne(courses.status, "draft"), facilityScopeCondition(actor, courses.hostFacilityId)) as SQL;
}

function filterConditions(actor: Actor, filters: CourseFilters): SQL[] {
  const where: SQL[] = [visibleCondition(actor)];
  if (filters.chapter) where.push(eq(courses.chapterNumber, filters.chapter));
  if (filters.host) where.push(eq(courses.hostFacilityId, filters.host));
  if (filters.status) where.push(eq(courses.status, filters.status));
  // A course is in the date range when it runs on at least one day of it.
  if (filters.from) where.push(gte(courses.endOn, filters.from));
  if (filters.to) where.push(lte(courses.startOn, filters.to));
  for (const term of searchTerms(filters.q)) where.push(like(courses.searchText, `%${term}%`));
  return where;
}

export type CourseListRow = {
  id: number;
  title: string;
  chapterNumber: number | null;
  hostFacilityId: number;
  hostName: string;
  mode: Course["mode"];
  status: Course["status"];
  startOn: string;
  endOn: string;
  capacity: number;
  creditHours: number;
  seatsTaken: number;
  waitlisted: number;
};

export function listCourses(db: Db, actor: Actor, filters: CourseFilters, page: PageRequest, locale: Locale = "vi"): Page<CourseListRow> {
  const where = and(...filterConditions(actor, filters));
  return paginate(
    page,
    () => db.select({ n: sql<number>`count(*)` }).from(courses).where(where).get()?.n ?? 0,
    (at) =>
      courseRows(db, where, locale)
        .limit(at.pageSize)
        .offset(at.offset)
        .all(),
  );
}

/** Every course matching the filters, for the XLSX export (capped to keep a sheet sane). */
export function listCoursesForExport(db: Db, actor: Actor, filters: CourseFilters, limit = 20_000, locale: Locale = "vi"): CourseListRow[] {
  return courseRows(db, and(...filterConditions(actor, filters)), locale)
    .limit(limit)
    .all();
}

/** The list's columns, newest first: one query shape for the page and the export. */
function courseRows(db: Db, where: SQL | undefined, locale: Locale) {
  return db
    .select({
      id: courses.id,
      title: courses.title,
      chapterNumber: courses.chapterNumber,
      hostFacilityId: courses.hostFacilityId,
      hostName: facilityShortNameSql(locale),
      mode: courses.mode,
      status: courses.status,
      startOn: courses.startOn,
      endOn: courses.endOn,
      capacity: courses.capacity,
      creditHours: courses.creditHours,
      seatsTaken,
      waitlisted,
    })
    .from(courses)
    .innerJoin(facilities, eq(facilities.id, courses.hostFacilityId))
    .where(where)
    .orderBy(desc(courses.startOn), desc(courses.id));
}

export type CalendarRow = { id: number; title: string; startOn: string; endOn: string; status: Course["status"]; hostName: string };

/** Courses running on at least one day of `range` (cancelled ones left out), at most `limit`. */
export function listCalendarCourses(
  db: Db,
  actor: Actor,
  range: { start: string; end: string },
  filters: Pick<CourseFilters, "host" | "chapter"> = {},
  limit = 500,
  locale: Locale = "vi",
): CalendarRow[] {
  const where: SQL[] = [
    visibleCondition(actor),
    ne(courses.status, "cancelled"),
    lte(courses.startOn, range.end),
    gte(courses.endOn, range.start),
  ];
  if (filters.host) where.push(eq(courses.hostFacilityId, filters.host));
  if (filters.chapter) where.push(eq(courses.chapterNumber, filters.chapter));
  return db
    .select({
      id: courses.id,
      title: courses.title,
      startOn: courses.startOn,
      endOn: courses.endOn,
      status: courses.status,
      hostName: facilityShortNameSql(locale),
    })
    .from(courses)
    .innerJoin(facilities, eq(facilities.id, courses.hostFacilityId))
    .where(and(...where))
    .orderBy(asc(courses.startOn), asc(courses.id))
    .limit(limit)
    .all();
}

export type CourseDetail = Course & {
  hostName: string;
  hostCode: string;
  hostProvinceCode: string | null;
  chapterName: string | null;
  agreementNumber: string | null;
  agreementTitle: string | null;
  techniques: { id: number; code: string; name: string }[];
  sessions: (typeof courseSessions.$inferSelect & { trainerName: string | null })[];
  seatsTaken: number;
  waitlisted: number;
  /** The actor may edit the course and decide its enrolments. */
  canManage: boolean;
  /** The actor may read every participant (host scope); others see their own staff only. */
  canSeeAll: boolean;
  /** The actor may request seats for their own staff. */
  canRequest: boolean;
};

export function hostScope(db: Tx, course: Pick<Course, "hostFacilityId">): CourseScope {
  const host = db
    .select({ provinceCode: facilities.provinceCode })
    .from(facilities)
    .where(eq(facilities.id, course.hostFacilityId))
    .get();
  return { facilityId: course.hostFacilityId, provinceCode: host?.provinceCode ?? null };
}

/** The course as the actor may see it, or null when absent or a draft of another host. */
export function getCourse(db: Db, actor: Actor, courseId: number, locale: Locale = "vi"): CourseDetail | null {
  const row = db
    .select({
      course: courses,
      hostName: facilityNameSql(locale),
      hostCode: facilities.code,
      hostProvinceCode: facilities.provinceCode,
      chapterName: chapters.name,
      agreementNumber: agreements.number,
      agreementTitle: agreements.title,
      seatsTaken,
      waitlisted,
    })
    .from(courses)
    .innerJoin(facilities, eq(facilities.id, courses.hostFacilityId))
    .leftJoin(chapters, eq(chapters.number, courses.chapterNumber))
    .leftJoin(agreements, eq(agreements.id, courses.agreementId))
    .where(eq(courses.id, courseId))
    .get();
  if (!row) return null;
  const scope = { facilityId: row.course.hostFacilityId, provinceCode: row.hostProvinceCode };
  const canSeeAll = canRead(actor, scope);
  if (row.course.status === "draft" && !canSeeAll) return null;
  const linked = db
    .select({ id: techniques.id, code: techniques.code, name: techniques.name })
    .from(courseTechniques)
    .innerJoin(techniques, eq(techniques.id, courseTechniques.techniqueId))
    .where(eq(courseTechniques.courseId, courseId))
    .orderBy(asc(techniques.chapterNumber), asc(techniques.number))
    .all();
  const sessions = db
    .select({ session: courseSessions, trainerName: staff.fullName })
    .from(courseSessions)
    .leftJoin(staff, eq(staff.id, courseSessions.trainerId))
    .where(eq(courseSessions.courseId, courseId))
    .orderBy(asc(courseSessions.heldOn), asc(courseSessions.startsAt), asc(courseSessions.id))
    .all()
    .map((r) => ({ ...r.session, trainerName: r.trainerName }));
  return {
    ...row.course,
    hostName: row.hostName,
    hostCode: row.hostCode,
    hostProvinceCode: row.hostProvinceCode,
    chapterName: row.chapterName,
    agreementNumber: row.agreementNumber,
    agreementTitle: row.agreementTitle,
    techniques: linked,
    sessions,
    seatsTaken: row.seatsTaken,
    waitlisted: row.waitlisted,
    canManage: canChange(actor, "courses.manage", scope),
    canSeeAll,
    canRequest: hasCapability(actor, "enrolments.request") && actor.facilityId !== null,
  };
}

/** Codes typed as "10.367, 10.368" or one per line. */
function parseTechniqueCodes(text: string | undefined): string[] {
  if (!text) return [];
  return [...new Set(text.split(/[\s,;]+/).map((c) => c.trim()).filter(Boolean))];
}

function resolveTechniques(db: Tx, text: string | undefined): number[] {
  const codes = parseTechniqueCodes(text);
  if (codes.length === 0) return [];
  const found = db
    .select({ id: techniques.id, code: techniques.code })
    .from(techniques)
    .where(inArray(techniques.code, codes))
    .all();
  const missing = codes.filter((c) => !found.some((f) => f.code === c));
  if (missing.length > 0) {
    throw new DomainError("courses:errors.unknownTechniques", {
      field: "techniqueCodes",
      params: { codes: missing.join(", ") },
    });
  }
  return found.map((f) => f.id);
}

/** Cross-record checks shared by create and edit; throws next to the offending field. */
function checkCourseInput(db: Tx, hostFacilityId: number, input: CourseInput, courseId: number | null): number[] {
  if (input.endOn < input.startOn) {
    throw new DomainError("common:validation.endBeforeStart", { field: "endOn" });
  }
  if (input.capacity < 1) throw new DomainError("courses:errors.capacity", { field: "capacity" });
  input.sessions.forEach((s, i) => {
    if (!sessionWithinCourse(s.heldOn, input)) {
      throw new DomainError("courses:errors.sessionOutside", { field: `sessions[${i}].heldOn` });
    }
    if (s.trainerId) {
      const trainer = db.select({ facilityId: staff.facilityId }).from(staff).where(eq(staff.id, s.trainerId)).get();
      if (!trainer) throw new DomainError("common:validation.invalid", { field: `sessions[${i}].trainerId` });
      // Trainers are the host's own staff (the form offers no one else): naming another
      // hospital's doctor would book their time without that hospital's say.
      if (trainer.facilityId !== hostFacilityId) {
        throw new DomainError("courses:errors.trainerNotHost", { field: `sessions[${i}].trainerId` });
      }
      // A trainer cannot be elsewhere that day (rotation, another course).
      assertPersonFree(
        db,
        s.trainerId,
        { start: s.heldOn, end: s.heldOn },
        { ignore: courseId ? { kind: "course_training", id: courseId } : null, field: `sessions[${i}].trainerId` },
      );
    }
  });
  if (input.agreementId) {
    const party = db
      .select({ id: agreementParties.agreementId })
      .from(agreementParties)
      .where(and(eq(agreementParties.agreementId, input.agreementId), eq(agreementParties.facilityId, hostFacilityId)))
      .get();
    if (!party) throw new DomainError("courses:errors.agreementNotParty", { field: "agreementId" });
  }
  return resolveTechniques(db, input.techniqueCodes);
}

function courseValues(input: CourseInput) {
  return {
    title: input.title,
    searchText: foldSearch(input.title),
    chapterNumber: input.chapterNumber ?? null,
    agreementId: input.agreementId ?? null,
    mode: input.mode,
    status: input.status,
    startOn: input.startOn,
    endOn: input.endOn,
    capacity: input.capacity,
    creditHours: input.creditHours,
    minAttendance: Math.round(input.minAttendancePercent * 10) / 1000,
    passScore: input.passScore ?? null,
    location: input.location || null,
    description: input.description || null,
  };
}

function writeChildren(db: Tx, courseId: number, input: CourseInput, techniqueIds: number[]) {
  db.delete(courseTechniques).where(eq(courseTechniques.courseId, courseId)).run();
  for (const techniqueId of techniqueIds) db.insert(courseTechniques).values({ courseId, techniqueId }).run();
  // Sessions are replaced as a whole; attendance of a session kept by id survives only when
  // the same session is kept, so an edit that removes a session drops its attendance.
  const existing = db.select().from(courseSessions).where(eq(courseSessions.courseId, courseId)).all();
  const kept = new Set<number>();
  for (const s of input.sessions) {
    const values = {
      courseId,
      heldOn: s.heldOn,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      topic: s.topic,
      trainerId: s.trainerId ?? null,
      periods: s.periods,
    };
    const same = existing.find(
      (e) => !kept.has(e.id) && e.heldOn === s.heldOn && e.startsAt === s.startsAt && e.topic === s.topic,
    );
    if (same) {
      kept.add(same.id);
      db.update(courseSessions).set(values).where(eq(courseSessions.id, same.id)).run();
    } else {
      db.insert(courseSessions).values(values).run();
    }
  }
  const removed = existing.filter((e) => !kept.has(e.id)).map((e) => e.id);
  if (removed.length > 0) db.delete(courseSessions).where(inArray(courseSessions.id, removed)).run();
}

/**
 * Creates a course. A trainer's course is hosted by their own facility (the session decides,
 * whatever the form sends); an administrator's by the facility chosen in `input.hostFacilityId`.
 */
export function createCourse(db: Db, actor: Actor, input: CourseInput): Course {
  return db.transaction((tx) => {
    const hostFacilityId = resolveCourseHost(tx, actor, input.hostFacilityId);
    // The clash checks for trainers read the same tables, so they run inside the write.
    const techniqueIds = checkCourseInput(tx, hostFacilityId, input, null);
    const course = tx
      .insert(courses)
      .values({ ...courseValues(input), hostFacilityId })
      .returning()
      .get();
    writeChildren(tx, course.id, input, techniqueIds);
    recordAudit(tx, { userId: actor.userId, action: "create", entityType: "course", entityId: course.id, after: course });
    return course;
  });
}

/** Edits a course; `input.version` must match the stored version (409 otherwise). */
export function updateCourse(db: Db, actor: Actor, courseId: number, input: CourseInput): Course {
  return db.transaction((tx) => {
    const current = tx.select().from(courses).where(eq(courses.id, courseId)).get();
    if (!current) throw new NotFoundError();
    if (!canChange(actor, "courses.manage", hostScope(tx, current))) throw new ForbiddenError();
    const values = courseValues(input);
    assertVersion(current, input.version ?? 0, values);
    const taken =
      tx
        .select({ n: sql<number>`count(*)` })
        .from(enrolments)
        .where(and(eq(enrolments.courseId, courseId), inArray(enrolments.status, [...SEAT_STATUSES])))
        .get()?.n ?? 0;
    // Lowering the capacity below the seats already given would overbook the course.
    if (input.capacity < taken) {
      throw new DomainError("courses:errors.capacityBelowSeats", { field: "capacity", params: { taken } });
    }
    const techniqueIds = checkCourseInput(tx, current.hostFacilityId, input, courseId);
    const updated = tx
      .update(courses)
      .set({ ...values, version: current.version + 1, updatedAt: new Date().toISOString() })
      .where(eq(courses.id, courseId))
      .returning()
      .get();
    writeChildren(tx, courseId, input, techniqueIds);
    recordAudit(tx, {
      userId: actor.userId,
      action: "update",
      entityType: "course",
      entityId: courseId,
      before: current,
      after: updated,
    });
    return updated;
  });
}

/** The form's initial values for an existing course. */
export function courseToInput(course: CourseDetail) {
  return {
    version: course.version,
    title: course.title,
    chapterNumber: course.chapterNumber ?? undefined,
    agreementId: course.agreementId ?? undefined,
    techniqueCodes: course.techniques.map((t) => t.code).join(", "),
    mode: course.mode,
    status: course.status,
    startOn: course.startOn,
    endOn: course.endOn,
    capacity: course.capacity,
    creditHours: course.creditHours,
    minAttendancePercent: Math.round(course.minAttendance * 1000) / 10,
    passScore: course.passScore ?? undefined,
    location: course.location ?? "",
    description: course.description ?? "",
    sessions: course.sessions.map((s) => ({
      heldOn: s.heldOn,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      topic: s.topic,
      trainerId: s.trainerId ?? undefined,
      periods: s.periods,
    })),
  };
}

/** Facilities that host at least one course, for the list's host filter. */
export function listHostFacilities(db: Db, locale: Locale = "vi") {
  return db
    .select({ id: facilities.id, shortName: facilityShortNameSql(locale) })
    .from(facilities)
    .where(sql`exists (select 1 from ${courses} c where c.host_facility_id = ${facilities.id})`)
    .orderBy(asc(facilityShortNameSql(locale)))
    .limit(500)
    .all();
}

export function listChapters(db: Db) {
  return db.select().from(chapters).orderBy(asc(chapters.number)).all();
}
