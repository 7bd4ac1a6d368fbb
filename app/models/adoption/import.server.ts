// The ledger import: a facility's technique list as hospitals hold it (CSV or XLSX), previewed
// row by row and written on confirmation (models/imports/batches.server.ts).
//
// - A row names its technique by a Circular 23 / Circular 43 code (text: 10.929, BS_1.387,
//   27.205b) or by a billing code CC.SSSS.GGGG; the preview shows what each resolves to.
// - Start date, and optionally a decision (number and date). Imported by whoever approves
//   technique lists (the department, administrators), a decision makes the row official (an
//   "approved" event); imported by a facility, the decided rows become one list request that
//   awaits the department's approval. Which applies is the policy's call (importedDecisionEffect).
// - Idempotent: what the ledger already holds is "unchanged"; the ledger keeps its own dates
//   (an event is never rewritten by a file), and a blank cell writes nothing.
// - Rows that disagree about one facility × technique are conflicts: none of them is written.
// - The facility comes from the session for a director, or a chosen facility / a facility code
//   column for the department (its province) and administrators; rows outside that are refused.
import type { Db } from "~/db/client.server";
import { canChange, importedDecisionEffect, type Actor } from "~/models/access/policy";
import { recordAudit } from "~/models/audit/audit.server";
import { columnLetter, isBillingCode, techniqueCodeProblem } from "~/models/catalogue/import-rules";
import { NON_CARE_FACILITY_KINDS, type Locale } from "~/models/enums";
import { facilityDisplayName } from "~/models/facilities/names";
import { DomainError, ForbiddenError, NotFoundError } from "~/models/errors";
import {
  previewImport,
  requireImportCapability,
  summarise,
  type ImportHandler,
  type ImportPlan,
  type ImportSummary,
  type PlannedRow,
} from "~/models/imports/batches.server";
import { locateHeader, type ColumnSpec } from "~/models/imports/headers";
import { readTable, type Sheet, type SheetRow, type UploadedFile } from "~/models/imports/read-table.server";
import { encodeMessage } from "~/utils/messages";
import { ledgerFacilityOptions } from "./entries.server";
import { planWrites, writeLedger, type FacilityFacts, type Intent, type LedgerWrite, type TechniqueFacts } from "./import-writes.server";
import { LEDGER_ERROR_KEYS } from "./ledger.server";
import { findDateViolation, readLedgerDate } from "./rules";
import { ledgerImportRowSchema } from "./schemas";

type Field = "techniqueCode" | "billingCode" | "startedOn" | "decisionNumber" | "decisionOn" | "facilityCode";
const COLUMNS: ColumnSpec<Field> = {
  techniqueCode: ["Mã kỹ thuật", "Mã KT", "Mã", "Mã TT43", "Mã TT23", "Mã kỹ thuật TT23", "Mã kỹ thuật TT43", "ma_ky_thuat", "code", "technique code"],
  billingCode: ["Mã tương đương", "Mã TĐ", "ma_tuong_duong", "billing code"],
  startedOn: ["Ngày bắt đầu", "Ngày", "Ngày triển khai", "Ngày thực hiện", "start date", "started on", "date", "started"],
  decisionNumber: ["Số quyết định", "Số QĐ", "Quyết định", "Quyết định phê duyệt", "Số quyết định phê duyệt", "decision number", "decision"],
  decisionOn: ["Ngày phê duyệt", "Ngày quyết định", "Ngày QĐ", "Ngày ký quyết định", "approval date", "decision date", "approved on"],
  facilityCode: ["Mã cơ sở", "Mã cơ sở KCB", "Mã cơ sở y tế", "Mã CSYT", "Mã bệnh viện", "Mã đơn vị", "facility code"],
};

export type LedgerImportOptions = {
  /** The facility every row belongs to; null: each row names it in a facility code column. */
  facilityId: number | null;
  /** The province the batch writes to (the facility's, or the department's own). */
  provinceCode: string | null;
};


export const ledgerImport: ImportHandler<LedgerImportOptions, LedgerWrite> = {
  kind: "ledger",
  authorize(actor) {
    requireImportCapability(actor, "adoption.import");
  },
  scope(options) {
    return { facilityId: options.facilityId, provinceCode: options.provinceCode };
  },
  plan(db, sheet, { actor, options, today }) {
    return planLedger(db, sheet, actor, options, today);
  },
  write(db, plan, { actor, today }) {
    return writeLedger(db, plan, actor, today);
  },
};

/**
 * Stores the preview of a ledger file; returns the batch id. The facility is the director's
 * own whatever the form says; the department and administrators choose one (checked against
 * their scope) or let the file's facility code column name it.
 */
