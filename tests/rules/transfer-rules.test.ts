import { expect, test } from "vitest";
import { cadreCanPerform, canLogCases, canSupport, carriesOver, checkStageMove, isOverdue, progressShare } from "~/models/transfers/rules";
import { levelAllows } from "~/models/catalogue/levels";

const move = (from: Parameters<typeof checkStageMove>[0]["from"], to: Parameters<typeof checkStageMove>[0]["to"], extra: Partial<Parameters<typeof checkStageMove>[0]> = {}) =>
  checkStageMove({ from, to, requiredCases: 5, supervisedCases: 5, note: null, ...extra });

test("each forward step from planned to independent is allowed one at a time", () => {
  expect(move("planned", "surveyed")).toBeNull();
  expect(move("surveyed", "training")).toBeNull();
  expect(move("training", "supervised")).toBeNull();
  expect(move("supervised", "independent")).toBeNull();
});

test("skipping a stage is refused whichever way", () => {
  expect(move("planned", "training")).toBe("agreements:errors.stageSkip");
  expect(move("planned", "independent")).toBe("agreements:errors.stageSkip");
  expect(move("training", "accepted")).toBe("agreements:errors.stageSkip");
  expect(move("independent", "training", { note: "lý do" })).toBe("agreements:errors.stageSkip");
});

test("independence needs the supervised cases to reach the required count", () => {
  expect(move("supervised", "independent", { requiredCases: 5, supervisedCases: 4 })).toBe("agreements:errors.stageCasesShort");
  expect(move("supervised", "independent", { requiredCases: 5, supervisedCases: 5 })).toBeNull();
  expect(move("supervised", "independent", { requiredCases: 0, supervisedCases: 0 })).toBeNull();
});

test("accepted is reached only through the acceptance and is final", () => {
  expect(move("independent", "accepted")).toBe("agreements:errors.stageUseAcceptance");
  expect(move("accepted", "independent", { note: "sai" })).toBe("agreements:errors.stageAcceptedFinal");
});

test("a backward step needs a reason and goes back one stage only", () => {
  expect(move("training", "surveyed")).toBe("agreements:errors.stageBackNeedsReason");
  expect(move("training", "surveyed", { note: "  " })).toBe("agreements:errors.stageBackNeedsReason");
  expect(move("training", "surveyed", { note: "Thiếu trang thiết bị" })).toBeNull();
  expect(move("planned", "planned")).toBe("agreements:errors.stageSame");
});

test("the level rule: A=1 … D=4, a facility performs techniques of its level and below", () => {
  expect(levelAllows("A", "B")).toBe(true);
  expect(levelAllows("B", "B")).toBe(true);
  expect(levelAllows("C", "B")).toBe(false);
  expect(levelAllows("D", "A")).toBe(false);
  expect(levelAllows("D", null)).toBe(true);
});

test("a supporter performs a technique its level allows or that it adopted", () => {
  expect(canSupport({ facilityLevel: "C", minLevel: "A", adopted: false })).toBe(false);
  expect(canSupport({ facilityLevel: "C", minLevel: "A", adopted: true })).toBe(true);
  expect(canSupport({ facilityLevel: "A", minLevel: "A", adopted: false })).toBe(true);
});

test("overdue means past the target date and not accepted, compared with the given today", () => {
  expect(isOverdue({ targetDate: "2025-12-31", stage: "training" }, "2026-01-01")).toBe(true);
  expect(isOverdue({ targetDate: "2026-01-01", stage: "training" }, "2026-01-01")).toBe(false);
  expect(isOverdue({ targetDate: "2025-12-31", stage: "accepted" }, "2026-01-01")).toBe(false);
  expect(isOverdue({ targetDate: null, stage: "planned" }, "2026-01-01")).toBe(false);
});

test("cases are logged from the supervised stage on", () => {
  expect(canLogCases("training")).toBe(false);
  expect(canLogCases("supervised")).toBe(true);
  expect(canLogCases("independent")).toBe(true);
  expect(canLogCases("accepted")).toBe(false);
});

test("progress is accepted of planned, none for an empty plan", () => {
  expect(progressShare(1, 4)).toBe(0.25);
  expect(progressShare(0, 0)).toBeNull();
});

test("a negative number of required supervised cases is refused with 'must be 0 or more', not a vague 'invalid'", async () => {
  const { installZodMessages } = await import("~/utils/zod-messages");
  const { itemSchema } = await import("~/models/transfers/schemas");
  installZodMessages();
  const result = itemSchema.safeParse({ techniqueCode: "10.367", fromFacilityId: 1, toFacilityId: 2, phase: 1, requiredCases: -1 });
  expect(result.success).toBe(false);
  expect(result.error?.issues.map((i) => i.message)).toEqual(['common:validation.tooSmall|{"minimum":0}']);
});

test("a renewal carries over every line not yet accepted, unless the receiver performs the technique by now", () => {
  for (const stage of ["planned", "surveyed", "training", "supervised", "independent"] as const) {
    expect(carriesOver({ stage }, false)).toBe(true);
    expect(carriesOver({ stage }, true)).toBe(false);
  }
  expect(carriesOver({ stage: "accepted" }, false)).toBe(false);
});

test("who may perform a technique follows its procedure class: surgery by doctors, class-1 procedures also by assistant doctors, the rest also by nurses, midwives and technicians", () => {
  expect(cadreCanPerform("doctor", "P1")).toBe(true);
  expect(cadreCanPerform("assistant_doctor", "PDB")).toBe(false);
  expect(cadreCanPerform("nurse", "TDB")).toBe(false);
  expect(cadreCanPerform("assistant_doctor", "T1")).toBe(true);
  expect(cadreCanPerform("nurse", "T1")).toBe(false);
  expect(cadreCanPerform("midwife", "T2")).toBe(true);
  expect(cadreCanPerform("technician", null)).toBe(true);
  expect(cadreCanPerform("pharmacist", null)).toBe(false);
  expect(cadreCanPerform("other", "T3")).toBe(false);
});
