// The rotation plan as a mixed-integer programme, written in CPLEX LP text for HiGHS. Pure:
// no solver import, so the formulation is unit-tested on its own and the worker only runs it.
//
// Formulation
// - A monthly grid over the period: the months whose first and last days lie in it.
// - An option o = (staff s, agreement a, receiving site f, start month m) lasts L months,
//   L = the agreement's minimum rotation length (default three): first day of m to last day of
//   m+L-1. An option exists only when the window lies in the grid, the rotation rules accept the
//   agreement for it (open, sender supporting, site receiving, inside the term), the site
//   receives rotations, s performs a technique of a line of (a, f), and s has no commitment on
//   any day of the window. So every option already passes the form's rules on its own.
// - x_o binary (the rotation is proposed); z_{l,o} in [0,1] (line l is served by o), only where
//   s performs l's technique and l belongs to (a, f); z_{l,o} <= x_o; sum_o z_{l,o} <= 1; and
//   x_o <= sum_l z_{l,o} (no rotation that serves nothing).
// - Per staff and month at most one option covering it.
// - Absence cap per month t: sum of x_o covering t <= limit + override extra (only with a
//   non-blank reason) - the peak of the other absences within t. The peak is over days of the
//   month and the options cover whole months, so every day of a proposal stays within the cap.
// - z needs no integrality: with x fixed, the z rows (one per line, one per option) form a
//   bipartite network matrix, so an optimal vertex has z integral; readPlan rounds defensively.
// - Objective (maximised), lexicographic through weights, levels in order:
//   1. lines served on time (the rotation ends on or before the due date; no due date = on time),
//   2. lines served at all,
//   3. person-months towards the Project 1816 quota: q <= sum L x_o, q <= ceil(quotaMonthsOpen),
//   4. receiving-site months with someone present: y_{f,t} <= sum of x_o at f covering t, y <= 1,
//   5. fairness: minus the most months any one person carries, mx >= round(priorMonths_s) +
//      sum L x_o over s's options (only people with options; mx >= the largest of their priors),
//   6. previous proposals kept: +1 for each chosen option identical to a previous proposal.
//   Every level's value is an integer at an optimal vertex, and level k's weight is
//   w_k = 1 + sum_{j>k} w_j * R_j where R_j bounds the spread of level j's value (its largest
//   minus its smallest). A plan better by 1 at level k and worse at every later level still
//   gains at least w_k - sum_{j>k} w_j R_j = 1, so no later level can outweigh an earlier one.
//   The solve is run with an absolute gap below 1, so "optimal" means optimal for every level.
import { addDaysIso, addMonthsIso, type DateRange } from "~/models/dates";
import { canReceiveRotation, checkAgreement, checkFacilities, DEFAULT_MIN_ROTATION_MONTHS, peakConcurrent } from "~/models/rotations/rules";
import { findClashes } from "~/models/schedule/rules";
import { DomainError } from "~/models/errors";
import { MAX_PLAN_MONTHS, type Proposal, type SolverAgreement, type SolverInput, type SolverLine, type SolverResult } from "./types";

/** A candidate rotation the programme may choose. */
export type SolverOption = {
  index: number;
  staffIndex: number;
  staffId: number;
  agreementId: number;
  toFacilityId: number;
  /** Index of the first month in the grid. */
  month: number;
  months: number;
  startOn: string;
  endOn: string;
  /** Indexes (into input.lines) of the lines this rotation could serve. */
  lines: number[];
};

export type BuiltModel = {
  lp: string;
  months: DateRange[];
  options: SolverOption[];
  /** Per month, the most rotations the cap leaves room for (before any proposal). */
  capRoom: number[];
  variables: number;
  constraints: number;
  /** The objective's weights by level (for tests and the documentation). */
  weights: { onTime: number; served: number; quota: number; siteMonths: number; fairness: number; kept: number };
};

/** Months whose first and last days lie in the period, as inclusive ranges. */
export function monthGrid(period: DateRange): DateRange[] {
  const months: DateRange[] = [];
  let first = `${period.start.slice(0, 7)}-01`;
  if (first < period.start) first = addMonthsIso(first, 1);
  for (;;) {
    const last = addDaysIso(addMonthsIso(first, 1), -1);
    if (last > period.end) break;
    months.push({ start: first, end: last });
    if (months.length > MAX_PLAN_MONTHS) {
      throw new DomainError("solver:errors.periodTooLong", { field: "endOn", params: { months: MAX_PLAN_MONTHS } });
    }
    first = addMonthsIso(first, 1);
  }
  return months;
}

export function minMonths(agreement: Pick<SolverAgreement, "minRotationMonths">): number {
  return agreement.minRotationMonths ?? DEFAULT_MIN_ROTATION_MONTHS;
}

