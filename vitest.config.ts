import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";
import SlowFirstSequencer from "./tests/tools/slow-first";

const alias = { "~": path.resolve(__dirname, "app") };

// Two projects: fast tests (rules, models, routes) run in parallel workers on copies of
// template databases migrated and seeded once per run; browser tests build the app (or reuse
// an unchanged build), serve it against a fresh seeded database, prepared in the background
// while the unit files run, and drive one shared Chromium, two files at a time, after them.
export default defineConfig({
  resolve: { alias },
  test: {
    // The longest files start first (tests/tools/slow-first.ts).
    sequence: { sequencer: SlowFirstSequencer },
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["tests/**/*.test.ts"],
          exclude: ["tests/browser/**", "node_modules/**"],
          environment: "node",
          globalSetup: ["tests/helpers/global-setup.ts"],
          // vitest leaves one CPU to its main process by default: a single worker on a 2-CPU
          // machine. The main process is mostly idle while files run, so use every CPU.
          maxWorkers: Math.max(2, os.availableParallelism()),
          setupFiles: ["tests/helpers/setup-env.ts"],
          // Guards against a hung test, not speed checks: on a 2-CPU machine shared with other
          // runs a test's CPU share, and so its time, varies several-fold.
          testTimeout: 120_000,
          // A file's setup may import every route module (hostile-input): over two minutes on a shared, loaded 2-CPU machine.
          hookTimeout: 300_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "browser",
          include: ["tests/browser/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/browser/global-setup.ts"],
          setupFiles: ["tests/browser/wait-ready.ts"],
          // Two files at a time: a browser file mostly waits (for the server, for Chromium), so
          // two of them keep both CPUs busy. A file that writes serves its own copy of the demo
          // (startScratchServer); the shared server is only read. After the unit files (their
          // group comes first), while which the build and the seed run.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
          // Guards against a hung test: two files at a time on a loaded shared machine can take
          // more than a minute over a test with two imports.
          testTimeout: 180_000,
          // A poll waits for the server's work (an import's confirmation runs in a worker
          // thread): on a loaded shared machine that takes seconds, not vitest's default 1 s.
          expect: { poll: { timeout: 20_000, interval: 100 } },
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
