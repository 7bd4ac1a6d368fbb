// Loads HiGHS (WebAssembly, npm `highs`) once per thread and solves one LP-format programme.
// The persistent model API is used rather than the one-shot `solve()` because only it reports
// the MIP's relative gap and dual bound.
import loadHighs from "highs";

type Highs = Awaited<ReturnType<typeof loadHighs>>;

let loading: Promise<Highs> | null = null;

function highs(): Promise<Highs> {
  loading ??= loadHighs().catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

export type LpOutcome = {
  /** optimal: proven (absolute gap below 1, the objective being integral); limit: stopped with a plan. */
  status: "optimal" | "limit" | "infeasible" | "noSolution";
  /** Relative MIP gap as HiGHS reports it; null without a plan. */
  gap: number | null;
  values: Map<string, number>;
};

export async function solveLp(lp: string, timeLimitSeconds: number): Promise<LpOutcome> {
  const h = await highs();
  const codes = h.constants.modelStatus;
  return h.withModel({ format: "lp", data: lp }, (model): LpOutcome => {
    model.options.set({
      output_flag: false,
      time_limit: Math.max(0.05, timeLimitSeconds),
      // The objective takes integer values only (see model.ts), so an absolute gap below 1 is
      // proof of optimality at every level; a relative gap would stop before the later levels.
      mip_rel_gap: 0,
      mip_abs_gap: 0.999,
      random_seed: 0,
    });
    model.run();
    const status = model.getModelStatus();
    if (status === codes.infeasible) return { status: "infeasible", gap: null, values: new Map() };
    const solution = model.getSolution();
    const values = new Map<string, number>();
    const count = solution.colValue.length;
    const hasPlan = count > 0 && Number(model.info.get("primal_solution_status")) !== 0;
    if (!hasPlan) return { status: "noSolution", gap: null, values };
    for (let i = 0; i < count; i++) values.set(model.getColName(i), solution.colValue[i]);
    const gap = Number(model.info.get("mip_gap"));
    const proven = status === codes.optimal;
    return { status: proven ? "optimal" : "limit", gap: proven ? Math.max(0, Math.min(gap, 1)) || 0 : Number.isFinite(gap) ? Math.max(0, gap) : 1, values };
  });
}
