// Facility list import (CSV or XLSX) through the shared preview-then-confirm framework
// (models/imports/batches.server.ts). Rows are keyed by facility code: a code not yet
// registered is new, a registered one is changed or unchanged (re-importing the same file
// changes nothing), and a blank cell keeps the stored value. A department imports only into
// its province (the policy's "facilities.manage" scope); rows of another province, a commune
// outside the row's province, a closing date before the opening, a level for a body that
// delivers no care, and a code repeated with different values are refused or flagged by row.
// Existing facilities keep their dated classifications: a different level in the file is a
// conflict that points to the reclassification page. Writes check each record's version. The
// framework audits the import itself (its row report keeps every new row); each change to a
// registered facility also gets its own audit event, in the confirmation's transaction.
import type { Db } from "~/db/client.server";
import { canChange, managedProvince, type Actor } from "~/models/access/policy";
import { recordAuditBatch, type AuditInput } from "~/models/audit/audit.server";
import { isIsoDate } from "~/models/dates";
import { COMPETENCE_LEVELS, deliversCare, FACILITY_KINDS, GRADES, LEVELS, OWNERSHIPS } from "~/models/enums";
import type { CompetenceLevel, FacilityKind, Grade, Level, Ownership } from "~/models/enums";
import { ConflictError, DomainError, ForbiddenError } from "~/models/errors";
import type { FacilityRegisterRow } from "./queries.server";
import { previewImport, requireImportCapability, type ImportHandler, type PlannedRow, type RowChange } from "~/models/imports/batches.server";
import { foldHeader, locateHeader, type ColumnSpec } from "~/models/imports/headers";
import type { Sheet, UploadedFile } from "~/models/imports/read-table.server";
import { encodeMessage } from "~/utils/messages";
import { facilitySearchText, LEVEL_HISTORY_START } from "./commands.server";
import { FACILITY_CODE_PATTERN } from "./schemas";

type Field =
  | "code"
  | "name"
  | "nameEn"
  | "shortName"
  | "kind"
  | "level"
  | "competence"
  | "grade"
  | "ownership"
  | "beds"
  | "provinceCode"
  | "communeCode"
  | "directedByCode"
  | "openedOn"
  | "closedOn";

const COLUMNS: ColumnSpec<Field> = {
  code: ["Mã cơ sở", "Mã CSKCB", "Mã cơ sở KCB", "Mã", "code", "facility code", "ma_co_so"],
  name: ["Tên cơ sở", "Tên cơ sở y tế", "Tên", "name", "facility name", "ten_co_so"],
  nameEn: ["Tên tiếng Anh", "English name", "name_en", "ten_tieng_anh"],
  shortName: ["Tên viết tắt", "Tên ngắn", "short name", "short_name"],
  kind: ["Loại hình", "Loại", "kind", "type", "loai_hinh"],
  level: ["Tuyến", "Tuyến chuyên môn", "level", "care level", "tuyen"],
  competence: ["Cấp chuyên môn kỹ thuật", "Cấp chuyên môn", "Cấp CMKT", "competence", "competence level", "cap_chuyen_mon"],
  grade: ["Hạng", "Hạng bệnh viện", "grade", "hang"],
  ownership: ["Hình thức sở hữu", "Sở hữu", "ownership", "so_huu"],
  beds: ["Giường bệnh", "Số giường", "Giường kế hoạch", "beds", "giuong_benh"],
  provinceCode: ["Mã tỉnh", "Tỉnh", "province", "province code", "ma_tinh"],
  communeCode: ["Mã xã", "Mã xã phường", "commune", "commune code", "ward code", "ma_xa"],
  directedByCode: ["Mã cơ sở chỉ đạo tuyến", "Cơ sở chỉ đạo tuyến", "Chỉ đạo tuyến", "directed by", "directing facility", "ma_chi_dao_tuyen"],
  openedOn: ["Ngày bắt đầu hoạt động", "Ngày hoạt động", "Ngày thành lập", "opened on", "opened", "ngay_hoat_dong"],
  closedOn: ["Ngày ngừng hoạt động", "Ngày giải thể", "closed on", "closed", "ngay_ngung_hoat_dong"],
};

