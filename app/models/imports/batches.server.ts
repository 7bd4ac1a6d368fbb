// Every import goes through two steps: the file is read and planned against the database, and
// the plan is stored as a preview (a verdict per row: new, changed with old and new side by
// side, unchanged, retired, conflicting, refused with its reasons); only a confirmation writes,
// in one transaction. The confirmation plans the stored file again inside that transaction and
// writes only if the plan still has the counts the user saw: if anything changed in between,
// it answers 409 and writes nothing.
//
// Each kind of import is a handler (registry.server.ts): `plan` reads the database and decides
// every row, `write` applies a plan. A blank cell never erases a stored value: handlers treat a
// blank as "keep". Row verdicts are stored in import_batch_rows for the paged preview and the
// full report download.
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import type { Actor } from "~/models/access/policy";
import { hasCapability } from "~/models/access/policy";
import { recordAudit } from "~/models/audit/audit.server";
import { IMPORT_ROW_STATUSES, type ImportBatchStatus, type ImportKind, type ImportRowStatus } from "~/models/enums";
import { ConflictError, ForbiddenError, NotFoundError } from "~/models/errors";
import { paginate, type Page, type PageRequest } from "~/utils/pagination";
import { readTable, type Sheet, type UploadedFile } from "./read-table.server";
import { runImportJob } from "./worker-runner.server";

/** A field whose value the row changes; values as text, null for blank. */
export type RowChange = { field: string; before: string | null; after: string | null };

export type PlannedRow = {
  /** Sheet row number; retired records (absent from the file) carry negative numbers. */
  rowNumber: number;
  status: ImportRowStatus;
  /** The record's key: a code, a licence number… */
  key: string;
  /** What the row is, for people (a name). */
  label?: string;
  changes?: RowChange[];
  /** Encoded messages (`ns:key|{params}`): reasons for a refusal or a conflict, notes. */
  messages?: string[];
  /** What a reference resolves to (e.g. a billing code to its technique). */
  resolved?: string;
};

export type ImportPlan<W> = {
  rows: PlannedRow[];
  /** What `write` needs, computed with the rows (not stored: re-planned on confirmation). */
  write: W;
  /** Notes about the whole file (its layout, the edition…), encoded messages. */
  notes?: string[];
};

export type ImportContext<O> = { actor: Actor; options: O; today: string };

export type ImportHandler<O, W> = {
  kind: ImportKind;
  /** Throws ForbiddenError unless the actor may import with these options. */
  authorize(actor: Actor, options: O): void;
  /** The facility and province the batch writes to (for reading it back), when scoped. */
  scope?(options: O): { facilityId?: number | null; provinceCode?: string | null };
  /** Throws DomainError when the file cannot be imported at all (unrecognised headers). Reads
   *  only; on confirmation it runs inside the write transaction (the same connection). */
  plan(db: Db, sheet: Sheet, context: ImportContext<O>): ImportPlan<W>;
  /** Applies the plan inside the caller's transaction (the same connection); returns counts
   *  for the audit event. */
  write(db: Db, plan: ImportPlan<W>, context: ImportContext<O>): Record<string, number>;
};

export type ImportSummary = Record<ImportRowStatus, number>;

export function summarise(rows: readonly PlannedRow[]): ImportSummary {
  const summary = Object.fromEntries(IMPORT_ROW_STATUSES.map((s) => [s, 0])) as ImportSummary;
  for (const row of rows) summary[row.status]++;
  return summary;
}

export type ImportBatch = {
  id: number;
  kind: ImportKind;
  status: ImportBatchStatus;
  userId: number | null;
  fileName: string;
  options: Record<string, unknown>;
  summary: ImportSummary;
  notes: string[];
  result: Record<string, number> | null;
  createdAt: string;
  appliedAt: string | null;
  durationMs: number | null;
};

type StoredSummary = { rows: ImportSummary; notes?: string[]; result?: Record<string, number>; planMs?: number; writeMs?: number };

