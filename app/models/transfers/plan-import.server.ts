// The priority-technique plan of one agreement from a CSV or XLSX file (columns in
// plan-import-rules.ts), previewed row by row and written on confirmation in one transaction
// (models/imports/batches.server.ts); and the same six columns written back out, so that an
// exported plan imported again changes nothing.
//
// - A line is its technique and its receiver. A row naming a line the plan holds corrects it
//   under the rules of the correction form: blank cells keep the stored values, an accepted
//   line is not changed, the supporting party changes only while the line is planned and no
//   rotation serves it, the requirement never drops below the supervised cases logged.
// - A new line follows the rules of the add form (`assertPlacement`): supporting and receiving
//   parties, the supporter performs the technique, the receiver does not yet.
// - Techniques are found by their exact code (10.1 and 10.10 are different techniques); the
//   same line twice in a file is a conflict and neither row is written.
// - Parties are named by facility code (as exported) or by the facility's name.
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import type { TFunction } from "i18next";
import type { Db } from "~/db/client.server";
import type { TransferStage } from "~/models/enums";
import { hasCapability, type Actor } from "~/models/access/policy";
import { recordAuditBatch, type AuditInput } from "~/models/audit/audit.server";
import { requireManageableAgreement, requireReadableAgreement } from "~/models/agreements/access.server";
import { isOpen } from "~/models/agreements/rules";
import { ConflictError, DomainError, ForbiddenError, isDomainError } from "~/models/errors";
import { previewImport, type ImportHandler, type ImportPlan, type PlannedRow, type RowChange } from "~/models/imports/batches.server";
import type { Sheet, UploadedFile } from "~/models/imports/read-table.server";
import { encodeMessage } from "~/utils/messages";
import { foldSearch } from "~/utils/search";
import { assertPlacement } from "./plan.server";
import { locatePlanHeader, PLAN_COLUMNS, planCellMessage, planColumnLabelKey, readPlanRow } from "./plan-import-rules";
import { checkPartiesChange, requiredCoversLogged } from "./rules";

export type PlanImportOptions = { agreementId: number };

type LineValues = { fromFacilityId: number; phase: number; requiredCases: number; targetDate: string | null };
type PlanWrite = {
  agreementId: number;
  create: ({ rowNumber: number; techniqueId: number; toFacilityId: number } & LineValues)[];
  update: { rowNumber: number; id: number; version: number; before: LineValues; values: LineValues }[];
};

function authorize(actor: Actor): void {
  if (!hasCapability(actor, "agreements.manage")) throw new ForbiddenError();
}

export const planImport: ImportHandler<PlanImportOptions, PlanWrite> = {
  kind: "plan",
  authorize,
  plan(db, sheet, { actor, options }) {
    return planLines(db, sheet, actor, options);
  },
  write(db, plan, { actor, today }) {
    return writeLines(db, plan, actor, today);
  },
};

/** Reads the file and stores its preview; returns the batch id. */
export async function previewPlanImport(db: Db, actor: Actor, agreementId: number, file: UploadedFile, today: string): Promise<number> {
  const agreement = requireManageableAgreement(db, actor, agreementId);
  if (!isOpen(agreement.status)) throw new ConflictError("agreements:errors.closed", { field: "file" });
  return previewImport(db, planImport, actor, file, { agreementId }, today);
}

/** Plans and writes at once (tests): the same plan and write as a confirmed preview. */
export function importPlanSheet(db: Db, actor: Actor, agreementId: number, sheet: Sheet, today: string) {
  authorize(actor);
  return db.transaction(() => {
    const plan = planLines(db, sheet, actor, { agreementId });
    return { plan, written: writeLines(db, plan, actor, today) };
  });
}

type Party = { id: number; code: string; name: string; role: string };
type StoredLine = LineValues & {
  id: number;
  version: number;
  stage: TransferStage;
  techniqueId: number;
  toFacilityId: number;
  supervised: number;
  rotations: number;
};