/** Headers as the error message names them. */
const REQUIRED: Field[] = ["code", "name", "kind"];

/** Folded spellings of each value, beside the code value itself. */
const KIND_WORDS: Record<FacilityKind, string[]> = {
  central_hospital: ["benh vien trung uong", "bv trung uong", "trung uong", "central hospital"],
  provincial_hospital: ["benh vien tinh", "bv tinh", "benh vien da khoa tinh", "provincial hospital"],
  specialised_hospital: ["benh vien chuyen khoa", "bv chuyen khoa", "specialised hospital", "specialized hospital"],
  regional_centre: ["trung tam y te khu vuc", "ttyt khu vuc", "trung tam y te", "regional medical centre", "regional centre", "regional center"],
  commune_station: ["tram y te xa", "tram y te", "tyt", "commune health station", "commune station"],
  health_department: ["so y te", "syt", "health department"],
  other_organisation: ["to chuc nuoc ngoai hoac khac", "to chuc khac", "to chuc nuoc ngoai", "other organisation", "foreign organisation"],
};
const COMPETENCE_WORDS: Record<CompetenceLevel, string[]> = {
  initial: ["ban dau", "cap ban dau"],
  basic: ["co ban", "cap co ban"],
  specialised: ["chuyen sau", "cap chuyen sau", "specialized"],
};
const GRADE_WORDS: Record<Grade, string[]> = {
  special: ["dac biet", "hang dac biet"],
  I: ["1", "hang i", "hang 1"],
  II: ["2", "hang ii", "hang 2"],
  III: ["3", "hang iii", "hang 3"],
  IV: ["4", "hang iv", "hang 4"],
  none: ["chua xep hang", "khong"],
};
const OWNERSHIP_WORDS: Record<Ownership, string[]> = {
  public: ["cong lap", "nha nuoc"],
  private: ["tu nhan", "ngoai cong lap"],
  foreign: ["nuoc ngoai", "co von nuoc ngoai"],
};

/** A reader of one enumerated column: the code value or any folded spelling, folded once. */
function lookup<T extends string>(values: readonly T[], words: Record<T, string[]>): (cell: string) => T | null {
  const index = new Map<string, T>();
  for (const v of values) {
    index.set(foldHeader(v), v);
    for (const w of words[v]) index.set(w, v);
  }
  const cache = new Map<string, T | null>();
  return (cell) => {
    let hit = cache.get(cell);
    if (hit === undefined) {
      hit = index.get(foldHeader(cell)) ?? null;
      cache.set(cell, hit);
    }
    return hit;
  };
}

const readKind = lookup(FACILITY_KINDS, KIND_WORDS);
const readCompetence = lookup(COMPETENCE_LEVELS, COMPETENCE_WORDS);
const readGrade = lookup(GRADES, GRADE_WORDS);
const readOwnership = lookup(OWNERSHIPS, OWNERSHIP_WORDS);

/** yyyy-mm-dd or dd/mm/yyyy (also d/m/yyyy and dd-mm-yyyy); null when unreadable. */
export function readDate(cell: string): string | null {
  // The strict date check is costly and a list repeats its dates: read each spelling once.
  let date = dateCache.get(cell);
  if (date === undefined) {
    date = parseDateCell(cell);
    if (dateCache.size > 10_000) dateCache.clear();
    dateCache.set(cell, date);
  }
  return date;
}
const dateCache = new Map<string, string | null>();

function parseDateCell(cell: string): string | null {
  const text = cell.trim();
  if (isIsoDate(text)) return text;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (!m) return null;
  const iso = `${m[3]}-${m[2].padStart(2, "0")}-${m[1].padStart(2, "0")}`;
  return isIsoDate(iso) ? iso : null;
}

export type FacilityImportOptions = {
  /** The province the file is for: a department's own (forced), or an administrator's choice (null: each row names its province). */
  provinceCode: string | null;
};

type Stored = Omit<FacilityRegisterRow, "active">;