/** One import step, as the request thread hands it to the import worker (plain data). */
export type ImportJob =
  | { op: "preview"; kind: ImportKind; actor: Actor; file: UploadedFile; options: unknown; today: string }
  | { op: "apply"; kind: ImportKind; actor: Actor; batchId: number; today: string };

/**
 * Reads the file and stores its preview; returns the batch id. Throws DomainError (nothing
 * stored) when the file cannot be read or its layout is not recognised. Runs in the import
 * worker where there is one (worker-runner.server.ts).
 */
export async function previewImport<O, W>(
  db: Db,
  handler: ImportHandler<O, W>,
  actor: Actor,
  file: UploadedFile,
  options: O,
  today: string,
): Promise<number> {
  handler.authorize(actor, options);
  const job: ImportJob = { op: "preview", kind: handler.kind, actor, file, options, today };
  return (await runImportJob(db, job, () => runJobNow(db, handler, job))) as number;
}

/**
 * Writes a previewed batch: re-plans the stored file and applies it in one transaction when its
 * counts are those of the preview; otherwise ConflictError and nothing written.
 */
export async function applyImport<O, W>(db: Db, handler: ImportHandler<O, W>, actor: Actor, batchId: number, today: string): Promise<ImportBatch> {
  const stored = loadBatch(db, actor, batchId);
  if (stored.kind !== handler.kind) throw new NotFoundError();
  if (stored.status !== "preview") throw new ConflictError("imports:errors.alreadyDecided", { params: { status: stored.status } });
  handler.authorize(actor, stored.options as O);
  const job: ImportJob = { op: "apply", kind: handler.kind, actor, batchId, today };
  await runImportJob(db, job, () => runJobNow(db, handler, job));
  return loadBatch(db, actor, batchId);
}

/** Runs one step on this connection (the import worker's, or the caller's when inline). */
export async function runJobNow<O, W>(db: Db, handler: ImportHandler<O, W>, job: ImportJob): Promise<number | null> {
  if (job.op === "preview") return storePreview(db, handler, job.actor, job.file, job.options as O, job.today);
  await writeBatch(db, handler, job.actor, job.batchId, job.today);
  return null;
}

