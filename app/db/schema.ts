// The whole domain model as drizzle tables.
// Calendar dates are `yyyy-MM-dd` text; instants are UTC ISO text.
// Every foreign key and every column a list filters or groups by has an index.
import { sql } from "drizzle-orm";
import { crossLevelSql } from "~/models/catalogue/levels";
import { DEFAULT_MIN_ROTATION_MONTHS } from "~/models/rotations/rules";
import {
  blob,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
  type AnySQLiteColumn,
} from "drizzle-orm/sqlite-core";
import {
  ADOPTION_EVENT_KINDS,
  ADOPTION_SOURCES,
  AGREEMENT_STATUSES,
  AGREEMENT_TYPES,
  AUDIT_ACTIONS,
  CADRES,
  CASE_OUTCOMES,
  COMPETENCE_LEVELS,
  CROSSWALK_SOURCES,
  COURSE_MODES,
  COURSE_STATUSES,
  CREDIT_KINDS,
  ENROLMENT_STATUSES,
  SELF_CHECK_IN_STATUSES,
  FACILITY_KINDS,
  GRADES,
  IMPORT_BATCH_STATUSES,
  IMPORT_KINDS,
  IMPORT_ROW_STATUSES,
  LEVELS,
  LIST_REQUEST_LINE_STATUSES,
  LIST_REQUEST_NOTE_KINDS,
  LIST_REQUEST_STATUSES,
  NOTIFICATION_KINDS,
  OWNERSHIPS,
  PARTY_ROLES,
  PROCEDURE_CLASSES,
  ROLES,
  ROTATION_PURPOSES,
  ROTATION_STATUSES,
  TARGET_INDICATORS,
  TECHNIQUE_KINDS,
  TRANSFER_STAGES,
  UNAVAILABILITY_KINDS,
  ROTATION_PLAN_STATUSES,
  OFFLINE_FORMS,
  PLAN_ENTRY_STATUSES,
  TELE_SESSION_KINDS,
  TELE_OUTCOMES,
  TELE_SIDES,
} from "../models/enums";

const createdAt = () =>
  text("created_at")
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`);
const updatedAt = () =>
  text("updated_at")
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`);
/** Optimistic-concurrency version: bumped on every update, checked against the form's copy. */
const version = () => integer("version").notNull().default(1);

// ---------------------------------------------------------------- places

export const provinces = sqliteTable("provinces", {
  code: text("code").primaryKey(),
  name: text("name").notNull(),
  nameEn: text("name_en").notNull(),
  fullName: text("full_name").notNull(),
  fullNameEn: text("full_name_en").notNull(),
  unitType: text("unit_type").notNull(),
});

export const communes = sqliteTable(
  "communes",
  {
    code: text("code").primaryKey(),
    name: text("name").notNull(),
    nameEn: text("name_en").notNull(),
    fullName: text("full_name").notNull(),
    fullNameEn: text("full_name_en").notNull(),
    provinceCode: text("province_code")
      .notNull()
      .references(() => provinces.code),
    unitType: text("unit_type").notNull(),
  },
  (t) => [index("communes_province_idx").on(t.provinceCode)],
);

// ---------------------------------------------------------------- facilities

export const facilities = sqliteTable(
  "facilities",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    code: text("code").notNull().unique(),
    name: text("name").notNull(),
    nameEn: text("name_en"),
    shortName: text("short_name").notNull(),
    /** Lower-case, diacritic-free copy of code, names and short name, for search. */
    searchText: text("search_text").notNull(),
    kind: text("kind", { enum: FACILITY_KINDS }).notNull(),
    /** Legacy care level (Circular 43/2013) on today's date, a cache of facility_levels; null for
     *  organisations that deliver no care (health departments, foreign commissions). */
    level: text("level", { enum: LEVELS }),
    /** Technique-competence level (Law 15/2023) on today's date, a cache of
     *  facility_competence_levels; null when not yet classified or not a care facility. */
    competence: text("competence", { enum: COMPETENCE_LEVELS }),
    grade: text("grade", { enum: GRADES }).notNull().default("none"),
    ownership: text("ownership", { enum: OWNERSHIPS }).notNull().default("public"),
    provinceCode: text("province_code").references(() => provinces.code),
    communeCode: text("commune_code").references(() => communes.code),
    country: text("country").notNull().default("VN"),
    beds: integer("beds").notNull().default(0),
    /** Concurrent rotation absences allowed; null means the 1-per-50-beds guide. */
    absenceLimit: integer("absence_limit"),
    directedById: integer("directed_by_id").references((): AnySQLiteColumn => facilities.id),
    /** First day the facility exists (events before it are refused); null when unknown. */
    openedOn: text("opened_on"),
    /** Last day the facility exists; null while open. */
    closedOn: text("closed_on"),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("facilities_province_idx").on(t.provinceCode, t.level),
    index("facilities_level_idx").on(t.level),
    index("facilities_kind_idx").on(t.kind),
    index("facilities_directed_by_idx").on(t.directedById),
    index("facilities_commune_idx").on(t.communeCode),
  ],
);

/** Dated level changes (e.g. the 2025 reorganisation). The level on a date is the row
 *  with the latest valid_from on or before it. */
export const facilityLevels = sqliteTable(
  "facility_levels",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    facilityId: integer("facility_id")
      .notNull()
      .references(() => facilities.id, { onDelete: "cascade" }),
    level: text("level", { enum: LEVELS }).notNull(),
    validFrom: text("valid_from").notNull(),
    /** The reclassification decision (e.g. "1234/QĐ-UBND"); null for the initial level. */
    decisionNumber: text("decision_number"),
    note: text("note"),
  },
  (t) => [uniqueIndex("facility_levels_facility_from_uq").on(t.facilityId, t.validFrom)],
);

/** Dated technique-competence levels (Law 15/2023), read like facility_levels. */
export const facilityCompetenceLevels = sqliteTable(
  "facility_competence_levels",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    facilityId: integer("facility_id")
      .notNull()
      .references(() => facilities.id, { onDelete: "cascade" }),
    competence: text("competence", { enum: COMPETENCE_LEVELS }).notNull(),
    validFrom: text("valid_from").notNull(),
    decisionNumber: text("decision_number"),
    note: text("note"),
  },
  (t) => [uniqueIndex("facility_competence_facility_from_uq").on(t.facilityId, t.validFrom)],
);

// ---------------------------------------------------------------- catalogue

export const chapters = sqliteTable("chapters", {
  /** 1..28, the number before the dot in a technique code. */
  number: integer("number").primaryKey(),
  roman: text("roman").notNull(),
  name: text("name").notNull(),
});

