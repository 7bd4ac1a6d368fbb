// The story behind one facility × technique pair of the reports: where the technique came
// from (agreements, plan lines, rotations, courses, supervised cases, acceptance), how the
// department approved it, and the ledger events the figures count, in date order. Every item
// says whether the reader may open its own page; the pair itself is refused (404) when the
// reader may not read the facility, so a page never confirms what the reader may not see.
import { sql } from "drizzle-orm";
import type { Tx } from "~/models/audit/audit.server";
import { canOpenPerson, canRead, type Actor } from "~/models/access/policy";
import { partiesScopeCondition } from "~/models/access/scope-sql.server";
import { ledgerStateOn } from "~/models/adoption/rules";
import type { AdoptionEventKind, AdoptionSource, CaseOutcome, Level, Locale, RotationStatus, TransferStage } from "~/models/enums";
import { NotFoundError } from "~/models/errors";
import { facilityNameSqlAt } from "~/models/facilities/names.server";
import { levelOnDateSql } from "~/models/facilities/levels.server";
import { pairOriginSql, type PairOrigin } from "./drill-down.server";

export type StoryHeader = {
  facility: { id: number; name: string; provinceName: string | null; levelOnDate: Level | null };
  technique: { id: number; code: string; name: string; chapterNumber: number; chapterName: string | null; minLevel: Level | null };
};

/** What the figures read for the pair on the report date (null fields: not so by then). */
export type StoryState = {
  reportDate: string;
  inLedger: boolean;
  startedOn: string | null;
  approvedOn: string | null;
  officialFrom: string | null;
  suspendedOn: string | null;
  performed: boolean;
  levelAtStart: Level | null;
  crossLevel: boolean;
} & PairOrigin;



/** One dated item of the story; `kind` picks its wording, `href` is set only when it opens for the reader. */
export type StoryItem =
  | { kind: "agreement"; date: string; href: string | null; number: string; title: string; signed: boolean }
  | { kind: "planLine"; date: string; href: string | null; agreementNumber: string; fromName: string; phase: number; requiredCases: number; targetDate: string | null }
  | { kind: "stage"; date: string; href: string | null; agreementNumber: string; fromStage: TransferStage | null; toStage: TransferStage; note: string | null }
  | { kind: "rotation"; date: string; href: string | null; endOn: string; status: RotationStatus; staffName: string; staffHref: string | null; fromName: string }
  | { kind: "course"; date: string; href: string | null; endOn: string; title: string; hostName: string; trainees: { name: string; href: string | null }[] }
  | { kind: "case"; date: string; href: string | null; performer: string | null; outcome: CaseOutcome; supervised: boolean }
  | { kind: "acceptance"; date: string; href: string | null; agreementNumber: string; minutes: string | null }
  | { kind: "listRequest"; date: string; href: string | null; status: string; decisionNumber: string | null; decisionOn: string | null }
  | { kind: "ledger"; date: string; href: string | null; event: AdoptionEventKind; source: AdoptionSource | null; decisionNumber: string | null; note: string | null };

export type PairStory = StoryHeader & { state: StoryState; items: StoryItem[] };

/** Same-day items read in the order a transfer happens. */
const ORDER: Record<StoryItem["kind"], number> = {
  agreement: 0,
  planLine: 1,
  rotation: 2,
  course: 3,
  stage: 4,
  case: 5,
  acceptance: 6,
  listRequest: 7,
  ledger: 8,
};

export function sortStory(items: StoryItem[]): StoryItem[] {
  return [...items].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : ORDER[a.kind] - ORDER[b.kind]));
}

const linkOr = (readable: number | boolean, href: string): string | null => (readable ? href : null);

/**
 * The story of `facilityId` × `techniqueId` as of `reportDate`; a NotFoundError when either is
 * absent or the reader may not read the facility.
 */