/** The register fields a row sets (undefined: blank cell, keep the stored value). */
type RowValues = {
  code: string;
  name: string;
  nameEn?: string;
  shortName?: string;
  kind: FacilityKind;
  level?: Level;
  competence?: CompetenceLevel;
  grade?: Grade;
  ownership?: Ownership;
  beds?: number;
  provinceCode?: string;
  communeCode?: string;
  directedByCode?: string;
  openedOn?: string;
  closedOn?: string;
};

type FacilityWrite = {
  creates: (RowValues & { rowNumber: number })[];
  updates: { id: number; version: number; rowNumber: number; set: Partial<RowValues>; before: Record<string, unknown> }[];
};

const EDITABLE: (keyof RowValues)[] = [
  "name",
  "nameEn",
  "shortName",
  "kind",
  "grade",
  "ownership",
  "beds",
  "provinceCode",
  "communeCode",
  "directedByCode",
  "openedOn",
  "closedOn",
];

const text = (v: unknown) => (v === null || v === undefined ? null : String(v));

export const facilitiesImport: ImportHandler<FacilityImportOptions, FacilityWrite> = {
  kind: "facilities",
  authorize(actor, options) {
    requireImportCapability(actor, "facilities.manage");
    const own = managedProvince(actor, "facilities.manage");
    if (own !== null && options.provinceCode !== own) throw new ForbiddenError();
    if (options.provinceCode && !canChange(actor, "facilities.manage", { facilityId: null, provinceCode: options.provinceCode })) {
      throw new ForbiddenError();
    }
  },
  scope(options) {
    return { provinceCode: options.provinceCode };
  },
  plan(db, sheet, context) {
    return planFacilities(db, sheet, context.actor, context.options);
  },
  write(db, plan, context) {
    return writeFacilities(db, plan.write, context.actor);
  },
};

/** Stores the preview of a facility file; returns the batch id. A department's province is its own. */
export function previewFacilityImport(db: Db, actor: Actor, file: UploadedFile, provinceCode: string | null, today: string): Promise<number> {
  const own = managedProvince(actor, "facilities.manage");
  return previewImport(db, facilitiesImport, actor, file, { provinceCode: own ?? provinceCode }, today);
}