export async function previewLedgerImport(db: Db, actor: Actor, file: UploadedFile, chosenFacilityId: number | null, today: string): Promise<number> {
  return await previewImport(db, ledgerImport, actor, file, ledgerOptions(db, actor, chosenFacilityId), today);
}

function ledgerOptions(db: Db, actor: Actor, chosenFacilityId: number | null): LedgerImportOptions {
  requireImportCapability(actor, "adoption.import");
  const facilityId = actor.facilityId ?? chosenFacilityId;
  if (facilityId === null) return { facilityId: null, provinceCode: actor.provinceCode };
  return { facilityId, provinceCode: chosenFacility(db, actor, facilityId).provinceCode };
}

export type LedgerImportResult = { summary: ImportSummary; written: Record<string, number>; rows: PlannedRow[] };

/**
 * Plans and writes at once (no preview), for tests, benchmarks and scripts: the same plan and
 * write as a confirmed preview, in one transaction.
 */
export async function importLedgerFile(db: Db, actor: Actor, chosenFacilityId: number | null, file: UploadedFile, today: string): Promise<LedgerImportResult> {
  const options = ledgerOptions(db, actor, chosenFacilityId);
  const sheet = await readTable(file);
  return db.transaction(
    () => {
      const plan = planLedger(db, sheet, actor, options, today);
      const written = writeLedger(db, plan, actor, today);
      recordAudit(db, { userId: actor.userId || null, action: "create", entityType: "import_ledger", entityId: file.fileName.slice(0, 200), after: written });
      return { summary: summarise(plan.rows), written, rows: plan.rows };
    },
    { behavior: "immediate" },
  );
}

/** The one facility a batch is for: it must exist, deliver care, and be in the actor's change scope. */
function chosenFacility(db: Db, actor: Actor, facilityId: number): FacilityFacts {
  const facility = db.$client
    .prepare("SELECT id, code, short_name AS shortName, province_code AS provinceCode, opened_on AS openedOn, kind FROM facilities WHERE id = ?")
    .get(facilityId) as FacilityFacts | undefined;
  if (!facility) throw new NotFoundError();
  if (!canChange(actor, "adoption.import", { facilityId: facility.id, provinceCode: facility.provinceCode })) throw new ForbiddenError();
  if ((NON_CARE_FACILITY_KINDS as readonly string[]).includes(facility.kind)) {
    throw new DomainError("imports:ledger.notCareFacility", { field: "facilityId" });
  }
  return facility;
}

