// Meeting records of an agreement (e.g. the annual exchange conference, hosted in turn by
// the parties): date, host, participants, decisions, signed minutes. Added and corrected by
// the agreement's managers under the same rules; corrections check the version.
import { and, eq } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { agreementMeetings, agreementParties, facilities } from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import { assertVersion, changedFields, recordAudit } from "~/models/audit/audit.server";
import { DomainError, NotFoundError, StaleRecordError } from "~/models/errors";
import { requireManageableAgreement } from "./access.server";
import type { MeetingEditForm, MeetingForm } from "./schemas";
import type { Locale } from "~/models/enums";
import { facilityNameSql } from "~/models/facilities/names.server";

/** Minutes are signed on or after the meeting; the host is one of the parties. */
function checkMeeting(db: Db, agreementId: number, input: MeetingForm) {
  if (input.minutesSignedOn && input.minutesSignedOn < input.heldOn) {
    throw new DomainError("agreements:errors.minutesBeforeMeeting", { field: "minutesSignedOn" });
  }
  if (input.hostFacilityId !== undefined) {
    const parties = db.select({ id: agreementParties.facilityId }).from(agreementParties).where(eq(agreementParties.agreementId, agreementId)).all();
    if (!parties.some((p) => p.id === input.hostFacilityId)) {
      throw new DomainError("agreements:errors.hostNotParty", { field: "hostFacilityId" });
    }
  }
}

function meetingValues(input: MeetingForm) {
  return {
    title: input.title,
    heldOn: input.heldOn,
    hostFacilityId: input.hostFacilityId ?? null,
    participants: input.participants ?? null,
    decisions: input.decisions ?? null,
    minutesNumber: input.minutesNumber ?? null,
    minutesSignedOn: input.minutesSignedOn ?? null,
    minutesVi: input.minutesVi ?? null,
    minutesEn: input.minutesEn ?? null,
  };
}

function requireMeeting(db: Db, agreementId: number, meetingId: number) {
  const meeting = db
    .select()
    .from(agreementMeetings)
    .where(and(eq(agreementMeetings.id, meetingId), eq(agreementMeetings.agreementId, agreementId)))
    .get();
  if (!meeting) throw new NotFoundError();
  return meeting;
}

export function addMeeting(db: Db, actor: Actor, agreementId: number, input: MeetingForm, options: { at?: string } = {}) {
  requireManageableAgreement(db, actor, agreementId);
  checkMeeting(db, agreementId, input);
  return db.transaction((tx) => {
    const row = tx
      .insert(agreementMeetings)
      .values({ agreementId, ...meetingValues(input) })
      .returning()
      .get();
    recordAudit(tx, { userId: actor.userId, action: "create", entityType: "agreement_meeting", entityId: row.id, after: row, at: options.at });
    return row;
  });
}

/** The edit form: the stored record and the parties that may host; managers only. */
export function getMeetingForEdit(db: Db, actor: Actor, agreementId: number, meetingId: number, locale: Locale = "vi") {
  const agreement = requireManageableAgreement(db, actor, agreementId);
  const meeting = requireMeeting(db, agreementId, meetingId);
  const parties = db
    .select({ facilityId: facilities.id, name: facilityNameSql(locale) })
    .from(agreementParties)
    .innerJoin(facilities, eq(facilities.id, agreementParties.facilityId))
    .where(eq(agreementParties.agreementId, agreementId))
    .orderBy(facilityNameSql(locale))
    .all();
  return { agreement: { id: agreement.id, number: agreement.number, title: agreement.title }, meeting, parties };
}

/** Corrects a meeting record under the rules of adding it; a stale form gets 409 and what changed. */
export function updateMeeting(db: Db, actor: Actor, agreementId: number, meetingId: number, input: MeetingEditForm, options: { at?: string } = {}) {
  requireManageableAgreement(db, actor, agreementId);
  const current = requireMeeting(db, agreementId, meetingId);
  const values = meetingValues(input);
  assertVersion(current, input.version, values);
  checkMeeting(db, agreementId, input);
  const row = db.transaction((tx) => {
    const updated = tx
      .update(agreementMeetings)
      .set({ ...values, version: current.version + 1 })
      .where(and(eq(agreementMeetings.id, meetingId), eq(agreementMeetings.version, current.version)))
      .returning()
      .get();
    if (updated) recordAudit(tx, { userId: actor.userId, action: "update", entityType: "agreement_meeting", entityId: meetingId, before: current, after: updated, at: options.at });
    return updated;
  });
  if (!row) {
    const fresh = requireMeeting(db, agreementId, meetingId);
    throw new StaleRecordError(fresh, changedFields(fresh, values));
  }
  return row;
}
