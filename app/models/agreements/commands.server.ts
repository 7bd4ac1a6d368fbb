// Commands on agreements: create, edit, change status, renew. Each checks access, validates
// against the other records and writes the change with its audit event in one transaction.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import {
  agreementChapters,
  agreementParties,
  agreements,
  chapters,
  facilities,
  transferItems,
  type Agreement,
} from "~/db/schema";
import { choosesFacility, hasCapability, type Actor } from "~/models/access/policy";
import { assertVersion, recordAudit, type Tx } from "~/models/audit/audit.server";
import type { AgreementStatus, PartyRole } from "~/models/enums";
import { ConflictError, DomainError, ForbiddenError } from "~/models/errors";
import { foldSearch } from "~/utils/search";
import { carryOverItems } from "~/models/transfers/plan.server";
import { requireManageableAgreement } from "./access.server";
import { canRenew, canTransition, checkParties, isOpen, termIsValid } from "./rules";
import type { AgreementForm } from "./schemas";

type Party = { facilityId: number; role: PartyRole };
export type AgreementInput = Omit<AgreementForm, "version">;

/** Resolves the form's facility codes; an unknown code is a message next to its row. */
function resolveParties(db: Tx, input: AgreementInput): Party[] {
  const rows = input.parties
    .map((p, index) => ({ ...p, index }))
    .filter((p) => p.facilityCode);
  const codes = rows.map((r) => r.facilityCode!.toUpperCase());
  const found = codes.length
    ? db.select({ id: facilities.id, code: facilities.code }).from(facilities).where(inArray(sql`upper(${facilities.code})`, codes)).all()
    : [];
  const byCode = new Map(found.map((f) => [f.code.toUpperCase(), f.id]));
  const parties = rows.map((r) => {
    const facilityId = byCode.get(r.facilityCode!.toUpperCase());
    if (!facilityId) {
      throw new DomainError("agreements:errors.facilityUnknown", {
        field: `parties[${r.index}].facilityCode`,
        params: { code: r.facilityCode! },
      });
    }
    return { facilityId, role: r.role ?? null, index: r.index };
  });
  const problem = checkParties(input.type, parties);
  if (problem) {
    // The rule numbers the parties it saw; point at the form's own row.
    const field = problem.field.replace(/^parties\[(\d+)\]/, (_m, i: string) => `parties[${parties[Number(i)].index}]`);
    throw new DomainError(problem.key, { field });
  }
  return parties.map((p) => ({ facilityId: p.facilityId, role: p.role! }));
}

function checkChapters(db: Tx, numbers: number[]): number[] {
  const unique = [...new Set(numbers)];
  if (unique.length === 0) return [];
  const known = db.select({ n: chapters.number }).from(chapters).where(inArray(chapters.number, unique)).all();
  if (known.length !== unique.length) throw new DomainError("agreements:errors.chapterUnknown", { field: "chapters" });
  return unique;
}

function checkTerm(input: { startOn: string; endOn?: string | null; signedOn?: string | null }) {
  if (!termIsValid(input.startOn, input.endOn ?? null)) {
    throw new DomainError("common:validation.endBeforeStart", { field: "endOn" });
  }
}

function searchTextFor(db: Tx, number: string, title: string, partyIds: number[]): string {
  const names = partyIds.length
    ? db.select({ name: facilities.name, shortName: facilities.shortName }).from(facilities).where(inArray(facilities.id, partyIds)).all()
    : [];
  return foldSearch([number, title, ...names.map((r) => `${r.shortName} ${r.name}`)].join(" "));
}

function writePartiesAndChapters(tx: Tx, agreementId: number, parties: Party[], chapterNumbers: number[]) {
  tx.delete(agreementParties).where(eq(agreementParties.agreementId, agreementId)).run();
  tx.delete(agreementChapters).where(eq(agreementChapters.agreementId, agreementId)).run();
  if (parties.length) tx.insert(agreementParties).values(parties.map((p) => ({ agreementId, ...p }))).run();
  if (chapterNumbers.length) {
    tx.insert(agreementChapters).values(chapterNumbers.map((chapterNumber) => ({ agreementId, chapterNumber }))).run();
  }
}