export function getPairStory(db: Tx, actor: Actor, facilityId: number, techniqueId: number, reportDate: string, locale: Locale = "vi"): PairStory {
  const facility = db.get<{ id: number; name: string; provinceCode: string | null; provinceName: string | null; levelOnDate: Level | null }>(sql`
    select f.id, ${facilityNameSqlAt("f", locale)} as name, f.province_code as provinceCode,
      ${sql.raw(locale === "en" ? "pr.name_en" : "pr.name")} as provinceName,
      ${levelOnDateSql(sql`f.id`, sql`${reportDate}`, sql`f.level`)} as levelOnDate
    from facilities f left join provinces pr on pr.code = f.province_code where f.id = ${facilityId}`);
  if (!facility || !canRead(actor, { facilityId: facility.id, provinceCode: facility.provinceCode })) throw new NotFoundError();
  const technique = db.get<StoryHeader["technique"]>(sql`
    select t.id, t.code, t.name, t.chapter_number as chapterNumber, c.name as chapterName, t.min_level as minLevel
    from techniques t left join chapters c on c.number = t.chapter_number where t.id = ${techniqueId}`);
  if (!technique) throw new NotFoundError();

  const state = pairState(db, actor, facilityId, techniqueId, reportDate);
  const items = [
    ...agreementItems(db, actor, facilityId, techniqueId, locale),
    ...rotationItems(db, actor, facilityId, techniqueId, locale),
    ...courseItems(db, actor, facilityId, techniqueId, locale),
    ...listRequestItems(db, facilityId, techniqueId),
    ...ledgerItems(db, facilityId, techniqueId),
  ];
  const { provinceCode: _omit, ...shownFacility } = facility;
  return { facility: shownFacility, technique, state, items: sortStory(items) };
}

function pairState(db: Tx, actor: Actor, facilityId: number, techniqueId: number, reportDate: string): StoryState {
  const origin = pairOriginSql(actor);
  const row = db.get<{ startedOn: string; approvedOn: string | null; officialOn: string | null; suspendedOn: string | null; levelAtStart: Level; crossLevel: number } & Omit<PairOrigin, "agreementReadable"> & { agreementReadable: number }>(sql`
    select p.started_on as startedOn, p.approved_on as approvedOn, p.official_on as officialOn, p.suspended_on as suspendedOn,
      p.level_at_start as levelAtStart, p.cross_level as crossLevel, ${origin.columns}
    from adoption_pairs p ${origin.joins}
    where p.facility_id = ${facilityId} and p.technique_id = ${techniqueId}`);
  const events = db.all<{ kind: AdoptionEventKind; eventOn: string }>(sql`
    select kind, event_on as eventOn from adoption_events where facility_id = ${facilityId} and technique_id = ${techniqueId}`);
  const ledger = ledgerStateOn(events, reportDate);
  const upTo = (date: string | null) => (date !== null && date <= reportDate ? date : null);
  const started = row && row.startedOn <= reportDate ? row : null;
  // The latest suspension still in force on the report date, if any.
  const suspension = ledger.started && !ledger.active
    ? (db.get<{ d: string }>(sql`select max(event_on) as d from adoption_events
        where facility_id = ${facilityId} and technique_id = ${techniqueId} and kind = 'suspended' and event_on <= ${reportDate}`)?.d ?? null)
    : null;
  return {
    reportDate,
    inLedger: started !== null,
    startedOn: started?.startedOn ?? null,
    approvedOn: started ? upTo(started.approvedOn) : null,
    officialFrom: started ? upTo(started.officialOn) : null,
    suspendedOn: suspension,
    performed: ledger.active,
    levelAtStart: started?.levelAtStart ?? null,
    crossLevel: started?.crossLevel === 1,
    origin: row?.origin ?? "unrecorded",
    agreementId: row?.agreementId ?? null,
    agreementNumber: row?.agreementNumber ?? null,
    transferItemId: row?.transferItemId ?? null,
    agreementReadable: row?.agreementReadable === 1,
  };
}

/** The readable-agreement test for the agreement row aliased `a`. */
function agreementReadableSql(actor: Actor) {
  return partiesScopeCondition(actor, sql`select a.owner_facility_id union select ap.facility_id from agreement_parties ap where ap.agreement_id = a.id`);
}

/**
 * The plan lines that bring the technique to the facility (and any line a ledger event of the
 * pair names), with their agreements, stage moves, supervised cases and acceptance.
 */
