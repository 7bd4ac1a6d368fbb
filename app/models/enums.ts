// Every status and category list of the domain, defined once. The drizzle columns,
// the zod schemas and the translation keys (`enum.<name>.<value>`) all read from here.

/** Care levels of Circular 43/2013: A central, B provincial, C district/regional, D commune. */
export const LEVELS = ["A", "B", "C", "D"] as const;
export type Level = (typeof LEVELS)[number];

export const FACILITY_KINDS = [
  "central_hospital",
  "provincial_hospital",
  "specialised_hospital",
  "regional_centre",
  "commune_station",
  "health_department",
  "other_organisation",
] as const;
export type FacilityKind = (typeof FACILITY_KINDS)[number];
/** Kinds that deliver no care (health departments, foreign commissions and other bodies):
 *  they carry no care level, no competence level and no technique ledger. */
export const NON_CARE_FACILITY_KINDS = ["health_department", "other_organisation"] as const satisfies readonly FacilityKind[];
export function deliversCare(kind: FacilityKind): boolean {
  return !(NON_CARE_FACILITY_KINDS as readonly FacilityKind[]).includes(kind);
}
/** Hospital kinds (the sending side of rotations, the hosts of courses). */
export const HOSPITAL_KINDS = ["central_hospital", "provincial_hospital", "specialised_hospital"] as const satisfies readonly FacilityKind[];

/** Technique-competence levels of Law 15/2023 (cấp chuyên môn kỹ thuật), lowest first. */
export const COMPETENCE_LEVELS = ["initial", "basic", "specialised"] as const;
export type CompetenceLevel = (typeof COMPETENCE_LEVELS)[number];

/** Where a technique stands in the lists: on a published list, or a new technique recorded by
 *  a facility before any list names it (reported apart, never as cross-level). */
export const TECHNIQUE_KINDS = ["listed", "new"] as const;
export type TechniqueKind = (typeof TECHNIQUE_KINDS)[number];

/** How a crosswalk correspondence between two techniques was learnt. */
export const CROSSWALK_SOURCES = ["file", "price_list", "listing"] as const;
export type CrosswalkSource = (typeof CROSSWALK_SOURCES)[number];

/** What an import batch loads, and where it stands (previewed, then applied or discarded). */
export const IMPORT_KINDS = ["catalogue", "crosswalk", "facilities", "staff", "ledger", "plan"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const IMPORT_BATCH_STATUSES = ["preview", "applied", "discarded"] as const;
export type ImportBatchStatus = (typeof IMPORT_BATCH_STATUSES)[number];
/** The verdict on each row of a preview. */
export const IMPORT_ROW_STATUSES = ["new", "changed", "unchanged", "retired", "conflict", "refused"] as const;
export type ImportRowStatus = (typeof IMPORT_ROW_STATUSES)[number];

/** Hospital grade (hạng): special, I–IV; `none` for units that are not graded. */
export const GRADES = ["special", "I", "II", "III", "IV", "none"] as const;
export type Grade = (typeof GRADES)[number];

export const OWNERSHIPS = ["public", "private", "foreign"] as const;
export type Ownership = (typeof OWNERSHIPS)[number];

/** Procedure classes of the catalogue (PĐB, P1–P3, TĐB, T1–T3), written without diacritics. */
export const PROCEDURE_CLASSES = ["PDB", "P1", "P2", "P3", "TDB", "T1", "T2", "T3"] as const;
export type ProcedureClass = (typeof PROCEDURE_CLASSES)[number];

export const ADOPTION_EVENT_KINDS = ["started", "approved", "suspended", "resumed"] as const;
export type AdoptionEventKind = (typeof ADOPTION_EVENT_KINDS)[number];

export const ADOPTION_SOURCES = ["transfer", "in_house", "import"] as const;
export type AdoptionSource = (typeof ADOPTION_SOURCES)[number];

export const LIST_REQUEST_STATUSES = ["draft", "submitted", "approved", "returned"] as const;
export type ListRequestStatus = (typeof LIST_REQUEST_STATUSES)[number];

/** A request line's own outcome: the department approves or returns each line (the request's status follows, see adoption rules). */
export const LIST_REQUEST_LINE_STATUSES = ["pending", "approved", "returned"] as const;
export type ListRequestLineStatus = (typeof LIST_REQUEST_LINE_STATUSES)[number];

/** Entries of a request's thread: the facility's submission and resubmissions, the department's decisions and comments. */
export const LIST_REQUEST_NOTE_KINDS = ["submitted", "resubmitted", "approved", "returned", "comment"] as const;
export type ListRequestNoteKind = (typeof LIST_REQUEST_NOTE_KINDS)[number];

export const AGREEMENT_TYPES = [
  "technique_transfer",
  "professional_support",
  "training",
  "twinning",
  "international",
] as const;
export type AgreementType = (typeof AGREEMENT_TYPES)[number];

/** Stored statuses; "expiring" is derived from the end date, never stored. */
export const AGREEMENT_STATUSES = ["draft", "active", "ended", "terminated"] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];
/** Open agreements can be edited, planned against and rotated under; closed ones are records. */
export const OPEN_AGREEMENT_STATUSES = ["draft", "active"] as const satisfies readonly AgreementStatus[];

export const PARTY_ROLES = ["supporting", "receiving", "coordinating"] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

