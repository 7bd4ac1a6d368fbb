import { expect, test } from "vitest";
import { listLedgerEntries } from "~/models/adoption/entries.server";
import { recordAdoptionEvent } from "~/models/adoption/ledger.server";
import { acceptTransferItem, moveStage } from "~/models/transfers/stages.server";
import { makeTransferWorld } from "../helpers/agreements";
import { createTestDb } from "../helpers/db";
import { makeStaff, makeTechnique } from "../helpers/factories";

const TODAY = "2026-03-15";
const page = { page: 1, pageSize: 10, offset: 0 };

test("a ledger event written by an acceptance links back to its agreement, plan line and minutes; other events do not", () => {
  const w = makeTransferWorld(createTestDb());
  const line = w.item({ requiredCases: 0 });
  let version = 1;
  for (const toStage of ["surveyed", "training", "supervised", "independent"] as const) {
    version = moveStage(w.db, w.director, w.agreement.id, line.id, { toStage, movedOn: "2026-02-01", version }, { today: TODAY }).version;
  }
  const doctor = makeStaff(w.db, { facilityId: w.spokeA.id });
  acceptTransferItem(w.db, w.director, w.agreement.id, line.id, { acceptedOn: "2026-03-01", minutesNumber: "NT-07/2026", staffIds: [doctor.id], version }, { today: TODAY });
  const own = makeTechnique(w.db, { minLevel: "C" });
  w.db.transaction((tx) => recordAdoptionEvent(tx, { facilityId: w.spokeA.id, techniqueId: own.id, kind: "started", eventOn: "2026-01-10", source: "in_house" }, null, TODAY));

  const rows = listLedgerEntries(w.db, w.spokeDirector, w.spokeA.id, page).rows;
  expect(rows.find((r) => r.techniqueCode === w.hipReplacement.code)!.acceptance).toEqual({
    agreementId: w.agreement.id,
    agreementNumber: "05/HĐ",
    itemId: line.id,
    minutes: "NT-07/2026",
  });
  expect(rows.find((r) => r.techniqueCode === own.code)!.acceptance).toBeNull();
  // An administrator opens the agreement; a director of an unrelated hospital would not, and gets no link.
  const outsider = w.as("admin", null);
  expect(listLedgerEntries(w.db, outsider, w.spokeA.id, page).rows.find((r) => r.techniqueCode === w.hipReplacement.code)!.acceptance).not.toBeNull();
  expect(listLedgerEntries(w.db, w.outsider, w.spokeA.id, page).rows.find((r) => r.techniqueCode === w.hipReplacement.code)!.acceptance).toBeNull();
});