export const techniques = sqliteTable(
  "techniques",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** `chapter.number` as text (`10.367`, `27.205b`, `BS_1.387`: 1.2 and 1.20 differ); a
     *  new technique that no list names yet has a provisional `KTM-…` code. */
    code: text("code").notNull().unique(),
    chapterNumber: integer("chapter_number")
      .notNull()
      .references(() => chapters.number),
    /** The number after the dot, for natural ordering. */
    number: integer("number").notNull(),
    name: text("name").notNull(),
    searchText: text("search_text").notNull(),
    /** Legacy level (phân tuyến) in force today, a cache of technique_levels; null when no
     *  edition with levels gives one (e.g. techniques only Circular 23/2024 lists). */
    minLevel: text("min_level", { enum: LEVELS }),
    procedureClass: text("procedure_class", { enum: PROCEDURE_CLASSES }),
    kind: text("kind", { enum: TECHNIQUE_KINDS }).notNull().default("listed"),
    /** First day it is absent from the newest edition; it keeps its history and keeps counting. */
    retiredOn: text("retired_on"),
    /** New techniques: the permission decision, the facility that recorded it and the partner
     *  that transfers it (free text: often a foreign institute). */
    permissionDecision: text("permission_decision"),
    recordedByFacilityId: integer("recorded_by_facility_id").references((): AnySQLiteColumn => facilities.id),
    transferringPartner: text("transferring_partner"),
    /** A new technique once a list names it: the listed technique it became. */
    listedAsId: integer("listed_as_id").references((): AnySQLiteColumn => techniques.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("techniques_chapter_idx").on(t.chapterNumber, t.number),
    index("techniques_min_level_idx").on(t.minLevel),
    index("techniques_class_idx").on(t.procedureClass),
    index("techniques_kind_idx").on(t.kind, t.recordedByFacilityId),
  ],
);

/** The editions of the national list the planner was given (QĐ 7603 with its levels,
 *  Circular 23/2024 Appendix 1 without), each with its effective dates. */
export const catalogueEditions = sqliteTable("catalogue_editions", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  /** Stable short name, e.g. `qd7603`, `tt23-2024-pl1`. */
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
  effectiveFrom: text("effective_from").notNull(),
  effectiveTo: text("effective_to"),
  /** Whether the edition gives legacy levels (A–D). */
  hasLevels: integer("has_levels", { mode: "boolean" }).notNull().default(false),
  createdAt: createdAt(),
});

/** A technique as one edition lists it (its code and name there). */
export const techniqueEditionEntries = sqliteTable(
  "technique_edition_entries",
  {
    editionId: integer("edition_id")
      .notNull()
      .references(() => catalogueEditions.id, { onDelete: "cascade" }),
    techniqueId: integer("technique_id")
      .notNull()
      .references(() => techniques.id),
    code: text("code").notNull(),
    name: text("name").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.editionId, t.techniqueId] }),
    uniqueIndex("technique_edition_code_uq").on(t.editionId, t.code),
    index("technique_edition_technique_idx").on(t.techniqueId),
  ],
);

/** Dated legacy levels of a technique: the level on a date is the row with the latest
 *  valid_from on or before it (before the first row, the first row's level). A pair is
 *  classified by the level in force on the day it started, so a later change never rewrites
 *  a past figure. */
export const techniqueLevels = sqliteTable(
  "technique_levels",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    techniqueId: integer("technique_id")
      .notNull()
      .references(() => techniques.id, { onDelete: "cascade" }),
    /** Null: from this date the technique has no legacy level (not classified). */
    level: text("level", { enum: LEVELS }),
    validFrom: text("valid_from").notNull(),
    editionId: integer("edition_id").references(() => catalogueEditions.id),
    decisionNumber: text("decision_number"),
    note: text("note"),
  },
  (t) => [uniqueIndex("technique_levels_technique_from_uq").on(t.techniqueId, t.validFrom)],
);

/** Correspondences between techniques of different editions (one old code to one or more
 *  new ones, several to one); codes continued unchanged need no row. */
export const techniqueCrosswalk = sqliteTable(
  "technique_crosswalk",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    fromTechniqueId: integer("from_technique_id")
      .notNull()
      .references(() => techniques.id),
    toTechniqueId: integer("to_technique_id")
      .notNull()
      .references(() => techniques.id),
    source: text("source", { enum: CROSSWALK_SOURCES }).notNull(),
    note: text("note"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("technique_crosswalk_pair_uq").on(t.fromTechniqueId, t.toTechniqueId),
    index("technique_crosswalk_to_idx").on(t.toTechniqueId),
  ],
);

/** Billing codes (mã tương đương, CC.SSSS.GGGG); a technique can have several. */
export const techniqueBillingCodes = sqliteTable(
  "technique_billing_codes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    techniqueId: integer("technique_id")
      .notNull()
      .references(() => techniques.id, { onDelete: "cascade" }),
    code: text("code").notNull().unique(),
    /** The technique's name as written on this billing line (variants exist, e.g. 18.100). */
    techniqueName: text("technique_name").notNull(),
    priceItem: text("price_item"),
    priceName: text("price_name"),
    priceVnd: integer("price_vnd"),
    linkCode: text("link_code"),
  },
  (t) => [index("billing_codes_technique_idx").on(t.techniqueId)],
);

// ---------------------------------------------------------------- accounts

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    username: text("username").notNull().unique(),
    displayName: text("display_name").notNull(),
    email: text("email"),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    /** Scope: the facility for director, trainer and viewer. */
    facilityId: integer("facility_id").references(() => facilities.id),
    /** Scope: the province for department officers. */
    provinceCode: text("province_code").references(() => provinces.code),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    totpSecret: text("totp_secret"),
    totpEnabled: integer("totp_enabled", { mode: "boolean" }).notNull().default(false),
    /** The 30-second step of the last TOTP code accepted; a code of this step or earlier is refused (no replay). */
    totpLastStep: integer("totp_last_step"),
    /** Demo accounts are exempt from required second factors and warned about in production. */
    isDemo: integer("is_demo", { mode: "boolean" }).notNull().default(false),
    locale: text("locale"),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("users_facility_idx").on(t.facilityId),
    index("users_province_idx").on(t.provinceCode),
    index("users_role_idx").on(t.role),
  ],
);

export const recoveryCodes = sqliteTable(
  "recovery_codes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: text("used_at"),
  },
  (t) => [index("recovery_codes_user_idx").on(t.userId)],
);

/** Per-role policy set by administrators (e.g. second factor required). */
export const rolePolicies = sqliteTable("role_policies", {
  role: text("role", { enum: ROLES }).primaryKey(),
  requireTotp: integer("require_totp", { mode: "boolean" }).notNull().default(false),
});

export const sessions = sqliteTable(
  "sessions",
  {
    /** Random token; the cookie carries it signed. */
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** False until the second factor is given, when one is needed. */
    verified: integer("verified", { mode: "boolean" }).notNull().default(true),
    createdAt: text("created_at").notNull(),
    lastSeenAt: text("last_seen_at").notNull(),
    /** Absolute end (12 hours after sign-in). */
    expiresAt: text("expires_at").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const loginAttempts = sqliteTable(
  "login_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    username: text("username").notNull(),
    ip: text("ip").notNull(),
    at: text("at").notNull(),
    success: integer("success", { mode: "boolean" }).notNull(),
  },
  (t) => [
    index("login_attempts_username_idx").on(t.username, t.at),
    index("login_attempts_ip_idx").on(t.ip, t.at),
  ],
);

/** Append-only: triggers in the migrations reject UPDATE and DELETE. */
export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: text("at").notNull(),
    userId: integer("user_id").references(() => users.id),
    action: text("action", { enum: AUDIT_ACTIONS }).notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    /** JSON of the record before and after the change (null for create / delete). */
    before: text("before"),
    after: text("after"),
    /** The hash chain: `prevHash` is the previous event's `hash` (64 zeros for the first);
     *  `hash` is sha-256 over this event's fields and `prevHash` (models/audit/chain.server.ts). */
    prevHash: text("prev_hash"),
    hash: text("hash"),
  },
  (t) => [
    index("audit_entity_idx").on(t.entityType, t.entityId),
    index("audit_user_idx").on(t.userId, t.at),
    index("audit_at_idx").on(t.at),
  ],
);

