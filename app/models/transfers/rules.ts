// Pure rules of a transfer item: stage order and gates, who may support or receive a
// technique, overdue and progress. No clock, no database: `today` is an argument.
import { levelAllows } from "~/models/catalogue/levels";
import { TRANSFER_STAGES, type Cadre, type Level, type ProcedureClass, type TransferStage } from "~/models/enums";

/** The supporting facility must perform the technique: its level allows it, or it adopted it. */
export function canSupport(input: { facilityLevel: Level | null; minLevel: Level | null; adopted: boolean }): boolean {
  return input.adopted || levelAllows(input.facilityLevel, input.minLevel);
}

export function stageIndex(stage: TransferStage): number {
  return TRANSFER_STAGES.indexOf(stage);
}

export function nextStage(stage: TransferStage): TransferStage | null {
  return TRANSFER_STAGES[stageIndex(stage) + 1] ?? null;
}

export function previousStage(stage: TransferStage): TransferStage | null {
  const i = stageIndex(stage);
  return i > 0 ? TRANSFER_STAGES[i - 1] : null;
}

export type StageMoveInput = {
  from: TransferStage;
  to: TransferStage;
  requiredCases: number;
  supervisedCases: number;
  /** A backward move needs a reason. */
  note: string | null;
  /**
   * The line's phase and the other lines of the same agreement and receiving facility, for the
   * phase gate; left out where only the step rules matter.
   */
  gate?: { phase: number; lines: GateLine[] };
  /** A deferred line is parked: it moves again only once it is resumed. */
  deferred?: boolean;
};

/** The translation key of the refusal, or null when the move is allowed. */
export type StageMoveRefusal =
  | "agreements:errors.stageSkip"
  | "agreements:errors.stageSame"
  | "agreements:errors.stageAcceptedFinal"
  | "agreements:errors.stageUseAcceptance"
  | "agreements:errors.stageCasesShort"
  | "agreements:errors.stageBackNeedsReason"
  | "planning:readiness.errors.gateBlocked"
  | "planning:readiness.errors.stageDeferred";

/**
 * Stages move one step at a time. Forward: the next stage only; `accepted` only through the
 * acceptance (it records minutes and staff); supervised -> independent only when the logged
 * supervised cases reach the required count. Backward: one step, with a reason, never out of
 * `accepted` (the acceptance is signed and in the adoption ledger).
 */
export function checkStageMove(input: StageMoveInput): StageMoveRefusal | null {
  const { from, to } = input;
  if (from === to) return "agreements:errors.stageSame";
  if (from === "accepted") return "agreements:errors.stageAcceptedFinal";
  if (input.deferred) return "planning:readiness.errors.stageDeferred";
  if (to === nextStage(from)) {
    if (to === "accepted") return "agreements:errors.stageUseAcceptance";
    if (input.gate && phaseGateBlockers({ to, ...input.gate })) return "planning:readiness.errors.gateBlocked";
    if (to === "independent" && !casesReached(input.requiredCases, input.supervisedCases)) {
      return "agreements:errors.stageCasesShort";
    }
    return null;
  }
  if (to === previousStage(from)) {
    return input.note && input.note.trim() ? null : "agreements:errors.stageBackNeedsReason";
  }
  return "agreements:errors.stageSkip";
}

/** A line of the plan as the phase gate sees it. */
export type GateLine = { id: number; phase: number; stage: TransferStage; deferred: boolean; techniqueCode: string };

/** Moves to these stages are "past training": the receiving team starts working on patients. */
export function isPastTraining(stage: TransferStage): boolean {
  return stageIndex(stage) > stageIndex("training");
}

/**
 * The phase gate: a line moves past training only once every line of an earlier phase (same
 * agreement, same receiving facility; `lines` are those) is accepted or deferred. Phases are
 * the order in which a receiving team takes techniques on; a deferred line no longer holds the
 * next phase back. Returns the earlier phases still open and their open lines (by phase, then
 * code), or null when the move may go ahead. A backward move is never held.
 */
