// Why a line is left unserved, and which single change of the input would serve more. Pure:
// the reasons read the candidate options the model was built from; the what-ifs are described
// here as changed inputs, and the solve (solve.server.ts) re-solves them.
//
// Reasons, in the order a trainer would fix them (the first that holds is given):
//   noCompetent  nobody at the sending facility performs the line's technique;
//   agreementEnds the agreement (its status, its term, the site) leaves no window of its minimum
//                length in the period;
//   allBusy      people perform it, but every one is held on some day of every allowed window;
//   absenceCap   someone is free in a window, but every such window has a month where the other
//                absences already fill the cap — or where the plan's own higher-ranking
//                rotations fill it while a competent person is left free;
//   usedElsewhere otherwise: the plan sends those people on lines ranking higher.
//
// What-ifs are solved on a reduced input: the plan found stays as it is (its rotations become
// commitments of their people and absences of the facility), only the unserved lines are asked
// again, with the one change applied. Those programmes are small, so they fit in the time left
// after the main solve; and what they serve can be added to the plan found, so the claim "this
// change would serve these lines" is a plan that exists.
import { isOpen } from "~/models/agreements/rules";
import { addMonthsIso } from "~/models/dates";
import type { Commitment } from "~/models/schedule/rules";
import { agreementWindows, effectiveLimit, minMonths, monthsOf, type BuiltModel } from "./model";
import type { Proposal, SolverInput, Unserved, WhatIf } from "./types";

export function explainUnserved(input: SolverInput, built: BuiltModel, proposals: readonly Proposal[]): Unserved[] {
  const served = new Set(proposals.flatMap((p) => p.transferItemIds));
  const windows = agreementWindows(input, built.months);
  const agreements = new Map(input.agreements.map((a) => [a.id, a]));
  const sites = new Map(input.sites.map((s) => [s.facilityId, s]));
  const out: Unserved[] = [];
  input.lines.forEach((line, l) => {
    if (served.has(line.transferItemId)) return;
    const site = sites.get(line.toFacilityId)?.name ?? "";
    const base = { code: line.code, name: line.name, site, facility: input.facility.name };
    const competent = input.staff.filter((s) => s.performs.includes(line.techniqueId));
    if (competent.length === 0) {
      out.push({ transferItemId: line.transferItemId, reason: "noCompetent", params: base });
      return;
    }
    const agreement = agreements.get(line.agreementId);
    const window = windows.get(`${line.agreementId}:${line.toFacilityId}`);
    if (!agreement || !window || window.starts.length === 0) {
      out.push({
        transferItemId: line.transferItemId,
        reason: "agreementEnds",
        params: { ...base, number: agreement?.number ?? "", end: agreement?.endOn ?? "", months: agreement ? minMonths(agreement) : window?.months ?? 0 },
      });
      return;
    }
    const options = built.options.filter((o) => o.lines.includes(l));
    if (options.length === 0) {
      out.push({ transferItemId: line.transferItemId, reason: "allBusy", params: { ...base, count: competent.length } });
      return;
    }
    const hasRoom = options.some((o) => built.capRoom.slice(o.month, o.month + o.months).every((room) => room > 0));
    if (!hasRoom) {
      out.push({ transferItemId: line.transferItemId, reason: "absenceCap", params: { ...base, limit: effectiveLimit(input) } });
      return;
    }
    // Someone competent is left free by the plan over a whole window: then what holds the line
    // back is the cap, filled by the plan's higher-ranking rotations, not the people.
    const personFree = options.some((o) => !proposals.some((p) => p.staffId === o.staffId && p.startOn <= o.endOn && o.startOn <= p.endOn));
    if (personFree) {
      out.push({ transferItemId: line.transferItemId, reason: "absenceCap", params: { ...base, limit: effectiveLimit(input) } });
      return;
    }
    out.push({ transferItemId: line.transferItemId, reason: "usedElsewhere", params: base });
  });
  return out;
}

/** A what-if before it is solved: the change (serving nothing yet) and the reduced input it changes. */
export type WhatIfCase = { change: WhatIf; input: SolverInput };