// ---------------------------------------------------------------- agreements

export const agreements = sqliteTable(
  "agreements",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    number: text("number").notNull(),
    title: text("title").notNull(),
    searchText: text("search_text").notNull(),
    type: text("type", { enum: AGREEMENT_TYPES }).notNull(),
    status: text("status", { enum: AGREEMENT_STATUSES }).notNull().default("draft"),
    signedOn: text("signed_on"),
    startOn: text("start_on").notNull(),
    endOn: text("end_on"),
    /** Minimum rotation length under this agreement, in months (Decision 1816's default of the rotation rules). */
    minRotationMonths: integer("min_rotation_months").notNull().default(DEFAULT_MIN_ROTATION_MONTHS),
    notes: text("notes"),
    /** The facility whose director manages the record. */
    ownerFacilityId: integer("owner_facility_id")
      .notNull()
      .references(() => facilities.id),
    predecessorId: integer("predecessor_id").references((): AnySQLiteColumn => agreements.id),
    terminatedOn: text("terminated_on"),
    terminationReason: text("termination_reason"),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("agreements_status_end_idx").on(t.status, t.endOn),
    index("agreements_type_idx").on(t.type),
    index("agreements_owner_idx").on(t.ownerFacilityId),
    index("agreements_predecessor_idx").on(t.predecessorId),
    index("agreements_start_idx").on(t.startOn),
  ],
);

export const agreementParties = sqliteTable(
  "agreement_parties",
  {
    agreementId: integer("agreement_id")
      .notNull()
      .references(() => agreements.id, { onDelete: "cascade" }),
    facilityId: integer("facility_id")
      .notNull()
      .references(() => facilities.id),
    role: text("role", { enum: PARTY_ROLES }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.agreementId, t.facilityId] }),
    index("agreement_parties_facility_idx").on(t.facilityId, t.role),
  ],
);

/** Scope of an agreement: the specialty chapters it covers. */
export const agreementChapters = sqliteTable(
  "agreement_chapters",
  {
    agreementId: integer("agreement_id")
      .notNull()
      .references(() => agreements.id, { onDelete: "cascade" }),
    chapterNumber: integer("chapter_number")
      .notNull()
      .references(() => chapters.number),
  },
  (t) => [
    primaryKey({ columns: [t.agreementId, t.chapterNumber] }),
    index("agreement_chapters_chapter_idx").on(t.chapterNumber),
  ],
);

export const agreementMeetings = sqliteTable(
  "agreement_meetings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    agreementId: integer("agreement_id")
      .notNull()
      .references(() => agreements.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    heldOn: text("held_on").notNull(),
    hostFacilityId: integer("host_facility_id").references(() => facilities.id),
    participants: text("participants"),
    decisions: text("decisions"),
    minutesNumber: text("minutes_number"),
    minutesSignedOn: text("minutes_signed_on"),
    /** The annual review's minutes as edited and saved, in each language (plain text). */
    minutesVi: text("minutes_vi"),
    minutesEn: text("minutes_en"),
    version: version(),
    createdAt: createdAt(),
  },
  (t) => [
    index("meetings_agreement_idx").on(t.agreementId, t.heldOn),
    index("meetings_host_idx").on(t.hostFacilityId),
  ],
);

/** Signed files; the bytes live on disk outside the database, named by checksum. */
export const agreementDocuments = sqliteTable(
  "agreement_documents",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    agreementId: integer("agreement_id")
      .notNull()
      .references(() => agreements.id, { onDelete: "cascade" }),
    meetingId: integer("meeting_id").references(() => agreementMeetings.id, {
      onDelete: "set null",
    }),
    title: text("title").notNull(),
    fileName: text("file_name").notNull(),
    mimeType: text("mime_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: text("sha256").notNull(),
    storagePath: text("storage_path").notNull(),
    uploadedBy: integer("uploaded_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("documents_agreement_idx").on(t.agreementId),
    index("documents_meeting_idx").on(t.meetingId),
  ],
);

// ---------------------------------------------------------------- transfer plan

export const transferItems = sqliteTable(
  "transfer_items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    agreementId: integer("agreement_id")
      .notNull()
      .references(() => agreements.id, { onDelete: "cascade" }),
    techniqueId: integer("technique_id")
      .notNull()
      .references(() => techniques.id),
    fromFacilityId: integer("from_facility_id")
      .notNull()
      .references(() => facilities.id),
    toFacilityId: integer("to_facility_id")
      .notNull()
      .references(() => facilities.id),
    phase: integer("phase").notNull().default(1),
    priority: integer("priority").notNull().default(1),
    targetDate: text("target_date"),
    /** Supervised cases required before independence (no national minimum). */
    requiredCases: integer("required_cases").notNull().default(0),
    stage: text("stage", { enum: TRANSFER_STAGES }).notNull().default("planned"),
    acceptedOn: text("accepted_on"),
    acceptanceMinutes: text("acceptance_minutes"),
    notes: text("notes"),
    /**
     * The unfinished line of the predecessor agreement this one continues (set by renewal);
     * its progress and case logs stay there. The forward link is the reverse lookup.
     */
    carriedFromId: integer("carried_from_id").references((): AnySQLiteColumn => transferItems.id, { onDelete: "set null" }),
    /** Set when the receiving side puts the line off; a deferred line no longer holds back the next phase. */
    deferredOn: text("deferred_on"),
    deferralReason: text("deferral_reason"),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("transfer_items_agreement_technique_to_uq").on(
      t.agreementId,
      t.techniqueId,
      t.toFacilityId,
    ),
    index("transfer_items_agreement_phase_idx").on(t.agreementId, t.phase, t.priority),
    index("transfer_items_to_idx").on(t.toFacilityId, t.stage),
    index("transfer_items_from_idx").on(t.fromFacilityId, t.stage),
    index("transfer_items_technique_idx").on(t.techniqueId),
    index("transfer_items_stage_target_idx").on(t.stage, t.targetDate),
    index("transfer_items_carried_from_idx").on(t.carriedFromId),
  ],
);

/** Each stage move, dated and attributed. */
export const transferStageEvents = sqliteTable(
  "transfer_stage_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    transferItemId: integer("transfer_item_id")
      .notNull()
      .references(() => transferItems.id, { onDelete: "cascade" }),
    fromStage: text("from_stage", { enum: TRANSFER_STAGES }),
    toStage: text("to_stage", { enum: TRANSFER_STAGES }).notNull(),
    movedOn: text("moved_on").notNull(),
    movedBy: integer("moved_by").references(() => users.id),
    note: text("note"),
    createdAt: createdAt(),
  },
  (t) => [index("stage_events_item_idx").on(t.transferItemId, t.movedOn)],
);

/**
 * The receiving side's checklist for a plan line (equipment, rooms, supplies, conditions):
 * each item is confirmed by a user of the receiving facility, dated.
 */
export const transferItemChecks = sqliteTable(
  "transfer_item_checks",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    transferItemId: integer("transfer_item_id")
      .notNull()
      .references(() => transferItems.id, { onDelete: "cascade" }),
    label: text("label").notNull(),
    confirmedOn: text("confirmed_on"),
    confirmedBy: integer("confirmed_by").references(() => users.id),
    version: version(),
    createdAt: createdAt(),
  },
  (t) => [index("transfer_item_checks_item_idx").on(t.transferItemId)],
);

