// The crosswalk between editions: which technique of one list corresponds to which of another,
// where the code is not simply continued (Circular 23 keeps the Circular 43 numbers; a crosswalk
// row records every other correspondence: one old code to one or more new ones, or several to
// one). Imported, with the usual preview, from either
// - a file of code pairs ("Mã cũ" / "Mã mới"), or
// - a price list that carries both codes: a technique code and the billing code (QĐ 7603) of the
//   older technique it corresponds to, e.g. Circular 23's published list with its derived column.
// Both codes must exist in the catalogue; nothing is ever merged: each technique keeps its own
// ledger, and the crosswalk only links them.
import type { Db } from "~/db/client.server";
import type { Actor } from "~/models/access/policy";
import type { CrosswalkSource } from "~/models/enums";
import { DomainError } from "~/models/errors";
import { previewImport, requireImportCapability, type ImportHandler, type PlannedRow } from "~/models/imports/batches.server";
import { locateHeader, matchHeaders, type ColumnSpec } from "~/models/imports/headers";
import type { Sheet, UploadedFile } from "~/models/imports/read-table.server";
import { encodeMessage } from "~/utils/messages";
import { isBillingCode, techniqueCodeProblem } from "./import-rules";

type CrosswalkField = "fromCode" | "toCode" | "note" | "techniqueCode" | "billingCode";

const COLUMNS: ColumnSpec<CrosswalkField> = {
  fromCode: ["Mã cũ", "Mã kỹ thuật cũ", "Mã TT43 cũ", "old_code", "from_code", "ma_cu", "Mã nguồn"],
  toCode: ["Mã mới", "Mã kỹ thuật mới", "new_code", "to_code", "ma_moi", "Mã đích"],
  note: ["Ghi chú", "note", "ghi_chu"],
  techniqueCode: ["ma_ky_thuat", "Mã kỹ thuật", "Mã kỹ thuật TT23", "ma_tt43", "Mã KT"],
  billingCode: ["ma_tuong_duong_qd7603__derived", "ma_tuong_duong", "Mã tương đương", "Mã TĐ"],
};

type CrosswalkWrite = { pairs: { fromId: number; toId: number; source: CrosswalkSource; note: string | null }[] };

export const crosswalkImport: ImportHandler<Record<string, never>, CrosswalkWrite> = {
  kind: "crosswalk",
  authorize(actor) {
    requireImportCapability(actor, "catalogue.manage");
  },
  plan(db, sheet) {
    return planCrosswalk(db, sheet);
  },
  write(db, plan) {
    const insert = db.$client.prepare(
      "INSERT OR IGNORE INTO technique_crosswalk (from_technique_id, to_technique_id, source, note) VALUES (?, ?, ?, ?)",
    );
    let created = 0;
    for (const p of plan.write.pairs) created += insert.run(p.fromId, p.toId, p.source, p.note).changes;
    return { crosswalkCreated: created };
  },
};

export function previewCrosswalkImport(db: Db, actor: Actor, file: UploadedFile, today: string): Promise<number> {
  return previewImport(db, crosswalkImport, actor, file, {}, today);
}

/** Two codes that read as the same decimal number (1.11 and 1.110): a code that lost its trailing zero. */
function sameNumber(a: string, b: string): boolean {
  const strip = (c: string) => c.replace(/^BS_/i, "").replace(/0+$/, "");
  return a !== b && strip(a) === strip(b);
}