function agreementItems(db: Tx, actor: Actor, facilityId: number, techniqueId: number, locale: Locale): StoryItem[] {
  const lines = db.all<{
    id: number; agreementId: number; number: string; title: string; startOn: string; signedOn: string | null; readable: number;
    fromName: string; phase: number; requiredCases: number; targetDate: string | null; createdAt: string; acceptedOn: string | null; minutes: string | null;
  }>(sql`
    select ti.id, a.id as agreementId, a.number, a.title, a.start_on as startOn, a.signed_on as signedOn,
      case when ${agreementReadableSql(actor)} then 1 else 0 end as readable,
      ${facilityNameSqlAt("ff", locale)} as fromName, ti.phase, ti.required_cases as requiredCases, ti.target_date as targetDate,
      ti.created_at as createdAt, ti.accepted_on as acceptedOn, ti.acceptance_minutes as minutes
    from transfer_items ti
    join agreements a on a.id = ti.agreement_id
    join facilities ff on ff.id = ti.from_facility_id
    where (ti.to_facility_id = ${facilityId} and ti.technique_id = ${techniqueId})
      or ti.id in (select e.transfer_item_id from adoption_events e
        where e.facility_id = ${facilityId} and e.technique_id = ${techniqueId} and e.transfer_item_id is not null)
    order by ti.id`);
  if (lines.length === 0) return [];
  const ids = sql.join(lines.map((l) => sql`${l.id}`), sql`, `);
  const stages = db.all<{ itemId: number; fromStage: TransferStage | null; toStage: TransferStage; movedOn: string; note: string | null }>(sql`
    select transfer_item_id as itemId, from_stage as fromStage, to_stage as toStage, moved_on as movedOn, note
    from transfer_stage_events where transfer_item_id in (${ids}) order by moved_on, id`);
  // A line is dated by its first stage event (the day it was planned), else by when it was entered.
  const plannedOn = new Map<number, string>();
  for (const s of stages) if (s.fromStage === null && !plannedOn.has(s.itemId)) plannedOn.set(s.itemId, s.movedOn);
  const items: StoryItem[] = [];
  const agreementsSeen = new Set<number>();
  const byId = new Map(lines.map((l) => [l.id, l]));
  const lineHref = (line: (typeof lines)[number]) => linkOr(line.readable, `/agreements/${line.agreementId}/items/${line.id}`);
  for (const line of lines) {
    if (!agreementsSeen.has(line.agreementId)) {
      agreementsSeen.add(line.agreementId);
      items.push({
        kind: "agreement",
        date: line.signedOn ?? line.startOn,
        href: linkOr(line.readable, `/agreements/${line.agreementId}`),
        number: line.number,
        title: line.title,
        signed: line.signedOn !== null,
      });
    }
    items.push({
      kind: "planLine", date: plannedOn.get(line.id) ?? line.createdAt.slice(0, 10), href: lineHref(line), agreementNumber: line.number,
      fromName: line.fromName, phase: line.phase, requiredCases: line.requiredCases, targetDate: line.targetDate,
    });
    if (line.acceptedOn) items.push({ kind: "acceptance", date: line.acceptedOn, href: lineHref(line), agreementNumber: line.number, minutes: line.minutes });
  }
  for (const s of stages) {
    // The first move (into "planned") is the plan line itself; the move into "accepted" is the acceptance.
    if (s.fromStage === null || s.toStage === "accepted") continue;
    const line = byId.get(s.itemId)!;
    items.push({ kind: "stage", date: s.movedOn, href: lineHref(line), agreementNumber: line.number, fromStage: s.fromStage, toStage: s.toStage, note: s.note });
  }
  for (const c of db.all<{ itemId: number; performedOn: string; performer: string | null; outcome: CaseOutcome; supervised: number }>(sql`
    select c.transfer_item_id as itemId, c.performed_on as performedOn, coalesce(s.full_name, c.performer_name) as performer, c.outcome, c.supervised
    from case_logs c left join staff s on s.id = c.performer_id
    where c.transfer_item_id in (${ids}) order by c.performed_on, c.id`)) {
    items.push({ kind: "case", date: c.performedOn, href: lineHref(byId.get(c.itemId)!), performer: c.performer, outcome: c.outcome, supervised: c.supervised === 1 });
  }
  return items;
}

/** Rotations that served a plan line of the technique to the facility. */
function rotationItems(db: Tx, actor: Actor, facilityId: number, techniqueId: number, locale: Locale): StoryItem[] {
  const rows = db.all<{
    id: number; startOn: string; endOn: string; status: RotationStatus; staffId: number; staffName: string; staffFacilityId: number; staffProvince: string | null;
    fromId: number; fromProvince: string | null; toId: number; toProvince: string | null; fromName: string;
  }>(sql`
    select distinct r.id, r.start_on as startOn, r.end_on as endOn, r.status, s.id as staffId, s.full_name as staffName,
      s.facility_id as staffFacilityId, sf.province_code as staffProvince,
      r.from_facility_id as fromId, ff.province_code as fromProvince, r.to_facility_id as toId, tf.province_code as toProvince,
      ${facilityNameSqlAt("ff", locale)} as fromName
    from rotation_items ri
    join transfer_items ti on ti.id = ri.transfer_item_id
    join rotations r on r.id = ri.rotation_id
    join staff s on s.id = r.staff_id
    join facilities sf on sf.id = s.facility_id
    join facilities ff on ff.id = r.from_facility_id
    join facilities tf on tf.id = r.to_facility_id
    where ti.to_facility_id = ${facilityId} and ti.technique_id = ${techniqueId} and r.status <> 'cancelled'
    order by r.start_on, r.id`);
  return rows.map((r) => ({
    kind: "rotation" as const,
    date: r.startOn,
    endOn: r.endOn,
    status: r.status,
    href: linkOr(canRead(actor, [{ facilityId: r.fromId, provinceCode: r.fromProvince }, { facilityId: r.toId, provinceCode: r.toProvince }]), `/rotations/${r.id}`),
    staffName: r.staffName,
    staffHref: linkOr(canOpenPerson(actor, { facilityId: r.staffFacilityId, provinceCode: r.staffProvince }), `/staff/${r.staffId}`),
    fromName: r.fromName,
  }));
}