// ---------------------------------------------------------------- staff

export const staff = sqliteTable(
  "staff",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    facilityId: integer("facility_id")
      .notNull()
      .references(() => facilities.id),
    fullName: text("full_name").notNull(),
    searchText: text("search_text").notNull(),
    cadre: text("cadre", { enum: CADRES }).notNull(),
    /** Specialty as a catalogue chapter. */
    chapterNumber: integer("chapter_number").references(() => chapters.number),
    title: text("title"),
    licenceNumber: text("licence_number"),
    email: text("email"),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("staff_facility_idx").on(t.facilityId, t.cadre),
    index("staff_chapter_idx").on(t.chapterNumber),
    uniqueIndex("staff_licence_uq").on(t.licenceNumber),
  ],
);

/** Techniques a staff member performs independently. */
export const staffTechniques = sqliteTable(
  "staff_techniques",
  {
    staffId: integer("staff_id")
      .notNull()
      .references(() => staff.id, { onDelete: "cascade" }),
    techniqueId: integer("technique_id")
      .notNull()
      .references(() => techniques.id),
    since: text("since"),
    /** The acceptance that made them independent, when it came from a transfer. */
    transferItemId: integer("transfer_item_id").references(() => transferItems.id),
  },
  (t) => [
    primaryKey({ columns: [t.staffId, t.techniqueId] }),
    index("staff_techniques_technique_idx").on(t.techniqueId),
  ],
);

export const caseLogs = sqliteTable(
  "case_logs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    transferItemId: integer("transfer_item_id")
      .notNull()
      .references(() => transferItems.id, { onDelete: "cascade" }),
    performedOn: text("performed_on").notNull(),
    performerId: integer("performer_id").references(() => staff.id),
    performerName: text("performer_name"),
    supervisorId: integer("supervisor_id").references(() => staff.id),
    supervisorName: text("supervisor_name"),
    outcome: text("outcome", { enum: CASE_OUTCOMES }).notNull(),
    /** Whether the case counts toward the required supervised cases. */
    supervised: integer("supervised", { mode: "boolean" }).notNull().default(true),
    note: text("note"),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("case_logs_item_idx").on(t.transferItemId, t.performedOn),
    index("case_logs_performer_idx").on(t.performerId),
  ],
);

// ---------------------------------------------------------------- adoption ledger

/** Dated adoption events per facility × technique; counts are computed from these. */
export const adoptionEvents = sqliteTable(
  "adoption_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    facilityId: integer("facility_id")
      .notNull()
      .references(() => facilities.id),
    techniqueId: integer("technique_id")
      .notNull()
      .references(() => techniques.id),
    kind: text("kind", { enum: ADOPTION_EVENT_KINDS }).notNull(),
    eventOn: text("event_on").notNull(),
    source: text("source", { enum: ADOPTION_SOURCES }),
    agreementId: integer("agreement_id").references(() => agreements.id),
    transferItemId: integer("transfer_item_id").references(() => transferItems.id),
    decisionNumber: text("decision_number"),
    listRequestId: integer("list_request_id").references((): AnySQLiteColumn => techniqueListRequests.id),
    note: text("note"),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    // Covers the reports' per-pair GROUP BY (kind included): the ledger is read from the index alone.
    index("adoption_facility_technique_idx").on(t.facilityId, t.techniqueId, t.eventOn, t.kind),
    // The reports' pass over suspended pairs looks up each pair's suspensions and resumptions:
    // two small indexes (a few per cent of the events) instead of seeks into the large one.
    index("adoption_events_suspended_idx").on(t.facilityId, t.techniqueId, t.eventOn).where(sql`kind = 'suspended'`),
    index("adoption_events_resumed_idx").on(t.facilityId, t.techniqueId, t.eventOn).where(sql`kind = 'resumed'`),
    index("adoption_technique_idx").on(t.techniqueId),
    index("adoption_kind_date_idx").on(t.kind, t.eventOn, t.facilityId),
    index("adoption_agreement_idx").on(t.agreementId),
    index("adoption_transfer_item_idx").on(t.transferItemId),
    index("adoption_request_idx").on(t.listRequestId),
  ],
);

/**
 * One row per facility × technique of the ledger, derived from its events (never edited by
 * hand): what the reports count, so that a national figure counts index ranges instead of
 * regrouping millions of events. Kept in step in the writer's transaction by
 * models/adoption/pair-summary.server.ts (events, level changes) and by a trigger that copies
 * the technique's level and chapter when the catalogue changes them.
 */
export const adoptionPairs = sqliteTable(
  "adoption_pairs",
  {
    facilityId: integer("facility_id")
      .notNull()
      .references(() => facilities.id),
    techniqueId: integer("technique_id")
      .notNull()
      .references(() => techniques.id),
    startedOn: text("started_on").notNull(),
    approvedOn: text("approved_on"),
    /** Counted from, for official figures: the later of started_on and approved_on; null without approval. */
    officialOn: text("official_on"),
    /** The first suspension; null when never suspended (performed without a break since started_on). */
    suspendedOn: text("suspended_on"),
    /** The facility's level on started_on (facility_levels history). */
    levelAtStart: text("level_at_start", { enum: LEVELS }).notNull(),
    /** Copies of the technique's min_level and chapter_number. */
    minLevel: text("min_level", { enum: LEVELS }),
    chapterNumber: integer("chapter_number").notNull(),
    /** Cross-level on the day the technique started (the one definition in catalogue/levels). */
    crossLevel: integer("cross_level")
      .notNull()
      .generatedAlwaysAs(crossLevelSql(sql`min_level`, sql`level_at_start`), { mode: "stored" }),
  },
  (t) => [
    primaryKey({ columns: [t.facilityId, t.techniqueId] }),
    // Figures count ranges of these covering indexes: per facility, or per chapter for the
    // whole country, by category (started_on: all recorded; official_on: official).
    index("adoption_pairs_facility_started_idx").on(t.facilityId, t.crossLevel, t.startedOn, t.chapterNumber),
    index("adoption_pairs_facility_official_idx").on(t.facilityId, t.crossLevel, t.officialOn, t.chapterNumber),
    index("adoption_pairs_chapter_started_idx").on(t.chapterNumber, t.crossLevel, t.startedOn, t.facilityId),
    index("adoption_pairs_chapter_official_idx").on(t.chapterNumber, t.crossLevel, t.officialOn, t.facilityId),
    index("adoption_pairs_technique_idx").on(t.techniqueId),
    index("adoption_pairs_suspended_idx")
      .on(t.facilityId, t.suspendedOn, t.crossLevel)
      .where(sql`suspended_on is not null`),
    // Pairs of techniques without a legacy level, which the department dashboard counts apart.
    index("adoption_pairs_unclassified_idx").on(t.facilityId, t.startedOn).where(sql`min_level is null`),
    // The same pairs with every column the reports' suspended-pair pass reads (no table look-up).
    index("adoption_pairs_suspended_cover_idx")
      .on(t.facilityId, t.suspendedOn, t.crossLevel, t.startedOn, t.officialOn, t.chapterNumber, t.techniqueId)
      .where(sql`suspended_on is not null`),
  ],
);

