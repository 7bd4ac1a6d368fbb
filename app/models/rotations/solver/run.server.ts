// Runs a rotation solve in a worker thread, so that the request thread goes on answering
// everyone else while HiGHS works (its WebAssembly solve blocks the thread it runs on). The
// worker is a bundle built beside the server bundle (`npm run build` writes
// build/solver-worker.mjs, see app/ops/build-worker.mjs); where there is none (unit tests run
// the TypeScript sources) or SOLVER_WORKER=inline, the solve runs on the caller's thread.
//
// One solve at a time per server: the machine has few CPUs and a second solve would only halve
// the first one's time; a few more wait their turn, beyond that the trainer is asked to retry
// (503 solver:errors.busy). A watchdog ends a worker that overruns its time limit by more than
// a grace (a solver stuck outside its own clock, e.g. in presolve) and answers
// solver:errors.stopped (503); so does a worker that dies.
import { Worker } from "node:worker_threads";
import { DomainError } from "~/models/errors";
import type { WorkerReply } from "~/models/imports/worker-runner.server";
import { bundledWorkerPath, createTurns } from "~/models/workers/worker-threads.server";
import { DEFAULT_TIME_LIMIT_SECONDS, type SolverInput, type SolverResult } from "./types";
import { solveNow } from "./solve.server";

/** Solves waiting behind the running one; more are refused with "busy, retry". */
export const MAX_WAITING = 3;
/**
 * Seconds a worker may run past its time limit (loading HiGHS, building, reading) before it is
 * ended; SOLVER_GRACE_SECONDS changes it (the watchdog's test sets it to nothing).
 */
const GRACE_SECONDS = 20;
const graceSeconds = () => {
  const named = Number(process.env.SOLVER_GRACE_SECONDS);
  return process.env.SOLVER_GRACE_SECONDS && Number.isFinite(named) ? named : GRACE_SECONDS;
};
/** Heap of a solver worker: the benchmark's province-size programme fits well within it. */
const WORKER_HEAP_MB = 1024;

const turns = createTurns(MAX_WAITING, () => new DomainError("solver:errors.busy", { status: 503 }));

/** The worker bundle, when one was built for this server (or named by SOLVER_WORKER_PATH). */
export function solverWorkerPath(): string | null {
  return bundledWorkerPath("solver-worker.mjs", "SOLVER_WORKER_PATH", "SOLVER_WORKER");
}

/** The rotation plan for a sending facility and a period (see model.ts for the programme). */
export async function solveRotationPlan(input: SolverInput): Promise<SolverResult> {
  const workerFile = solverWorkerPath();
  if (!workerFile) return solveNow(input);
  await turns.take();
  try {
    return await inWorker(workerFile, input);
  } finally {
    turns.pass();
  }
}

function inWorker(workerFile: string, input: SolverInput): Promise<SolverResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerFile, { workerData: { input }, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    const stopped = () => new DomainError("solver:errors.stopped", { status: 503 });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(watchdog);
      outcome();
      void worker.terminate();
    };
    const seconds = (input.timeLimitSeconds ?? DEFAULT_TIME_LIMIT_SECONDS) + graceSeconds();
    const watchdog = setTimeout(() => settle(() => reject(stopped())), seconds * 1000);
    worker.once("message", (reply: WorkerReply) =>
      settle(() => {
        if (reply.ok) resolve(reply.value as SolverResult);
        else if ("error" in reply) reject(new DomainError(reply.error.key, { field: reply.error.field, status: reply.error.status, params: reply.error.params }));
        else reject(new Error(`solver worker: ${reply.crash}`));
      }),
    );
    worker.once("error", () => settle(() => reject(stopped())));
    worker.once("exit", () => settle(() => reject(stopped())));
  });
}