/** The agreement's columns the form edits, as stored (a blank optional field is null). */
function formValues(input: AgreementInput) {
  return {
    number: input.number,
    title: input.title,
    type: input.type,
    signedOn: input.signedOn ?? null,
    startOn: input.startOn,
    endOn: input.endOn ?? null,
    minRotationMonths: input.minRotationMonths,
    notes: input.notes ?? null,
  };
}

type DraftValues = Omit<typeof agreements.$inferInsert, "searchText" | "status"> & { number: string; title: string };

/** A new draft agreement (created or renewed) with its parties and chapters, and its audit event. */
function insertDraft(tx: Tx, actor: Actor, values: DraftValues, parties: Party[], chapterNumbers: number[], at: string | undefined): Agreement {
  const row = tx
    .insert(agreements)
    .values({ ...values, status: "draft", searchText: searchTextFor(tx, values.number, values.title, parties.map((p) => p.facilityId)) })
    .returning()
    .get();
  writePartiesAndChapters(tx, row.id, parties, chapterNumbers);
  recordAudit(tx, {
    userId: actor.userId,
    action: "create",
    entityType: "agreement",
    entityId: row.id,
    after: { ...row, parties, chapters: chapterNumbers },
    at,
  });
  return row;
}

/** The owning facility: the director's own; an administrator names one of the parties. */
function decideOwner(db: Tx, actor: Actor, input: AgreementInput, parties: Party[]): number {
  const chooses = choosesFacility(actor);
  let owner: number | null = actor.facilityId;
  if (chooses) {
    if (input.ownerFacilityCode) {
      owner =
        db.select({ id: facilities.id }).from(facilities).where(sql`upper(${facilities.code}) = ${input.ownerFacilityCode.toUpperCase()}`).get()?.id ??
        null;
    } else {
      owner = (parties.find((p) => p.role === "supporting") ?? parties[0])?.facilityId ?? null;
    }
  }
  if (owner === null || !parties.some((p) => p.facilityId === owner)) {
    throw new DomainError("agreements:errors.ownerNotParty", { field: chooses ? "ownerFacilityCode" : "parties" });
  }
  return owner;
}

export function createAgreement(db: Db, actor: Actor, input: AgreementInput, options: { at?: string } = {}): Agreement {
  if (!hasCapability(actor, "agreements.manage")) throw new ForbiddenError();
  checkTerm(input);
  const parties = resolveParties(db, input);
  const chapterNumbers = checkChapters(db, input.chapters);
  const ownerFacilityId = decideOwner(db, actor, input, parties);
  return db.transaction((tx) => {
    return insertDraft(tx, actor, { ...formValues(input), ownerFacilityId }, parties, chapterNumbers, options.at);
  });
}

/** Items must keep a supporting sender and a receiving recipient among the parties. */
function checkItemsStillFit(tx: Tx, agreementId: number, parties: Party[]) {
  const items = tx
    .select({ from: transferItems.fromFacilityId, to: transferItems.toFacilityId })
    .from(transferItems)
    .where(eq(transferItems.agreementId, agreementId))
    .all();
  const role = new Map(parties.map((p) => [p.facilityId, p.role]));
  for (const item of items) {
    if (role.get(item.from) !== "supporting" || role.get(item.to) !== "receiving") {
      throw new ConflictError("agreements:errors.partyHasItems", { field: "parties" });
    }
  }
}

export function updateAgreement(
  db: Db,
  actor: Actor,
  id: number,
  input: AgreementInput & { version: number },
  options: { at?: string } = {},
): Agreement {
  const current = requireManageableAgreement(db, actor, id);
  if (!isOpen(current.status)) throw new ConflictError("agreements:errors.closed");
  checkTerm(input);
  const parties = resolveParties(db, input);
  const chapterNumbers = checkChapters(db, input.chapters);
  if (!parties.some((p) => p.facilityId === current.ownerFacilityId)) {
    throw new DomainError("agreements:errors.ownerNotParty", { field: "parties" });
  }
  const values = formValues(input);
  assertVersion(current, input.version, values);
  return db.transaction((tx) => {
    checkItemsStillFit(tx, id, parties);
    const row = tx
      .update(agreements)
      .set({
        ...values,
        searchText: searchTextFor(tx, input.number, input.title, parties.map((p) => p.facilityId)),
        version: current.version + 1,
        updatedAt: options.at ?? new Date().toISOString(),
      })
      .where(and(eq(agreements.id, id), eq(agreements.version, current.version)))
      .returning()
      .get();
    writePartiesAndChapters(tx, id, parties, chapterNumbers);
    recordAudit(tx, {
      userId: actor.userId,
      action: "update",
      entityType: "agreement",
      entityId: id,
      before: current,
      after: { ...row, parties, chapters: chapterNumbers },
      at: options.at,
    });
    return row;
  });
}

