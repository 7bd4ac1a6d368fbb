import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { auditEvents, transferItems } from "~/db/schema";
import { getFixedT } from "~/i18n/i18n";
import { recordAdoptionEvent } from "~/models/adoption/ledger.server";
import { applyImport, listBatchRows } from "~/models/imports/batches.server";
import { readTable, type Sheet } from "~/models/imports/read-table.server";
import { exportPlanCsv, exportPlanXlsx, importPlanSheet, planImport, previewPlanImport } from "~/models/transfers/plan-import.server";
import { moveStage } from "~/models/transfers/stages.server";
import { translateMessage } from "~/utils/messages";
import { makeTransferWorld } from "../helpers/agreements";
import { createTestDb } from "../helpers/db";
import { makeTechnique } from "../helpers/factories";

const TODAY = "2026-03-15";
const en = (m: string) => translateMessage(getFixedT("en"), m);

function sheet(...rows: string[][]): Sheet {
  return { rows: rows.map((cells, i) => ({ rowNumber: i + 1, cells })) };
}
const HEADER = ["Mã kỹ thuật", "Giai đoạn", "Đơn vị chuyển giao", "Đơn vị nhận chuyển giao", "Số ca có giám sát", "Hạn hoàn thành"];

function world() {
  const w = makeTransferWorld(createTestDb());
  const knee = makeTechnique(w.db, { name: "Nội soi khớp gối", minLevel: "B" });
  const ecmo = makeTechnique(w.db, { name: "ECMO", minLevel: "A" });
  return { ...w, knee, ecmo };
}

test("a plan file adds new lines under the add form's rules and refuses what the form would refuse, naming the column", () => {
  const w = world();
  const { plan, written } = importPlanSheet(
    w.db,
    w.director,
    w.agreement.id,
    sheet(
      ["Kế hoạch chuyển giao 2026"],
      HEADER,
      [w.hipReplacement.code, "1", w.hub.code, w.spokeA.code, "5", "30/06/2026"],
      [w.knee.code, "2", w.hub.name, w.spokeB.name, "3", ""],
      [w.ecmo.code, "1", w.hub.code, w.spokeA.code, "3", ""],
      ["99.999", "1", w.hub.code, w.spokeA.code, "3", ""],
      [w.knee.code, "0", w.hub.code, w.elsewhere.code, "x", "31/02/2026"],
      [w.knee.code, "", w.hub.code, w.spokeA.code, "", ""],
    ),
    TODAY,
  );
  expect(plan.rows.map((r) => [r.rowNumber, r.status])).toEqual([
    [3, "new"],
    [4, "new"],
    [5, "refused"],
    [6, "refused"],
    [7, "refused"],
    [8, "refused"],
  ]);
  expect(written).toEqual({ created: 2, updated: 0 });
  expect(en(plan.rows[2].messages![0])).toContain("does not perform technique");
  expect(en(plan.rows[3].messages![0])).toBe("Column “Technique code”: code 99.999 is not in the catalogue (codes are compared exactly: 10.1 and 10.10 differ).");
  expect(plan.rows[4].messages!.map(en)).toEqual([
    "Column “Phase”: “0” is not a whole number from 1 to 20.",
    "Column “Required supervised cases”: “x” is not a whole number from 0 to 1000.",
    "Column “Due date”: “31/02/2026” is not a date (dd/mm/yyyy or yyyy-mm-dd).",
    expect.stringContaining("is not a party to this agreement"),
  ]);
  expect(plan.rows[5].messages!.map(en)).toEqual(["Column “Phase”: required for a new line.", "Column “Required supervised cases”: required for a new line."]);
  const lines = w.db.select().from(transferItems).where(eq(transferItems.agreementId, w.agreement.id)).all();
  expect(lines).toEqual([
    expect.objectContaining({ techniqueId: w.hipReplacement.id, toFacilityId: w.spokeA.id, phase: 1, requiredCases: 5, targetDate: "2026-06-30", stage: "planned" }),
    expect.objectContaining({ techniqueId: w.knee.id, toFacilityId: w.spokeB.id, phase: 2, requiredCases: 3, targetDate: null }),
  ]);
  expect(w.db.select().from(auditEvents).where(eq(auditEvents.entityType, "transfer_item")).all()).toHaveLength(2);
});

