// Meeting records of an agreement (e.g. the annual exchange conference, hosted in turn by
// the parties): date, host, participants, decisions, signed minutes.
import { eq } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { agreementMeetings, agreementParties } from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import { recordAudit } from "~/models/audit/audit.server";
import { DomainError } from "~/models/errors";
import { requireManageableAgreement } from "./access.server";
import type { MeetingForm } from "./schemas";

export function addMeeting(db: Db, actor: Actor, agreementId: number, input: MeetingForm, options: { at?: string } = {}) {
  requireManageableAgreement(db, actor, agreementId);
  if (input.minutesSignedOn && input.minutesSignedOn < input.heldOn) {
    throw new DomainError("agreements:errors.minutesBeforeMeeting", { field: "minutesSignedOn" });
  }
  if (input.hostFacilityId !== undefined) {
    const parties = db.select({ id: agreementParties.facilityId }).from(agreementParties).where(eq(agreementParties.agreementId, agreementId)).all();
    if (!parties.some((p) => p.id === input.hostFacilityId)) {
      throw new DomainError("agreements:errors.hostNotParty", { field: "hostFacilityId" });
    }
  }
  return db.transaction((tx) => {
    const row = tx
      .insert(agreementMeetings)
      .values({
        agreementId,
        title: input.title,
        heldOn: input.heldOn,
        hostFacilityId: input.hostFacilityId ?? null,
        participants: input.participants ?? null,
        decisions: input.decisions ?? null,
        minutesNumber: input.minutesNumber ?? null,
        minutesSignedOn: input.minutesSignedOn ?? null,
      })
      .returning()
      .get();
    recordAudit(tx, { userId: actor.userId, action: "create", entityType: "agreement_meeting", entityId: row.id, after: row, at: options.at });
    return row;
  });
}