export type StatusInput = {
  toStatus: AgreementStatus;
  signedOn?: string;
  terminatedOn?: string;
  terminationReason?: string;
  version: number;
};

/** draft -> active (signed), active -> ended | terminated (dated, with a reason). */
export function changeAgreementStatus(db: Db, actor: Actor, id: number, input: StatusInput, options: { at?: string } = {}): Agreement {
  const current = requireManageableAgreement(db, actor, id);
  assertVersion(current, input.version, { status: input.toStatus });
  if (!canTransition(current.status, input.toStatus)) {
    throw new ConflictError("agreements:errors.statusTransition", {
      field: "toStatus",
      params: { from: current.status, to: input.toStatus },
    });
  }
  const signedOn = input.signedOn ?? current.signedOn;
  if (input.toStatus === "active" && !signedOn) {
    throw new DomainError("agreements:errors.signedOnRequired", { field: "signedOn" });
  }
  if (input.toStatus === "terminated") {
    if (!input.terminatedOn) throw new DomainError("common:validation.required", { field: "terminatedOn" });
    if (!input.terminationReason) throw new DomainError("common:validation.required", { field: "terminationReason" });
    if (input.terminatedOn < current.startOn) {
      throw new DomainError("agreements:errors.terminatedBeforeStart", { field: "terminatedOn" });
    }
  }
  return db.transaction((tx) => {
    const row = tx
      .update(agreements)
      .set({
        status: input.toStatus,
        signedOn,
        terminatedOn: input.toStatus === "terminated" ? input.terminatedOn! : current.terminatedOn,
        terminationReason: input.toStatus === "terminated" ? input.terminationReason! : current.terminationReason,
        version: current.version + 1,
        updatedAt: options.at ?? new Date().toISOString(),
      })
      .where(eq(agreements.id, id))
      .returning()
      .get();
    recordAudit(tx, { userId: actor.userId, action: "update", entityType: "agreement", entityId: id, before: current, after: row, at: options.at });
    return row;
  });
}

export type RenewInput = { number: string; startOn: string; endOn?: string };

/**
 * A draft successor with the same parties, scope and terms, linked to its predecessor; the
 * unfinished lines of the plan carry over (`carryOverItems`), in the same transaction.
 */
export function renewAgreement(db: Db, actor: Actor, id: number, input: RenewInput, options: { at?: string; today?: string } = {}): Agreement {
  const current = requireManageableAgreement(db, actor, id);
  const successor = db.select({ id: agreements.id }).from(agreements).where(eq(agreements.predecessorId, id)).get();
  if (!canRenew(current, Boolean(successor))) throw new ConflictError("agreements:errors.cannotRenew");
  checkTerm(input);
  if (input.startOn < current.startOn) throw new DomainError("agreements:errors.renewStartsBefore", { field: "startOn" });
  return db.transaction((tx) => {
    const parties = tx
      .select({ facilityId: agreementParties.facilityId, role: agreementParties.role })
      .from(agreementParties)
      .where(eq(agreementParties.agreementId, id))
      .all();
    const chapterNumbers = tx
      .select({ n: agreementChapters.chapterNumber })
      .from(agreementChapters)
      .where(eq(agreementChapters.agreementId, id))
      .all()
      .map((r) => r.n);
    const values = {
      number: input.number,
      title: current.title,
      type: current.type,
      startOn: input.startOn,
      endOn: input.endOn ?? null,
      minRotationMonths: current.minRotationMonths,
      notes: current.notes,
      ownerFacilityId: current.ownerFacilityId,
      predecessorId: id,
    };
    const row = insertDraft(tx, actor, values, parties, chapterNumbers, options.at);
    carryOverItems(tx, actor, id, row.id, { at: options.at, today: options.today ?? (options.at ?? new Date().toISOString()).slice(0, 10) });
    return row;
  });
}