/** Override counts only with a reason, as on the rotation form. */
export function effectiveLimit(input: Pick<SolverInput, "facility" | "overrideExtra" | "overrideReason">): number {
  return input.facility.limit + (input.overrideReason?.trim() ? Math.max(0, input.overrideExtra) : 0);
}

/** Rotations the cap leaves room for in each month, before the plan sends anyone. */
export function capRoom(input: SolverInput, months: readonly DateRange[]): number[] {
  const limit = effectiveLimit(input);
  return months.map((m) => Math.max(0, limit - peakConcurrent(input.othersAway, m)));
}

export function isOnTime(line: Pick<SolverLine, "dueOn">, endOn: string): boolean {
  return line.dueOn === null || endOn <= line.dueOn;
}

const groupKey = (agreementId: number, toFacilityId: number) => `${agreementId}:${toFacilityId}`;

/**
 * For each (agreement, site) of the lines, the start months at which a rotation of the
 * agreement's minimum length lies in the grid and passes the agreement and site rules.
 */
export function agreementWindows(input: SolverInput, months: readonly DateRange[]): Map<string, { months: number; starts: number[] }> {
  const out = new Map<string, { months: number; starts: number[] }>();
  const agreements = new Map(input.agreements.map((a) => [a.id, a]));
  const sites = new Map(input.sites.map((s) => [s.facilityId, s]));
  for (const line of input.lines) {
    const key = groupKey(line.agreementId, line.toFacilityId);
    if (out.has(key)) continue;
    const agreement = agreements.get(line.agreementId);
    const site = sites.get(line.toFacilityId);
    const length = agreement ? minMonths(agreement) : DEFAULT_MIN_ROTATION_MONTHS;
    const starts: number[] = [];
    if (agreement && site && canReceiveRotation(site) && !checkFacilities(input.facility.id, site.facilityId)) {
      for (let m = 0; m + length <= months.length; m++) {
        const window = { fromFacilityId: input.facility.id, toFacilityId: site.facilityId, startOn: months[m].start, endOn: months[m + length - 1].end };
        if (!checkAgreement(agreement, window)) starts.push(m);
      }
    }
    out.set(key, { months: length, starts });
  }
  return out;
}

/** Every rotation the rules allow on its own (see the header). */
export function candidateOptions(input: SolverInput, months: readonly DateRange[]): SolverOption[] {
  const windows = agreementWindows(input, months);
  const groups = new Map<string, { agreementId: number; toFacilityId: number; lines: number[] }>();
  input.lines.forEach((line, i) => {
    const key = groupKey(line.agreementId, line.toFacilityId);
    const group = groups.get(key) ?? { agreementId: line.agreementId, toFacilityId: line.toFacilityId, lines: [] };
    group.lines.push(i);
    groups.set(key, group);
  });
  const options: SolverOption[] = [];
  input.staff.forEach((staff, staffIndex) => {
    const performs = new Set(staff.performs);
    for (const [key, group] of groups) {
      const lines = group.lines.filter((i) => performs.has(input.lines[i].techniqueId));
      if (lines.length === 0) continue;
      const { months: length, starts } = windows.get(key)!;
      for (const m of starts) {
        const range = { start: months[m].start, end: months[m + length - 1].end };
        if (findClashes(staff.commitments, range).length > 0) continue;
        options.push({
          index: options.length,
          staffIndex,
          staffId: staff.id,
          agreementId: group.agreementId,
          toFacilityId: group.toFacilityId,
          month: m,
          months: length,
          startOn: range.start,
          endOn: range.end,
          lines,
        });
      }
    }
  });
  return options;
}

const samePlacement = (a: Omit<Proposal, "transferItemIds">, b: Omit<Proposal, "transferItemIds">) =>
  a.staffId === b.staffId && a.toFacilityId === b.toFacilityId && a.agreementId === b.agreementId && a.startOn === b.startOn;

/** LP text wants short lines: terms are written a few to a line. */
function expression(terms: readonly string[]): string {
  const chunks: string[] = [];
  for (let i = 0; i < terms.length; i += 8) chunks.push(terms.slice(i, i + 8).join(" "));
  return chunks.join("\n   ");
}

const term = (coefficient: number, name: string) => `${coefficient < 0 ? "-" : "+"} ${Math.abs(coefficient)} ${name}`;

