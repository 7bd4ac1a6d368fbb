// The annual review minutes of an agreement: the year's figures gathered from its records (the
// summary the text generator writes from), the saved minutes of a year, and saving them as a
// meeting record through the meeting commands (same scope, audit and checks).
import { and, desc, eq, gte, isNotNull, lte, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { agreementMeetings, type Agreement } from "~/db/schema";
import { sqlList } from "~/db/sql";
import { getFixedT } from "~/i18n/i18n";
import type { Actor } from "~/models/access/policy";
import { DAYS_PER_MONTH } from "~/models/dates";
import { DELIVERED_ROTATION_STATUSES, type Locale, type PartyRole, type TransferStage } from "~/models/enums";
import { ConflictError, DomainError } from "~/models/errors";
import { facilityNameSqlAt, facilityShortNameSqlAt } from "~/models/facilities/names.server";
import { canManageAgreement, requireManageableAgreement, requireReadableAgreement } from "./access.server";
import { addMeeting } from "./meetings.server";
import { generateMinutes, meetingDefaults, minutesYearRange, parseMinutesYear, reviewWindow, type MinutesSummary, type Translate } from "./minutes";
import type { MinutesSaveForm } from "./schemas";

export const MINUTES_LANGUAGES = ["vi", "en"] as const satisfies readonly Locale[];

/** The year asked for, within the agreement's term ±1; otherwise a 400 next to the year field. */
export function checkMinutesYear(agreement: Pick<Agreement, "startOn" | "endOn">, raw: string | number | null | undefined, today: string): number {
  const range = minutesYearRange(agreement, today);
  if (raw === null || raw === undefined || raw === "") {
    throw new DomainError("planning:minutes.errors.yearMissing", { field: "year" });
  }
  const year = typeof raw === "number" ? (Number.isInteger(raw) ? raw : null) : parseMinutesYear(raw);
  if (year === null || year < range.from || year > range.to) {
    throw new DomainError("planning:minutes.errors.year", { field: "year", params: range });
  }
  return year;
}

/** The year's figures of an agreement its reader may see, in one language. */
export function getMinutesSummary(db: Db, actor: Actor, agreementId: number, year: number, today: string, locale: Locale): MinutesSummary {
  const agreement = requireReadableAgreement(db, actor, agreementId);
  checkMinutesYear(agreement, year, today);
  return readSummary(db, agreement, year, today, locale);
}

function readSummary(db: Db, agreement: Agreement, year: number, today: string, locale: Locale): MinutesSummary {
  const id = agreement.id;
  const lo = `${year}-01-01`;
  const hi = `${year}-12-31`;
  const asOf = today < hi ? today : hi;

  const parties = db.all<{ facilityId: number; name: string; side: PartyRole }>(sql`
    select f.id as facilityId, ${facilityNameSqlAt("f", locale)} as name, ap.role as side
      from agreement_parties ap join facilities f on f.id = ap.facility_id
     where ap.agreement_id = ${id}
     order by case ap.role when 'supporting' then 0 when 'receiving' then 1 else 2 end, name`);

  const meetings = db.all<{ title: string; heldOn: string; hostName: string | null }>(sql`
    select m.title as title, m.held_on as heldOn, ${facilityNameSqlAt("f", locale)} as hostName
      from agreement_meetings m left join facilities f on f.id = m.host_facility_id
     where m.agreement_id = ${id} and m.held_on between ${lo} and ${hi}
     order by m.held_on, m.id`);
  const documents = db.all<{ title: string }>(sql`
    select d.title as title from agreement_documents d
     where d.agreement_id = ${id} and substr(d.created_at, 1, 4) = ${String(year)}
     order by d.created_at, d.id`);

  // Person-months as the rotation report counts them: the days inside the year, completed
  // rotations in full and confirmed ones up to today, DAYS_PER_MONTH days to the month.
  const deliveredEnd = sql`case when r.status = 'completed' then r.end_on else min(r.end_on, ${today}) end`;
  const days = (end: SQL) => sql`max(0, julianday(min(${end}, ${hi})) - julianday(max(r.start_on, ${lo})) + 1)`;
  const measures = sql`
    count(distinct r.id) as rotations,
    count(distinct r.staff_id) as people,
    round(coalesce(sum(case when r.status in ${sqlList(DELIVERED_ROTATION_STATUSES)} then ${days(deliveredEnd)} else 0 end), 0) / ${DAYS_PER_MONTH}, 2) as deliveredMonths,
    round(coalesce(sum(${days(sql.raw("r.end_on"))}), 0) / ${DAYS_PER_MONTH}, 2) as scheduledMonths`;
  const rotationWhere = sql`r.agreement_id = ${id} and r.status <> 'cancelled' and r.start_on <= ${hi} and r.end_on >= ${lo}`;
  const sites = db.all<MinutesSummary["rotations"]["sites"][number]>(sql`
    select f.id as facilityId, ${facilityNameSqlAt("f", locale)} as name, ${measures}
      from rotations r join facilities f on f.id = r.to_facility_id
     where ${rotationWhere}
     group by f.id
     order by name`);
  const totals = db.get<MinutesSummary["rotations"]["totals"]>(sql`select ${measures} from rotations r where ${rotationWhere}`) ?? {
    rotations: 0,
    people: 0,
    deliveredMonths: 0,
    scheduledMonths: 0,
  };

  // Each line's stage on `asOf`, from its dated stage moves (an acceptance dated by then wins).
  const lines = db.all<{ code: string; name: string; fromName: string; toName: string; phase: number; targetDate: string | null; acceptedOn: string | null; deferredOn: string | null; stage: TransferStage }>(sql`
    select t.code as code, t.name as name, ${facilityShortNameSqlAt("ff", locale)} as fromName, ${facilityShortNameSqlAt("tf", locale)} as toName,
           ti.phase as phase, ti.target_date as targetDate, ti.accepted_on as acceptedOn, ti.deferred_on as deferredOn,
           case when ti.accepted_on is not null and ti.accepted_on <= ${asOf} then 'accepted'
                else coalesce((select e.to_stage from transfer_stage_events e
                                where e.transfer_item_id = ti.id and e.moved_on <= ${asOf} and e.to_stage <> 'accepted'
                                order by e.moved_on desc, e.id desc limit 1), 'planned') end as stage
      from transfer_items ti
      join techniques t on t.id = ti.technique_id
      join facilities ff on ff.id = ti.from_facility_id
      join facilities tf on tf.id = ti.to_facility_id
     where ti.agreement_id = ${id}
     order by ti.phase, ti.priority, t.chapter_number, t.number, ti.id`);
  const accepted = lines
    .filter((l) => l.acceptedOn !== null && l.acceptedOn >= lo && l.acceptedOn <= hi)
    .sort((a, b) => (a.acceptedOn! < b.acceptedOn! ? -1 : a.acceptedOn! > b.acceptedOn! ? 1 : 0))
    .map((l) => ({ code: l.code, name: l.name, toName: l.toName, acceptedOn: l.acceptedOn! }));
  const open = lines.filter((l) => l.stage !== "accepted" && !(l.deferredOn !== null && l.deferredOn <= asOf));
  const inProgress = open.filter((l) => l.stage !== "planned").map((l) => ({ code: l.code, name: l.name, toName: l.toName, stage: l.stage }));
  // Next year's plan: open lines due next year, and those of open phases with no date or a
  // date already passed (they carry over).
  const nextEnd = `${year + 1}-12-31`;
  const nextYear = open
    .filter((l) => l.targetDate === null || l.targetDate <= nextEnd)
    .map((l) => ({ code: l.code, name: l.name, fromName: l.fromName, toName: l.toName, phase: l.phase, stage: l.stage, targetDate: l.targetDate }));

  // Courses of the agreement, or on its techniques and hosted by one of its parties, held in the year.
  const courses = db.all<MinutesSummary["courses"][number]>(sql`
    select c.title as title, ${facilityNameSqlAt("f", locale)} as hostName, c.start_on as startOn, c.end_on as endOn,
           (select count(*) from enrolments e where e.course_id = c.id and e.status = 'completed') as completed
      from courses c join facilities f on f.id = c.host_facility_id
     where c.status <> 'cancelled' and c.start_on <= ${hi} and c.end_on >= ${lo}
       and (c.agreement_id = ${id}
            or (c.host_facility_id in (select ap.facility_id from agreement_parties ap where ap.agreement_id = ${id})
                and exists (select 1 from course_techniques ct join transfer_items ti on ti.technique_id = ct.technique_id
                             where ct.course_id = c.id and ti.agreement_id = ${id})))
     order by c.start_on, c.id`);

  return {
    year,
    asOf,
    agreement: { number: agreement.number, title: agreement.title, signedOn: agreement.signedOn, startOn: agreement.startOn, endOn: agreement.endOn },
    parties,
    meetings,
    documents,
    rotations: { sites, totals },
    accepted,
    inProgress,
    courses,
    nextYear,
  };
}

/** The saved minutes of a year: the latest meeting held in its review window with a text. */
export function findSavedMinutes(db: Db, agreementId: number, year: number) {
  const window = reviewWindow(year);
  return (
    db
      .select()
      .from(agreementMeetings)
      .where(
        and(
          eq(agreementMeetings.agreementId, agreementId),
          gte(agreementMeetings.heldOn, window.from),
          lte(agreementMeetings.heldOn, window.to),
          or(isNotNull(agreementMeetings.minutesVi), isNotNull(agreementMeetings.minutesEn)),
        ),
      )
      .orderBy(desc(agreementMeetings.heldOn), desc(agreementMeetings.id))
      .get() ?? null
  );
}

const translate = (locale: Locale): Translate => getFixedT(locale, "planning") as unknown as Translate;

/** The drafts in both languages, generated from the year's records. */
export function minutesDrafts(db: Db, agreement: Agreement, year: number, today: string) {
  const vi = readSummary(db, agreement, year, today, "vi");
  const en = readSummary(db, agreement, year, today, "en");
  return { summary: vi, vi: generateMinutes(vi, translate("vi"), "vi"), en: generateMinutes(en, translate("en"), "en"), defaults: meetingDefaults(vi, translate("vi"), "vi") };
}

/**
 * The minutes page: the agreement, the year's range, the drafts (or the saved texts when the
 * year's minutes exist), the meeting fields to save them with, and whether the reader may.
 * A year that is missing or out of range comes back as `yearError` with nothing generated.
 */
export function getMinutesPage(db: Db, actor: Actor, agreementId: number, rawYear: string | null, today: string, locale: Locale) {
  const agreement = requireReadableAgreement(db, actor, agreementId);
  const range = minutesYearRange(agreement, today);
  const canManage = canManageAgreement(db, actor, agreement);
  const parties = db.all<{ facilityId: number; name: string }>(sql`
    select f.id as facilityId, ${facilityNameSqlAt("f", locale)} as name
      from agreement_parties ap join facilities f on f.id = ap.facility_id
     where ap.agreement_id = ${agreementId}
     order by case ap.role when 'supporting' then 0 when 'receiving' then 1 else 2 end, name`);
  const head = { agreement: { id: agreement.id, number: agreement.number, title: agreement.title }, range, canManage, parties };
  let year: number;
  try {
    year = checkMinutesYear(agreement, rawYear, today);
  } catch (error) {
    if (error instanceof DomainError) return { ...head, year: null, yearError: { key: error.message, params: error.params }, minutes: null };
    throw error;
  }
  const drafts = minutesDrafts(db, agreement, year, today);
  const saved = findSavedMinutes(db, agreementId, year);
  const window = reviewWindow(year);
  const owner = drafts.summary.parties.find((p) => p.side === "supporting");
  return {
    ...head,
    year,
    yearError: null,
    minutes: {
      vi: saved?.minutesVi ?? drafts.vi,
      en: saved?.minutesEn ?? drafts.en,
      saved: saved ? { id: saved.id, heldOn: saved.heldOn, title: saved.title } : null,
      window,
      defaults: {
        ...drafts.defaults,
        heldOn: today >= window.from && today <= window.to ? today : window.to < today ? window.to : window.from,
        hostFacilityId: owner ? String(owner.facilityId) : "",
      },
    },
  };
}

/** The text of a year's minutes in one language: the saved one when there is, else the draft. */
export function getMinutesText(db: Db, actor: Actor, agreementId: number, rawYear: string | number | null, locale: Locale, today: string) {
  const agreement = requireReadableAgreement(db, actor, agreementId);
  const year = checkMinutesYear(agreement, rawYear, today);
  const saved = findSavedMinutes(db, agreementId, year);
  const stored = locale === "vi" ? saved?.minutesVi : saved?.minutesEn;
  if (stored) return { agreement, year, text: stored, saved: true };
  const summary = readSummary(db, agreement, year, today, locale);
  return { agreement, year, text: generateMinutes(summary, translate(locale), locale), saved: false };
}

/**
 * Saves a year's minutes as a meeting of the agreement (managers only): held within the
 * year's review window, once per year (later changes go through the meeting's edit page).
 */
export function saveMinutes(db: Db, actor: Actor, agreementId: number, input: MinutesSaveForm, today: string, options: { at?: string } = {}) {
  const agreement = requireManageableAgreement(db, actor, agreementId);
  const year = checkMinutesYear(agreement, input.year, today);
  const window = reviewWindow(year);
  if (input.heldOn < window.from || input.heldOn > window.to) {
    throw new DomainError("planning:minutes.errors.heldOnOutside", { field: "heldOn", params: { year, ...window } });
  }
  if (findSavedMinutes(db, agreementId, year)) {
    throw new ConflictError("planning:minutes.errors.alreadySaved", { params: { year } });
  }
  // The year is no meeting column: the meeting's date within the window records it.
  return addMeeting(db, actor, agreementId, input, options);
}
