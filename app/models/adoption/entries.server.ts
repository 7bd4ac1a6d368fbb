// The ledger page's model: which facility a reader looks at, its recent entries, and a
// milestone entered by hand (checked against the actor's scope, then through the ledger).
import { and, desc, eq, notInArray, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { adoptionEvents, agreements, facilities, techniques, transferItems, users } from "~/db/schema";
import { canChange, canRead, choosesFacility, hasCapability, type Actor } from "~/models/access/policy";
import { facilityScopeCondition } from "~/models/access/scope-sql.server";
import { agreementScopes } from "~/models/agreements/access.server";
import { NON_CARE_FACILITY_KINDS, type AdoptionEventKind, type AdoptionSource, type Level, type Locale } from "~/models/enums";
import { facilityNameSql } from "~/models/facilities/names.server";
import { ForbiddenError, NotFoundError } from "~/models/errors";
import { clampPage, toPage, type Page, type PageRequest } from "~/utils/pagination";
import { recordAdoptionEvent } from "./ledger.server";
import type { LedgerEventForm } from "./schemas";

export type LedgerFacility = { id: number; name: string; level: Level | null; provinceCode: string | null; canManage: boolean; canImport: boolean };

/** The facility a ledger page shows: the reader's own, or the one asked for when readable. */
export function resolveLedgerFacility(db: Db, actor: Actor, requested: number | null, locale: Locale): LedgerFacility | null {
  const id = requested ?? actor.facilityId;
  if (!id) return null;
  const f = db
    .select({ id: facilities.id, name: facilityNameSql(locale), level: facilities.level, provinceCode: facilities.provinceCode })
    .from(facilities)
    .where(eq(facilities.id, id))
    .get();
  if (!f) throw new NotFoundError();
  if (!canRead(actor, { facilityId: f.id, provinceCode: f.provinceCode })) throw new ForbiddenError();
  const scope = { facilityId: f.id, provinceCode: f.provinceCode };
  return { ...f, canManage: canChange(actor, "adoption.manage", scope), canImport: canChange(actor, "adoption.import", scope) };
}

/** Facilities the reader may open a ledger for (a department's province, capped for a select). */
export function ledgerFacilityOptions(db: Db, actor: Actor, locale: Locale): { id: number; name: string }[] {
  if (!choosesFacility(actor)) return [];
  return db
    .select({ id: facilities.id, name: facilityNameSql(locale) })
    .from(facilities)
    .where(and(facilityScopeCondition(actor, facilities.id), notInArray(facilities.kind, [...NON_CARE_FACILITY_KINDS])))
    .orderBy(facilities.level, facilityNameSql(locale))
    .limit(500)
    .all();
}

export type LedgerEntryRow = {
  id: number;
  eventOn: string;
  kind: AdoptionEventKind;
  source: AdoptionSource | null;
  decisionNumber: string | null;
  techniqueCode: string;
  techniqueName: string;
  author: string | null;
  /** An event written by an acceptance: its agreement, plan line and minutes, when the reader may open them. */
  acceptance: { agreementId: number; agreementNumber: string; itemId: number; minutes: string | null } | null;
};

export function listLedgerEntries(db: Db, actor: Actor, facilityId: number, requested: PageRequest): Page<LedgerEntryRow> {
  const total = db.select({ n: sql<number>`count(*)` }).from(adoptionEvents).where(eq(adoptionEvents.facilityId, facilityId)).get()?.n ?? 0;
  const page = clampPage(requested, total);
  const rows = db
    .select({
      id: adoptionEvents.id,
      eventOn: adoptionEvents.eventOn,
      kind: adoptionEvents.kind,
      source: adoptionEvents.source,
      decisionNumber: adoptionEvents.decisionNumber,
      techniqueCode: techniques.code,
      techniqueName: techniques.name,
      author: users.displayName,
      agreementId: agreements.id,
      agreementNumber: agreements.number,
      ownerFacilityId: agreements.ownerFacilityId,
      itemId: transferItems.id,
      minutes: transferItems.acceptanceMinutes,
    })
    .from(adoptionEvents)
    .innerJoin(techniques, eq(techniques.id, adoptionEvents.techniqueId))
    .leftJoin(users, eq(users.id, adoptionEvents.createdBy))
    // Only an event the acceptance wrote: a transfer source, its own line, that line accepted.
    .leftJoin(
      transferItems,
      and(eq(transferItems.id, adoptionEvents.transferItemId), eq(adoptionEvents.source, "transfer"), eq(transferItems.stage, "accepted")),
    )
    .leftJoin(agreements, eq(agreements.id, transferItems.agreementId))
    .where(eq(adoptionEvents.facilityId, facilityId))
    .orderBy(desc(adoptionEvents.eventOn), desc(adoptionEvents.id))
    .limit(page.pageSize)
    .offset(page.offset)
    .all();
  return toPage(
    rows.map(({ agreementId, agreementNumber, ownerFacilityId, itemId, minutes, ...row }) => ({
      ...row,
      // A link is offered only where its target opens for this reader.
      acceptance:
        agreementId !== null && itemId !== null && canRead(actor, agreementScopes(db, { id: agreementId, ownerFacilityId: ownerFacilityId! }))
          ? { agreementId, agreementNumber: agreementNumber!, itemId, minutes }
          : null,
    })),
    total,
    page,
  );
}

/**
 * A milestone entered on the ledger page. Directors record for their own facility;
 * "approved" is the department's decision and goes through the list approval instead,
 * except for administrators correcting history.
 */
export function addLedgerEntry(db: Db, actor: Actor, facilityId: number, input: LedgerEventForm, today: string) {
  const f = db.select({ provinceCode: facilities.provinceCode }).from(facilities).where(eq(facilities.id, facilityId)).get();
  if (!f) throw new NotFoundError();
  if (!canChange(actor, "adoption.manage", { facilityId, provinceCode: f.provinceCode })) throw new ForbiddenError();
  if (input.kind === "approved" && !hasCapability(actor, "techniqueList.approve")) throw new ForbiddenError();
  return db.transaction((tx) =>
    recordAdoptionEvent(
      tx,
      {
        facilityId,
        techniqueCode: input.techniqueCode,
        kind: input.kind,
        eventOn: input.eventOn,
        source: input.kind === "started" ? (input.source ?? "in_house") : null,
        decisionNumber: input.decisionNumber,
        note: input.note,
      },
      actor,
      today,
    ),
  );
}