export function buildModel(input: SolverInput): BuiltModel {
  const months = monthGrid(input.period);
  const options = candidateOptions(input, months);
  const room = capRoom(input, months);
  const rows: string[] = [];
  const bounds: string[] = [];
  const binaries: string[] = [];
  let variables = 0;

  const x = (o: number) => `x${o}`;
  const z = (l: number, o: number) => `z${l}_${o}`;
  for (const o of options) {
    binaries.push(x(o.index));
    variables++;
  }

  // Lines: served at most once; each z only with its option.
  const byLine = new Map<number, SolverOption[]>();
  for (const o of options) for (const l of o.lines) byLine.set(l, [...(byLine.get(l) ?? []), o]);
  let zCount = 0;
  for (const [l, list] of byLine) {
    rows.push(`L${l}: ${expression(list.map((o) => term(1, z(l, o.index))))} <= 1`);
    for (const o of list) {
      rows.push(`Z${l}_${o.index}: + 1 ${z(l, o.index)} - 1 ${x(o.index)} <= 0`);
      bounds.push(`0 <= ${z(l, o.index)} <= 1`);
      zCount++;
    }
  }
  variables += zCount;
  // No rotation that serves nothing.
  for (const o of options) {
    rows.push(`U${o.index}: + 1 ${x(o.index)} ${expression(o.lines.map((l) => term(-1, z(l, o.index))))} <= 0`);
  }

  // Per staff and month, and per month for the cap.
  const covering = (o: SolverOption, t: number) => o.month <= t && t < o.month + o.months;
  const byStaff = new Map<number, SolverOption[]>();
  for (const o of options) byStaff.set(o.staffIndex, [...(byStaff.get(o.staffIndex) ?? []), o]);
  for (const [s, list] of byStaff) {
    for (let t = 0; t < months.length; t++) {
      const here = list.filter((o) => covering(o, t));
      if (here.length > 1) rows.push(`S${s}_${t}: ${expression(here.map((o) => term(1, x(o.index))))} <= 1`);
    }
  }
  for (let t = 0; t < months.length; t++) {
    const here = options.filter((o) => covering(o, t));
    // A month with more candidates than people (or than room) needs the row; others cannot bind.
    const people = new Set(here.map((o) => o.staffIndex)).size;
    if (people > room[t]) rows.push(`A${t}: ${expression(here.map((o) => term(1, x(o.index))))} <= ${room[t]}`);
  }

  // Level 3: quota in whole months.
  const quotaCap = Math.max(0, Math.ceil(input.quotaMonthsOpen - 1e-9));
  const objective: string[] = [];
  if (options.length > 0) {
    rows.push(`Q: + 1 q ${expression(options.map((o) => term(-o.months, x(o.index))))} <= 0`);
    bounds.push(`0 <= q <= ${quotaCap}`);
    variables++;
  }

  // Level 4: site-months with someone present.
  const siteMonths: string[] = [];
  const bySite = new Map<number, SolverOption[]>();
  for (const o of options) bySite.set(o.toFacilityId, [...(bySite.get(o.toFacilityId) ?? []), o]);
  for (const [f, list] of bySite) {
    for (let t = 0; t < months.length; t++) {
      const here = list.filter((o) => covering(o, t));
      if (here.length === 0) continue;
      const y = `y${f}_${t}`;
      rows.push(`Y${f}_${t}: + 1 ${y} ${expression(here.map((o) => term(-1, x(o.index))))} <= 0`);
      bounds.push(`0 <= ${y} <= 1`);
      siteMonths.push(y);
    }
  }
  variables += siteMonths.length;

  // Level 5: fairness over the people who can be sent.
  const prior = (s: number) => Math.max(0, Math.round(input.staff[s].priorMonths));
  let priorFloor = 0;
  let priorCeiling = 0;
  for (const [s, list] of byStaff) {
    priorFloor = Math.max(priorFloor, prior(s));
    priorCeiling = Math.max(priorCeiling, prior(s) + months.length);
    rows.push(`F${s}: ${expression(list.map((o) => term(o.months, x(o.index))))} - 1 mx <= ${-prior(s)}`);
  }
  if (byStaff.size > 0) {
    bounds.push(`${priorFloor} <= mx <= ${priorCeiling}`);
    variables++;
  }

  // Level 6: previous proposals kept.
  const kept = options.filter((o) => input.previous.some((p) => samePlacement(o, { ...p })));

  // Weights: w_k = 1 + sum_{j>k} w_j R_j.
  const onTimeLines = new Set<number>();
  for (const o of options) for (const l of o.lines) if (isOnTime(input.lines[l], o.endOn)) onTimeLines.add(l);
  const spreads = [onTimeLines.size, byLine.size, quotaCap, siteMonths.length, priorCeiling - priorFloor, Math.min(kept.length, input.previous.length)];
  const w = new Array<number>(6).fill(1);
  for (let k = 4; k >= 0; k--) {
    let sum = 1;
    for (let j = k + 1; j < 6; j++) sum += w[j] * spreads[j];
    w[k] = sum;
  }
  for (const [l, list] of byLine) {
    for (const o of list) objective.push(term(w[1] + (isOnTime(input.lines[l], o.endOn) ? w[0] : 0), z(l, o.index)));
  }
  if (options.length > 0) objective.push(term(w[2], "q"));
  for (const y of siteMonths) objective.push(term(w[3], y));
  if (byStaff.size > 0) objective.push(term(-w[4], "mx"));
  for (const o of kept) objective.push(term(w[5], x(o.index)));

  const lp = [
    "Maximize",
    ` obj: ${objective.length > 0 ? expression(objective) : "0 q"}`,
    "Subject To",
    ...(rows.length > 0 ? rows.map((r) => ` ${r}`) : [" R0: + 1 q >= 0"]),
    "Bounds",
    ...bounds.map((b) => ` ${b}`),
    ...(binaries.length > 0 ? ["Binary", ` ${expression(binaries)}`] : []),
    "End",
  ].join("\n");
  return {
    lp,
    months,
    options,
    capRoom: room,
    variables,
    constraints: rows.length,
    weights: { onTime: w[0], served: w[1], quota: w[2], siteMonths: w[3], fairness: w[4], kept: w[5] },
  };
}