/** Placeholder id of the person a what-if adds (ids from the database are positive). */
export const ADDED_PERSON_ID = -1;

/**
 * The plan found kept fixed and only the unserved lines asked again: its rotations become
 * commitments of their people and absences of the facility, and the quota still open shrinks.
 */
export function reducedInput(input: SolverInput, proposals: readonly Proposal[], unserved: readonly Unserved[]): SolverInput {
  const open = new Set(unserved.map((u) => u.transferItemId));
  const held = new Map<number, Commitment[]>();
  proposals.forEach((p, i) => {
    const c: Commitment = { kind: "rotation", id: -(i + 1), title: "", titleEn: "", start: p.startOn, end: p.endOn };
    held.set(p.staffId, [...(held.get(p.staffId) ?? []), c]);
  });
  const planned = proposals.reduce((sum, p) => sum + monthsOf(p), 0);
  return {
    ...input,
    lines: input.lines.filter((l) => open.has(l.transferItemId)),
    staff: input.staff.map((s) => (held.has(s.id) ? { ...s, commitments: [...s.commitments, ...held.get(s.id)!] } : s)),
    othersAway: [...input.othersAway, ...proposals.map((p) => ({ start: p.startOn, end: p.endOn }))],
    quotaMonthsOpen: Math.max(0, input.quotaMonthsOpen - planned),
    previous: [],
  };
}

/** Changes of one input worth trying for these unserved lines, most useful first. */
export function whatIfCases(input: SolverInput, reduced: SolverInput, unserved: readonly Unserved[]): WhatIfCase[] {
  const cases: WhatIfCase[] = [];
  const reasons = new Set(unserved.map((u) => u.reason));
  const lineById = new Map(input.lines.map((l) => [l.transferItemId, l]));

  if (reasons.has("absenceCap") || reasons.has("usedElsewhere")) {
    const limit = input.facility.limit + 1;
    cases.push(changed(reduced, { kind: "raiseCap", limit, serves: [] }));
  }

  const ending = new Set(unserved.filter((u) => u.reason === "agreementEnds").map((u) => lineById.get(u.transferItemId)!.agreementId));
  for (const agreement of input.agreements) {
    if (!ending.has(agreement.id) || agreement.endOn === null) continue;
    if (!isOpen(agreement.status)) continue;
    // A year more, or only to the end of the period when that is sooner.
    const yearOn = addMonthsIso(agreement.endOn, 12);
    const endOn = yearOn < input.period.end ? yearOn : input.period.end;
    if (endOn <= agreement.endOn) continue;
    cases.push(changed(reduced, { kind: "extendAgreement", agreementId: agreement.id, number: agreement.number, endOn, serves: [] }));
  }

  const techniques = new Map<number, string>();
  for (const u of unserved) {
    if (u.reason !== "noCompetent" && u.reason !== "allBusy") continue;
    const line = lineById.get(u.transferItemId)!;
    if (!techniques.has(line.techniqueId)) techniques.set(line.techniqueId, line.code);
  }
  for (const [techniqueId, code] of techniques) {
    cases.push(changed(reduced, { kind: "addPerson", techniqueId, code, serves: [] }));
  }
  return cases;
}

const changed = (reduced: SolverInput, change: WhatIf): WhatIfCase => ({ change, input: applyWhatIf(reduced, change) });

/** The input with a what-if's change applied (the whole input to check a claim, or the reduced one to find it). */
export function applyWhatIf(input: SolverInput, whatIf: WhatIf): SolverInput {
  switch (whatIf.kind) {
    case "raiseCap":
      return { ...input, facility: { ...input.facility, limit: whatIf.limit } };
    case "extendAgreement":
      return { ...input, agreements: input.agreements.map((a) => (a.id === whatIf.agreementId ? { ...a, endOn: whatIf.endOn } : a)) };
    case "addPerson":
      return {
        ...input,
        staff: [...input.staff, { id: ADDED_PERSON_ID, fullName: "", performs: [whatIf.techniqueId], commitments: [], priorMonths: 0 }],
      };
  }
}