/** Stages of a transfer item, in order. */
export const TRANSFER_STAGES = [
  "planned",
  "surveyed",
  "training",
  "supervised",
  "independent",
  "accepted",
] as const;
export type TransferStage = (typeof TRANSFER_STAGES)[number];

export const CASE_OUTCOMES = ["success", "complication", "failure"] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

export const CADRES = ["doctor", "assistant_doctor", "nurse", "midwife", "technician", "pharmacist", "other"] as const;
export type Cadre = (typeof CADRES)[number];

export const ROTATION_PURPOSES = ["technique_transfer", "manpower_support"] as const;
export type RotationPurpose = (typeof ROTATION_PURPOSES)[number];

/** Stored statuses; "in_progress" is derived from today's date for confirmed rotations. */
export const ROTATION_STATUSES = ["planned", "confirmed", "completed", "cancelled"] as const;
export type RotationStatus = (typeof ROTATION_STATUSES)[number];
/** Rotations that took place or are taking place: the ones reports and targets count. */
export const DELIVERED_ROTATION_STATUSES = ["confirmed", "completed"] as const satisfies readonly RotationStatus[];
/** Why a staff member is away from work and cannot be sent (entered by the trainer or director). */
export const UNAVAILABILITY_KINDS = ["leave", "sick", "study", "maternity", "other"] as const;
export type UnavailabilityKind = (typeof UNAVAILABILITY_KINDS)[number];
/** A computed rotation plan: the draft in use, or one a re-plan replaced (kept as the record of what was proposed). */
export const ROTATION_PLAN_STATUSES = ["draft", "superseded"] as const;
export type RotationPlanStatus = (typeof ROTATION_PLAN_STATUSES)[number];
/** One proposed rotation of a plan: still proposed, adopted as a rotation, or rejected. */
export const PLAN_ENTRY_STATUSES = ["proposed", "adopted", "rejected"] as const;
export type PlanEntryStatus = (typeof PLAN_ENTRY_STATUSES)[number];
export const ROTATION_DISPLAY_STATUSES = [
  "planned",
  "confirmed",
  "in_progress",
  "completed",
  "cancelled",
] as const;
export type RotationDisplayStatus = (typeof ROTATION_DISPLAY_STATUSES)[number];

export const COURSE_MODES = ["on_site", "at_host", "remote"] as const;
export type CourseMode = (typeof COURSE_MODES)[number];

export const COURSE_STATUSES = ["draft", "open", "closed", "completed", "cancelled"] as const;
export type CourseStatus = (typeof COURSE_STATUSES)[number];

export const ENROLMENT_STATUSES = [
  "requested",
  "approved",
  "waitlisted",
  "enrolled",
  "completed",
  "failed",
  "withdrawn",
  "rejected",
] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

/** A trainee's own check-in at a session: it counts as attendance only once the trainer confirms it. */
export const SELF_CHECK_IN_STATUSES = ["pending", "confirmed", "rejected"] as const;
export type SelfCheckInStatus = (typeof SELF_CHECK_IN_STATUSES)[number];

/** What an in-app notification tells its reader; the text is looked up by kind. */
export const NOTIFICATION_KINDS = ["waitlist_promoted", "seat_approved", "seat_refused", "agreement_expiring"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const CREDIT_KINDS = ["course", "remote_training", "conference", "case_conference", "publication", "other"] as const;
export type CreditKind = (typeof CREDIT_KINDS)[number];

/** Remote support between a hub and its spokes: a case presented for advice, or a training session. */
export const TELE_SESSION_KINDS = ["consultation", "training"] as const;
export type TeleSessionKind = (typeof TELE_SESSION_KINDS)[number];
/** What became of a tele-consultation's patient: advice only, treated at the spoke, or referred up. */
export const TELE_OUTCOMES = ["advice_only", "treated_locally", "referred_up"] as const;
export type TeleOutcome = (typeof TELE_OUTCOMES)[number];
/** Outcomes where the patient stayed at the spoke: the referrals a consultation avoided. */
export const RESOLVED_LOCALLY_OUTCOMES = ["advice_only", "treated_locally"] as const satisfies readonly TeleOutcome[];
/** Which end of the link a participant sits at. */
export const TELE_SIDES = ["hub", "spoke"] as const;
export type TeleSide = (typeof TELE_SIDES)[number];

/**
 * Forms that can be filled without a connection and sent later from the outbox. Each submission
 * carries a key the server remembers (submission_receipts, or the record's own column for a
 * tele-consultation), so a retry after a lost response lands once.
 */
export const OFFLINE_FORMS = ["case_log", "attendance", "tele_consultation"] as const;
export type OfflineForm = (typeof OFFLINE_FORMS)[number];

export const TARGET_INDICATORS = [
  "new_cross_level_techniques",
  "techniques_accepted",
  "staff_rotated",
  "people_trained",
  "manual_count",
  /** Tele-consultations presented by the facility (or the province's facilities). */
  "tele_consultations",
  /** Whole percent of those consultations, with an outcome, resolved locally. */
  "tele_resolved_locally_share",
] as const;
export type TargetIndicator = (typeof TARGET_INDICATORS)[number];

export const ROLES = ["admin", "department", "director", "trainer", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const AUDIT_ACTIONS = ["create", "update", "delete"] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const LOCALES = ["vi", "en"] as const;
export type Locale = (typeof LOCALES)[number];