function planFacilities(db: Db, sheet: Sheet, actor: Actor, options: FacilityImportOptions) {
  const header = locateHeader(sheet.rows, COLUMNS, REQUIRED);
  if (!header.ok) {
    throw new DomainError("imports:errors.unrecognisedHeaders", { field: "file", params: { missing: "Mã cơ sở, Tên cơ sở, Loại hình" } });
  }
  const columns = header.columns;
  const sqlite = db.$client;
  const stored = new Map(
    (
      sqlite
        .prepare(
          `SELECT f.id, f.code, f.name, f.name_en AS nameEn, f.short_name AS shortName, f.kind, f.level, f.competence, f.grade,
             f.ownership, f.beds, f.province_code AS provinceCode, f.commune_code AS communeCode, u.code AS directedByCode,
             f.opened_on AS openedOn, f.closed_on AS closedOn, f.version
           FROM facilities f LEFT JOIN facilities u ON u.id = f.directed_by_id`,
        )
        .all() as Stored[]
    ).map((f) => [f.code, f]),
  );
  const provinces = new Set((sqlite.prepare("SELECT code FROM provinces").all() as { code: string }[]).map((p) => p.code));
  const communeProvince = new Map(
    (sqlite.prepare("SELECT code, province_code AS provinceCode FROM communes").all() as { code: string; provinceCode: string }[]).map((c) => [
      c.code,
      c.provinceCode,
    ]),
  );
  const cell = (cells: readonly string[], field: Field) => {
    const i = columns[field];
    return i === undefined ? "" : (cells[i] ?? "").trim();
  };
  const dataRows = sheet.rows.slice(header.headerIndex + 1).filter((r) => r.cells.some((c) => (c ?? "").trim() !== ""));
  // Codes defined by the file itself may direct other rows.
  const fileCodes = new Set(dataRows.map((r) => cell(r.cells, "code")).filter(Boolean));
  const rows: PlannedRow[] = [];
  const write: FacilityWrite = { creates: [], updates: [] };
  const seen = new Map<string, { rowNumber: number; signature: string }>();

  for (const row of dataRows) {
    const messages: string[] = [];
    const refuse = (key: string, params?: Record<string, string | number>) => messages.push(encodeMessage(key, params));
    const code = cell(row.cells, "code");
    const name = cell(row.cells, "name");
    const key = code.slice(0, 40) || `#${row.rowNumber}`;
    if (!code) refuse("facilities:import.missing", { column: "Mã cơ sở" });
    else if (!FACILITY_CODE_PATTERN.test(code) || code.length > 40) refuse("facilities:import.badCode", { value: code.slice(0, 50) });
    if (row.numeric?.includes(columns.code!)) refuse("facilities:import.codeNotText", { value: code });
    if (row.formulas?.length || row.errors?.length) refuse("facilities:import.formulaCell");
    if (!name) refuse("facilities:import.missing", { column: "Tên cơ sở" });
    const kindCell = cell(row.cells, "kind");
    const kind = kindCell ? readKind(kindCell) : null;
    if (!kindCell) refuse("facilities:import.missing", { column: "Loại hình" });
    else if (!kind) refuse("facilities:import.unknownValue", { column: "Loại hình", value: kindCell.slice(0, 50) });

    const values: RowValues = { code, name: name.slice(0, 300), kind: kind ?? "other_organisation" };
    const optional = (field: Field) => cell(row.cells, field) || undefined;
    values.nameEn = optional("nameEn")?.slice(0, 300);
    values.shortName = optional("shortName")?.slice(0, 80);
    const levelCell = optional("level");
    if (levelCell) {
      const level = levelCell.toUpperCase().replace(/^TUY[ẾE]N\s*/i, "");
      if ((LEVELS as readonly string[]).includes(level)) values.level = level as Level;
      else refuse("facilities:import.unknownValue", { column: "Tuyến", value: levelCell.slice(0, 50) });
    }
    const competenceCell = optional("competence");
    if (competenceCell) {
      const competence = readCompetence(competenceCell);
      if (competence) values.competence = competence;
      else refuse("facilities:import.unknownValue", { column: "Cấp chuyên môn kỹ thuật", value: competenceCell.slice(0, 50) });
    }
    const gradeCell = optional("grade");
    if (gradeCell) {
      const grade = readGrade(gradeCell);
      if (grade) values.grade = grade;
      else refuse("facilities:import.unknownValue", { column: "Hạng", value: gradeCell.slice(0, 50) });
    }
    const ownershipCell = optional("ownership");
    if (ownershipCell) {
      const ownership = readOwnership(ownershipCell);
      if (ownership) values.ownership = ownership;
      else refuse("facilities:import.unknownValue", { column: "Hình thức sở hữu", value: ownershipCell.slice(0, 50) });
    }
    const bedsCell = optional("beds");
    if (bedsCell) {
      const beds = Number(bedsCell.replace(/[.,\s](?=\d{3}\b)/g, ""));
      if (Number.isInteger(beds) && beds >= 0 && beds <= 20_000) values.beds = beds;
      else refuse("facilities:import.badNumber", { column: "Giường bệnh", value: bedsCell.slice(0, 50) });
    }
    for (const [field, column] of [
      ["openedOn", "Ngày bắt đầu hoạt động"],
      ["closedOn", "Ngày ngừng hoạt động"],
    ] as const) {
      const raw = optional(field);
      if (!raw) continue;
      const date = readDate(raw);
      if (date) values[field] = date;
      else refuse("facilities:import.badDate", { column, value: raw.slice(0, 50) });
    }
    values.provinceCode = optional("provinceCode");
    values.communeCode = optional("communeCode");
    values.directedByCode = optional("directedByCode");

    const current = code ? stored.get(code) : undefined;
    const province = values.provinceCode ?? current?.provinceCode ?? options.provinceCode ?? undefined;
    if (values.provinceCode === undefined && province) values.provinceCode = province;
    if (province && !provinces.has(province)) refuse("facilities:import.unknownProvince", { value: province });
    if (options.provinceCode && province !== options.provinceCode) refuse("facilities:import.outsideProvince", { value: province ?? "" });
    if (current && !canChange(actor, "facilities.manage", { facilityId: current.id, provinceCode: current.provinceCode })) {
      refuse("facilities:import.notYours", { code });
    }
    const commune = values.communeCode ?? current?.communeCode ?? undefined;
    if (commune) {
      const of = communeProvince.get(commune);
      if (!of) refuse("facilities:errors.unknownCommune", { code: commune });
      else if (of !== province) refuse("facilities:errors.communeOutsideProvince", { code: commune });
    }
    const openedOn = values.openedOn ?? current?.openedOn ?? null;
    const closedOn = values.closedOn ?? current?.closedOn ?? null;
    if (openedOn && closedOn && closedOn < openedOn) refuse("facilities:errors.closedBeforeOpened");
    if (kind && !deliversCare(kind) && (values.level || values.competence)) refuse("facilities:errors.nonCareLevel");
    if (kind && deliversCare(kind) && !values.level && !current?.level) refuse("facilities:import.missing", { column: "Tuyến" });
    if (values.directedByCode) {
      if (values.directedByCode === code) refuse("facilities:errors.directsItself");
      else if (!stored.has(values.directedByCode) && !fileCodes.has(values.directedByCode)) {
        refuse("facilities:errors.unknownDirectedBy", { code: values.directedByCode });
      }
    }

    const signature = JSON.stringify(values);
    const first = code ? seen.get(code) : undefined;
    if (first) {
      // The same code twice: identical rows are repeats, different ones a conflict (never merged).
      rows.push(
        first.signature === signature
          ? { rowNumber: row.rowNumber, status: "unchanged", key, label: name, messages: [encodeMessage("facilities:import.repeated", { firstRow: first.rowNumber })] }
          : { rowNumber: row.rowNumber, status: "conflict", key, label: name, messages: [encodeMessage("facilities:import.codeTwice", { code, firstRow: first.rowNumber })] },
      );
      continue;
    }
    if (code) seen.set(code, { rowNumber: row.rowNumber, signature });
    if (messages.length > 0) {
      rows.push({ rowNumber: row.rowNumber, status: "refused", key, label: name, messages });
      continue;
    }
    if (!current) {
      write.creates.push({ ...values, rowNumber: row.rowNumber });
      rows.push({ rowNumber: row.rowNumber, status: "new", key, label: name });
      continue;
    }
    // Classifications of a registered facility change only by a dated decision.
    const classification: string[] = [];
    if (values.level && values.level !== current.level) classification.push(encodeMessage("facilities:import.levelDiffers", { stored: current.level ?? "—", file: values.level }));
    if (values.competence && values.competence !== current.competence) {
      classification.push(encodeMessage("facilities:import.competenceDiffers", { stored: current.competence ?? "—", file: values.competence }));
    }
    if (classification.length > 0) {
      rows.push({ rowNumber: row.rowNumber, status: "conflict", key, label: name, messages: classification });
      continue;
    }
    const changes: RowChange[] = [];
    const set: Partial<RowValues> = {};
    const before: Record<string, unknown> = {};
    for (const field of EDITABLE) {
      const next = values[field];
      if (next === undefined) continue; // a blank cell keeps the stored value
      const was = current[field as keyof Stored];
      if (text(was) === text(next)) continue;
      changes.push({ field, before: text(was), after: text(next) });
      (set as Record<string, unknown>)[field] = next;
      before[field] = was;
    }
    if (changes.length === 0) {
      rows.push({ rowNumber: row.rowNumber, status: "unchanged", key, label: name });
      continue;
    }
    write.updates.push({ id: current.id, version: current.version, rowNumber: row.rowNumber, set, before });
    rows.push({ rowNumber: row.rowNumber, status: "changed", key, label: name, changes });
  }
  return { rows, write };
}

