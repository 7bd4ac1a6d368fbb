// The staff import: a facility's staff list from CSV or XLSX, previewed row by row and written
// on confirmation in one transaction (models/imports/batches.server.ts).
//
// - The facility is the director's own (from the session); an administrator chooses it. Every
//   row goes to that facility; the access policy decides who may import into it.
// - A person is recognised by their licence number (Số CCHN); a row without one, or whose
//   number is not yet stored, is matched by full name among the facility's staff (a stored
//   person without a licence number gets the row's). Two stored people of that name: a conflict.
// - A licence number held by someone of another facility is refused, naming that person and
//   their facility; the same number (or, without numbers, the same name) on two rows of the file
//   is a conflict naming the other row: neither row is written.
// - A blank cell never erases a stored value; techniques in the file are added, never removed
//   (removing one is done on the person's page); a re-import of the same file changes nothing.
// - Every field goes through the staff form's schema (import-rules.ts): what the form refuses,
//   the import refuses. Each person created or changed writes its own audit event.
// - The plan reads the facility's staff, the file's licence numbers and technique codes each
//   in one query, and matches through Maps: linear in the rows.
import type { Db } from "~/db/client.server";
import { resources } from "~/i18n/resources";
import { canChange, type Actor } from "~/models/access/policy";
import { recordAuditBatch, type AuditInput } from "~/models/audit/audit.server";
import { toRoman } from "~/models/catalogue/import-rules";
import type { Cadre } from "~/models/enums";
import { DomainError, ForbiddenError, NotFoundError } from "~/models/errors";
import { previewImport, type ImportHandler, type ImportPlan, type PlannedRow, type RowChange } from "~/models/imports/batches.server";
import type { Sheet, UploadedFile } from "~/models/imports/read-table.server";
import { encodeMessage } from "~/utils/messages";
import { foldSearch } from "~/utils/search";
import { facilityDisplayName } from "~/models/facilities/names";
import { staffSearchText } from "./create.server";
import {
  cellMessage,
  checkWithStaffSchema,
  columnLabelKey,
  locateStaffHeader,
  readStaffRow,
  STAFF_FIELD_COLUMN,
  type StaffColumn,
  type StaffFormValues,
} from "./import-rules";

export type StaffImportOptions = { facilityId: number; provinceCode: string | null };

type StaffValues = {
  fullName: string;
  cadre: Cadre;
  chapterNumber: number | null;
  title: string | null;
  licenceNumber: string | null;
  email: string | null;
};

type StaffWrite = {
  facilityId: number;
  create: { rowNumber: number; values: StaffValues; techniqueIds: number[] }[];
  update: { rowNumber: number; id: number; version: number; before: StaffValues; values: StaffValues; addTechniqueIds: number[] }[];
};

type StoredStaff = StaffValues & { id: number; version: number };

const FIELDS: (keyof StaffValues)[] = ["fullName", "cadre", "chapterNumber", "title", "licenceNumber", "email"];
const FIELD_COLUMN: Record<keyof StaffValues, StaffColumn> = STAFF_FIELD_COLUMN;

function authorize(actor: Actor, options: StaffImportOptions): void {
  if (!canChange(actor, "staff.manage", { facilityId: options.facilityId, provinceCode: options.provinceCode })) throw new ForbiddenError();
}

export const staffImport: ImportHandler<StaffImportOptions, StaffWrite> = {
  kind: "staff",
  authorize,
  scope(options) {
    return { facilityId: options.facilityId, provinceCode: options.provinceCode };
  },
  plan(db, sheet, { actor, options }) {
    return planStaff(db, sheet, actor, options);
  },
  write(db, plan, { actor }) {
    return writeStaff(db, plan, actor);
  },
};

/**
 * Reads the file and stores its preview; returns the batch id. The facility is the actor's own
 * when they have one (whatever the form says); otherwise the chosen one.
 */
export async function previewStaffImport(db: Db, actor: Actor, file: UploadedFile, chosenFacilityId: number | null, today: string): Promise<number> {
  const facilityId = actor.facilityId ?? chosenFacilityId;
  if (!facilityId) throw new DomainError("common:validation.required", { field: "facilityId" });
  const facility = db.$client.prepare("SELECT id, province_code AS provinceCode FROM facilities WHERE id = ?").get(facilityId) as
    | { id: number; provinceCode: string | null }
    | undefined;
  if (!facility) throw new DomainError("common:validation.invalidChoice", { field: "facilityId" });
  return previewImport(db, staffImport, actor, file, { facilityId: facility.id, provinceCode: facility.provinceCode }, today);
}

/** Plans and writes at once (tests and scripts; no preview): the same plan and write as a confirmed preview. */
export function importStaffSheet(db: Db, actor: Actor, sheet: Sheet, options: StaffImportOptions): { plan: ImportPlan<StaffWrite>; written: Record<string, number> } {
  authorize(actor, options);
  return db.transaction(() => {
    const plan = planStaff(db, sheet, actor, options);
    return { plan, written: writeStaff(db, plan, actor) };
  });
}