/**
 * Counts of adoption_pairs as half-yearly deltas by (province, the facility's level and
 * competence group on the delta's date, half-year, category, cross-level); kept in step by
 * triggers (see models/adoption/rollup.server.ts). Primary key in the order the reports read
 * it: a category and measure, then a province's half-years. WITHOUT ROWID (in the migration),
 * so the key is the table and a range read needs no second lookup.
 */
export const adoptionRollup = sqliteTable(
  "adoption_rollup",
  {
    category: text("category", { enum: ["all", "official"] }).notNull(),
    crossLevel: integer("cross_level").notNull(),
    /** "-" for facilities without a province (the reports' key for them). */
    provinceCode: text("province_code").notNull(),
    /** The last day of the half-year of the delta's date (yyyy-06-30 or yyyy-12-31). */
    periodEnd: text("period_end").notNull(),
    level: text("level", { enum: LEVELS }).notNull(),
    /** A competence level, or "none" when not classified on the date. */
    competence: text("competence").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.category, t.crossLevel, t.provinceCode, t.periodEnd, t.level, t.competence] })],
);

/**
 * The same counts per facility, without classification (so no history change touches them):
 * the reports move a reclassified facility's pairs from the group of one date to that of the
 * report date by reading its few rows here instead of its pairs.
 */
export const adoptionFacilityRollup = sqliteTable(
  "adoption_facility_rollup",
  {
    facilityId: integer("facility_id").notNull(),
    category: text("category", { enum: ["all", "official"] }).notNull(),
    crossLevel: integer("cross_level").notNull(),
    periodEnd: text("period_end").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.facilityId, t.category, t.crossLevel, t.periodEnd] })],
);

/** A facility's submission of additions to its technique list, decided by the department. */
export const techniqueListRequests = sqliteTable(
  "technique_list_requests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    facilityId: integer("facility_id")
      .notNull()
      .references(() => facilities.id),
    status: text("status", { enum: LIST_REQUEST_STATUSES }).notNull().default("submitted"),
    submittedBy: integer("submitted_by").references(() => users.id),
    submittedAt: text("submitted_at"),
    decidedBy: integer("decided_by").references(() => users.id),
    decidedAt: text("decided_at"),
    decisionNumber: text("decision_number"),
    decisionOn: text("decision_on"),
    comment: text("comment"),
    version: version(),
    createdAt: createdAt(),
  },
  (t) => [index("list_requests_facility_idx").on(t.facilityId, t.status)],
);

export const techniqueListRequestItems = sqliteTable(
  "technique_list_request_items",
  {
    requestId: integer("request_id")
      .notNull()
      .references(() => techniqueListRequests.id, { onDelete: "cascade" }),
    techniqueId: integer("technique_id")
      .notNull()
      .references(() => techniques.id),
    startedOn: text("started_on"),
    /** Each line is decided on its own; approved lines are in the ledger and no longer editable. */
    status: text("status", { enum: LIST_REQUEST_LINE_STATUSES }).notNull().default("pending"),
    returnReason: text("return_reason"),
    decidedBy: integer("decided_by").references(() => users.id),
    decidedAt: text("decided_at"),
    decisionNumber: text("decision_number"),
    decisionOn: text("decision_on"),
  },
  (t) => [
    primaryKey({ columns: [t.requestId, t.techniqueId] }),
    index("list_request_items_technique_idx").on(t.techniqueId),
  ],
);

/**
 * The dated thread of a request: who wrote what, when. Nothing here is ever updated, so the
 * facility's note survives the department's return comment and each round keeps its own instant.
 */
export const techniqueListRequestNotes = sqliteTable(
  "technique_list_request_notes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    requestId: integer("request_id")
      .notNull()
      .references(() => techniqueListRequests.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: LIST_REQUEST_NOTE_KINDS }).notNull(),
    /** A line-level entry (a line returned with its reason) names its technique. */
    techniqueId: integer("technique_id").references(() => techniques.id),
    body: text("body"),
    /** Lines the entry is about (submitted, resubmitted, approved or returned). */
    lines: integer("lines"),
    decisionNumber: text("decision_number"),
    decisionOn: text("decision_on"),
    userId: integer("user_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("list_request_notes_request_idx").on(t.requestId, t.id)],
);

// ---------------------------------------------------------------- rotations (1816)

export const rotations = sqliteTable(
  "rotations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    staffId: integer("staff_id")
      .notNull()
      .references(() => staff.id),
    fromFacilityId: integer("from_facility_id")
      .notNull()
      .references(() => facilities.id),
    toFacilityId: integer("to_facility_id")
      .notNull()
      .references(() => facilities.id),
    agreementId: integer("agreement_id").references(() => agreements.id),
    purpose: text("purpose", { enum: ROTATION_PURPOSES }).notNull(),
    startOn: text("start_on").notNull(),
    endOn: text("end_on").notNull(),
    status: text("status", { enum: ROTATION_STATUSES }).notNull().default("planned"),
    shortTerm: integer("short_term", { mode: "boolean" }).notNull().default(false),
    shortTermReason: text("short_term_reason"),
    /** Why a placement that is not from an upper to a lower level is made (e.g. training at the upper hospital). */
    directionPurpose: text("direction_purpose"),
    /** Set when the sending facility's absence limit was knowingly exceeded. */
    limitOverrideReason: text("limit_override_reason"),
    cancelReason: text("cancel_reason"),
    reportCases: integer("report_cases"),
    reportNotes: text("report_notes"),
    reportedAt: text("reported_at"),
    notes: text("notes"),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("rotations_staff_idx").on(t.staffId, t.startOn),
    index("rotations_from_idx").on(t.fromFacilityId, t.startOn),
    index("rotations_to_idx").on(t.toFacilityId, t.startOn),
    index("rotations_agreement_idx").on(t.agreementId),
    index("rotations_dates_idx").on(t.startOn, t.endOn),
  ],
);

export const rotationItems = sqliteTable(
  "rotation_items",
  {
    rotationId: integer("rotation_id")
      .notNull()
      .references(() => rotations.id, { onDelete: "cascade" }),
    transferItemId: integer("transfer_item_id")
      .notNull()
      .references(() => transferItems.id),
  },
  (t) => [
    primaryKey({ columns: [t.rotationId, t.transferItemId] }),
    index("rotation_items_item_idx").on(t.transferItemId),
  ],
);

// ---------------------------------------------------------------- courses

export const courses = sqliteTable(
  "courses",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    title: text("title").notNull(),
    searchText: text("search_text").notNull(),
    chapterNumber: integer("chapter_number").references(() => chapters.number),
    hostFacilityId: integer("host_facility_id")
      .notNull()
      .references(() => facilities.id),
    agreementId: integer("agreement_id").references(() => agreements.id),
    mode: text("mode", { enum: COURSE_MODES }).notNull(),
    status: text("status", { enum: COURSE_STATUSES }).notNull().default("open"),
    startOn: text("start_on").notNull(),
    endOn: text("end_on").notNull(),
    capacity: integer("capacity").notNull(),
    creditHours: real("credit_hours").notNull().default(0),
    /** Share of sessions a trainee must attend, 0..1. */
    minAttendance: real("min_attendance").notNull().default(0.8),
    /** Pass score out of 10; null when no examination. */
    passScore: real("pass_score"),
    location: text("location"),
    description: text("description"),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("courses_host_idx").on(t.hostFacilityId, t.startOn),
    index("courses_chapter_idx").on(t.chapterNumber),
    index("courses_dates_idx").on(t.startOn, t.endOn),
    index("courses_agreement_idx").on(t.agreementId),
    index("courses_status_idx").on(t.status),
  ],
);

