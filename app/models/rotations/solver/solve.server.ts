// One solve on the calling thread: build the programme (model.ts), run HiGHS, read the plan,
// explain what is left unserved and try the what-ifs (explain.ts). The worker thread calls
// this; so does run.server.ts where there is no worker bundle (unit tests).
//
// Time: the main programme gets MAIN_SHARE of the time limit; the what-ifs share what is left
// up to WHOLE_SHARE of it, each a small programme (only the unserved lines, the plan found
// fixed), so the whole call stays within the limit. A what-if that finds nothing is not shown.
//
// Status: "optimal" when HiGHS proves the plan optimal, or stops at its limit with a relative
// gap of at most TARGET_GAP (proven near-optimal; the gap returned is the real one);
// "timeLimit" otherwise; "infeasible" only if HiGHS says so (every x = 0 is feasible, so it
// should not happen); "empty" without lines. A request where nothing can be served is optimal
// with no proposals, every line explained. The gap is that of the weighted objective, so it
// is dominated by the first levels (lines on time, lines served).
import { DEFAULT_TIME_LIMIT_SECONDS, TARGET_GAP, type Proposal, type SolverInput, type SolverResult, type WhatIf } from "./types";
import { buildModel, measurePlan, readPlan } from "./model";
import { explainUnserved, reducedInput, whatIfCases } from "./explain";
import { solveLp } from "./highs.server";

const MAIN_SHARE = 0.7;
const WHOLE_SHARE = 0.95;

/** The plan alone (no explanations): the main solve and each what-if. */
async function plan(input: SolverInput, seconds: number) {
  const built = buildModel(input);
  if (built.options.length === 0) return { built, outcome: { status: "optimal" as const, gap: 0 }, proposals: [] as Proposal[] };
  const outcome = await solveLp(built.lp, seconds);
  const proposals = outcome.status === "optimal" || outcome.status === "limit" ? readPlan(input, built, (n) => outcome.values.get(n) ?? 0) : [];
  return { built, outcome, proposals };
}

export async function solveNow(input: SolverInput): Promise<SolverResult> {
  const started = performance.now();
  const limit = input.timeLimitSeconds ?? DEFAULT_TIME_LIMIT_SECONDS;
  const elapsed = () => (performance.now() - started) / 1000;
  if (input.lines.length === 0) {
    return {
      status: "empty",
      gap: null,
      seconds: elapsed(),
      proposals: [],
      unserved: [],
      whatIfs: [],
      measures: measurePlan(input, []),
      model: { variables: 0, constraints: 0 },
    };
  }
  const { built, outcome, proposals } = await plan(input, limit * MAIN_SHARE);
  const unserved = explainUnserved(input, built, proposals);
  const whatIfs: WhatIf[] = [];
  if (unserved.length > 0 && outcome.status !== "infeasible") {
    const cases = whatIfCases(input, reducedInput(input, proposals, unserved), unserved);
    for (let i = 0; i < cases.length; i++) {
      const left = limit * WHOLE_SHARE - elapsed();
      if (left < 0.05) break;
      const found = await plan(cases[i].input, left / (cases.length - i));
      const serves = found.proposals.flatMap((p) => p.transferItemIds).sort((a, b) => a - b);
      if (serves.length > 0) whatIfs.push({ ...cases[i].change, serves });
    }
  }
  const status =
    outcome.status === "infeasible"
      ? "infeasible"
      : outcome.status === "optimal" || (outcome.status === "limit" && outcome.gap !== null && outcome.gap <= TARGET_GAP)
        ? "optimal"
        : "timeLimit";
  return {
    status,
    gap: outcome.gap,
    seconds: elapsed(),
    proposals,
    unserved,
    whatIfs,
    measures: measurePlan(input, proposals),
    model: { variables: built.variables, constraints: built.constraints },
  };
}