function planCrosswalk(db: Db, sheet: Sheet) {
  const pairsHeader = locateHeader(sheet.rows, COLUMNS, ["fromCode", "toCode"]);
  const priceHeader = pairsHeader.ok ? null : locateHeader(sheet.rows, COLUMNS, ["techniqueCode", "billingCode"]);
  if (!pairsHeader.ok && !priceHeader?.ok) {
    throw new DomainError("imports:errors.unrecognisedHeaders", { field: "file", params: { missing: "Mã cũ, Mã mới (hoặc Mã kỹ thuật, Mã tương đương)" } });
  }
  const header = (pairsHeader.ok ? pairsHeader : priceHeader!) as Extract<typeof pairsHeader, { ok: true }>;
  const columns = matchHeaders(sheet.rows[header.headerIndex].cells, COLUMNS);
  const source: CrosswalkSource = pairsHeader.ok ? "file" : "price_list";
  const sqlite = db.$client;
  const techniques = new Map(
    (sqlite.prepare("SELECT id, code, name FROM techniques").all() as { id: number; code: string; name: string }[]).map((t) => [t.code, t]),
  );
  const billing = new Map(
    (sqlite.prepare("SELECT b.code, t.code AS techniqueCode FROM technique_billing_codes b JOIN techniques t ON t.id = b.technique_id").all() as {
      code: string;
      techniqueCode: string;
    }[]).map((b) => [b.code, b.techniqueCode]),
  );
  const existing = new Set(
    (sqlite.prepare("SELECT from_technique_id AS f, to_technique_id AS t FROM technique_crosswalk").all() as { f: number; t: number }[]).map(
      (p) => `${p.f}>${p.t}`,
    ),
  );
  const rows: PlannedRow[] = [];
  const pairs: CrosswalkWrite["pairs"] = [];
  const seen = new Map<string, number>();
  const cell = (cells: readonly string[], field: CrosswalkField) => {
    const i = columns[field];
    return i === undefined ? "" : (cells[i] ?? "").trim();
  };

  for (const row of sheet.rows.slice(header.headerIndex + 1)) {
    const messages: string[] = [];
    let fromCode: string;
    let toCode: string;
    let resolved: string | undefined;
    if (source === "file") {
      fromCode = cell(row.cells, "fromCode");
      toCode = cell(row.cells, "toCode");
    } else {
      toCode = cell(row.cells, "techniqueCode");
      const billingCode = cell(row.cells, "billingCode");
      if (billingCode === "") {
        rows.push({ rowNumber: row.rowNumber, status: "unchanged", key: toCode.slice(0, 50), messages: [encodeMessage("imports:crosswalk.noBillingCode")] });
        continue;
      }
      if (!isBillingCode(billingCode)) {
        rows.push({ rowNumber: row.rowNumber, status: "refused", key: toCode.slice(0, 50), messages: [encodeMessage("imports:catalogue.badBillingCode", { value: billingCode.slice(0, 50) })] });
        continue;
      }
      const holder = billing.get(billingCode);
      if (!holder) {
        rows.push({ rowNumber: row.rowNumber, status: "refused", key: toCode.slice(0, 50), messages: [encodeMessage("imports:crosswalk.unknownBillingCode", { value: billingCode })] });
        continue;
      }
      fromCode = holder;
      resolved = `${billingCode} → ${holder}`;
    }
    const key = `${fromCode.slice(0, 40)} → ${toCode.slice(0, 40)}`;
    for (const code of [fromCode, toCode]) {
      const problem = techniqueCodeProblem(code);
      if (problem) messages.push(encodeMessage(problem.key, problem.params));
      else if (!techniques.has(code)) messages.push(encodeMessage("imports:crosswalk.unknownCode", { value: code }));
    }
    if (row.numeric?.some((i) => i === columns.fromCode || i === columns.toCode || i === columns.techniqueCode)) {
      messages.push(encodeMessage("imports:catalogue.codeNotText", { value: `${fromCode} / ${toCode}` }));
    }
    if (messages.length > 0) {
      rows.push({ rowNumber: row.rowNumber, status: "refused", key, messages, resolved });
      continue;
    }
    const from = techniques.get(fromCode)!;
    const to = techniques.get(toCode)!;
    const label = `${from.name} → ${to.name}`;
    if (from.id === to.id) {
      rows.push({ rowNumber: row.rowNumber, status: "unchanged", key, label, resolved, messages: [encodeMessage("imports:crosswalk.sameTechnique")] });
      continue;
    }
    if (sameNumber(fromCode, toCode)) {
      // 1.110 and 1.11 read as one number: the file probably lost a trailing zero; never link them silently.
      rows.push({ rowNumber: row.rowNumber, status: "conflict", key, label, resolved, messages: [encodeMessage("imports:crosswalk.lostZero", { from: fromCode, to: toCode })] });
      continue;
    }
    const pairKey = `${from.id}>${to.id}`;
    const firstRow = seen.get(pairKey);
    if (existing.has(pairKey) || firstRow !== undefined) {
      rows.push({
        rowNumber: row.rowNumber,
        status: "unchanged",
        key,
        label,
        resolved,
        messages: firstRow !== undefined ? [encodeMessage("imports:crosswalk.repeated", { firstRow })] : undefined,
      });
      continue;
    }
    seen.set(pairKey, row.rowNumber);
    pairs.push({ fromId: from.id, toId: to.id, source, note: cell(row.cells, "note").slice(0, 500) || null });
    rows.push({ rowNumber: row.rowNumber, status: "new", key, label, resolved });
  }
  return { rows, write: { pairs }, notes: [encodeMessage(`imports:crosswalk.format_${source}`)] };
}

export type CrosswalkLink = { code: string; name: string; source: CrosswalkSource; note: string | null };

/** A technique's correspondences in both directions, for its page. */
export function techniqueCrosswalk(db: Db, techniqueId: number): { to: CrosswalkLink[]; from: CrosswalkLink[] } {
  const query = (own: string, other: string) =>
    db.$client
      .prepare(
        `SELECT t.code, t.name, c.source, c.note FROM technique_crosswalk c JOIN techniques t ON t.id = c.${other}
         WHERE c.${own} = ? ORDER BY t.chapter_number, t.number, t.code`,
      )
      .all(techniqueId) as CrosswalkLink[];
  return { to: query("from_technique_id", "to_technique_id"), from: query("to_technique_id", "from_technique_id") };
}

/** The editions that list a technique, with its code and name there, newest first. */
export function techniqueEditions(db: Db, techniqueId: number): { edition: string; code: string; name: string; effectiveFrom: string }[] {
  return db.$client
    .prepare(
      `SELECT e.name AS edition, x.code, x.name, e.effective_from AS effectiveFrom FROM technique_edition_entries x
       JOIN catalogue_editions e ON e.id = x.edition_id WHERE x.technique_id = ? ORDER BY e.effective_from DESC`,
    )
    .all(techniqueId) as { edition: string; code: string; name: string; effectiveFrom: string }[];
}
