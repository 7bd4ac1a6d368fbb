// Reads an uploaded spreadsheet (CSV or XLSX) into rows of text cells, keeping each row's
// number as the user sees it in the sheet (header = row 1 in a CSV). Nothing here knows what
// the columns mean: each import maps the headers itself.
//
// The parsing runs in a worker thread with its own memory limit (sheet-reader.mjs): a 60,000-row
// workbook takes tens of seconds to unzip and parse, and a small file can unpack to gigabytes;
// neither may hold the server's request thread, which goes on answering everyone else.
import path from "node:path";
import { Worker } from "node:worker_threads";
import { DomainError } from "~/models/errors";

/** `numeric` lists the columns whose cell held a number in the workbook (XLSX only): a code
 *  typed as a number has lost its trailing zeros (10.10 reads 10.1); `errors` the columns
 *  holding an error value (#N/A, #REF!), `formulas` those computed by a formula. */
export type SheetRow = { rowNumber: number; cells: string[]; numeric?: number[]; errors?: number[]; formulas?: number[] };
export type Sheet = { rows: SheetRow[] };
export type UploadedFile = { fileName: string; bytes: Buffer | Uint8Array };

import { MAX_IMPORT_BYTES } from "./limits";

export { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "./limits";
/** Heap of the reading worker: a workbook that unpacks beyond it is refused as too large. */
const WORKER_HEAP_MB = 768;

const XLSX_MAGIC = [0x50, 0x4b, 0x03, 0x04]; // a zip archive
// The worker is plain JavaScript kept beside this module; the server bundle does not contain
// it, so it is found from the project folder (where `npm start` and the tests run).
const WORKER_PATH = path.resolve(process.cwd(), "app/models/imports/sheet-reader.worker.mjs");

export function fileKind(file: UploadedFile): "csv" | "xlsx" | null {
  const name = file.fileName.toLowerCase();
  const bytes = file.bytes;
  const isZip = XLSX_MAGIC.every((b, i) => bytes[i] === b);
  if (name.endsWith(".xlsx") || (isZip && !name.endsWith(".csv"))) return "xlsx";
  if (name.endsWith(".csv") || name.endsWith(".txt") || name.endsWith(".tsv")) return "csv";
  return null;
}

type WorkerResult = { ok: true; rows: SheetRow[] } | { ok: false; key: string; params?: Record<string, string | number> };

/**
 * Reads the file; throws DomainError (field "file") when it is not a CSV/XLSX, is too large,
 * has too many rows or cannot be parsed. Empty rows are dropped.
 */
export async function readTable(file: UploadedFile): Promise<Sheet> {
  const kind = fileKind(file);
  if (kind === null) {
    throw new DomainError("imports:errors.unsupportedType", { field: "file", params: { fileName: file.fileName.slice(0, 200) } });
  }
  if (file.bytes.length === 0) throw new DomainError("imports:errors.empty", { field: "file" });
  if (file.bytes.length > MAX_IMPORT_BYTES) {
    throw new DomainError("imports:errors.tooLarge", { field: "file", status: 413, params: { size: MAX_IMPORT_BYTES / 1024 / 1024 } });
  }
  const result = await runWorker({ fileName: file.fileName, bytes: file.bytes, kind });
  if (!result.ok) throw new DomainError(result.key, { field: "file", params: result.params });
  return { rows: result.rows };
}

function runWorker(input: { fileName: string; bytes: Buffer | Uint8Array; kind: "csv" | "xlsx" }): Promise<WorkerResult> {
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_PATH, {
      workerData: { fileName: input.fileName, bytes: new Uint8Array(input.bytes), kind: input.kind },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    let settled = false;
    const settle = (result: WorkerResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
      void worker.terminate();
    };
    worker.once("message", (result: WorkerResult) => settle(result));
    worker.once("error", (error: Error & { code?: string }) =>
      settle(
        error.code === "ERR_WORKER_OUT_OF_MEMORY"
          ? { ok: false, key: "imports:errors.unpacksTooLarge" }
          : { ok: false, key: "imports:errors.unreadable" },
      ),
    );
    worker.once("exit", () => settle({ ok: false, key: "imports:errors.unreadable" }));
  });
}
