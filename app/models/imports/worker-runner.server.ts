// Runs an import's reading, planning and writing in a worker thread with its own SQLite
// connection, so that the request thread goes on answering everyone else while a 60,000-row
// file is checked and written. The worker is a separate bundle built beside the server bundle
// (`npm run build` writes build/import-worker.mjs, see app/ops/build-worker.mjs); where there
// is none (unit tests run the TypeScript sources) or the database is in memory (a second
// connection would see another database), the job runs inline on the caller's connection.
//
// One job runs at a time per server: imports write, SQLite has one writer, and a second job
// would only slow the first; a few more wait their turn, beyond that the user is asked to retry.
import { Worker } from "node:worker_threads";
import type { Db } from "~/db/client.server";
import { ConflictError, DomainError, ForbiddenError, NotFoundError } from "~/models/errors";
import { bundledWorkerPath, createTurns } from "~/models/workers/worker-threads.server";

/** What a worker posts back: a value, a domain error to rebuild, or a crash. */
export type WorkerReply =
  | { ok: true; value: unknown }
  | { ok: false; error: { name: string; key: string; status: number; field: string | null; params: Record<string, string | number> } }
  | { ok: false; crash: string };

/** Heap of an import worker: the plan of a 100,000-row file fits well within it. */
const WORKER_HEAP_MB = 1024;
/** Jobs waiting behind the running one; more are refused with "busy, retry". */
const MAX_WAITING = 8;

const turns = createTurns(MAX_WAITING, () => new DomainError("imports:errors.busy", { field: "file", status: 503 }));

/** The worker bundle, when one was built for this server (or named by IMPORT_WORKER_PATH). */
export function importWorkerPath(): string | null {
  // IMPORT_WORKER=inline runs every job on the request thread (the benchmark's comparison).
  return bundledWorkerPath("import-worker.mjs", "IMPORT_WORKER_PATH", "IMPORT_WORKER");
}

/**
 * Runs `job` in the import worker (which calls the same code as `inline`, on its own connection
 * to the same file) or, without a worker bundle or for an in-memory database, runs `inline`.
 */
export async function runImportJob<T>(db: Db, job: unknown, inline: () => Promise<T>): Promise<T> {
  const workerFile = importWorkerPath();
  if (!workerFile || db.$client.memory) return inline();
  await turns.take();
  try {
    return (await inWorker(workerFile, db.$client.name, job)) as T;
  } finally {
    turns.pass();
  }
}

function inWorker(workerFile: string, databaseFile: string, job: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerFile, {
      workerData: { databaseFile, job },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    let settled = false;
    const settle = (reply: WorkerReply) => {
      if (settled) return;
      settled = true;
      if (reply.ok) resolve(reply.value);
      else reject("error" in reply ? rebuild(reply.error) : new Error(`import worker: ${reply.crash}`));
      void worker.terminate();
    };
    worker.once("message", (reply: WorkerReply) => settle(reply));
    // A worker that dies (out of memory, killed) rolled its transaction back with it.
    const stopped = () => settle({ ok: false, error: { name: "DomainError", key: "imports:errors.stopped", status: 503, field: "file", params: {} } });
    worker.once("error", stopped);
    worker.once("exit", stopped);
  });
}

/** The worker's side: a thrown error as a message the request thread turns back into one. */
export function replyOf(error: unknown): WorkerReply {
  if (error instanceof DomainError) {
    return { ok: false, error: { name: error.name, key: error.message, status: error.status, field: error.field, params: error.params } };
  }
  return { ok: false, crash: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}

function rebuild(e: { name: string; key: string; status: number; field: string | null; params: Record<string, string | number> }): DomainError {
  if (e.name === "ConflictError") return new ConflictError(e.key, { field: e.field, params: e.params });
  if (e.name === "NotFoundError") return new NotFoundError(e.key);
  if (e.name === "ForbiddenError") return new ForbiddenError(e.key);
  return new DomainError(e.key, { field: e.field, status: e.status, params: e.params });
}
