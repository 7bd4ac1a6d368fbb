import { expect, test } from "vitest";
import { checkDeferral, checkResume, phaseReadiness, READINESS_WEIGHTS, readiness, RECENCY_DAYS } from "~/models/transfers/readiness";
import { checkStageMove, phaseGateBlockers, type GateLine } from "~/models/transfers/rules";

const TODAY = "2026-03-15";
const none = { trainedStaff: 0, supervisedCases: 0, requiredCases: 5, checksConfirmed: 0, checksTotal: 0, lastCaseOn: null, today: TODAY };

test("the weights add up to 1", () => {
  expect(Object.values(READINESS_WEIGHTS).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
});

test("nothing recorded scores 0; everything recorded today scores 100", () => {
  expect(readiness(none)).toEqual({ score: 0, parts: { trained: 0, cases: 0, checklist: 0, recency: 0 }, daysSinceLastCase: null });
  const full = readiness({ trainedStaff: 2, supervisedCases: 5, requiredCases: 5, checksConfirmed: 3, checksTotal: 3, lastCaseOn: TODAY, today: TODAY });
  expect(full).toEqual({ score: 100, parts: { trained: 1, cases: 1, checklist: 1, recency: 1 }, daysSinceLastCase: 0 });
});

test("a hand-checked mix: 1 of 2 trained, 3 of 6 cases, 1 of 4 items, last case 90 days ago", () => {
  // trained 0.5, cases 0.5, checklist 0.25, recency 1 - 90/180 = 0.5
  // 0.3*0.5 + 0.3*0.5 + 0.25*0.25 + 0.15*0.5 = 0.15 + 0.15 + 0.0625 + 0.075 = 0.4375 -> 44
  const r = readiness({ trainedStaff: 1, supervisedCases: 3, requiredCases: 6, checksConfirmed: 1, checksTotal: 4, lastCaseOn: "2025-12-15", today: TODAY });
  expect(r.daysSinceLastCase).toBe(90);
  expect(r.parts).toEqual({ trained: 0.5, cases: 0.5, checklist: 0.25, recency: 0.5 });
  expect(r.score).toBe(44);
});

test("each part stops at 1: more staff or cases than needed add nothing", () => {
  const r = readiness({ ...none, trainedStaff: 7, supervisedCases: 12, requiredCases: 5 });
  expect(r.parts.trained).toBe(1);
  expect(r.parts.cases).toBe(1);
  expect(r.score).toBe(60);
});

test("no case required counts the cases part as met; an empty checklist as nothing confirmed", () => {
  const r = readiness({ ...none, requiredCases: 0 });
  expect(r.parts.cases).toBe(1);
  expect(r.parts.checklist).toBe(0);
  expect(r.score).toBe(30);
});

test("recency falls linearly and is 0 after the window; none without a case", () => {
  expect(readiness({ ...none, lastCaseOn: "2026-03-14" }).parts.recency).toBeCloseTo(1 - 1 / RECENCY_DAYS, 10);
  expect(readiness({ ...none, lastCaseOn: "2025-09-16" }).daysSinceLastCase).toBe(180);
  expect(readiness({ ...none, lastCaseOn: "2025-09-16" }).parts.recency).toBe(0);
  expect(readiness({ ...none, lastCaseOn: "2024-01-01" }).parts.recency).toBe(0);
  // Across the end of February in a leap year: 2028-02-28 -> 2028-03-01 is 2 days.
  expect(readiness({ ...none, lastCaseOn: "2028-02-28", today: "2028-03-01" }).daysSinceLastCase).toBe(2);
});

test("a phase's readiness is the mean of its lines, deferred lines left out", () => {
  expect(phaseReadiness([{ score: 40, deferred: false }, { score: 80, deferred: false }])).toBe(60);
  expect(phaseReadiness([{ score: 40, deferred: false }, { score: 0, deferred: true }])).toBe(40);
  expect(phaseReadiness([{ score: 10, deferred: true }])).toBeNull();
  expect(phaseReadiness([])).toBeNull();
  expect(phaseReadiness([{ score: 33, deferred: false }, { score: 34, deferred: false }])).toBe(34);
});

const line = (id: number, phase: number, stage: GateLine["stage"], deferred = false, techniqueCode = `10.${id}`): GateLine => ({ id, phase, stage, deferred, techniqueCode });

test("the gate holds a move past training while an earlier phase has a line neither accepted nor deferred", () => {
  const lines = [line(1, 1, "accepted"), line(2, 1, "independent", false, "10.20"), line(3, 2, "planned")];
  expect(phaseGateBlockers({ from: "training", to: "supervised", phase: 2, lines })).toEqual({ phases: [1], lines: [lines[1]] });
  expect(phaseGateBlockers({ from: "supervised", to: "independent", phase: 2, lines })).not.toBeNull();
  expect(phaseGateBlockers({ from: "independent", to: "accepted", phase: 2, lines })).not.toBeNull();
});

test("the gate lets through moves up to training, backward moves, the first phase and lines of the same phase", () => {
  const lines = [line(1, 1, "planned"), line(2, 2, "planned")];
  expect(phaseGateBlockers({ from: "planned", to: "surveyed", phase: 2, lines })).toBeNull();
  expect(phaseGateBlockers({ from: "surveyed", to: "training", phase: 2, lines })).toBeNull();
  expect(phaseGateBlockers({ from: "independent", to: "supervised", phase: 2, lines })).toBeNull();
  expect(phaseGateBlockers({ from: "training", to: "supervised", phase: 1, lines })).toBeNull();
});

test("a deferred or accepted earlier line no longer holds the next phase back", () => {
  expect(phaseGateBlockers({ to: "supervised", phase: 2, lines: [line(1, 1, "training", true), line(2, 1, "accepted")] })).toBeNull();
});

test("the gate names every open earlier phase and its lines, by phase then code", () => {
  const lines = [line(5, 2, "training", false, "10.5"), line(4, 1, "planned", false, "10.9"), line(3, 1, "surveyed", false, "10.10")];
  const blocked = phaseGateBlockers({ to: "supervised", phase: 3, lines });
  expect(blocked?.phases).toEqual([1, 2]);
  expect(blocked?.lines.map((l) => l.techniqueCode)).toEqual(["10.10", "10.9", "10.5"]);
});

test("checkStageMove applies the gate when it is given the other lines, after the step rules", () => {
  const gate = { phase: 2, lines: [line(1, 1, "independent")] };
  const base = { requiredCases: 2, supervisedCases: 2, note: null };
  expect(checkStageMove({ from: "training", to: "supervised", ...base, gate })).toBe("planning:readiness.errors.gateBlocked");
  expect(checkStageMove({ from: "training", to: "supervised", ...base })).toBeNull();
  expect(checkStageMove({ from: "surveyed", to: "training", ...base, gate })).toBeNull();
  expect(checkStageMove({ from: "training", to: "independent", ...base, gate })).toBe("agreements:errors.stageSkip");
  expect(checkStageMove({ from: "supervised", to: "training", ...base, note: "lý do", gate })).toBeNull();
  expect(checkStageMove({ from: "training", to: "supervised", ...base, gate: { phase: 2, lines: [line(1, 1, "independent", true)] } })).toBeNull();
});

test("a deferred line moves neither forward nor back until it is resumed", () => {
  const base = { requiredCases: 2, supervisedCases: 2, note: "lý do", deferred: true };
  expect(checkStageMove({ from: "training", to: "supervised", ...base })).toBe("planning:readiness.errors.stageDeferred");
  expect(checkStageMove({ from: "training", to: "surveyed", ...base })).toBe("planning:readiness.errors.stageDeferred");
  expect(checkStageMove({ from: "training", to: "supervised", ...base, deferred: false })).toBeNull();
});

test("deferral: a line not accepted and not deferred; resuming: only a deferred line", () => {
  expect(checkDeferral({ stage: "training", deferredOn: null })).toBeNull();
  expect(checkDeferral({ stage: "accepted", deferredOn: null })).toBe("planning:readiness.errors.deferAccepted");
  expect(checkDeferral({ stage: "planned", deferredOn: "2026-03-01" })).toBe("planning:readiness.errors.alreadyDeferred");
  expect(checkResume({ deferredOn: "2026-03-01" })).toBeNull();
  expect(checkResume({ deferredOn: null })).toBe("planning:readiness.errors.notDeferred");
});