/** Courses that taught the technique and that the facility's staff attended (not refused or withdrawn). */
function courseItems(db: Tx, actor: Actor, facilityId: number, techniqueId: number, locale: Locale): StoryItem[] {
  const rows = db.all<{
    id: number; title: string; startOn: string; endOn: string; status: string; hostId: number; hostProvince: string | null; hostName: string;
    staffId: number; staffName: string; provinceCode: string | null;
  }>(sql`
    select c.id, c.title, c.start_on as startOn, c.end_on as endOn, c.status, c.host_facility_id as hostId,
      hf.province_code as hostProvince, ${facilityNameSqlAt("hf", locale)} as hostName,
      s.id as staffId, s.full_name as staffName, sf.province_code as provinceCode
    from course_techniques ct
    join courses c on c.id = ct.course_id
    join facilities hf on hf.id = c.host_facility_id
    join enrolments en on en.course_id = c.id and en.status in ('enrolled', 'completed')
    join staff s on s.id = en.staff_id and s.facility_id = ${facilityId}
    join facilities sf on sf.id = s.facility_id
    where ct.technique_id = ${techniqueId} and c.status not in ('draft', 'cancelled')
    order by c.start_on, c.id, s.full_name`);
  const courses = new Map<number, Extract<StoryItem, { kind: "course" }>>();
  for (const r of rows) {
    let course = courses.get(r.id);
    if (!course) {
      course = { kind: "course", date: r.startOn, endOn: r.endOn, title: r.title, hostName: r.hostName, href: `/courses/${r.id}`, trainees: [] };
      courses.set(r.id, course);
    }
    course.trainees.push({ name: r.staffName, href: linkOr(canOpenPerson(actor, { facilityId, provinceCode: r.provinceCode }), `/staff/${r.staffId}`) });
  }
  return [...courses.values()];
}

/** The facility's technique-list requests naming the technique, with each line's decision. */
function listRequestItems(db: Tx, facilityId: number, techniqueId: number): StoryItem[] {
  const rows = db.all<{ id: number; submittedAt: string | null; createdAt: string; status: string; decisionNumber: string | null; decisionOn: string | null }>(sql`
    select r.id, r.submitted_at as submittedAt, r.created_at as createdAt, i.status,
      coalesce(i.decision_number, r.decision_number) as decisionNumber, coalesce(i.decision_on, r.decision_on) as decisionOn
    from technique_list_request_items i join technique_list_requests r on r.id = i.request_id
    where r.facility_id = ${facilityId} and i.technique_id = ${techniqueId}
    order by r.id`);
  // The facility is readable (checked above), and so are its requests.
  return rows.map((r) => ({
    kind: "listRequest" as const,
    date: (r.submittedAt ?? r.createdAt).slice(0, 10),
    href: `/adoption/requests/${r.id}`,
    status: r.status,
    decisionNumber: r.decisionNumber,
    decisionOn: r.decisionOn,
  }));
}

/** The ledger events themselves: what the figures count. */
function ledgerItems(db: Tx, facilityId: number, techniqueId: number): StoryItem[] {
  const rows = db.all<{ eventOn: string; kind: AdoptionEventKind; source: AdoptionSource | null; decisionNumber: string | null; note: string | null }>(sql`
    select event_on as eventOn, kind, source, decision_number as decisionNumber, note
    from adoption_events where facility_id = ${facilityId} and technique_id = ${techniqueId} order by event_on, id`);
  return rows.map((e) => ({
    kind: "ledger" as const,
    date: e.eventOn,
    href: `/adoption?facility=${facilityId}`,
    event: e.kind,
    source: e.source,
    decisionNumber: e.decisionNumber,
    note: e.note,
  }));
}


