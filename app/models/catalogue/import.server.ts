// The catalogue import: one edition of the national list (QĐ 7603 with its levels, Circular
// 23/2024 Appendix 1 without, or another), read from a CSV/XLSX, planned row by row against the
// catalogue and written on confirmation in one transaction (models/imports/batches.server.ts).
//
// - Techniques are matched by code as text; a technique keeps its identity across editions
//   (Circular 23 continues the Circular 43 numbers), and each edition's code and name are kept
//   in technique_edition_entries.
// - A blank cell never erases a stored value; a file without a level column changes no level.
// - A level that changes is recorded from the later of the edition's date and today
//   (technique_levels), so no figure dated before the import moves; a technique new to the
//   catalogue takes its level from the edition's date.
// - The same code twice in one file with different names or levels is a conflict: neither row
//   is written. A name that the file cuts short (a prefix of the stored one) is a conflict too.
// - When the file is the complete newest edition, listed techniques it does not name are
//   retired from its date: never deleted, and they keep counting in history.
// - Billing codes are upserted by code and never deleted (a sheet may list part of them).
import type { Db } from "~/db/client.server";
import type { Actor } from "~/models/access/policy";
import { recordAudit } from "~/models/audit/audit.server";
import { isIsoDate } from "~/models/dates";
import type { Level } from "~/models/enums";
import { DomainError } from "~/models/errors";
import { previewImport, requireImportCapability, type ImportHandler, type ImportPlan, type PlannedRow, type RowChange } from "~/models/imports/batches.server";
import { emptyCounts, type RowIssue, type UpsertCounts } from "~/models/imports/headers";
import { readTable, type Sheet, type UploadedFile } from "~/models/imports/read-table.server";
import { encodeMessage } from "~/utils/messages";
import { foldSearch } from "~/utils/search";
import { analyseCatalogue, CHAPTER_NAMES, type CatalogueFormat, type CatalogueRecord } from "./import-rules";
import { recordTechniqueLevel } from "./levels.server";

/** Editions the planner knows by name; another edition can be given a code and name. */
export const KNOWN_EDITIONS = {
  qd7603: { name: "QĐ 7603/QĐ-BYT (Thông tư 43/2013, 21/2017)", effectiveFrom: "2018-12-25", effectiveTo: null },
  "tt23-2024-pl1": { name: "Thông tư 23/2024/TT-BYT, Phụ lục 1", effectiveFrom: null, effectiveTo: "2027-12-31" },
} as const satisfies Record<string, { name: string; effectiveFrom: string | null; effectiveTo: string | null }>;

/** The QĐ 7603 edition as the seed loads it (a complete edition with levels). */
export const QD7603_EDITION: CatalogueImportOptions = {
  editionCode: "qd7603",
  editionName: KNOWN_EDITIONS.qd7603.name,
  effectiveFrom: KNOWN_EDITIONS.qd7603.effectiveFrom,
  complete: true,
};

export type CatalogueImportOptions = {
  /** Edition code, e.g. `tt23-2024-pl1`: lower-case letters, digits and dashes. */
  editionCode: string;
  editionName: string;
  /** First day the edition is in force. */
  effectiveFrom: string;
  effectiveTo?: string | null;
  /** The file lists the whole edition: techniques it does not name are retired from its date. */
  complete: boolean;
};

type TechniqueWrite = {
  record: CatalogueRecord;
  /** Stored technique id, or null for a new one. */
  id: number | null;
  searchText: string;
  updateTechnique: boolean;
  /** A level to record and the date it holds from; undefined: the level stays. */
  level?: { level: Level; validFrom: string; initial: boolean };
  editionEntry: "insert" | "update" | "same";
};

type CatalogueWrite = {
  format: CatalogueFormat;
  hasLevels: boolean;
  chapters: { number: number; roman: string; name: string; exists: boolean }[];
  techniques: TechniqueWrite[];
  billing: { record: CatalogueRecord; exists: boolean; changed: boolean }[];
  retire: number[];
  /** Techniques named again after having been retired. */
  reinstate: number[];
};