function planLines(db: Db, sheet: Sheet, actor: Actor, options: PlanImportOptions): ImportPlan<PlanWrite> {
  const agreement = requireManageableAgreement(db, actor, options.agreementId);
  if (!isOpen(agreement.status)) throw new ConflictError("agreements:errors.closed", { field: "file" });
  const header = locatePlanHeader(sheet.rows);
  if (!header.ok) throw new DomainError("imports:plan.noHeader", { field: "file" });
  const columns = header.columns;
  const read = sheet.rows.slice(header.headerIndex + 1).map((row) => ({ row, ...readPlanRow(row, columns) }));
  const sqlite = db.$client;

  const parties = sqlite
    .prepare(
      `SELECT f.id, f.code, f.name, f.short_name AS shortName, p.role FROM agreement_parties p JOIN facilities f ON f.id = p.facility_id
       WHERE p.agreement_id = ?`,
    )
    .all(agreement.id) as (Party & { shortName: string | null })[];
  const partyByName = new Map<string, Party | null>();
  for (const p of parties) {
    for (const key of [p.code.toUpperCase(), foldSearch(p.name), p.shortName ? foldSearch(p.shortName) : null]) {
      if (!key) continue;
      // A name two parties share names neither.
      partyByName.set(key, partyByName.has(key) && partyByName.get(key)?.id !== p.id ? null : p);
    }
  }
  const findParty = (text: string) => partyByName.get(text.toUpperCase()) ?? partyByName.get(foldSearch(text)) ?? null;

  const codes = [...new Set(read.map((r) => r.values.techniqueCode).filter((c): c is string => !!c))];
  const techniquesByCode = new Map(
    (sqlite.prepare("SELECT id, code, name, min_level AS minLevel FROM techniques WHERE code IN (SELECT value FROM json_each(?))").all(JSON.stringify(codes)) as {
      id: number;
      code: string;
      name: string;
      minLevel: "A" | "B" | "C" | "D" | null;
    }[]).map((t) => [t.code, t]),
  );
  const stored = new Map(
    (sqlite
      .prepare(
        `SELECT i.id, i.version, i.stage, i.technique_id AS techniqueId, i.to_facility_id AS toFacilityId, i.from_facility_id AS fromFacilityId,
           i.phase, i.required_cases AS requiredCases, i.target_date AS targetDate,
           (SELECT count(*) FROM case_logs c WHERE c.transfer_item_id = i.id AND c.supervised = 1) AS supervised,
           (SELECT count(*) FROM rotation_items r WHERE r.transfer_item_id = i.id) AS rotations
         FROM transfer_items i WHERE i.agreement_id = ?`,
      )
      .all(agreement.id) as StoredLine[]).map((s) => [`${s.techniqueId}:${s.toFacilityId}`, s]),
  );
  const partyName = new Map(parties.map((p) => [p.id, p.code]));

  // Resolve every row first, so that the same line twice in the file is found.
  const resolved = read.map((r) => {
    const problems = [...r.problems];
    const technique = r.values.techniqueCode ? techniquesByCode.get(r.values.techniqueCode) : undefined;
    if (r.values.techniqueCode && !technique) problems.push(planCellMessage("techniqueCode", encodeMessage("imports:plan.unknownTechnique", { code: r.values.techniqueCode })));
    if (!r.values.techniqueCode && !r.problems.length) problems.push(planCellMessage("techniqueCode", "common:validation.required"));
    const partyOf = (column: "from" | "to") => {
      const text = r.values[column];
      if (text === undefined) return undefined;
      const party = findParty(text);
      if (!party) problems.push(planCellMessage(column, encodeMessage("imports:plan.notAParty", { value: text.slice(0, 80) })));
      return party ?? undefined;
    };
    const to = partyOf("to");
    const from = partyOf("from");
    if (r.values.to === undefined) problems.push(planCellMessage("to", "common:validation.required"));
    const key = technique && to ? `${technique.id}:${to.id}` : null;
    return { ...r, problems, technique, to, from, key };
  });
  const rowsByKey = new Map<string, number[]>();
  resolved.forEach((r, i) => {
    if (r.key) rowsByKey.set(r.key, [...(rowsByKey.get(r.key) ?? []), i]);
  });

  const rows: PlannedRow[] = [];
  const write: PlanWrite = { agreementId: agreement.id, create: [], update: [] };
  resolved.forEach((r, i) => {
    const key = `${r.values.techniqueCode ?? ""} → ${r.to?.code ?? r.values.to ?? ""}`.slice(0, 200);
    const label = r.technique?.name;
    const rowNumber = r.row.rowNumber;
    const others = r.key ? rowsByKey.get(r.key)!.filter((j) => j !== i) : [];
    if (others.length > 0) {
      rows.push({ rowNumber, status: "conflict", key, label, messages: [encodeMessage("imports:plan.sameLineInFile", { row: resolved[others[0]].row.rowNumber }), ...r.problems] });
      return;
    }
    if (r.problems.length > 0 || !r.technique || !r.to) {
      rows.push({ rowNumber, status: "refused", key, label, messages: r.problems });
      return;
    }
    const line = stored.get(r.key!);
    const refuse = (message: string) => rows.push({ rowNumber, status: "refused", key, label, messages: [message] });
    if (!line) {
      const missing = (["from", "phase", "requiredCases"] as const).filter((c) => r.values[c] === undefined);
      if (missing.length > 0) {
        rows.push({ rowNumber, status: "refused", key, label, messages: missing.map((c) => planCellMessage(c, "imports:plan.requiredForNew")) });
        return;
      }
      try {
        assertPlacement(db, agreement.id, { technique: r.technique, fromFacilityId: r.from!.id, toFacilityId: r.to.id });
      } catch (error) {
        if (!isDomainError(error)) throw error;
        refuse(encodeMessage(error.message, error.params));
        return;
      }
      write.create.push({
        rowNumber,
        techniqueId: r.technique.id,
        toFacilityId: r.to.id,
        fromFacilityId: r.from!.id,
        phase: r.values.phase!,
        requiredCases: r.values.requiredCases!,
        targetDate: r.values.targetDate ?? null,
      });
      rows.push({ rowNumber, status: "new", key, label });
      return;
    }
    const before: LineValues = { fromFacilityId: line.fromFacilityId, phase: line.phase, requiredCases: line.requiredCases, targetDate: line.targetDate };
    const values: LineValues = {
      fromFacilityId: r.from?.id ?? line.fromFacilityId,
      phase: r.values.phase ?? line.phase,
      requiredCases: r.values.requiredCases ?? line.requiredCases,
      targetDate: r.values.targetDate ?? line.targetDate,
    };
    const changes: RowChange[] = [];
    const shown = (field: keyof LineValues, v: LineValues) =>
      field === "fromFacilityId" ? partyName.get(v.fromFacilityId) ?? String(v.fromFacilityId) : v[field] === null ? null : String(v[field]);
    for (const field of ["fromFacilityId", "phase", "requiredCases", "targetDate"] as const) {
      if (values[field] !== before[field]) {
        changes.push({ field: `plan.${field === "fromFacilityId" ? "from" : field}`, before: shown(field, before), after: shown(field, values) });
      }
    }
    if (changes.length === 0) {
      rows.push({ rowNumber, status: "unchanged", key, label });
      return;
    }
    if (line.stage === "accepted") return refuse("agreements:errors.itemAcceptedFinal");
    if (values.fromFacilityId !== before.fromFacilityId) {
      const refusal = checkPartiesChange({ stage: line.stage, rotations: line.rotations });
      if (refusal) return refuse(planCellMessage("from", refusal));
      try {
        assertPlacement(db, agreement.id, { technique: r.technique, fromFacilityId: values.fromFacilityId, toFacilityId: line.toFacilityId }, line.id);
      } catch (error) {
        if (!isDomainError(error)) throw error;
        return refuse(encodeMessage(error.message, error.params));
      }
    }
    if (!requiredCoversLogged(values.requiredCases, line.supervised)) {
      return refuse(planCellMessage("requiredCases", encodeMessage("agreements:item.casesLogged", { logged: line.supervised })));
    }
    write.update.push({ rowNumber, id: line.id, version: line.version, before, values });
    rows.push({ rowNumber, status: "changed", key, label, changes });
  });
  return { rows, write, notes: [encodeMessage("imports:plan.into", { number: agreement.number }), "imports:plan.keyRule"] };
}

