// The rotation solver at scale. A script, not a vitest file: `npx tsx tests/bench/solver.bench.ts`
// solves generated instances (tests/helpers/solver-instances.ts) on the calling thread (the
// worker adds only its start-up) and prints the median of three runs of each:
// - one sending facility: 200 staff, 60 open lines, a 12-month horizon of monthly starts,
//   a skewed competence spread and commitments, three seeds and a variant whose absence cap
//   binds all year; target under 10 s with a gap of at most 2 %;
// - a province: 10 sending hospitals. Ten programmes, not one: hospitals share no staff, no
//   absence cap and no line (a line belongs to one sender's agreement), so one model would be
//   ten independent blocks whose only effect is to make HiGHS's gap and time limit global; ten
//   solves, one after the other (a server runs one solve at a time), each with a tenth of the
//   60 s target (less the what-ifs' share), and each a plan the trainer of that hospital adopts;
// - side by side, the greedy plan a trainer gets by hand: lines by due date, each given to the
//   first competent person free in the earliest window the rules allow (the suggestions page's
//   way), one line per rotation, checked with the same rule functions.
import { checkAbsenceLimit, checkAgreement, canReceiveRotation } from "~/models/rotations/rules";
import { findClashes, type Commitment } from "~/models/schedule/rules";
import { effectiveLimit, minMonths, monthGrid } from "~/models/rotations/solver/model";
import { solveNow } from "~/models/rotations/solver/solve.server";
import type { SolverInput, SolverResult } from "~/models/rotations/solver/types";
import { FACILITY_BENCH, generateInstance, type InstanceSize } from "../helpers/solver-instances";

const RUNS = 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Lines by due date, each to the first free competent person in the earliest allowed window. */
export function greedyPlan(input: SolverInput): { served: number; onTime: number } {
  const months = monthGrid(input.period);
  const away = [...input.othersAway];
  const held = new Map<number, Commitment[]>(input.staff.map((s) => [s.id, [...s.commitments]]));
  const lines = [...input.lines].sort((a, b) => (a.dueOn ?? "9999") < (b.dueOn ?? "9999") ? -1 : (a.dueOn ?? "9999") > (b.dueOn ?? "9999") ? 1 : 0);
  let served = 0;
  let onTime = 0;
  for (const line of lines) {
    const agreement = input.agreements.find((a) => a.id === line.agreementId);
    const site = input.sites.find((s) => s.facilityId === line.toFacilityId);
    if (!agreement || !site || !canReceiveRotation(site)) continue;
    const length = minMonths(agreement);
    search: for (let m = 0; m + length <= months.length; m++) {
      const range = { start: months[m].start, end: months[m + length - 1].end };
      if (checkAgreement(agreement, { fromFacilityId: input.facility.id, toFacilityId: site.facilityId, startOn: range.start, endOn: range.end })) continue;
      if (checkAbsenceLimit({ othersAway: away, range, limit: effectiveLimit(input), override: false, overrideReason: null })) continue;
      for (const s of input.staff) {
        if (!s.performs.includes(line.techniqueId) || findClashes(held.get(s.id)!, range).length > 0) continue;
        held.get(s.id)!.push({ kind: "rotation", id: -1, title: "", titleEn: "", start: range.start, end: range.end });
        away.push(range);
        served++;
        if (line.dueOn === null || range.end <= line.dueOn) onTime++;
        break search;
      }
    }
  }
  return { served, onTime };
}

function row(label: string, input: SolverInput, results: SolverResult[]) {
  const seconds = median(results.map((r) => r.seconds));
  const r = results.find((x) => x.seconds === seconds)!;
  const greedy = greedyPlan(input);
  console.log(
    [
      label.padEnd(14),
      `${seconds.toFixed(2).padStart(6)} s`,
      r.status.padEnd(9),
      `gap ${r.gap === null ? "—" : (r.gap * 100).toFixed(2) + " %"}`.padEnd(11),
      `served ${r.measures.served}/${r.measures.lines} (on time ${r.measures.onTime})`,
      `greedy ${greedy.served} (on time ${greedy.onTime})`,
      `vars ${r.model.variables} rows ${r.model.constraints}`,
      `what-ifs ${r.whatIfs.length}`,
    ].join("  "),
  );
  return r;
}

async function facilityBench() {
  console.log(`One sending facility: ${FACILITY_BENCH.staff} staff, ${FACILITY_BENCH.lines} lines, ${FACILITY_BENCH.months} months, default time limit, median of ${RUNS} runs`);
  for (const seed of ["bench-1", "bench-2", "bench-3"]) {
    const input = generateInstance(seed, FACILITY_BENCH);
    const results: SolverResult[] = [];
    for (let i = 0; i < RUNS; i++) results.push(await solveNow(input));
    row(seed, input, results);
  }
  // The hard case: a common competence spread (30 techniques) and a cap of 4 away at once, so
  // the cap binds all year and many plans tie on lines served.
  const tight = generateInstance("bench-tight", { ...FACILITY_BENCH, techniques: 30 });
  tight.facility = { ...tight.facility, limit: 4 };
  const results: SolverResult[] = [];
  for (let i = 0; i < RUNS; i++) results.push(await solveNow(tight));
  row("tight cap", tight, results);
}

async function provinceBench() {
  const PER_FACILITY_SECONDS = 6;
  console.log(`\nA province: 10 sending hospitals, ten programmes one after the other, ${PER_FACILITY_SECONDS} s limit each, median of ${RUNS} runs of the whole`);
  const inputs = Array.from({ length: 10 }, (_, i) => {
    const size: InstanceSize = {
      ...FACILITY_BENCH,
      staff: 60 + ((i * 37) % 141),
      lines: 20 + ((i * 13) % 41),
      idBase: (i + 1) * 100_000,
      timeLimitSeconds: PER_FACILITY_SECONDS,
    };
    return generateInstance(`province-${i}`, size);
  });
  const totals: number[] = [];
  let last: SolverResult[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    last = [];
    for (const input of inputs) last.push(await solveNow(input));
    totals.push((performance.now() - started) / 1000);
  }
  inputs.forEach((input, i) => row(`hospital ${i + 1}`, input, [last[i]]));
  const served = last.reduce((s, r) => s + r.measures.served, 0);
  const lines = last.reduce((s, r) => s + r.measures.lines, 0);
  const greedy = inputs.reduce((s, input) => s + greedyPlan(input).served, 0);
  const worstGap = Math.max(...last.map((r) => r.gap ?? 0));
  console.log(`province: median ${median(totals).toFixed(1)} s (target 60 s), served ${served}/${lines}, greedy ${greedy}, worst gap ${(worstGap * 100).toFixed(2)} %`);
}

await facilityBench();
await provinceBench();