async function storePreview<O, W>(db: Db, handler: ImportHandler<O, W>, actor: Actor, file: UploadedFile, options: O, today: string): Promise<number> {
  handler.authorize(actor, options);
  const started = performance.now();
  const sheet = await readTable(file);
  const context = { actor, options, today };
  const plan = handler.plan(db, sheet, context);
  const summary: StoredSummary = { rows: summarise(plan.rows), notes: plan.notes, planMs: Math.round(performance.now() - started) };
  const scope = handler.scope?.(options) ?? {};
  const sqlite = db.$client;
  return db.transaction(() => {
    const batch = sqlite
      .prepare(
        `INSERT INTO import_batches (kind, status, user_id, facility_id, province_code, file_name, file_sha256, file, options, summary)
         VALUES (?, 'preview', ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        handler.kind,
        actor.userId || null,
        scope.facilityId ?? null,
        scope.provinceCode ?? null,
        safeFileName(file.fileName),
        createHash("sha256").update(file.bytes).digest("hex"),
        Buffer.from(file.bytes),
        JSON.stringify(options),
        JSON.stringify(summary),
      );
    const id = Number(batch.lastInsertRowid);
    const insertRow = sqlite.prepare(`INSERT INTO import_batch_rows (batch_id, row_number, status, key, detail) VALUES (?, ?, ?, ?, ?)`);
    for (const row of plan.rows) {
      insertRow.run(id, row.rowNumber, row.status, row.key.slice(0, 200), JSON.stringify(detailOf(row)));
    }
    return id;
  });
}

/** Attempts to plan and write under a read snapshot before falling back to holding the write lock throughout. */
const SNAPSHOT_ATTEMPTS = 3;

async function writeBatch<O, W>(db: Db, handler: ImportHandler<O, W>, actor: Actor, batchId: number, today: string): Promise<void> {
  const stored = loadBatch(db, actor, batchId);
  if (stored.kind !== handler.kind) throw new NotFoundError();
  if (stored.status !== "preview") throw new ConflictError("imports:errors.alreadyDecided", { params: { status: stored.status } });
  const file = db.$client.prepare("SELECT file FROM import_batches WHERE id = ?").get(batchId) as { file: Buffer | null };
  if (!file.file) throw new ConflictError("imports:errors.alreadyDecided", { params: { status: stored.status } });
  const options = stored.options as O;
  handler.authorize(actor, options);
  const sheet = await readTable({ fileName: stored.fileName, bytes: file.file });
  const context = { actor, options, today };
  const started = performance.now();
  // The plan is made inside the writing transaction, so what is written is what was checked.
  // A deferred transaction plans under a read snapshot, leaving other writers free meanwhile,
  // and takes the write lock only at its first write; if someone wrote in between, SQLite
  // refuses the upgrade (SQLITE_BUSY_SNAPSHOT) and the attempt starts again. After a few
  // refusals the last attempt holds the write lock from the start.
  const attempt = (behavior: "deferred" | "immediate") =>
    db.transaction(
      (tx) => {
        const current = tx.get<{ status: string }>(sql`select status from import_batches where id = ${batchId}`);
        if (current?.status !== "preview") throw new ConflictError("imports:errors.alreadyDecided", { params: { status: current?.status ?? "" } });
        const plan = handler.plan(db, sheet, context);
        const summary = summarise(plan.rows);
        if (IMPORT_ROW_STATUSES.some((s) => summary[s] !== stored.summary[s])) {
          throw new ConflictError("imports:errors.changedSincePreview");
        }
        const counts = handler.write(db, plan, context);
        const previous = JSON.parse(
          (tx.get<{ summary: string }>(sql`select summary from import_batches where id = ${batchId}`)?.summary ?? "{}"),
        ) as StoredSummary;
        const next: StoredSummary = { ...previous, result: counts, writeMs: Math.round(performance.now() - started) };
        tx.run(sql`update import_batches set status = 'applied', applied_at = ${new Date().toISOString()}, file = null,
          summary = ${JSON.stringify(next)} where id = ${batchId}`);
        recordAudit(tx, {
          userId: actor.userId || null,
          action: "create",
          entityType: `import_${handler.kind}`,
          entityId: batchId,
          after: { fileName: stored.fileName, rows: summary, written: counts },
        });
      },
      { behavior },
    );
  for (let i = 1; i < SNAPSHOT_ATTEMPTS; i++) {
    try {
      attempt("deferred");
      return;
    } catch (error) {
      if (!isBusy(error)) throw error;
    }
  }
  attempt("immediate");
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("SQLITE_BUSY");
}

/** Discards a preview: nothing is written, the stored file is dropped. */
export function discardImport(db: Db, actor: Actor, batchId: number): void {
  const batch = loadBatch(db, actor, batchId);
  if (batch.status !== "preview") throw new ConflictError("imports:errors.alreadyDecided", { params: { status: batch.status } });
  db.run(sql`update import_batches set status = 'discarded', file = null where id = ${batchId} and status = 'preview'`);
}

/** A batch its own author (or an administrator) may read; NotFound otherwise, so ids reveal nothing. */
export function getImportBatch(db: Db, actor: Actor, batchId: number): ImportBatch {
  return loadBatch(db, actor, batchId);
}

function loadBatch(db: Db, actor: Actor, batchId: number): ImportBatch {
  const row = db.$client
    .prepare(
      `SELECT id, kind, status, user_id AS userId, file_name AS fileName, options, summary, created_at AS createdAt, applied_at AS appliedAt
       FROM import_batches WHERE id = ?`,
    )
    .get(batchId) as
    | { id: number; kind: ImportKind; status: ImportBatchStatus; userId: number | null; fileName: string; options: string; summary: string; createdAt: string; appliedAt: string | null }
    | undefined;
  if (!row) throw new NotFoundError();
  const isAdmin = hasCapability(actor, "catalogue.manage");
  if (row.userId !== (actor.userId || null) && !isAdmin) throw new NotFoundError();
  const summary = JSON.parse(row.summary) as StoredSummary;
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    userId: row.userId,
    fileName: row.fileName,
    options: JSON.parse(row.options) as Record<string, unknown>,
    summary: summary.rows,
    notes: summary.notes ?? [],
    result: summary.result ?? null,
    createdAt: row.createdAt,
    appliedAt: row.appliedAt,
    durationMs: summary.planMs !== undefined ? summary.planMs + (summary.writeMs ?? 0) : null,
  };
}

export type BatchRow = { rowNumber: number; status: ImportRowStatus; key: string } & Omit<PlannedRow, "rowNumber" | "status" | "key">;

/** A page of a batch's rows, of one status or all, in sheet order (retired records last). */
export function listBatchRows(db: Db, actor: Actor, batchId: number, status: ImportRowStatus | null, req: PageRequest): Page<BatchRow> {
  loadBatch(db, actor, batchId);
  const where = status ? sql`batch_id = ${batchId} and status = ${status}` : sql`batch_id = ${batchId}`;
  return paginate(
    req,
    () => db.get<{ n: number }>(sql`select count(*) as n from import_batch_rows where ${where}`)?.n ?? 0,
    (page) =>
      db
        .all<{ rowNumber: number; status: ImportRowStatus; key: string; detail: string }>(
          sql`select row_number as rowNumber, status, key, detail from import_batch_rows where ${where}
            order by (row_number < 0), abs(row_number) limit ${page.pageSize} offset ${page.offset}`,
        )
        .map(rowOf),
  );
}

/** Every row of a batch, for the report download. */
export function allBatchRows(db: Db, actor: Actor, batchId: number): BatchRow[] {
  loadBatch(db, actor, batchId);
  return db
    .all<{ rowNumber: number; status: ImportRowStatus; key: string; detail: string }>(
      sql`select row_number as rowNumber, status, key, detail from import_batch_rows where batch_id = ${batchId}
        order by (row_number < 0), abs(row_number)`,
    )
    .map(rowOf);
}

function rowOf(r: { rowNumber: number; status: ImportRowStatus; key: string; detail: string }): BatchRow {
  const detail = JSON.parse(r.detail) as Omit<PlannedRow, "rowNumber" | "status" | "key">;
  return { rowNumber: r.rowNumber, status: r.status, key: r.key, ...detail };
}

function detailOf(row: PlannedRow): Omit<PlannedRow, "rowNumber" | "status" | "key"> {
  const detail: Omit<PlannedRow, "rowNumber" | "status" | "key"> = {};
  if (row.label) detail.label = row.label.slice(0, 500);
  if (row.changes?.length) detail.changes = row.changes.map((c) => ({ field: c.field, before: clip(c.before), after: clip(c.after) }));
  if (row.messages?.length) detail.messages = row.messages;
  if (row.resolved) detail.resolved = row.resolved.slice(0, 500);
  return detail;
}

function clip(text: string | null): string | null {
  return text === null ? null : text.length > 500 ? `${text.slice(0, 500)}…` : text;
}

/** A file name as stored and shown: any character accepted, control characters dropped, bounded. */
export function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = name.replace(/[\u0000-\u001f\u007f]/g, "").replace(/[\\/]/g, "_").trim();
  return (cleaned || "file").slice(0, 200);
}

/** Batches older than a day that were never confirmed are dropped with their files. */
export function purgeStalePreviews(db: Db, now: Date): number {
  const cutoff = new Date(now.getTime() - 24 * 3600 * 1000).toISOString();
  return db.$client.prepare("UPDATE import_batches SET status = 'discarded', file = NULL WHERE status = 'preview' AND created_at < ?").run(cutoff).changes;
}

/** Forbidden unless the actor holds the capability (the handlers' common check). */
export function requireImportCapability(actor: Actor, capability: Parameters<typeof hasCapability>[1]): void {
  if (!hasCapability(actor, capability)) throw new ForbiddenError();
}