function writeLines(db: Db, plan: ImportPlan<PlanWrite>, actor: Actor, today: string): Record<string, number> {
  const sqlite = db.$client;
  const now = new Date().toISOString();
  const { write } = plan;
  const insert = sqlite.prepare(
    `INSERT INTO transfer_items (agreement_id, technique_id, from_facility_id, to_facility_id, phase, priority, target_date, required_cases, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?)`,
  );
  const stageEvent = sqlite.prepare(`INSERT INTO transfer_stage_events (transfer_item_id, from_stage, to_stage, moved_on, moved_by) VALUES (?, NULL, 'planned', ?, ?)`);
  const update = sqlite.prepare(
    `UPDATE transfer_items SET from_facility_id = ?, phase = ?, required_cases = ?, target_date = ?, version = version + 1, updated_at = ?
     WHERE id = ? AND version = ?`,
  );
  const events: AuditInput[] = [];
  for (const c of write.create) {
    const id = Number(insert.run(write.agreementId, c.techniqueId, c.fromFacilityId, c.toFacilityId, c.phase, c.targetDate, c.requiredCases, now, now).lastInsertRowid);
    stageEvent.run(id, today, actor.userId || null);
    events.push({ userId: actor.userId || null, action: "create", entityType: "transfer_item", entityId: id, after: { agreementId: write.agreementId, ...c }, at: now });
  }
  for (const u of write.update) {
    const v = u.values;
    // The plan was made inside this transaction: the version cannot have moved.
    if (update.run(v.fromFacilityId, v.phase, v.requiredCases, v.targetDate, now, u.id, u.version).changes !== 1) {
      throw new DomainError("imports:errors.changedSincePreview", { status: 409 });
    }
    events.push({ userId: actor.userId || null, action: "update", entityType: "transfer_item", entityId: u.id, before: u.before, after: v, at: now });
  }
  recordAuditBatch(db, events);
  return { created: write.create.length, updated: write.update.length };
}