function planLedger(db: Db, sheet: Sheet, actor: Actor, options: LedgerImportOptions, today: string): ImportPlan<LedgerWrite> {
  const sqlite = db.$client;
  const header = locateHeader<Field>(sheet.rows, COLUMNS, ["techniqueCode"]).ok
    ? locateHeader<Field>(sheet.rows, COLUMNS, ["techniqueCode"])
    : locateHeader<Field>(sheet.rows, COLUMNS, ["billingCode"]);
  if (!header.ok) throw new DomainError("imports:errors.unrecognisedHeaders", { field: "file", params: { missing: "Mã kỹ thuật / Mã tương đương" } });
  const columns = header.columns;
  const missing: string[] = [];
  if (columns.startedOn === undefined && columns.decisionOn === undefined) missing.push("Ngày bắt đầu");
  if (columns.decisionNumber !== undefined && columns.decisionOn === undefined) missing.push("Ngày phê duyệt");
  if (columns.decisionOn !== undefined && columns.decisionNumber === undefined) missing.push("Số quyết định");
  if (missing.length > 0) throw new DomainError("imports:errors.unrecognisedHeaders", { field: "file", params: { missing: missing.join(", ") } });
  const headerCells = sheet.rows[header.headerIndex].cells;
  const columnName = (field: Field) => (headerCells[columns[field]!] ?? "").trim() || field;

  const effect = importedDecisionEffect(actor);
  const fixed = options.facilityId !== null ? chosenFacility(db, actor, options.facilityId) : null;
  if (!fixed && columns.facilityCode === undefined) throw new DomainError("imports:ledger.chooseFacility", { field: "facilityId" });
  const facilitiesByCode = new Map<string, FacilityFacts>();
  if (columns.facilityCode !== undefined) {
    for (const f of sqlite
      .prepare("SELECT id, code, short_name AS shortName, province_code AS provinceCode, opened_on AS openedOn, kind FROM facilities")
      .all() as FacilityFacts[]) {
      facilitiesByCode.set(f.code.toUpperCase(), f);
    }
  }
  const techniquesByCode = new Map<string, TechniqueFacts>();
  const techniquesById = new Map<number, TechniqueFacts>();
  for (const t of sqlite.prepare("SELECT id, code, name FROM techniques").all() as TechniqueFacts[]) {
    techniquesByCode.set(t.code, t);
    techniquesById.set(t.id, t);
  }
  const billing = new Map(
    (sqlite.prepare("SELECT code, technique_id AS techniqueId FROM technique_billing_codes").all() as { code: string; techniqueId: number }[]).map((b) => [b.code, b.techniqueId]),
  );

  const rows: PlannedRow[] = [];
  const intents: Intent[] = [];
  const refuse = (row: SheetRow, key: string, messages: string[]) => rows.push({ rowNumber: row.rowNumber, status: "refused", key: key.slice(0, 60), messages });
  const cell = (row: SheetRow, field: Field) => (columns[field] === undefined ? "" : (row.cells[columns[field]!] ?? "").trim());

  for (const row of sheet.rows.slice(header.headerIndex + 1)) {
    const techniqueText = cell(row, "techniqueCode");
    const billingText = cell(row, "billingCode");
    const codeText = techniqueText || billingText;
    const facilityText = cell(row, "facilityCode");
    const key = columns.facilityCode !== undefined && facilityText ? `${facilityText} · ${codeText}` : codeText;
    const messages: string[] = [];

    // Cells a spreadsheet computed or broke: named with their column and row.
    for (const field of Object.keys(columns) as Field[]) {
      const index = columns[field]!;
      if (row.errors?.includes(index)) messages.push(encodeMessage("imports:errors.errorCell", { column: columnLetter(index), row: row.rowNumber }));
      else if (row.formulas?.includes(index)) messages.push(encodeMessage("imports:errors.formulaCell", { column: columnLetter(index), row: row.rowNumber }));
    }
    if (messages.length > 0) {
      refuse(row, key, messages);
      continue;
    }

    // Text fields through the hand form's limits.
    const decisionText = cell(row, "decisionNumber");
    const limits = ledgerImportRowSchema.safeParse({ techniqueCode: codeText, decisionNumber: decisionText, facilityCode: facilityText });
    if (!limits.success) {
      for (const issue of limits.error.issues) {
        const field = issue.path[0] === "techniqueCode" ? (techniqueText ? "techniqueCode" : "billingCode") : (issue.path[0] as Field);
        const max = issue.code === "too_big" ? Number(issue.maximum) : undefined;
        messages.push(
          issue.code === "too_big"
            ? encodeMessage("imports:ledger.tooLong", { column: columnName(field), max: max ?? 0 })
            : encodeMessage("imports:ledger.required", { column: columnName(columns.techniqueCode !== undefined ? "techniqueCode" : "billingCode") }),
        );
      }
      refuse(row, key, messages);
      continue;
    }

    // The facility: the chosen one, or the row's code within the actor's scope.
    let facility: FacilityFacts | null = fixed;
    if (facilityText) {
      const named = facilitiesByCode.get(facilityText.toUpperCase());
      if (!named) messages.push(encodeMessage("imports:ledger.unknownFacility", { value: facilityText }));
      else if (fixed && named.id !== fixed.id) messages.push(encodeMessage("imports:ledger.otherFacility", { value: facilityText, facility: fixed.code }));
      else if (!canChange(actor, "adoption.import", { facilityId: named.id, provinceCode: named.provinceCode })) {
        messages.push(encodeMessage("imports:ledger.facilityOutOfScope", { value: facilityText }));
      } else if ((NON_CARE_FACILITY_KINDS as readonly string[]).includes(named.kind)) {
        messages.push(encodeMessage("imports:ledger.notCareFacilityRow", { value: facilityText }));
      } else facility = named;
    } else if (!fixed) messages.push(encodeMessage("imports:ledger.facilityRequired", { column: columnName("facilityCode") }));

    // The technique: by its code, or by a billing code; both given must agree.
    const resolveCode = (text: string, field: "techniqueCode" | "billingCode"): { technique: TechniqueFacts; via?: string } | null => {
      if (text === "") return null;
      if (row.numeric?.includes(columns[field]!)) {
        messages.push(encodeMessage("imports:ledger.codeNotText", { value: text, column: columnName(field) }));
        return null;
      }
      if (isBillingCode(text)) {
        const id = billing.get(text);
        if (id === undefined) messages.push(encodeMessage("imports:ledger.unknownBillingCode", { value: text }));
        return id === undefined ? null : { technique: techniquesById.get(id)!, via: text };
      }
      const technique = techniquesByCode.get(text) ?? techniquesByCode.get(text.replace(/^bs_/i, "BS_"));
      if (technique) return { technique };
      // Not shaped like a code at all, or a well-formed code the catalogue does not hold (99.9999).
      const malformed = techniqueCodeProblem(text)?.key === "imports:catalogue.badCode";
      messages.push(malformed ? encodeMessage("imports:ledger.badCode", { value: text }) : encodeMessage("imports:ledger.unknownCode", { value: text }));
      return null;
    };
    const byCode = resolveCode(techniqueText, "techniqueCode");
    const byBilling = resolveCode(billingText, "billingCode");
    if (byCode && byBilling && byCode.technique.id !== byBilling.technique.id) {
      messages.push(encodeMessage("imports:ledger.codesDisagree", { code: techniqueText, billingCode: billingText, other: byBilling.technique.code }));
    }
    const found = byCode ?? byBilling;

    // Dates and the decision.
    const readDate = (field: "startedOn" | "decisionOn"): string | null => {
      const text = cell(row, field);
      if (text === "") return null;
      const date = readLedgerDate(text);
      if (date === null) {
        messages.push(encodeMessage("imports:ledger.badDate", { column: columnName(field), value: text }));
        return null;
      }
      const violation = facility ? findDateViolation(date, today, facility.openedOn) : null;
      if (violation) {
        messages.push(encodeMessage(LEDGER_ERROR_KEYS[violation], { date, today, openedOn: facility?.openedOn ?? "" }));
        return null;
      }
      return date;
    };
    const startedText = cell(row, "startedOn");
    const decisionOnText = cell(row, "decisionOn");
    const startedOn = readDate("startedOn");
    const decisionOn = readDate("decisionOn");
    const decisionNumber = limits.data.decisionNumber ?? "";
    if ((decisionNumber === "") !== (decisionOnText === "")) {
      messages.push(encodeMessage("imports:ledger.decisionIncomplete", { number: columnName("decisionNumber"), date: columnName("decisionOn") }));
    } else if (decisionNumber !== "" && effect === null) {
      messages.push(encodeMessage("imports:ledger.decisionNotAllowed"));
    }
    if (startedText === "" && decisionOnText === "") messages.push(encodeMessage("imports:ledger.noDate", { column: columnName(columns.startedOn !== undefined ? "startedOn" : "decisionOn") }));
    if (startedOn && decisionOn && decisionOn < startedOn) messages.push(encodeMessage("adoption:errors.decisionBeforeStart", { date: decisionOn }));

    if (messages.length > 0 || !found || !facility) {
      const row0: PlannedRow = { rowNumber: row.rowNumber, status: "refused", key: key.slice(0, 60), messages };
      if (found) {
        row0.label = found.technique.name;
        row0.resolved = describe(found.technique, found.via);
      }
      rows.push(row0);
      continue;
    }
    intents.push({
      row,
      key,
      facility,
      technique: found.technique,
      resolved: describe(found.technique, found.via),
      startedOn,
      decision: decisionNumber !== "" && decisionOn ? { number: decisionNumber, on: decisionOn } : null,
    });
  }

  const write = planWrites(db, intents, rows, effect);
  rows.sort((a, b) => a.rowNumber - b.rowNumber);
  const notes = [encodeMessage(effect === "official" ? "imports:ledger.decisionsOfficial" : "imports:ledger.decisionsRequest")];
  return { rows, write, notes };
}