type StoredTechnique = {
  id: number;
  code: string;
  chapter_number: number;
  number: number;
  name: string;
  search_text: string;
  min_level: Level | null;
  procedure_class: string | null;
  retired_on: string | null;
  kind: string;
};
type StoredBilling = {
  code: string;
  technique_id: number;
  technique_name: string;
  price_item: string | null;
  price_name: string | null;
  price_vnd: number | null;
  link_code: string | null;
};

const EDITION_CODE = /^[a-z0-9][a-z0-9-]{1,39}$/;

function validateOptions(options: CatalogueImportOptions): void {
  if (!EDITION_CODE.test(options.editionCode)) throw new DomainError("imports:catalogue.badEditionCode", { field: "editionCode" });
  if (!options.editionName.trim() || options.editionName.length > 200) throw new DomainError("common:validation.required", { field: "editionName" });
  if (!isIsoDate(options.effectiveFrom)) throw new DomainError("common:validation.invalidDate", { field: "effectiveFrom" });
  if (options.effectiveTo && (!isIsoDate(options.effectiveTo) || options.effectiveTo < options.effectiveFrom)) {
    throw new DomainError("imports:catalogue.editionEndsBeforeStart", { field: "effectiveTo" });
  }
}

export const catalogueImport: ImportHandler<CatalogueImportOptions, CatalogueWrite> = {
  kind: "catalogue",
  authorize(actor) {
    requireImportCapability(actor, "catalogue.manage");
  },
  plan(db, sheet, { options, today }) {
    validateOptions(options);
    return planCatalogue(db, sheet, options, today);
  },
  write(db, plan, { options, today }) {
    return writeCatalogue(db, plan, options, today);
  },
};

/** Reads the file and stores its preview (see batches.server.ts); returns the batch id. */
export function previewCatalogueImport(db: Db, actor: Actor, file: UploadedFile, options: CatalogueImportOptions, today: string): Promise<number> {
  validateOptions(options);
  return previewImport(db, catalogueImport, actor, file, options, today);
}

export type CatalogueImportResult = { rows: Record<string, number>; written: Record<string, number>; issues: RowIssue[] };

/**
 * Plans and writes at once, for the seed and for tests (the system, no preview): the same
 * plan and write as a confirmed preview.
 */
export async function importCatalogue(
  db: Db,
  file: UploadedFile,
  options: CatalogueImportOptions,
  today: string,
  actor: Actor | null = null,
): Promise<CatalogueImportResult> {
  validateOptions(options);
  const sheet = await readTable(file);
  return db.transaction(() => {
    const plan = planCatalogue(db, sheet, options, today);
    const written = writeCatalogue(db, plan, options, today);
    if (actor) {
      recordAudit(db, { userId: actor.userId, action: "create", entityType: "import_catalogue", entityId: file.fileName.slice(0, 200), after: written });
    }
    const rows: Record<string, number> = {};
    for (const row of plan.rows) rows[row.status] = (rows[row.status] ?? 0) + 1;
    const issues = plan.rows
      .filter((r) => r.status === "refused" || r.status === "conflict")
      .flatMap((r) => (r.messages ?? []).map((m) => ({ row: r.rowNumber, code: r.key, key: m.split("|")[0] })));
    return { rows, written, issues };
  });
}

