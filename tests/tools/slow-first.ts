// The order test files start in: the longest first, so the last file to finish is a short one
// and both workers stay busy to the end. Vitest orders by the durations it cached on earlier
// runs on this machine; a clean machine has none (it would start with the largest files), so the
// files that take longest (measured on a 2-CPU machine) start first whatever the cache says.
import { BaseSequencer, type TestSpecification } from "vitest/node";

const LONGEST_FIRST = [
  // unit. The hostile-input file times each answer (a second at most): not in the first
  // minute, while the type check, the build and the seed take the CPUs and its many route
  // modules are transformed for the first time.
  "tests/models/catalogue-import.test.ts",
  "tests/models/seed.test.ts",
  "tests/routes/outbox-ten-thousand.test.ts",
  "tests/routes/hostile-input.test.ts",
  "tests/models/demo-suggestions.test.ts",
  "tests/models/import-worker.test.ts",
  "tests/models/enrol-concurrency.test.ts",
  "tests/models/rotations-seed.test.ts",
  "tests/models/adoption-import.test.ts",
  "tests/models/dated-levels-history.test.ts",
  "tests/models/auth-sign-in.test.ts",
  "tests/models/report-figures-replay.test.ts",
  "tests/models/staff-import.test.ts",
  "tests/routes/adoption-routes.test.ts",
  "tests/routes/auth-login.test.ts",
  "tests/ops/backup-restore.test.ts",
  // browser
  "tests/browser/offline-entry.test.ts",
  "tests/browser/catalogue-import.test.ts",
  "tests/browser/directors.test.ts",
  "tests/browser/department.test.ts",
  "tests/browser/list-requests.test.ts",
  "tests/browser/courses.test.ts",
  "tests/browser/agreements.test.ts",
  "tests/browser/case-log.test.ts",
];

function rank(spec: TestSpecification): number {
  const index = LONGEST_FIRST.findIndex((file) => spec.moduleId.endsWith(`/${file}`));
  return index === -1 ? LONGEST_FIRST.length : index;
}

export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    // A stable sort: the files not listed keep vitest's order after the listed ones.
    return sorted.map((spec, at) => ({ spec, at })).sort((a, b) => rank(a.spec) - rank(b.spec) || a.at - b.at).map(({ spec }) => spec);
  }
}
