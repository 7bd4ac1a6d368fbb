// Fixtures for the agreement and transfer tests: a small provincial network, actors with user
// rows, an active technique-transfer agreement between its facilities and lines on its plan.
import type { Db } from "~/db/client.server";
import type { Actor } from "~/models/access/policy";
import { changeAgreementStatus, createAgreement, type AgreementInput } from "~/models/agreements/commands.server";
import type { Role } from "~/models/enums";
import { addTransferItem } from "~/models/transfers/plan.server";
import { createSignedInUser } from "./auth";
import { userActor } from "./actors";
import { makeFacility, makeProvince, makeTechnique } from "./factories";

type Facility = ReturnType<typeof makeFacility>;
type TransferItemInput = Parameters<typeof addTransferItem>[3];

/** A new province with a supporting hospital (level B) and two receiving centres (level C). */
export function makeTransferNetwork(db: Db) {
  const province = makeProvince(db);
  const hub = makeFacility(db, { level: "B", provinceCode: province.code });
  const spokeA = makeFacility(db, { level: "C", provinceCode: province.code });
  const spokeB = makeFacility(db, { level: "C", provinceCode: province.code });
  return { province, hub, spokeA, spokeB };
}

/** The network of makeTransferNetwork with the hub's director signed in, and a director of another hospital. */
export async function makeSignedInTransferNetwork(db: Db) {
  const network = makeTransferNetwork(db);
  const { cookie, user } = await createSignedInUser(db, { role: "director", facilityId: network.hub.id });
  const stranger = await createSignedInUser(db, { role: "director" });
  return { ...network, cookie, user, stranger };
}

export type AgreementParties = { supporting: Facility[]; receiving: Facility[]; coordinating?: Facility[] };

/**
 * A technique-transfer agreement "05/HĐ" signed and starting 2026-01-01, ending 2027-12-31,
 * between `parties` (supporting, then receiving, then coordinating), created by `owner` and
 * made active. Returns the row as created (version 1); `overrides` change the input.
 */
export function makeActiveAgreement(db: Db, owner: Actor, parties: AgreementParties, overrides: Partial<AgreementInput> = {}) {
  const party = (role: "supporting" | "receiving" | "coordinating") => (facility: Facility) => ({ facilityCode: facility.code, role });
  const agreement = createAgreement(db, owner, {
    number: "05/HĐ",
    title: "Chuyển giao kỹ thuật",
    type: "technique_transfer",
    startOn: "2026-01-01",
    endOn: "2027-12-31",
    signedOn: "2026-01-01",
    minRotationMonths: 3,
    chapters: [],
    parties: [
      ...parties.supporting.map(party("supporting")),
      ...parties.receiving.map(party("receiving")),
      ...(parties.coordinating ?? []).map(party("coordinating")),
    ],
    ...overrides,
  });
  changeAgreementStatus(db, owner, agreement.id, { toStatus: "active", version: 1 });
  return agreement;
}

/**
 * The world of the transfer model tests: the network of makeTransferNetwork, the province's
 * health department as coordinating party, a hospital elsewhere, their directors, a trainer of
 * spoke A, an active agreement (hub, and with `levelCSupporter` a level-C hospital `smallHub`,
 * supporting; both spokes receiving) and a level-B technique the hub performs. `item()` plans
 * it from the hub to spoke A (phase 1, priority 1, 3 cases, by 2026-06-30) on `plannedOn`.
 */
export function makeTransferWorld(db: Db, { number = "05/HĐ", plannedOn = "2026-01-05", levelCSupporter = false } = {}) {
  const { province, hub, spokeA, spokeB } = makeTransferNetwork(db);
  const smallHub = levelCSupporter ? makeFacility(db, { level: "C", provinceCode: province.code }) : undefined;
  const coordinator = makeFacility(db, { level: "B", kind: "health_department", provinceCode: province.code });
  const elsewhere = makeFacility(db, { level: "B" });
  const as = (role: Role, facilityId: number | null) => userActor(db, role, facilityId, province.code);
  const director = as("director", hub.id);
  const spokeDirector = as("director", spokeA.id);
  const spokeTrainer = as("trainer", spokeA.id);
  const outsider = as("director", elsewhere.id);
  const supporting = smallHub ? [hub, smallHub] : [hub];
  const agreement = makeActiveAgreement(db, director, { supporting, receiving: [spokeA, spokeB], coordinating: [coordinator] }, { number });
  const hipReplacement = makeTechnique(db, { name: "Thay khớp háng toàn phần", minLevel: "B" });
  const item = (overrides: Partial<TransferItemInput> = {}) =>
    addTransferItem(
      db,
      director,
      agreement.id,
      { techniqueCode: hipReplacement.code, fromFacilityId: hub.id, toFacilityId: spokeA.id, phase: 1, priority: 1, requiredCases: 3, targetDate: "2026-06-30", ...overrides },
      { today: plannedOn },
    );
  return { db, province, hub, smallHub, spokeA, spokeB, coordinator, elsewhere, as, director, spokeDirector, spokeTrainer, outsider, agreement, hipReplacement, item };
}