export const courseTechniques = sqliteTable(
  "course_techniques",
  {
    courseId: integer("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    techniqueId: integer("technique_id")
      .notNull()
      .references(() => techniques.id),
  },
  (t) => [
    primaryKey({ columns: [t.courseId, t.techniqueId] }),
    index("course_techniques_technique_idx").on(t.techniqueId),
  ],
);

export const courseTrainers = sqliteTable(
  "course_trainers",
  {
    courseId: integer("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    staffId: integer("staff_id")
      .notNull()
      .references(() => staff.id),
  },
  (t) => [
    primaryKey({ columns: [t.courseId, t.staffId] }),
    index("course_trainers_staff_idx").on(t.staffId),
  ],
);

export const courseSessions = sqliteTable(
  "course_sessions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    courseId: integer("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    heldOn: text("held_on").notNull(),
    /** Local wall-clock times, `HH:mm`, Asia/Ho_Chi_Minh. */
    startsAt: text("starts_at").notNull(),
    endsAt: text("ends_at").notNull(),
    topic: text("topic").notNull(),
    trainerId: integer("trainer_id").references(() => staff.id),
    /** Lesson periods; 1 credit hour = 1 period (Circular 32/2023). */
    periods: integer("periods").notNull().default(0),
  },
  (t) => [
    index("course_sessions_course_idx").on(t.courseId, t.heldOn),
    index("course_sessions_trainer_idx").on(t.trainerId),
  ],
);

export const enrolments = sqliteTable(
  "enrolments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    courseId: integer("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    staffId: integer("staff_id")
      .notNull()
      .references(() => staff.id),
    status: text("status", { enum: ENROLMENT_STATUSES }).notNull().default("requested"),
    /** Order on the waitlist; set while waitlisted. */
    waitlistPosition: integer("waitlist_position"),
    requestedBy: integer("requested_by").references(() => users.id),
    requestedAt: text("requested_at").notNull(),
    score: real("score"),
    certificateNumber: text("certificate_number").unique(),
    /** Random, unguessable: the QR code and verification link carry it. The printed number alone
     *  verifies only as valid or not. */
    certificateToken: text("certificate_token").unique(),
    completedOn: text("completed_on"),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("enrolments_course_staff_uq").on(t.courseId, t.staffId),
    index("enrolments_course_status_idx").on(t.courseId, t.status, t.waitlistPosition),
    index("enrolments_staff_idx").on(t.staffId, t.status),
  ],
);

export const attendance = sqliteTable(
  "attendance",
  {
    enrolmentId: integer("enrolment_id")
      .notNull()
      .references(() => enrolments.id, { onDelete: "cascade" }),
    sessionId: integer("session_id")
      .notNull()
      .references(() => courseSessions.id, { onDelete: "cascade" }),
    present: integer("present", { mode: "boolean" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.enrolmentId, t.sessionId] }),
    index("attendance_session_idx").on(t.sessionId),
  ],
);

/**
 * A session's check-in code, open for that session's day. The code itself is never stored:
 * it is derived from `nonce` with the server's secret (so the trainer's page can show it again)
 * and looked up by its sha-256, so a copy of the database alone checks nobody in.
 */
export const sessionCheckIns = sqliteTable("session_check_ins", {
  sessionId: integer("session_id")
    .primaryKey()
    .references(() => courseSessions.id, { onDelete: "cascade" }),
  nonce: text("nonce").notNull(),
  tokenHash: text("token_hash").notNull().unique(),
  /** End of the session's day in Asia/Ho_Chi_Minh, as a UTC instant. */
  expiresAt: text("expires_at").notNull(),
  openedBy: integer("opened_by").references(() => users.id),
  openedAt: text("opened_at").notNull(),
  closedAt: text("closed_at"),
});

/** Trainees who checked themselves in at a session, waiting for (or decided by) the trainer. */
export const selfCheckIns = sqliteTable(
  "self_check_ins",
  {
    enrolmentId: integer("enrolment_id")
      .notNull()
      .references(() => enrolments.id, { onDelete: "cascade" }),
    sessionId: integer("session_id")
      .notNull()
      .references(() => courseSessions.id, { onDelete: "cascade" }),
    status: text("status", { enum: SELF_CHECK_IN_STATUSES }).notNull().default("pending"),
    checkedInAt: text("checked_in_at").notNull(),
    decidedBy: integer("decided_by").references(() => users.id),
    decidedAt: text("decided_at"),
  },
  (t) => [primaryKey({ columns: [t.enrolmentId, t.sessionId] }), index("self_check_ins_session_idx").on(t.sessionId, t.status)],
);

/** Continuing-education credit hours (Circular 32/2023: 120 per 5 years). */
export const creditEntries = sqliteTable(
  "credit_entries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    staffId: integer("staff_id")
      .notNull()
      .references(() => staff.id),
    kind: text("kind", { enum: CREDIT_KINDS }).notNull(),
    activityOn: text("activity_on").notNull(),
    hours: real("hours").notNull(),
    title: text("title").notNull(),
    evidence: text("evidence"),
    enrolmentId: integer("enrolment_id")
      .unique()
      .references(() => enrolments.id),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("credit_entries_staff_idx").on(t.staffId, t.activityOn)],
);

// ---------------------------------------------------------------- planning settings

/**
 * A health department's months without a case after which an accepted technique of a chapter
 * raises a skill-decay alert at facilities of its province (the default applies otherwise).
 */
export const decayThresholds = sqliteTable(
  "decay_thresholds",
  {
    provinceCode: text("province_code")
      .notNull()
      .references(() => provinces.code),
    chapterNumber: integer("chapter_number")
      .notNull()
      .references(() => chapters.number),
    months: integer("months").notNull(),
    updatedBy: integer("updated_by").references(() => users.id),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.provinceCode, t.chapterNumber] })],
);

/**
 * Project 1816 quota of a sending hospital for a year: the staff it must send down (the guide is
 * one per 50 beds), set by hand when it differs. Absent rows mean the guide applies.
 */
export const rotationQuotas = sqliteTable(
  "rotation_quotas",
  {
    facilityId: integer("facility_id")
      .notNull()
      .references(() => facilities.id),
    year: integer("year").notNull(),
    staffQuota: integer("staff_quota").notNull(),
    note: text("note"),
    updatedBy: integer("updated_by").references(() => users.id),
    version: version(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.facilityId, t.year] })],
);

// ---------------------------------------------------------------- targets

export const targets = sqliteTable(
  "targets",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    title: text("title").notNull(),
    indicator: text("indicator", { enum: TARGET_INDICATORS }).notNull(),
    provinceCode: text("province_code").references(() => provinces.code),
    facilityId: integer("facility_id").references(() => facilities.id),
    periodStart: text("period_start").notNull(),
    periodEnd: text("period_end").notNull(),
    baseline: real("baseline").notNull().default(0),
    targetValue: real("target_value").notNull(),
    unit: text("unit"),
    createdBy: integer("created_by").references(() => users.id),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("targets_province_idx").on(t.provinceCode, t.periodEnd),
    index("targets_facility_idx").on(t.facilityId),
  ],
);

