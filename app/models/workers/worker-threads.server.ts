// What the app's worker threads (the import worker, the solver worker) share: finding the
// bundle built beside the server bundle, and taking turns. Each runs one job at a time per
// server (SQLite has one writer; the machine has few CPUs and a second solve would only halve
// the first), a few more wait, beyond that the caller is answered "busy, retry".
import fs from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The worker bundle `fileName` beside the server bundle, the file `pathVariable` names instead,
 * or none: `inlineVariable` set to "inline" (a benchmark's comparison), or no bundle built (unit
 * tests run the TypeScript sources) — the caller then runs the job on its own thread.
 */
export function bundledWorkerPath(fileName: string, pathVariable: string, inlineVariable: string): string | null {
  if (process.env[inlineVariable] === "inline") return null;
  const named = process.env[pathVariable];
  if (named) return named;
  const beside = fileURLToPath(new URL(`./${fileName}`, import.meta.url));
  return fs.existsSync(beside) ? beside : null;
}

/** One job at a time, `maxWaiting` more in line; `busy` is the refusal of the one beyond. */
export function createTurns(maxWaiting: number, busy: () => Error) {
  let running = false;
  const waiting: (() => void)[] = [];
  return {
    take(): Promise<void> {
      if (!running) {
        running = true;
        return Promise.resolve();
      }
      if (waiting.length >= maxWaiting) return Promise.reject(busy());
      return new Promise((resolve) => waiting.push(resolve));
    },
    pass(): void {
      const next = waiting.shift();
      if (next) next();
      else running = false;
    },
  };
}
