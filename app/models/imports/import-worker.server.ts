// The import worker's entry (bundled to import-worker.mjs beside the server bundle): opens its
// own connection to the planner's database, runs one job with the same code the request thread
// would run inline, posts the result and ends. See worker-runner.server.ts.
import { parentPort, workerData } from "node:worker_threads";
import { openDb } from "~/db/client.server";
import { runJobNow, type ImportJob } from "./batches.server";
import { importHandler } from "./registry.server";
import { replyOf, type WorkerReply } from "./worker-runner.server";

const { databaseFile, job } = workerData as { databaseFile: string; job: ImportJob };

async function main(): Promise<WorkerReply> {
  const db = openDb(databaseFile);
  try {
    const handler = importHandler(job.kind);
    if (!handler) return { ok: false, crash: `no import handler for ${job.kind}` };
    return { ok: true, value: await runJobNow(db, handler, job) };
  } catch (error) {
    return replyOf(error);
  } finally {
    db.$client.close();
  }
}

void main().then((reply) => parentPort?.postMessage(reply));