function planCatalogue(db: Db, sheet: Sheet, options: CatalogueImportOptions, today: string): ImportPlan<CatalogueWrite> {
  const sqlite = db.$client;
  const analysis = analyseCatalogue(sheet.rows);
  const rows: PlannedRow[] = [];

  // Refused rows, and the codes whose rows contradict each other (none of them is written).
  const conflictCodes = new Set<string>();
  const refusedByRow = new Map<number, { code: string; messages: string[] }>();
  for (const issue of analysis.issues) {
    if (issue.key === "imports:catalogue.conflictingTechnique") conflictCodes.add(issue.code);
    const entry = refusedByRow.get(issue.row) ?? { code: issue.code, messages: [] };
    entry.messages.push(encodeMessage(issue.key, issue.params));
    refusedByRow.set(issue.row, entry);
  }
  for (const [rowNumber, { code, messages }] of refusedByRow) {
    const conflict = messages.some((m) => m.startsWith("imports:catalogue.conflictingTechnique"));
    rows.push({ rowNumber, status: conflict ? "conflict" : "refused", key: code, messages });
  }

  const stored = new Map<string, StoredTechnique>();
  for (const t of sqlite
    .prepare("SELECT id, code, chapter_number, number, name, search_text, min_level, procedure_class, retired_on, kind FROM techniques")
    .all() as StoredTechnique[]) {
    stored.set(t.code, t);
  }
  const storedBilling = new Map<string, StoredBilling>();
  for (const b of sqlite
    .prepare("SELECT code, technique_id, technique_name, price_item, price_name, price_vnd, link_code FROM technique_billing_codes")
    .all() as StoredBilling[]) {
    storedBilling.set(b.code, b);
  }
  const codeById = new Map([...stored.values()].map((t) => [t.id, t.code]));
  const withHistory = new Set((sqlite.prepare("SELECT DISTINCT technique_id AS id FROM technique_levels").all() as { id: number }[]).map((r) => r.id));
  const edition = sqlite.prepare("SELECT id FROM catalogue_editions WHERE code = ?").get(options.editionCode) as { id: number } | undefined;
  const entries = new Map<number, string>();
  if (edition) {
    for (const e of sqlite.prepare("SELECT technique_id AS id, name FROM technique_edition_entries WHERE edition_id = ?").all(edition.id) as { id: number; name: string }[]) {
      entries.set(e.id, e.name);
    }
  }
  // Names follow the newest edition: an older edition loaded later keeps today's names.
  const newest = sqlite.prepare("SELECT max(effective_from) AS d FROM catalogue_editions WHERE code <> ?").get(options.editionCode) as { d: string | null };
  const isNewest = newest.d === null || options.effectiveFrom >= newest.d;
  const levelChangesFrom = options.effectiveFrom > today ? options.effectiveFrom : today;

  // The first row of each code speaks for the technique; later rows add billing lines.
  const firstRows = new Map<string, CatalogueRecord>();
  for (const record of analysis.records) if (!firstRows.has(record.code)) firstRows.set(record.code, record);

  const chapters = new Map<number, { number: number; roman: string; name: string; exists: boolean }>();
  const storedChapters = new Map(
    (sqlite.prepare("SELECT number, roman, name FROM chapters").all() as { number: number; roman: string; name: string }[]).map((c) => [c.number, c]),
  );
  const techniques: TechniqueWrite[] = [];
  const techniqueRow = new Map<string, PlannedRow>();
  const reinstate: number[] = [];

  for (const record of analysis.records) {
    if (conflictCodes.has(record.code)) {
      rows.push({
        rowNumber: record.rowNumber,
        status: "conflict",
        key: record.code,
        label: record.name,
        messages: [encodeMessage("imports:catalogue.conflictNotWritten", { code: record.code })],
      });
      continue;
    }
    if (firstRows.get(record.code) !== record) continue; // billing lines handled below
    const chapterStored = storedChapters.get(record.chapter.number);
    if (!chapters.has(record.chapter.number)) {
      chapters.set(record.chapter.number, {
        number: record.chapter.number,
        roman: record.chapter.roman,
        name: record.chapter.name ?? chapterStored?.name ?? CHAPTER_NAMES[record.chapter.number],
        exists: chapterStored !== undefined,
      });
    }
    const current = stored.get(record.code);
    const searchText = foldSearch(`${record.code} ${record.name}`);
    const changes: RowChange[] = [];
    const messages: string[] = [];
    if (!current) {
      const level = record.minLevel ? { level: record.minLevel, validFrom: options.effectiveFrom, initial: true } : undefined;
      techniques.push({ record, id: null, searchText, updateTechnique: true, level, editionEntry: "insert" });
      const row: PlannedRow = { rowNumber: record.rowNumber, status: "new", key: record.code, label: record.name };
      if (!record.minLevel) row.messages = [encodeMessage("imports:catalogue.noLegacyLevel")];
      rows.push(row);
      techniqueRow.set(record.code, row);
      continue;
    }
    if (current.kind === "new") {
      rows.push({ rowNumber: record.rowNumber, status: "conflict", key: record.code, label: record.name, messages: [encodeMessage("imports:catalogue.codeOfNewTechnique", { code: record.code })] });
      continue;
    }
    // A name the file cuts short (mid-word, as a cell-length limit does) is not a new name: say
    // so, write nothing for this technique. An edition may drop a whole qualifier ("… ≤ 8 giờ"):
    // that is a change, shown side by side like any other.
    const cutShort = isCutShort(record.name, current.name);
    if (cutShort) {
      rows.push({
        rowNumber: record.rowNumber,
        status: "conflict",
        key: record.code,
        label: record.name,
        changes: [{ field: "name", before: current.name, after: record.name }],
        messages: [encodeMessage("imports:catalogue.nameCutShort")],
      });
      continue;
    }
    let updateTechnique = false;
    if (isNewest && record.name !== current.name) {
      changes.push({ field: "name", before: current.name, after: record.name });
      updateTechnique = true;
    }
    if (record.chapter.number !== current.chapter_number || record.number !== current.number) updateTechnique = true;
    const procedureClass = record.procedureClass === undefined || record.procedureClass === null ? current.procedure_class : record.procedureClass;
    if (procedureClass !== current.procedure_class) {
      changes.push({ field: "procedureClass", before: current.procedure_class, after: procedureClass });
      updateTechnique = true;
    }
    if (current.retired_on !== null && isNewest) {
      changes.push({ field: "retiredOn", before: current.retired_on, after: null });
      reinstate.push(current.id);
    }
    let level: TechniqueWrite["level"];
    if (record.minLevel && record.minLevel !== current.min_level) {
      const initial = current.min_level === null && !withHistory.has(current.id) && !hasPairs(db, current.id);
      level = { level: record.minLevel, validFrom: initial ? options.effectiveFrom : levelChangesFrom, initial };
      changes.push({ field: "minLevel", before: current.min_level, after: record.minLevel });
      if (!initial) messages.push(encodeMessage("imports:catalogue.levelFrom", { date: levelChangesFrom }));
    }
    const entryName = entries.get(current.id);
    const editionEntry = entryName === undefined ? "insert" : entryName === record.name ? "same" : "update";
    if (updateTechnique && searchText !== current.search_text) updateTechnique = true;
    techniques.push({ record, id: current.id, searchText, updateTechnique, level, editionEntry });
    const status = changes.length > 0 ? "changed" : "unchanged";
    const row: PlannedRow = { rowNumber: record.rowNumber, status, key: record.code, label: record.name };
    if (changes.length) row.changes = changes;
    if (messages.length) row.messages = messages;
    rows.push(row);
    techniqueRow.set(record.code, row);
  }

  // Billing lines: each row with a billing code; a code given to another technique moves to it.
  const billing: CatalogueWrite["billing"] = [];
  for (const record of analysis.records) {
    const line = record.billing;
    if (!line || conflictCodes.has(record.code) || !techniqueRow.has(record.code)) continue;
    const current = storedBilling.get(line.code);
    const next = {
      technique_name: line.techniqueName,
      price_item: line.priceItem === undefined || line.priceItem === null ? current?.price_item ?? null : line.priceItem,
      price_name: line.priceName === undefined || line.priceName === null ? current?.price_name ?? null : line.priceName,
      price_vnd: line.priceVnd === undefined || line.priceVnd === null ? current?.price_vnd ?? null : line.priceVnd,
      link_code: line.linkCode === undefined || line.linkCode === null ? current?.link_code ?? null : line.linkCode,
    };
    const storedTechnique = stored.get(record.code);
    const moved = current !== undefined && storedTechnique !== undefined && current.technique_id !== storedTechnique.id;
    const changed =
      current === undefined ||
      moved ||
      current.technique_name !== next.technique_name ||
      current.price_item !== next.price_item ||
      current.price_name !== next.price_name ||
      current.price_vnd !== next.price_vnd ||
      current.link_code !== next.link_code;
    billing.push({ record, exists: current !== undefined, changed });
    if (!changed) continue;
    // The billing line's change shows on the technique's row (the first row of the code) or on its own row.
    const target: PlannedRow =
      firstRows.get(record.code) === record
        ? techniqueRow.get(record.code)!
        : (() => {
            const own: PlannedRow = {
              rowNumber: record.rowNumber,
              status: techniqueRow.get(record.code)!.status === "new" ? "new" : "changed",
              key: record.code,
              label: record.name,
            };
            rows.push(own);
            return own;
          })();
    if (target.status === "unchanged") target.status = "changed";
    if (target.status === "changed") {
      const before = current === undefined ? null : moved ? `${line.code} → ${codeById.get(current.technique_id) ?? "?"}` : `${line.code} ${current.price_vnd ?? ""}`.trim();
      const after = `${line.code} ${next.price_vnd ?? ""}`.trim();
      target.changes = [...(target.changes ?? []), { field: "billingCode", before, after }];
    }
  }
  // Rows that only add billing lines to an unchanged technique (later rows of a code).
  const planned = new Set(rows.map((r) => r.rowNumber));
  for (const record of analysis.records) {
    if (conflictCodes.has(record.code) || firstRows.get(record.code) === record || !techniqueRow.has(record.code)) continue;
    if (!planned.has(record.rowNumber)) {
      rows.push({ rowNumber: record.rowNumber, status: techniqueRow.get(record.code)!.status === "new" ? "new" : "unchanged", key: record.code, label: record.name });
    }
  }

  // Retirements: listed techniques of earlier editions that the complete newest edition does not name.
  const retire: number[] = [];
  if (options.complete && isNewest) {
    const named = new Set(firstRows.keys());
    // A code the file names on a row it could not read is not retired either.
    for (const r of rows) if (r.status === "refused") named.add(r.key);
    let n = 0;
    for (const t of stored.values()) {
      if (t.kind !== "listed" || t.retired_on !== null || named.has(t.code) || conflictCodes.has(t.code)) continue;
      retire.push(t.id);
      rows.push({
        rowNumber: -(++n),
        status: "retired",
        key: t.code,
        label: t.name,
        changes: [{ field: "retiredOn", before: null, after: options.effectiveFrom }],
      });
    }
  }

  rows.sort((a, b) => (a.rowNumber < 0) === (b.rowNumber < 0) ? Math.abs(a.rowNumber) - Math.abs(b.rowNumber) : a.rowNumber < 0 ? 1 : -1);
  const notes = [encodeMessage(`imports:catalogue.format_${analysis.format}`), encodeMessage(analysis.hasLevels ? "imports:catalogue.withLevels" : "imports:catalogue.withoutLevels")];
  return { rows, notes, write: { format: analysis.format, hasLevels: analysis.hasLevels, chapters: [...chapters.values()], techniques, billing, retire, reinstate } };
}

