// The solver's worker thread: the bundle app/ops/build-worker.mjs would write, built here into
// a temporary folder, gives the same plan as the inline solve; one solve at a time, a few
// waiting, more refused with 503 busy; a worker past its time limit and grace is stopped (503).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, expect, test } from "vitest";
import { DomainError } from "~/models/errors";
import { MAX_WAITING, solveRotationPlan, solverWorkerPath } from "~/models/rotations/solver/run.server";
import { solveNow } from "~/models/rotations/solver/solve.server";
import { generateInstance, SMALL } from "../helpers/solver-instances";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "solver-worker-"));
const bundle = path.join(dir, "solver-worker.mjs");

beforeAll(async () => {
  await build({
    entryPoints: ["app/models/rotations/solver/solver-worker.server.ts"],
    outfile: bundle,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // Packages load from the project's node_modules, as in the server bundle.
    plugins: [
      {
        name: "external-packages",
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith("~/") ? undefined : { path: require.resolve(args.path), external: true }));
        },
      },
    ],
    tsconfig: "tsconfig.json",
    logLevel: "warning",
  });
  process.env.SOLVER_WORKER_PATH = bundle;
});

afterAll(() => {
  delete process.env.SOLVER_WORKER_PATH;
  delete process.env.SOLVER_GRACE_SECONDS;
  fs.rmSync(dir, { recursive: true, force: true });
});

const instance = { ...generateInstance("solver-worker", SMALL), timeLimitSeconds: 2 };

test("the worker's plan is the inline plan", async () => {
  expect(solverWorkerPath()).toBe(bundle);
  const [inWorker, inline] = [await solveRotationPlan(instance), await solveNow(instance)];
  expect(inWorker.status).toBe(inline.status);
  expect(inWorker.proposals).toEqual(inline.proposals);
  expect(inWorker.unserved).toEqual(inline.unserved);
});

test("one solve at a time, a few waiting, the rest told the solver is busy", async () => {
  const calls = Array.from({ length: MAX_WAITING + 3 }, () => solveRotationPlan(instance).then(() => "done", (e: unknown) => e));
  const outcomes = await Promise.all(calls);
  expect(outcomes.filter((o) => o === "done")).toHaveLength(MAX_WAITING + 1);
  const refused = outcomes.filter((o) => o !== "done") as DomainError[];
  expect(refused).toHaveLength(2);
  for (const e of refused) expect([e.message, e.status]).toEqual(["solver:errors.busy", 503]);
});

test("a worker past its time limit and grace is stopped", async () => {
  process.env.SOLVER_GRACE_SECONDS = "0";
  try {
    const error = await solveRotationPlan({ ...instance, timeLimitSeconds: 0.001 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect([(error as DomainError).message, (error as DomainError).status]).toEqual(["solver:errors.stopped", 503]);
  } finally {
    delete process.env.SOLVER_GRACE_SECONDS;
  }
  // The next solve runs normally.
  expect((await solveRotationPlan(instance)).status).toBe("optimal");
});