/** Hand-entered values for counted milestones (e.g. facilities with electronic records). */
export const targetMeasurements = sqliteTable(
  "target_measurements",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    targetId: integer("target_id")
      .notNull()
      .references(() => targets.id, { onDelete: "cascade" }),
    measuredOn: text("measured_on").notNull(),
    value: real("value").notNull(),
    note: text("note"),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("target_measurements_target_idx").on(t.targetId, t.measuredOn)],
);

export type Facility = typeof facilities.$inferSelect;
export type NewFacility = typeof facilities.$inferInsert;
export type Technique = typeof techniques.$inferSelect;
export type BillingCode = typeof techniqueBillingCodes.$inferSelect;
export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type Staff = typeof staff.$inferSelect;
export type Agreement = typeof agreements.$inferSelect;
export type TransferItem = typeof transferItems.$inferSelect;
export type Rotation = typeof rotations.$inferSelect;
export type Course = typeof courses.$inferSelect;
export type Enrolment = typeof enrolments.$inferSelect;
export type SessionCheckIn = typeof sessionCheckIns.$inferSelect;
export type SelfCheckIn = typeof selfCheckIns.$inferSelect;
export type AdoptionEvent = typeof adoptionEvents.$inferSelect;
export type Target = typeof targets.$inferSelect;
export type AuditEvent = typeof auditEvents.$inferSelect;

// ---------------------------------------------------------------- imports

/** An uploaded file on its way in: previewed first (rows below), written only on confirmation. */
export const importBatches = sqliteTable(
  "import_batches",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: IMPORT_KINDS }).notNull(),
    status: text("status", { enum: IMPORT_BATCH_STATUSES }).notNull().default("preview"),
    userId: integer("user_id").references(() => users.id),
    /** The facility or province the import writes to, when it is scoped. */
    facilityId: integer("facility_id").references(() => facilities.id),
    provinceCode: text("province_code"),
    fileName: text("file_name").notNull(),
    fileSha256: text("file_sha256").notNull(),
    /** The file itself, kept until applied or discarded so that the confirmation writes exactly
     *  what was previewed. */
    file: blob("file", { mode: "buffer" }),
    /** Options chosen on the form (edition, effective date…), as JSON. */
    options: text("options").notNull().default("{}"),
    /** Counts per row status, as JSON. */
    summary: text("summary").notNull().default("{}"),
    createdAt: createdAt(),
    appliedAt: text("applied_at"),
  },
  (t) => [index("import_batches_user_idx").on(t.userId, t.createdAt)],
);

export const importBatchRows = sqliteTable(
  "import_batch_rows",
  {
    batchId: integer("batch_id")
      .notNull()
      .references(() => importBatches.id, { onDelete: "cascade" }),
    /** Row number as the user sees it in the sheet (header = row 1 in a CSV). */
    rowNumber: integer("row_number").notNull(),
    status: text("status", { enum: IMPORT_ROW_STATUSES }).notNull(),
    /** The record's key (a code, a licence number…). */
    key: text("key").notNull(),
    /** JSON: the row's label, its changes (field, before, after), its messages. */
    detail: text("detail").notNull().default("{}"),
  },
  (t) => [
    primaryKey({ columns: [t.batchId, t.rowNumber] }),
    index("import_batch_rows_status_idx").on(t.batchId, t.status, t.rowNumber),
  ],
);

// ---------------------------------------------------------------- notifications

/**
 * A user's in-app notifications. Written in the transaction of the event that causes them
 * (a seat decided, a waitlist promotion), or once per agreement end date for expiry
 * reminders; `dedupe_key` makes that once. Reading is per user (`read_at`).
 */
export const notifications = sqliteTable(
  "notifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: NOTIFICATION_KINDS }).notNull(),
    enrolmentId: integer("enrolment_id").references(() => enrolments.id, { onDelete: "cascade" }),
    agreementId: integer("agreement_id").references(() => agreements.id, { onDelete: "cascade" }),
    /** The agreement's end date the reminder speaks of (a later end date reminds again). */
    onDate: text("on_date"),
    dedupeKey: text("dedupe_key"),
    createdAt: createdAt(),
    readAt: text("read_at"),
  },
  (t) => [
    index("notifications_user_idx").on(t.userId, t.createdAt),
    index("notifications_user_unread_idx").on(t.userId, t.readAt),
    uniqueIndex("notifications_user_dedupe_uq").on(t.userId, t.dedupeKey),
    index("notifications_enrolment_idx").on(t.enrolmentId),
    index("notifications_agreement_idx").on(t.agreementId),
  ],
);

export type Notification = typeof notifications.$inferSelect;

// ---------------------------------------------------------------- rotation solver

/**
 * A period a staff member cannot be sent or hold any other commitment (leave, illness, study).
 * The clash rule reads it like a rotation, so the form, the suggestions and the solver refuse it.
 */
export const staffUnavailability = sqliteTable(
  "staff_unavailability",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    staffId: integer("staff_id")
      .notNull()
      .references(() => staff.id),
    kind: text("kind", { enum: UNAVAILABILITY_KINDS }).notNull(),
    startOn: text("start_on").notNull(),
    endOn: text("end_on").notNull(),
    note: text("note"),
    createdBy: integer("created_by").references(() => users.id),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("staff_unavailability_staff_idx").on(t.staffId, t.startOn)],
);

/**
 * A rotation plan computed by the solver for a sending facility and a period. `options` holds
 * the request (lines, override allowance) as JSON, `result` the solver's status, gap, measures
 * and the explanation of every unserved line as JSON. A re-plan supersedes its predecessor.
 */
export const rotationPlans = sqliteTable(
  "rotation_plans",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    facilityId: integer("facility_id")
      .notNull()
      .references(() => facilities.id),
    periodStart: text("period_start").notNull(),
    periodEnd: text("period_end").notNull(),
    status: text("status", { enum: ROTATION_PLAN_STATUSES }).notNull().default("draft"),
    previousPlanId: integer("previous_plan_id").references((): AnySQLiteColumn => rotationPlans.id),
    options: text("options").notNull(),
    result: text("result").notNull(),
    createdBy: integer("created_by").references(() => users.id),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("rotation_plans_facility_idx").on(t.facilityId, t.status, t.periodStart)],
);

/**
 * One rotation a plan proposes: who goes where, when, for which plan lines (JSON array of
 * transfer item ids). Adopting it creates the rotation through the form's command and keeps its
 * id; `replacesRotationId` names a planned rotation the re-plan frees (its person became unavailable).
 */
export const rotationPlanEntries = sqliteTable(
  "rotation_plan_entries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    planId: integer("plan_id")
      .notNull()
      .references(() => rotationPlans.id, { onDelete: "cascade" }),
    staffId: integer("staff_id")
      .notNull()
      .references(() => staff.id),
    toFacilityId: integer("to_facility_id")
      .notNull()
      .references(() => facilities.id),
    agreementId: integer("agreement_id")
      .notNull()
      .references(() => agreements.id),
    startOn: text("start_on").notNull(),
    endOn: text("end_on").notNull(),
    transferItemIds: text("transfer_item_ids").notNull(),
    status: text("status", { enum: PLAN_ENTRY_STATUSES }).notNull().default("proposed"),
    rotationId: integer("rotation_id").references(() => rotations.id),
    replacesRotationId: integer("replaces_rotation_id").references(() => rotations.id),
    decidedBy: integer("decided_by").references(() => users.id),
    decidedAt: text("decided_at"),
  },
  (t) => [index("rotation_plan_entries_plan_idx").on(t.planId, t.startOn), index("rotation_plan_entries_staff_idx").on(t.staffId, t.startOn)],
);