/** `name` is `stored` cut inside a word (or leaving a bracket open). */
export function isCutShort(name: string, stored: string): boolean {
  if (name === stored || !stored.startsWith(name)) return false;
  const next = stored[name.length];
  const midWord = /[\p{L}\p{N}]/u.test(next) && /[\p{L}\p{N}]$/u.test(name);
  const openBracket = (name.match(/[([]/g)?.length ?? 0) > (name.match(/[)\]]/g)?.length ?? 0);
  return midWord || openBracket;
}

function hasPairs(db: Db, techniqueId: number): boolean {
  return db.$client.prepare("SELECT 1 FROM adoption_pairs WHERE technique_id = ? LIMIT 1").get(techniqueId) !== undefined;
}

type WriteCounts = { chapters: UpsertCounts; techniques: UpsertCounts; billingCodes: UpsertCounts; levels: number; retired: number };

function writeCatalogue(db: Db, plan: ImportPlan<CatalogueWrite>, options: CatalogueImportOptions, today: string): Record<string, number> {
  const sqlite = db.$client;
  const now = new Date().toISOString();
  const counts: WriteCounts = { chapters: emptyCounts(), techniques: emptyCounts(), billingCodes: emptyCounts(), levels: 0, retired: 0 };
  const { write } = plan;

  for (const c of write.chapters) {
    const stored = sqlite.prepare("SELECT roman, name FROM chapters WHERE number = ?").get(c.number) as { roman: string; name: string } | undefined;
    if (!stored) {
      sqlite.prepare("INSERT INTO chapters (number, roman, name) VALUES (?, ?, ?)").run(c.number, c.roman, c.name);
      counts.chapters.created++;
    } else if (stored.name !== c.name || stored.roman !== c.roman) {
      sqlite.prepare("UPDATE chapters SET roman = ?, name = ? WHERE number = ?").run(c.roman, c.name, c.number);
      counts.chapters.updated++;
    } else counts.chapters.unchanged++;
  }

  sqlite
    .prepare(
      `INSERT INTO catalogue_editions (code, name, effective_from, effective_to, has_levels) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(code) DO UPDATE SET name = excluded.name, effective_from = excluded.effective_from,
         effective_to = excluded.effective_to, has_levels = max(has_levels, excluded.has_levels)`,
    )
    .run(options.editionCode, options.editionName.trim(), options.effectiveFrom, options.effectiveTo ?? null, write.hasLevels ? 1 : 0);
  const editionId = (sqlite.prepare("SELECT id FROM catalogue_editions WHERE code = ?").get(options.editionCode) as { id: number }).id;

  const insertTechnique = sqlite.prepare(
    `INSERT INTO techniques (code, chapter_number, number, name, search_text, min_level, procedure_class, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const updateTechnique = sqlite.prepare(
    `UPDATE techniques SET chapter_number = ?, number = ?, name = ?, search_text = ?, procedure_class = coalesce(?, procedure_class), updated_at = ? WHERE id = ?`,
  );
  const upsertEntry = sqlite.prepare(
    `INSERT INTO technique_edition_entries (edition_id, technique_id, code, name) VALUES (?, ?, ?, ?)
     ON CONFLICT(edition_id, technique_id) DO UPDATE SET code = excluded.code, name = excluded.name`,
  );
  const insertInitialLevel = sqlite.prepare("INSERT INTO technique_levels (technique_id, level, valid_from, edition_id) VALUES (?, ?, ?, ?)");
  const ids = new Map<string, number>();
  for (const t of write.techniques) {
    const r = t.record;
    let id = t.id;
    if (id === null) {
      id = Number(
        insertTechnique.run(r.code, r.chapter.number, r.number, r.name, t.searchText, t.level?.level ?? null, r.procedureClass ?? null, now, now).lastInsertRowid,
      );
      counts.techniques.created++;
    } else if (t.updateTechnique) {
      updateTechnique.run(r.chapter.number, r.number, r.name, t.searchText, r.procedureClass ?? null, now, id);
      counts.techniques.updated++;
    } else counts.techniques.unchanged++;
    ids.set(r.code, id);
    if (t.editionEntry !== "same") upsertEntry.run(editionId, id, r.code, r.name);
    if (t.level) {
      if (t.level.initial) {
        insertInitialLevel.run(id, t.level.level, t.level.validFrom, editionId);
        sqlite.prepare("UPDATE techniques SET min_level = ? WHERE id = ?").run(t.level.level, id);
      } else {
        recordTechniqueLevel(db, { techniqueId: id, level: t.level.level, validFrom: t.level.validFrom, editionId }, null, today, { audit: false });
      }
      counts.levels++;
    }
  }

  const insertBilling = sqlite.prepare(
    `INSERT INTO technique_billing_codes (technique_id, code, technique_name, price_item, price_name, price_vnd, link_code) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const updateBilling = sqlite.prepare(
    `UPDATE technique_billing_codes SET technique_id = ?, technique_name = ?, price_item = coalesce(?, price_item), price_name = coalesce(?, price_name),
       price_vnd = coalesce(?, price_vnd), link_code = coalesce(?, link_code) WHERE code = ?`,
  );
  for (const b of write.billing) {
    const line = b.record.billing!;
    const techniqueId = ids.get(b.record.code)!;
    if (!b.exists) {
      insertBilling.run(techniqueId, line.code, line.techniqueName, line.priceItem ?? null, line.priceName ?? null, line.priceVnd ?? null, line.linkCode ?? null);
      counts.billingCodes.created++;
    } else if (b.changed) {
      updateBilling.run(techniqueId, line.techniqueName, line.priceItem ?? null, line.priceName ?? null, line.priceVnd ?? null, line.linkCode ?? null, line.code);
      counts.billingCodes.updated++;
    } else counts.billingCodes.unchanged++;
  }

  const retire = sqlite.prepare("UPDATE techniques SET retired_on = ?, updated_at = ? WHERE id = ? AND retired_on IS NULL");
  for (const id of write.retire) counts.retired += retire.run(options.effectiveFrom, now, id).changes;
  const reinstate = sqlite.prepare("UPDATE techniques SET retired_on = NULL, updated_at = ? WHERE id = ?");
  for (const id of write.reinstate) reinstate.run(now, id);

  return {
    chaptersCreated: counts.chapters.created,
    techniquesCreated: counts.techniques.created,
    techniquesUpdated: counts.techniques.updated,
    techniquesUnchanged: counts.techniques.unchanged,
    billingCodesCreated: counts.billingCodes.created,
    billingCodesUpdated: counts.billingCodes.updated,
    levelsRecorded: counts.levels,
    retired: counts.retired,
  };
}

/** What the admin page shows beside the form. */
export function getCatalogueCounts(db: Db): { chapters: number; techniques: number; billingCodes: number; retired: number; unclassified: number } {
  return db.$client
    .prepare(
      `SELECT (SELECT COUNT(*) FROM chapters) AS chapters,
              (SELECT COUNT(*) FROM techniques WHERE kind = 'listed') AS techniques,
              (SELECT COUNT(*) FROM technique_billing_codes) AS billingCodes,
              (SELECT COUNT(*) FROM techniques WHERE retired_on IS NOT NULL) AS retired,
              (SELECT COUNT(*) FROM techniques WHERE kind = 'listed' AND min_level IS NULL) AS unclassified`,
    )
    .get() as { chapters: number; techniques: number; billingCodes: number; retired: number; unclassified: number };
}

/** The editions loaded, newest first, with how many techniques each lists. */
export function listEditions(db: Db): { id: number; code: string; name: string; effectiveFrom: string; effectiveTo: string | null; hasLevels: boolean; techniques: number }[] {
  return (
    db.$client
      .prepare(
        `SELECT e.id, e.code, e.name, e.effective_from AS effectiveFrom, e.effective_to AS effectiveTo, e.has_levels AS hasLevels,
           (SELECT COUNT(*) FROM technique_edition_entries x WHERE x.edition_id = e.id) AS techniques
         FROM catalogue_editions e ORDER BY e.effective_from DESC`,
      )
      .all() as { id: number; code: string; name: string; effectiveFrom: string; effectiveTo: string | null; hasLevels: number; techniques: number }[]
  ).map((e) => ({ ...e, hasLevels: e.hasLevels === 1 }));
}