function describe(technique: TechniqueFacts, via?: string): string {
  return `${via ? `${via} → ` : ""}${technique.code} ${technique.name}`;
}


export type LedgerImportPage = {
  /** The director's own facility (the only one it imports for). */
  ownFacility: { id: number; name: string } | null;
  /** Facilities the department / an administrator may choose (or leave to the file). */
  choices: { id: number; name: string }[];
  /** The facility the page opens on (`?facility=`), when it may be chosen. */
  selected: number | null;
  decisions: "official" | "request" | null;
};

/** What the import page offers this actor; ForbiddenError when it may not import ledgers. */
export function ledgerImportPage(db: Db, actor: Actor, requested: number | null, locale: Locale): LedgerImportPage {
  requireImportCapability(actor, "adoption.import");
  const decisions = importedDecisionEffect(actor);
  if (actor.facilityId !== null) {
    const own = db.$client.prepare("SELECT id, name, name_en AS nameEn FROM facilities WHERE id = ?").get(actor.facilityId) as
      | { id: number; name: string; nameEn: string | null }
      | undefined;
    return { ownFacility: own ? { id: own.id, name: facilityDisplayName(own, locale) } : null, choices: [], selected: null, decisions };
  }
  const choices = ledgerFacilityOptions(db, actor, locale);
  return { ownFacility: null, choices, selected: choices.some((c) => c.id === requested) ? requested : null, decisions };
}
