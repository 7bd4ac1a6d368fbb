// The solver worker's entry (bundled to solver-worker.mjs beside the server bundle by
// app/ops/build-worker.mjs): solves one SolverInput with the same code the request thread would
// run inline, posts the result and ends. It needs no database: the input is plain data.
import { parentPort, workerData } from "node:worker_threads";
import { replyOf, type WorkerReply } from "~/models/imports/worker-runner.server";
import type { SolverInput } from "./types";
import { solveNow } from "./solve.server";

const { input } = workerData as { input: SolverInput };

async function main(): Promise<WorkerReply> {
  try {
    return { ok: true, value: await solveNow(input) };
  } catch (error) {
    return replyOf(error);
  }
}

void main().then((reply) => parentPort?.postMessage(reply));