const COLUMN_OF: Record<string, string> = {
  name: "name",
  nameEn: "name_en",
  shortName: "short_name",
  kind: "kind",
  grade: "grade",
  ownership: "ownership",
  beds: "beds",
  provinceCode: "province_code",
  communeCode: "commune_code",
  openedOn: "opened_on",
  closedOn: "closed_on",
};

function writeFacilities(db: Db, plan: FacilityWrite, actor: Actor): Record<string, number> {
  const sqlite = db.$client;
  const now = new Date().toISOString();
  const insert = sqlite.prepare(
    `INSERT INTO facilities (code, name, name_en, short_name, search_text, kind, level, competence, grade, ownership,
       province_code, commune_code, country, beds, opened_on, closed_on)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'VN', ?, ?, ?)`,
  );
  const insertLevel = sqlite.prepare("INSERT INTO facility_levels (facility_id, level, valid_from) VALUES (?, ?, ?)");
  const insertCompetence = sqlite.prepare("INSERT INTO facility_competence_levels (facility_id, competence, valid_from) VALUES (?, ?, ?)");
  const idOf = sqlite.prepare("SELECT id FROM facilities WHERE code = ?");
  const setDirectedBy = sqlite.prepare("UPDATE facilities SET directed_by_id = ? WHERE id = ?");
  // One audit event per facility, written together at the end (one chain lookup, not one per row).
  const events: AuditInput[] = [];
  const audit = (entityId: number, action: "create" | "update", before: unknown, after: unknown) =>
    events.push({ userId: actor.userId || null, action, entityType: "facility", entityId, before, after, at: now });

  const created: { id: number; directedByCode?: string }[] = [];
  for (const c of plan.creates) {
    const care = deliversCare(c.kind);
    const shortName = c.shortName || c.name;
    const level = care ? (c.level ?? null) : null;
    const competence = care ? (c.competence ?? null) : null;
    const id = Number(
      insert.run(
        c.code,
        c.name,
        c.nameEn ?? null,
        shortName,
        facilitySearchText({ code: c.code, name: c.name, shortName, nameEn: c.nameEn }),
        c.kind,
        level,
        competence,
        c.grade ?? "none",
        c.ownership ?? "public",
        c.provinceCode ?? null,
        c.communeCode ?? null,
        c.beds ?? 0,
        c.openedOn ?? null,
        c.closedOn ?? null,
      ).lastInsertRowid,
    );
    const from = c.openedOn ?? LEVEL_HISTORY_START;
    if (level) insertLevel.run(id, level, from);
    if (competence) insertCompetence.run(id, competence, from);
    created.push({ id, directedByCode: c.directedByCode });
  }
  const resolve = (code: string) => {
    const row = idOf.get(code) as { id: number } | undefined;
    if (!row) throw new ConflictError("facilities:errors.unknownDirectedBy", { params: { code } });
    return row.id;
  };
  // Directing links after every row exists: a file may list a centre before its hospital.
  for (const c of created) if (c.directedByCode) setDirectedBy.run(resolve(c.directedByCode), c.id);

  for (const u of plan.updates) {
    const assignments: string[] = [];
    const params: unknown[] = [];
    for (const [field, value] of Object.entries(u.set)) {
      if (field === "directedByCode") {
        assignments.push("directed_by_id = ?");
        params.push(resolve(String(value)));
      } else {
        assignments.push(`${COLUMN_OF[field]} = ?`);
        params.push(value);
      }
    }
    // The search text follows the names; the version check refuses a record changed since the preview.
    const result = sqlite
      .prepare(
        `UPDATE facilities SET ${assignments.join(", ")}, version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
      )
      .run(...params, now, u.id, u.version);
    if (result.changes !== 1) throw new ConflictError("imports:errors.changedSincePreview");
    const row = sqlite.prepare("SELECT code, name, short_name AS shortName, name_en AS nameEn FROM facilities WHERE id = ?").get(u.id) as {
      code: string;
      name: string;
      shortName: string;
      nameEn: string | null;
    };
    sqlite.prepare("UPDATE facilities SET search_text = ? WHERE id = ?").run(facilitySearchText(row), u.id);
    audit(u.id, "update", u.before, u.set);
  }
  recordAuditBatch(db, events);
  return { facilitiesCreated: plan.creates.length, facilitiesUpdated: plan.updates.length };
}