/**
 * The proposals of a solution (`value` reads a variable by name; absent = 0). Each line goes to
 * the chosen option that serves it most (z is integral at a vertex; this only guards rounding),
 * on time first; a chosen option left serving nothing is dropped, which only frees a person.
 */
export function readPlan(input: SolverInput, built: BuiltModel, value: (name: string) => number): Proposal[] {
  const chosen = built.options.filter((o) => value(`x${o.index}`) > 0.5);
  const served = new Map<number, number[]>();
  const lineIndexes = new Set(chosen.flatMap((o) => o.lines));
  for (const l of lineIndexes) {
    let best: SolverOption | null = null;
    let bestValue = 0.5;
    for (const o of chosen) {
      if (!o.lines.includes(l)) continue;
      const v = value(`z${l}_${o.index}`) + (isOnTime(input.lines[l], o.endOn) ? 1e-3 : 0);
      if (v > bestValue) {
        best = o;
        bestValue = v;
      }
    }
    if (best) served.set(best.index, [...(served.get(best.index) ?? []), l]);
  }
  return chosen
    .filter((o) => served.has(o.index))
    .map((o) => ({
      staffId: o.staffId,
      toFacilityId: o.toFacilityId,
      agreementId: o.agreementId,
      startOn: o.startOn,
      endOn: o.endOn,
      transferItemIds: served.get(o.index)!.map((l) => input.lines[l].transferItemId).sort((a, b) => a - b),
    }))
    .sort((a, b) => (a.startOn < b.startOn ? -1 : a.startOn > b.startOn ? 1 : a.staffId - b.staffId || a.toFacilityId - b.toFacilityId));
}

/** The plan's measures (person-months in whole calendar months of the grid). */
export function measurePlan(input: SolverInput, proposals: readonly Proposal[]): SolverResult["measures"] {
  const lineById = new Map(input.lines.map((l) => [l.transferItemId, l]));
  let served = 0;
  let onTime = 0;
  let personMonths = 0;
  const perStaff = new Map<number, number>();
  for (const p of proposals) {
    const months = monthsOf(p);
    personMonths += months;
    perStaff.set(p.staffId, (perStaff.get(p.staffId) ?? 0) + months);
    for (const id of p.transferItemIds) {
      const line = lineById.get(id);
      if (!line) continue;
      served++;
      if (isOnTime(line, p.endOn)) onTime++;
    }
  }
  let maxPersonMonths = 0;
  for (const s of input.staff) {
    const months = perStaff.get(s.id);
    if (months !== undefined) maxPersonMonths = Math.max(maxPersonMonths, Math.round(s.priorMonths) + months);
  }
  const kept = input.previous.filter((prev) => proposals.some((p) => samePlacement(p, prev) && p.endOn === prev.endOn)).length;
  return {
    lines: input.lines.length,
    served,
    onTime,
    personMonths,
    quotaMonthsOpen: input.quotaMonthsOpen,
    maxPersonMonths,
    keptFromPrevious: kept,
    movedFromPrevious: input.previous.length - kept,
  };
}

/** Whole calendar months of a proposal (first of a month to last of a month). */
export function monthsOf(p: Pick<Proposal, "startOn" | "endOn">): number {
  const [ys, ms] = [Number(p.startOn.slice(0, 4)), Number(p.startOn.slice(5, 7))];
  const [ye, me] = [Number(p.endOn.slice(0, 4)), Number(p.endOn.slice(5, 7))];
  return (ye - ys) * 12 + (me - ms) + 1;
}