export function phaseGateBlockers(input: { from?: TransferStage; to: TransferStage; phase: number; lines: GateLine[] }): { phases: number[]; lines: GateLine[] } | null {
  if (!isPastTraining(input.to)) return null;
  if (input.from && stageIndex(input.to) < stageIndex(input.from)) return null;
  const open = input.lines
    .filter((l) => l.phase < input.phase && l.stage !== "accepted" && !l.deferred)
    .sort((a, b) => a.phase - b.phase || a.techniqueCode.localeCompare(b.techniqueCode));
  if (open.length === 0) return null;
  return { phases: [...new Set(open.map((l) => l.phase))], lines: open };
}

export function casesReached(requiredCases: number, supervisedCases: number): boolean {
  return supervisedCases >= requiredCases;
}

/**
 * Which cadres may perform a technique, by its procedure class: surgery (PĐB, P1–P3) and
 * special procedures (TĐB) by doctors; class-1 procedures also by assistant doctors (y sĩ);
 * class-2 and -3 procedures and unclassified techniques (tests, imaging, care) also by nurses,
 * midwives and technicians. Pharmacists and "other" perform no clinical technique. The case
 * log's performer list and its check use this one rule.
 */
export function cadreCanPerform(cadre: Cadre, procedureClass: ProcedureClass | null): boolean {
  if (procedureClass === "PDB" || procedureClass === "P1" || procedureClass === "P2" || procedureClass === "P3" || procedureClass === "TDB") {
    return cadre === "doctor";
  }
  if (procedureClass === "T1") return cadre === "doctor" || cadre === "assistant_doctor";
  return cadre === "doctor" || cadre === "assistant_doctor" || cadre === "nurse" || cadre === "midwife" || cadre === "technician";
}

/** Cases are logged while the receiving team works under supervision, and after. */
export function canLogCases(stage: TransferStage): boolean {
  return stage === "supervised" || stage === "independent";
}

/**
 * A renewal carries a line of the old plan over when it is unfinished (not accepted) and its
 * receiver does not perform the technique by now (a new line would be refused for that).
 */
export function carriesOver(item: { stage: TransferStage }, receiverPerforms: boolean): boolean {
  return item.stage !== "accepted" && !receiverPerforms;
}

/** Overdue: a target date before today and not yet accepted. */
export function isOverdue(item: { targetDate: string | null; stage: TransferStage }, today: string): boolean {
  return item.targetDate !== null && item.targetDate < today && item.stage !== "accepted";
}

/** Share accepted of planned, 0..1; null for an empty plan. */
export function progressShare(accepted: number, planned: number): number | null {
  return planned > 0 ? accepted / planned : null;
}

export type PartiesChangeRefusal = "agreements:errors.partiesFixed" | "agreements:errors.partiesServedByRotation";

/**
 * A line's sending and receiving facilities change only while nothing has started, and while
 * no rotation serves it (a rotation runs between exactly those two facilities).
 */
export function checkPartiesChange(input: { stage: TransferStage; rotations: number }): PartiesChangeRefusal | null {
  if (input.stage !== "planned") return "agreements:errors.partiesFixed";
  if (input.rotations > 0) return "agreements:errors.partiesServedByRotation";
  return null;
}

/** A requirement below the supervised cases already logged would rewrite what was counted. */
export function requiredCoversLogged(requiredCases: number, supervisedCases: number): boolean {
  return requiredCases >= supervisedCases;
}

export type ItemDeletionRefusal =
  | "agreements:errors.deleteAccepted"
  | "agreements:errors.deleteNotPlanned"
  | "agreements:errors.deleteHasCases"
  | "agreements:errors.deleteHasRotations";

/**
 * A line of the plan is deleted only while it is still an intention: planned, no case logged,
 * no rotation serving it. An accepted item is in the receiving facility's ledger for good;
 * a started one is moved back to "planned" first.
 */
export function checkItemDeletion(input: { stage: TransferStage; loggedCases: number; rotations: number }): ItemDeletionRefusal | null {
  if (input.stage === "accepted") return "agreements:errors.deleteAccepted";
  if (input.stage !== "planned") return "agreements:errors.deleteNotPlanned";
  if (input.loggedCases > 0) return "agreements:errors.deleteHasCases";
  if (input.rotations > 0) return "agreements:errors.deleteHasRotations";
  return null;
}
