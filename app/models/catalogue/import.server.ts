// The catalogue import: reads a CSV/XLSX, validates it (import-rules.ts) and upserts chapters,
// techniques (by code) and billing codes (by code) in ONE synchronous transaction, so a failure
// leaves the catalogue as it was. Re-importing the same file changes nothing. Billing codes
// are never deleted by an import: a sheet may list only part of the catalogue.
import type { Db } from "~/db/client.server";
import type { Actor } from "~/models/access/policy";
import { hasCapability } from "~/models/access/policy";
import { recordAudit } from "~/models/audit/audit.server";
import { ForbiddenError } from "~/models/errors";
import { emptyCounts, type RowIssue, type UpsertCounts } from "~/models/imports/headers";
import { readTable, type UploadedFile } from "~/models/imports/read-table.server";
import { foldSearch } from "~/utils/search";
import { analyseCatalogue, CHAPTER_NAMES, type CatalogueFormat, type CatalogueRecord } from "./import-rules";

export type CatalogueImportReport = {
  fileName: string;
  format: CatalogueFormat;
  /** Data rows below the header. */
  rowsRead: number;
  rowsImported: number;
  rowsSkipped: number;
  chapters: UpsertCounts;
  /** Counted per distinct technique code, not per row. */
  techniques: UpsertCounts;
  billingCodes: UpsertCounts;
  /** Every skipped row with its reason, in sheet order. */
  issues: RowIssue[];
  durationMs: number;
};

/**
 * Imports a catalogue file. Throws DomainError (nothing imported) when the file cannot be read
 * or its headers are not recognised; otherwise imports the valid rows and reports the others.
 * `actor` null is the seed (system); a user needs the "catalogue.manage" capability.
 */
export async function importCatalogue(db: Db, file: UploadedFile, actor: Actor | null): Promise<CatalogueImportReport> {
  if (actor && !hasCapability(actor, "catalogue.manage")) throw new ForbiddenError();
  const started = performance.now();
  const sheet = await readTable(file);
  const analysis = analyseCatalogue(sheet.rows);
  const rowsSkipped = new Set(analysis.issues.map((i) => i.row)).size;
  const summary = { fileName: file.fileName, format: analysis.format, rowsRead: analysis.rowsRead, rowsSkipped };
  const counts = writeCatalogue(db, analysis.records, (tx, written) => {
    if (!actor) return;
    recordAudit(tx, {
      userId: actor.userId,
      action: "create",
      entityType: "catalogue_import",
      entityId: file.fileName.slice(0, 200),
      after: { ...summary, ...written },
    });
  });
  return {
    ...summary,
    rowsImported: analysis.records.length,
    ...counts,
    issues: analysis.issues,
    durationMs: Math.round(performance.now() - started),
  };
}

type WriteCounts = Pick<CatalogueImportReport, "chapters" | "techniques" | "billingCodes">;
type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

type StoredTechnique = {
  id: number;
  chapter_number: number;
  number: number;
  name: string;
  search_text: string;
  min_level: string | null;
  procedure_class: string | null;
};
type StoredBilling = {
  technique_id: number;
  technique_name: string;
  price_item: string | null;
  price_name: string | null;
  price_vnd: number | null;
  link_code: string | null;
};

/**
 * Upserts validated records. Existing rows are read once into maps and every write goes
 * through a prepared statement: 9,190 rows take well under a second.
 */