export type StaffUnavailability = typeof staffUnavailability.$inferSelect;
export type RotationPlan = typeof rotationPlans.$inferSelect;
export type RotationPlanEntry = typeof rotationPlanEntries.$inferSelect;

// ---------------------------------------------------------------- remote support (telehealth)

/**
 * A hub supporting a spoke from a distance in one specialty (a catalogue chapter): declared
 * directly or under an agreement between them. Sessions are held only over a link in force.
 */
export const teleLinks = sqliteTable(
  "tele_links",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    hubFacilityId: integer("hub_facility_id")
      .notNull()
      .references(() => facilities.id),
    spokeFacilityId: integer("spoke_facility_id")
      .notNull()
      .references(() => facilities.id),
    chapterNumber: integer("chapter_number")
      .notNull()
      .references(() => chapters.number),
    agreementId: integer("agreement_id").references(() => agreements.id),
    startOn: text("start_on").notNull(),
    /** Null while the link runs. */
    endOn: text("end_on"),
    note: text("note"),
    createdBy: integer("created_by").references(() => users.id),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("tele_links_hub_spoke_chapter_uq").on(t.hubFacilityId, t.spokeFacilityId, t.chapterNumber),
    index("tele_links_spoke_idx").on(t.spokeFacilityId),
    index("tele_links_agreement_idx").on(t.agreementId),
  ],
);

/**
 * A recurring schedule of a hub (e.g. every Tuesday 14:00): its sessions are held on those days
 * and exported as one repeating calendar event.
 */
export const teleSeries = sqliteTable(
  "tele_series",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    hubFacilityId: integer("hub_facility_id")
      .notNull()
      .references(() => facilities.id),
    kind: text("kind", { enum: TELE_SESSION_KINDS }).notNull(),
    title: text("title").notNull(),
    chapterNumber: integer("chapter_number").references(() => chapters.number),
    /** ISO weekday, 1 = Monday … 7 = Sunday. */
    weekday: integer("weekday").notNull(),
    /** Local time in Vietnam, "HH:MM". */
    startTime: text("start_time").notNull(),
    durationMinutes: integer("duration_minutes").notNull(),
    startOn: text("start_on").notNull(),
    endOn: text("end_on").notNull(),
    createdBy: integer("created_by").references(() => users.id),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("tele_series_hub_idx").on(t.hubFacilityId, t.startOn)],
);

/** The spokes a recurring schedule invites. */
export const teleSeriesSpokes = sqliteTable(
  "tele_series_spokes",
  {
    seriesId: integer("series_id")
      .notNull()
      .references(() => teleSeries.id, { onDelete: "cascade" }),
    spokeFacilityId: integer("spoke_facility_id")
      .notNull()
      .references(() => facilities.id),
  },
  (t) => [primaryKey({ columns: [t.seriesId, t.spokeFacilityId] })],
);

/**
 * One remote session. A consultation: a case presented by one spoke (`spokeFacilityId`), advice
 * from the hub, an outcome. A training session: a topic for attendees from one or more spokes,
 * whose minutes count as CME hours. Linked to a plan line, it counts toward the line's training
 * readiness, never as a supervised case. `idempotencyKey` makes a resubmitted entry (a retry
 * after a lost response) land once.
 */
export const teleSessions = sqliteTable(
  "tele_sessions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: TELE_SESSION_KINDS }).notNull(),
    hubFacilityId: integer("hub_facility_id")
      .notNull()
      .references(() => facilities.id),
    /** The presenting spoke of a consultation; null for a training session (see participants). */
    spokeFacilityId: integer("spoke_facility_id").references(() => facilities.id),
    seriesId: integer("series_id").references(() => teleSeries.id),
    heldOn: text("held_on").notNull(),
    startTime: text("start_time").notNull(),
    durationMinutes: integer("duration_minutes").notNull(),
    chapterNumber: integer("chapter_number").references(() => chapters.number),
    techniqueId: integer("technique_id").references(() => techniques.id),
    transferItemId: integer("transfer_item_id").references(() => transferItems.id),
    /** The training topic, or the consultation's case in a line (no patient identifiers). */
    title: text("title").notNull(),
    /** The title folded for search (foldSearch): the log finds "ngoai tuyen" in "Ngoại tuyến". */
    searchText: text("search_text").notNull().default(""),
    outcome: text("outcome", { enum: TELE_OUTCOMES }),
    notes: text("notes"),
    idempotencyKey: text("idempotency_key").unique(),
    createdBy: integer("created_by").references(() => users.id),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // Hub and spoke with the date lead, so a hub's (or spoke's) period is one range; the columns
    // after them are what the reports group and count, so those aggregates read the index alone.
    index("tele_sessions_hub_report_idx").on(t.hubFacilityId, t.heldOn, t.kind, t.outcome, t.spokeFacilityId, t.chapterNumber, t.durationMinutes),
    index("tele_sessions_spoke_report_idx").on(t.spokeFacilityId, t.heldOn, t.kind, t.outcome, t.hubFacilityId, t.chapterNumber, t.durationMinutes),
    index("tele_sessions_held_idx").on(t.heldOn, t.kind),
    index("tele_sessions_item_idx").on(t.transferItemId),
    index("tele_sessions_series_idx").on(t.seriesId),
  ],
);

/**
 * Who took part, from which facility and side: a staff member, or a name for someone not in the
 * registry. A training attendee's CME hours are the credit entry it created.
 */
export const teleParticipants = sqliteTable(
  "tele_participants",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    sessionId: integer("session_id")
      .notNull()
      .references(() => teleSessions.id, { onDelete: "cascade" }),
    facilityId: integer("facility_id")
      .notNull()
      .references(() => facilities.id),
    side: text("side", { enum: TELE_SIDES }).notNull(),
    staffId: integer("staff_id").references(() => staff.id),
    name: text("name"),
    creditEntryId: integer("credit_entry_id").references(() => creditEntries.id),
  },
  (t) => [
    index("tele_participants_session_idx").on(t.sessionId),
    uniqueIndex("tele_participants_staff_uq").on(t.sessionId, t.staffId),
    index("tele_participants_facility_idx").on(t.facilityId, t.side),
  ],
);

export type TeleLink = typeof teleLinks.$inferSelect;
export type TeleSeries = typeof teleSeries.$inferSelect;
export type TeleSession = typeof teleSessions.$inferSelect;
export type TeleParticipant = typeof teleParticipants.$inferSelect;

// ---------------------------------------------------------------- offline entry

/**
 * Submissions already applied, by the key the browser gave them when the form was filled
 * (possibly offline). A queued form sent twice (the response to the first was lost) finds its
 * receipt and gets the first outcome back instead of writing again. The receipt is written in
 * the same transaction as the record, so either both exist or neither does.
 */
export const submissionReceipts = sqliteTable(
  "submission_receipts",
  {
    key: text("key").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    form: text("form", { enum: OFFLINE_FORMS }).notNull(),
    /** The record the submission created or changed (a case log, a course, a session). */
    entityId: integer("entity_id"),
    /** Where the first outcome sent the user: the page a retry is sent to as well. */
    location: text("location"),
    createdAt: createdAt(),
  },
  (t) => [index("submission_receipts_user_idx").on(t.userId, t.createdAt)],
);

export type SubmissionReceipt = typeof submissionReceipts.$inferSelect;