// ---------------------------------------------------------------- export in the same shape

/** The plan's lines as the import reads them: headers in the reader's language, codes as text. */
export function planFileRows(db: Db, actor: Actor, agreementId: number, t: TFunction): string[][] {
  requireReadableAgreement(db, actor, agreementId);
  const lines = db.$client
    .prepare(
      `SELECT t.code, i.phase, ff.code AS fromCode, tf.code AS toCode, i.required_cases AS requiredCases, i.target_date AS targetDate
       FROM transfer_items i JOIN techniques t ON t.id = i.technique_id
       JOIN facilities ff ON ff.id = i.from_facility_id JOIN facilities tf ON tf.id = i.to_facility_id
       WHERE i.agreement_id = ? ORDER BY i.phase, i.priority, t.chapter_number, t.number, i.id`,
    )
    .all(agreementId) as { code: string; phase: number; fromCode: string; toCode: string; requiredCases: number; targetDate: string | null }[];
  return [
    PLAN_COLUMNS.map((c) => t(planColumnLabelKey(c))),
    ...lines.map((l) => [l.code, String(l.phase), l.fromCode, l.toCode, String(l.requiredCases), l.targetDate ?? ""]),
  ];
}

export function exportPlanCsv(db: Db, actor: Actor, agreementId: number, t: TFunction): string {
  // A byte-order mark so that spreadsheet programs open the Vietnamese text as UTF-8.
  return "\ufeff" + stringify(planFileRows(db, actor, agreementId, t));
}

export async function exportPlanXlsx(db: Db, actor: Actor, agreementId: number, t: TFunction): Promise<Buffer> {
  const rows = planFileRows(db, actor, agreementId, t);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(t("agreements:export.sheetPlan").slice(0, 31));
  // Every cell is text: a code such as 10.10 must not become the number 10.1 when opened.
  PLAN_COLUMNS.forEach((_, i) => (sheet.getColumn(i + 1).numFmt = "@"));
  for (const row of rows) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((c, i) => (c.width = [14, 10, 16, 16, 14, 14][i] ?? 14));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