export function writeCatalogue(
  db: Db,
  records: readonly CatalogueRecord[],
  /** Runs inside the transaction after the writes (the audit event). */
  onCommit?: (tx: Tx, counts: WriteCounts) => void,
): WriteCounts {
  const sqlite = db.$client;
  const now = new Date().toISOString();
  const chapters = emptyCounts();
  const techniques = emptyCounts();
  const billingCodes = emptyCounts();

  return db.transaction((tx) => {
    // ---- chapters: a name in the file wins; a bare "X" or "10" creates the chapter with its official name.
    const storedChapters = new Map(
      (sqlite.prepare("SELECT number, roman, name FROM chapters").all() as { number: number; roman: string; name: string }[]).map(
        (c) => [c.number, c],
      ),
    );
    const insertChapter = sqlite.prepare("INSERT INTO chapters (number, roman, name) VALUES (?, ?, ?)");
    const updateChapter = sqlite.prepare("UPDATE chapters SET roman = ?, name = ? WHERE number = ?");
    const seenChapters = new Set<number>();
    for (const { chapter } of records) {
      if (seenChapters.has(chapter.number)) continue;
      seenChapters.add(chapter.number);
      const stored = storedChapters.get(chapter.number);
      const name = chapter.name ?? stored?.name ?? CHAPTER_NAMES[chapter.number];
      if (!stored) {
        insertChapter.run(chapter.number, chapter.roman, name);
        chapters.created++;
      } else if (stored.name !== name || stored.roman !== chapter.roman) {
        updateChapter.run(chapter.roman, name, chapter.number);
        chapters.updated++;
      } else {
        chapters.unchanged++;
      }
    }

    // ---- techniques, by code; the first row of a code gives its name.
    const storedTechniques = new Map<string, StoredTechnique>();
    for (const row of sqlite
      .prepare("SELECT id, code, chapter_number, number, name, search_text, min_level, procedure_class FROM techniques")
      .all() as (StoredTechnique & { code: string })[]) {
      storedTechniques.set(row.code, row);
    }
    const insertTechnique = sqlite.prepare(
      `INSERT INTO techniques (code, chapter_number, number, name, search_text, min_level, procedure_class, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const updateTechnique = sqlite.prepare(
      `UPDATE techniques SET chapter_number = ?, number = ?, name = ?, search_text = ?, min_level = ?, procedure_class = ?, updated_at = ?
       WHERE id = ?`,
    );
    const techniqueIds = new Map<string, number>();
    for (const record of records) {
      if (techniqueIds.has(record.code)) continue;
      const searchText = foldSearch(`${record.code} ${record.name}`);
      const stored = storedTechniques.get(record.code);
      if (!stored) {
        const result = insertTechnique.run(
          record.code,
          record.chapter.number,
          record.number,
          record.name,
          searchText,
          record.minLevel,
          record.procedureClass ?? null,
          now,
          now,
        );
        techniqueIds.set(record.code, Number(result.lastInsertRowid));
        techniques.created++;
        continue;
      }
      techniqueIds.set(record.code, stored.id);
      const procedureClass = record.procedureClass === undefined ? stored.procedure_class : record.procedureClass;
      const changed =
        stored.chapter_number !== record.chapter.number ||
        stored.number !== record.number ||
        stored.name !== record.name ||
        stored.search_text !== searchText ||
        stored.min_level !== record.minLevel ||
        stored.procedure_class !== procedureClass;
      if (changed) {
        updateTechnique.run(
          record.chapter.number,
          record.number,
          record.name,
          searchText,
          record.minLevel,
          procedureClass,
          now,
          stored.id,
        );
        techniques.updated++;
      } else {
        techniques.unchanged++;
      }
    }

    // ---- billing codes, by code; a code given to another technique moves to it.
    const storedBilling = new Map<string, StoredBilling>();
    for (const row of sqlite
      .prepare("SELECT code, technique_id, technique_name, price_item, price_name, price_vnd, link_code FROM technique_billing_codes")
      .all() as (StoredBilling & { code: string })[]) {
      storedBilling.set(row.code, row);
    }
    const insertBilling = sqlite.prepare(
      `INSERT INTO technique_billing_codes (technique_id, code, technique_name, price_item, price_name, price_vnd, link_code)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const updateBilling = sqlite.prepare(
      `UPDATE technique_billing_codes SET technique_id = ?, technique_name = ?, price_item = ?, price_name = ?, price_vnd = ?, link_code = ?
       WHERE code = ?`,
    );
    for (const record of records) {
      const line = record.billing;
      if (!line) continue;
      const techniqueId = techniqueIds.get(record.code)!;
      const stored = storedBilling.get(line.code);
      if (!stored) {
        insertBilling.run(
          techniqueId,
          line.code,
          line.techniqueName,
          line.priceItem ?? null,
          line.priceName ?? null,
          line.priceVnd ?? null,
          line.linkCode ?? null,
        );
        billingCodes.created++;
        continue;
      }
      // An absent column (undefined) keeps what is stored.
      const next: StoredBilling = {
        technique_id: techniqueId,
        technique_name: line.techniqueName,
        price_item: line.priceItem === undefined ? stored.price_item : line.priceItem,
        price_name: line.priceName === undefined ? stored.price_name : line.priceName,
        price_vnd: line.priceVnd === undefined ? stored.price_vnd : line.priceVnd,
        link_code: line.linkCode === undefined ? stored.link_code : line.linkCode,
      };
      const changed = (Object.keys(next) as (keyof StoredBilling)[]).some((k) => next[k] !== stored[k]);
      if (changed) {
        updateBilling.run(
          next.technique_id,
          next.technique_name,
          next.price_item,
          next.price_name,
          next.price_vnd,
          next.link_code,
          line.code,
        );
        billingCodes.updated++;
      } else {
        billingCodes.unchanged++;
      }
    }

    const counts = { chapters, techniques, billingCodes };
    onCommit?.(tx, counts);
    return counts;
  });
}

/** What the admin page shows beside the form. */
export function getCatalogueCounts(db: Db): { chapters: number; techniques: number; billingCodes: number } {
  const row = db.$client
    .prepare(
      `SELECT (SELECT COUNT(*) FROM chapters) AS chapters,
              (SELECT COUNT(*) FROM techniques) AS techniques,
              (SELECT COUNT(*) FROM technique_billing_codes) AS billingCodes`,
    )
    .get() as { chapters: number; techniques: number; billingCodes: number };
  return row;
}
