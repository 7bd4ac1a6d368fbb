// Fifty seeded random instances, each solved and each proposal checked with the rule functions
// the rotation form uses: a plan the solver proposes must be one the form would accept.
import { expect, test } from "vitest";
import {
  checkAbsenceLimit,
  checkAgreement,
  checkDates,
  checkDirection,
  checkFacilities,
  checkMinimumLength,
  checkTechniques,
  isDownward,
} from "~/models/rotations/rules";
import { findClashes, type Commitment } from "~/models/schedule/rules";
import { applyWhatIf } from "~/models/rotations/solver/explain";
import { effectiveLimit } from "~/models/rotations/solver/model";
import { solveNow } from "~/models/rotations/solver/solve.server";
import type { SolverInput, SolverResult } from "~/models/rotations/solver/types";
import { createPrng } from "../../seeds/prng";
import { generateInstance, previousFrom } from "../helpers/solver-instances";

const INSTANCES = 50;

/** Every rule the rotation form applies, for every proposal; [] when all pass. */
function violations(input: SolverInput, result: SolverResult): string[] {
  const found: string[] = [];
  const servedBy = new Map<number, number>();
  result.proposals.forEach((p, i) => {
    const where = `proposal ${i} (${p.staffId} → ${p.toFacilityId} ${p.startOn}..${p.endOn})`;
    const range = { start: p.startOn, end: p.endOn };
    const staff = input.staff.find((s) => s.id === p.staffId);
    const agreement = input.agreements.find((a) => a.id === p.agreementId);
    const site = input.sites.find((s) => s.facilityId === p.toFacilityId);
    if (!staff || !agreement || !site) return found.push(`${where}: unknown staff, agreement or site`);
    const lines = p.transferItemIds.map((id) => input.lines.find((l) => l.transferItemId === id));
    if (lines.length === 0) found.push(`${where}: serves no line`);
    for (const line of lines) {
      if (!line) return found.push(`${where}: unknown line`);
      if (line.agreementId !== p.agreementId || line.toFacilityId !== p.toFacilityId) found.push(`${where}: line ${line.transferItemId} of another agreement or site`);
      servedBy.set(line.transferItemId, (servedBy.get(line.transferItemId) ?? 0) + 1);
    }
    const others = result.proposals.filter((_, j) => j !== i);
    const ownOthers: Commitment[] = others
      .map((o, j) => ({ o, j }))
      .filter(({ o }) => o.staffId === p.staffId)
      .map(({ o, j }) => ({ kind: "rotation", id: -(j + 1), title: "", titleEn: "", start: o.startOn, end: o.endOn }));
    const purpose = isDownward(input.facility, site) ? null : "Training at the upper hospital";
    const verdicts = [
      checkDates(range),
      checkFacilities(input.facility.id, p.toFacilityId),
      checkAgreement(agreement, { fromFacilityId: input.facility.id, toFacilityId: p.toFacilityId, startOn: p.startOn, endOn: p.endOn }),
      checkMinimumLength(range, { minMonths: agreement.minRotationMonths, shortTerm: false, shortTermReason: null }),
      checkTechniques(lines.map((l) => ({ techniqueId: l!.techniqueId, code: l!.code, name: l!.name })), new Set(staff.performs)),
      checkDirection(input.facility, site, purpose),
      checkAbsenceLimit({
        othersAway: [...input.othersAway, ...others.map((o) => ({ start: o.startOn, end: o.endOn }))],
        range,
        limit: effectiveLimit(input),
        override: false,
        overrideReason: null,
      }),
    ];
    for (const v of verdicts) if (v) found.push(`${where}: ${v.message} ${JSON.stringify(v.params)}`);
    const clashes = findClashes([...staff.commitments, ...ownOthers], range);
    if (clashes.length > 0) found.push(`${where}: clashes with ${clashes[0].kind} ${clashes[0].start}..${clashes[0].end}`);
  });
  for (const [id, count] of servedBy) if (count > 1) found.push(`line ${id} served ${count} times`);
  // Every line is either served or explained, once.
  const explained = new Set(result.unserved.map((u) => u.transferItemId));
  for (const line of input.lines) {
    const served = servedBy.has(line.transferItemId);
    if (served === explained.has(line.transferItemId)) found.push(`line ${line.transferItemId} ${served ? "served and explained" : "neither served nor explained"}`);
  }
  if (result.measures.served !== servedBy.size) found.push(`measures.served ${result.measures.served} but ${servedBy.size} lines served`);
  return found;
}

test(`${INSTANCES} random instances: every proposal passes the rotation form's rules, every what-if holds`, async () => {
  const r = createPrng("solver-random");
  let served = 0;
  let whatIfs = 0;
  for (let i = 0; i < INSTANCES; i++) {
    const input = generateInstance(`solver-random-${i}`, {
      staff: r.int(2, 8),
      lines: r.int(2, 8),
      months: r.int(4, 12),
      sites: r.int(1, 4),
      agreements: r.int(1, 3),
      techniques: r.int(3, 8),
      timeLimitSeconds: 2,
    });
    const result = await solveNow(input);
    expect({ instance: i, status: result.status }).toEqual({ instance: i, status: "optimal" });
    expect({ instance: i, violations: violations(input, result) }).toEqual({ instance: i, violations: [] });
    served += result.measures.served;

    // A re-plan from part of this plan keeps it as a valid plan and keeps at least as much of it.
    if (i % 5 === 0 && result.proposals.length > 0) {
      const again = { ...input, previous: previousFrom(`previous-${i}`, result.proposals) };
      const replanned = await solveNow(again);
      expect({ instance: i, violations: violations(again, replanned) }).toEqual({ instance: i, violations: [] });
      expect(replanned.measures.served).toBe(result.measures.served);
      expect(replanned.measures.keptFromPrevious).toBe(again.previous.length);
    }

    // Each what-if, applied to the whole input, serves at least the lines it claims more.
    for (const w of result.whatIfs) {
      whatIfs++;
      const changed = await solveNow({ ...applyWhatIf(input, w), timeLimitSeconds: 2 });
      expect({ instance: i, whatIf: w.kind, served: changed.measures.served >= result.measures.served + w.serves.length }).toEqual({
        instance: i,
        whatIf: w.kind,
        served: true,
      });
      expect(violations(applyWhatIf(input, w), changed)).toEqual([]);
    }
  }
  // The generator gives instances where something is served and something is left to explain.
  expect(served).toBeGreaterThan(INSTANCES);
  expect(whatIfs).toBeGreaterThan(5);
});