const CADRE_LABELS = resources.vi.enums.cadre as Record<Cadre, string>;

function shown(field: keyof StaffValues, value: StaffValues[keyof StaffValues], chapterNames: Map<number, string>): string | null {
  if (value === null || value === undefined) return null;
  if (field === "cadre") return CADRE_LABELS[value as Cadre] ?? String(value);
  if (field === "chapterNumber") return `${toRoman(value as number)}. ${chapterNames.get(value as number) ?? ""}`.trim();
  return String(value);
}

function foldName(name: string): string {
  return foldSearch(name);
}

function planStaff(db: Db, sheet: Sheet, actor: Actor, options: StaffImportOptions): ImportPlan<StaffWrite> {
  const sqlite = db.$client;
  const facility = sqlite.prepare("SELECT id, name, province_code AS provinceCode FROM facilities WHERE id = ?").get(options.facilityId) as
    | { id: number; name: string; provinceCode: string | null }
    | undefined;
  if (!facility) throw new NotFoundError();
  if (!canChange(actor, "staff.manage", { facilityId: facility.id, provinceCode: facility.provinceCode })) throw new ForbiddenError();

  const header = locateStaffHeader(sheet.rows);
  if (!header.ok) {
    if (header.missing.length === 1) {
      throw new DomainError("imports:staff.missingColumn", { field: "file", params: { columnMessage: columnLabelKey(header.missing[0]) } });
    }
    throw new DomainError("imports:staff.noHeader", { field: "file" });
  }
  const columns = header.columns;
  const dataRows = sheet.rows.slice(header.headerIndex + 1);
  const read = dataRows.map((row) => ({ row, ...readStaffRow(row, columns) }));

  // What the database holds, each in one query.
  const storedList = sqlite
    .prepare(
      `SELECT id, full_name AS fullName, cadre, chapter_number AS chapterNumber, title, licence_number AS licenceNumber, email, version
       FROM staff WHERE facility_id = ?`,
    )
    .all(facility.id) as StoredStaff[];
  const storedById = new Map(storedList.map((s) => [s.id, s]));
  const storedByName = new Map<string, StoredStaff[]>();
  for (const s of storedList) {
    const key = foldName(s.fullName);
    const list = storedByName.get(key);
    if (list) list.push(s);
    else storedByName.set(key, [s]);
  }
  const licences = [...new Set(read.map((r) => r.values.licenceNumber).filter((l): l is string => !!l && l.length <= 60))];
  const holders = new Map<string, { id: number; fullName: string; facilityId: number; facilityName: string; facilityNameEn: string }>();
  for (const h of sqlite
    .prepare(
      `SELECT s.id, s.licence_number AS licence, s.full_name AS fullName, s.facility_id AS facilityId, f.name AS facilityName, f.name_en AS nameEn
       FROM staff s JOIN facilities f ON f.id = s.facility_id WHERE s.licence_number IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(licences)) as { id: number; licence: string; fullName: string; facilityId: number; facilityName: string; nameEn: string | null }[]) {
    // The report names the holder's facility for either reader: both names travel in the message.
    holders.set(h.licence, { ...h, facilityNameEn: facilityDisplayName({ name: h.facilityName, nameEn: h.nameEn }, "en") });
  }
  const codes = [...new Set(read.flatMap((r) => r.values.techniqueCodes))];
  const techniqueIds = new Map<string, number>();
  for (const t of sqlite.prepare("SELECT id, code FROM techniques WHERE code IN (SELECT value FROM json_each(?))").all(JSON.stringify(codes)) as {
    id: number;
    code: string;
  }[]) {
    techniqueIds.set(t.code, t.id);
  }
  const storedTechniques = new Map<number, Map<number, string>>();
  for (const st of sqlite
    .prepare(
      `SELECT st.staff_id AS staffId, st.technique_id AS techniqueId, t.code FROM staff_techniques st
       JOIN staff s ON s.id = st.staff_id JOIN techniques t ON t.id = st.technique_id WHERE s.facility_id = ?`,
    )
    .all(facility.id) as { staffId: number; techniqueId: number; code: string }[]) {
    const map = storedTechniques.get(st.staffId) ?? new Map<number, string>();
    map.set(st.techniqueId, st.code);
    storedTechniques.set(st.staffId, map);
  }
  const chapterNames = new Map(
    (sqlite.prepare("SELECT number, name FROM chapters").all() as { number: number; name: string }[]).map((c) => [c.number, c.name]),
  );

  // Rows of the file that speak of the same person: the same licence number, or (both without
  // one) the same name. Each such row names the first other row.
  const byLicence = new Map<string, number[]>();
  const byNameWithoutLicence = new Map<string, number[]>();
  read.forEach((r, i) => {
    const licence = r.values.licenceNumber;
    if (licence) pushTo(byLicence, licence, i);
    else if (r.values.fullName) pushTo(byNameWithoutLicence, foldName(r.values.fullName), i);
  });

  type Draft = { problems: string[]; conflicts: string[]; notes: string[]; match: StoredStaff | null };
  const drafts: Draft[] = read.map(() => ({ problems: [], conflicts: [], notes: [], match: null }));
  const nameOf = (i: number) => read[i].values.fullName ?? "";
  for (const [licence, indexes] of byLicence) {
    if (indexes.length < 2) continue;
    for (const i of indexes) {
      const other = indexes.find((j) => j !== i)!;
      drafts[i].conflicts.push(encodeMessage("imports:staff.licenceInFile", { licence, row: read[other].row.rowNumber, name: nameOf(other) }));
    }
  }
  for (const indexes of byNameWithoutLicence.values()) {
    if (indexes.length < 2) continue;
    for (const i of indexes) {
      const other = indexes.find((j) => j !== i)!;
      drafts[i].conflicts.push(encodeMessage("imports:staff.sameNameInFile", { row: read[other].row.rowNumber }));
    }
  }

  // Match each row to a stored person of the facility.
  const matchedBy = new Map<number, number[]>();
  read.forEach((r, i) => {
    const draft = drafts[i];
    draft.problems.push(...r.problems);
    const licence = r.values.licenceNumber;
    if (licence) {
      const holder = holders.get(licence);
      if (holder && holder.facilityId !== facility.id) {
        draft.problems.push(
          cellMessage("licenceNumber", encodeMessage("imports:staff.licenceHeld", { licence, name: holder.fullName, facility: holder.facilityName, facilityEn: holder.facilityNameEn })),
        );
        return;
      }
      if (holder) draft.match = storedById.get(holder.id) ?? null;
    }
    if (!draft.match && r.values.fullName) {
      const candidates = (storedByName.get(foldName(r.values.fullName)) ?? []).filter((s) => !licence || s.licenceNumber === null);
      if (candidates.length === 1) {
        draft.match = candidates[0];
        const kept = candidates[0].licenceNumber;
        draft.notes.push(kept ? encodeMessage("imports:staff.matchedByNameKept", { licence: kept }) : "imports:staff.matchedByName");
      } else if (candidates.length > 1) {
        draft.conflicts.push(encodeMessage("imports:staff.ambiguousName", { count: candidates.length, name: r.values.fullName }));
      }
    }
    if (draft.match) pushTo(matchedBy, draft.match.id, i);
  });
  for (const indexes of matchedBy.values()) {
    if (indexes.length < 2) continue;
    for (const i of indexes) {
      const other = indexes.find((j) => j !== i)!;
      drafts[i].conflicts.push(encodeMessage("imports:staff.samePerson", { row: read[other].row.rowNumber, name: nameOf(other) }));
    }
  }

  const rows: PlannedRow[] = [];
  const write: StaffWrite = { facilityId: facility.id, create: [], update: [] };
  read.forEach((r, i) => {
    const draft = drafts[i];
    const stored = draft.match;
    const v = r.values;
    const next: StaffFormValues = {
      fullName: v.fullName ?? stored?.fullName ?? null,
      cadre: v.cadre ?? stored?.cadre ?? null,
      chapterNumber: v.chapterNumber ?? stored?.chapterNumber ?? null,
      title: v.title ?? stored?.title ?? null,
      licenceNumber: v.licenceNumber ?? stored?.licenceNumber ?? null,
      email: v.email ?? stored?.email ?? null,
    };
    // The form's schema on what the record would hold; a column already refused is not repeated.
    draft.problems.push(...checkWithStaffSchema(next, r.refusedColumns));
    if (next.chapterNumber != null && !chapterNames.has(next.chapterNumber) && v.chapterNumber !== undefined) {
      draft.problems.push(cellMessage("specialty", encodeMessage("imports:staff.chapterNotInCatalogue", { chapter: next.chapterNumber })));
    }
    const missing = v.techniqueCodes.filter((c) => !techniqueIds.has(c));
    if (missing.length > 0) {
      draft.problems.push(cellMessage("techniques", encodeMessage("imports:staff.unknownTechniques", { codes: missing.slice(0, 10).join(", ") })));
    }
    const key = (v.licenceNumber ?? next.licenceNumber ?? v.fullName ?? "").slice(0, 200);
    const label = (next.fullName ?? "").slice(0, 200);
    if (draft.conflicts.length > 0) {
      rows.push({ rowNumber: r.row.rowNumber, status: "conflict", key, label, messages: [...draft.conflicts, ...draft.problems] });
      return;
    }
    if (draft.problems.length > 0) {
      rows.push({ rowNumber: r.row.rowNumber, status: "refused", key, label, messages: draft.problems });
      return;
    }
    const values: StaffValues = {
      fullName: next.fullName!,
      cadre: next.cadre!,
      chapterNumber: next.chapterNumber ?? null,
      title: next.title ?? null,
      licenceNumber: next.licenceNumber ?? null,
      email: next.email ?? null,
    };
    const ids = v.techniqueCodes.map((c) => techniqueIds.get(c)!);
    if (!stored) {
      write.create.push({ rowNumber: r.row.rowNumber, values, techniqueIds: [...new Set(ids)] });
      rows.push({ rowNumber: r.row.rowNumber, status: "new", key, label });
      return;
    }
    const changes: RowChange[] = [];
    for (const field of FIELDS) {
      if (values[field] !== stored[field]) {
        changes.push({ field: `staff.${FIELD_COLUMN[field]}`, before: shown(field, stored[field], chapterNames), after: shown(field, values[field], chapterNames) });
      }
    }
    const had = storedTechniques.get(stored.id) ?? new Map<number, string>();
    const add = [...new Set(ids)].filter((id) => !had.has(id));
    if (add.length > 0) {
      const before = [...had.values()].sort();
      const after = [...before, ...v.techniqueCodes.filter((c) => add.includes(techniqueIds.get(c)!))].filter((c, n, all) => all.indexOf(c) === n);
      changes.push({ field: "staff.techniques", before: before.join(", ") || null, after: after.join(", ") });
    }
    const row: PlannedRow = { rowNumber: r.row.rowNumber, status: changes.length > 0 ? "changed" : "unchanged", key, label };
    if (changes.length > 0) {
      row.changes = changes;
      write.update.push({ rowNumber: r.row.rowNumber, id: stored.id, version: stored.version, before: pick(stored), values, addTechniqueIds: add });
    }
    if (draft.notes.length > 0) row.messages = draft.notes;
    rows.push(row);
  });

  const notes = [encodeMessage("imports:staff.into", { facility: facility.name }), "imports:staff.keyRule"];
  return { rows, notes, write };
}

function pushTo<K>(map: Map<K, number[]>, key: K, index: number): void {
  const list = map.get(key);
  if (list) list.push(index);
  else map.set(key, [index]);
}

function pick(s: StoredStaff): StaffValues {
  return { fullName: s.fullName, cadre: s.cadre, chapterNumber: s.chapterNumber, title: s.title, licenceNumber: s.licenceNumber, email: s.email };
}

function writeStaff(db: Db, plan: ImportPlan<StaffWrite>, actor: Actor): Record<string, number> {
  const sqlite = db.$client;
  const now = new Date().toISOString();
  const { write } = plan;
  const insert = sqlite.prepare(
    `INSERT INTO staff (facility_id, full_name, search_text, cadre, chapter_number, title, licence_number, email, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const update = sqlite.prepare(
    `UPDATE staff SET full_name = ?, search_text = ?, cadre = ?, chapter_number = ?, title = ?, licence_number = ?, email = ?,
       version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
  );
  const addTechnique = sqlite.prepare("INSERT OR IGNORE INTO staff_techniques (staff_id, technique_id) VALUES (?, ?)");
  let techniquesAdded = 0;
  // One audit event per person, written together at the end (one chain lookup, not one per row).
  const events: AuditInput[] = [];
  for (const c of write.create) {
    const v = c.values;
    const id = Number(
      insert.run(write.facilityId, v.fullName, staffSearchText(v), v.cadre, v.chapterNumber, v.title, v.licenceNumber, v.email, now, now).lastInsertRowid,
    );
    for (const t of c.techniqueIds) techniquesAdded += addTechnique.run(id, t).changes;
    events.push({ userId: actor.userId || null, action: "create", entityType: "staff", entityId: id, after: { facilityId: write.facilityId, ...v, techniqueIds: c.techniqueIds }, at: now });
  }
  for (const u of write.update) {
    const v = u.values;
    const changed = update.run(v.fullName, staffSearchText(v), v.cadre, v.chapterNumber, v.title, v.licenceNumber, v.email, now, u.id, u.version).changes;
    // The plan was made inside this transaction: the version cannot have moved.
    if (changed !== 1) throw new DomainError("imports:errors.changedSincePreview", { status: 409 });
    for (const t of u.addTechniqueIds) techniquesAdded += addTechnique.run(u.id, t).changes;
    events.push({
      userId: actor.userId || null,
      action: "update",
      entityType: "staff",
      entityId: u.id,
      before: u.before,
      after: { ...v, addedTechniqueIds: u.addTechniqueIds },
      at: now,
    });
  }
  recordAuditBatch(db, events);
  return { created: write.create.length, updated: write.update.length, techniquesAdded };
}