test("a stored line is corrected from the file: blank cells keep the stored values; the same line twice is a conflict and neither row is written", () => {
  const w = world();
  const started = w.item();
  let version = 1;
  for (const toStage of ["surveyed", "training"] as const) version = moveStage(w.db, w.director, w.agreement.id, started.id, { toStage, movedOn: "2026-02-01", version }, { today: TODAY }).version;
  const { plan } = importPlanSheet(
    w.db,
    w.director,
    w.agreement.id,
    sheet(
      HEADER,
      [w.hipReplacement.code, "2", "", w.spokeA.code, "", ""],
      [w.knee.code, "1", w.hub.code, w.spokeB.code, "3", ""],
      [w.knee.code, "2", w.hub.code, w.spokeB.code, "4", ""],
    ),
    TODAY,
  );
  expect(plan.rows.map((r) => r.status)).toEqual(["changed", "conflict", "conflict"]);
  expect(plan.rows[0].changes).toEqual([{ field: "plan.phase", before: "1", after: "2" }]);
  expect(en(plan.rows[1].messages![0])).toBe("Row 4 names the same technique for the same receiving party: neither row is written.");
  const line = w.db.select().from(transferItems).where(eq(transferItems.id, started.id)).get()!;
  expect(line).toEqual(expect.objectContaining({ phase: 2, requiredCases: 3, targetDate: "2026-06-30", version: version + 1 }));
  expect(w.db.select().from(transferItems).all()).toHaveLength(1);
});

test("the exported plan, as CSV and as XLSX in either language, imports back unchanged", async () => {
  const w = world();
  w.item({ techniqueCode: w.hipReplacement.code, targetDate: "2026-12-31" });
  w.item({ techniqueCode: w.knee.code, toFacilityId: w.spokeB.id, phase: 2, requiredCases: 0, targetDate: undefined });
  for (const locale of ["vi", "en"] as const) {
    const t = getFixedT(locale, "imports");
    const csv = exportPlanCsv(w.db, w.director, w.agreement.id, t);
    expect(csv.split("\n")[0]).toContain(locale === "vi" ? "Mã kỹ thuật" : "Technique code");
    const xlsx = await exportPlanXlsx(w.db, w.director, w.agreement.id, t);
    for (const file of [{ fileName: "plan.csv", bytes: Buffer.from(csv) }, { fileName: "plan.xlsx", bytes: xlsx }]) {
      const { plan, written } = importPlanSheet(w.db, w.director, w.agreement.id, await readTable(file), TODAY);
      expect(plan.rows.map((r) => r.status)).toEqual(["unchanged", "unchanged"]);
      expect(written).toEqual({ created: 0, updated: 0 });
    }
  }
});

test("the preview writes nothing; confirming writes; a receiver that started the technique meanwhile makes the confirmation 409", async () => {
  const w = world();
  const csv = [HEADER.join(","), `${w.hipReplacement.code},1,${w.hub.code},${w.spokeA.code},5,2026-06-30`].join("\n");
  const id = await previewPlanImport(w.db, w.director, w.agreement.id, { fileName: "plan.csv", bytes: Buffer.from(csv) }, TODAY);
  expect(listBatchRows(w.db, w.director, id, null, { page: 1, pageSize: 10, offset: 0 }).rows.map((r) => r.status)).toEqual(["new"]);
  expect(w.db.select().from(transferItems).all()).toHaveLength(0);
  w.db.transaction((tx) =>
    recordAdoptionEvent(tx, { facilityId: w.spokeA.id, techniqueId: w.hipReplacement.id, kind: "started", eventOn: "2026-02-01", source: "in_house" }, null, TODAY),
  );
  await expect(applyImport(w.db, planImport, w.director, id, TODAY)).rejects.toMatchObject({ status: 409 });
  expect(w.db.select().from(transferItems).all()).toHaveLength(0);
  const again = await previewPlanImport(w.db, w.director, w.agreement.id, { fileName: "plan.csv", bytes: Buffer.from(csv.replace(w.hipReplacement.code, w.knee.code)) }, TODAY);
  await applyImport(w.db, planImport, w.director, again, TODAY);
  expect(w.db.select().from(transferItems).all()).toHaveLength(1);
  // Someone who does not manage the agreement cannot start one.
  await expect(previewPlanImport(w.db, w.spokeDirector, w.agreement.id, { fileName: "plan.csv", bytes: Buffer.from(csv) }, TODAY)).rejects.toMatchObject({ status: 403 });
});
