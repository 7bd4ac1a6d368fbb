// The rotation solver's contract: what the database side hands the solver (SolverInput, plain
// data, no ids it must look up) and what the solver hands back (SolverResult). Pure types, so the
// worker thread, the pages and the tests share one definition.
import type { DateRange } from "~/models/dates";
import type { AgreementStatus, FacilityKind, Level, PartyRole } from "~/models/enums";
import type { Commitment } from "~/models/schedule/rules";

/** Longest period a plan may cover: three years of monthly starts. */
export const MAX_PLAN_MONTHS = 36;
/** Time the solver is given by default (seconds); the best plan found by then is returned. */
export const DEFAULT_TIME_LIMIT_SECONDS = 10;
/** The longest a trainer may let one plan search: the queue behind it waits that long at worst. */
export const MAX_TIME_LIMIT_SECONDS = 60;
/** Relative MIP gap at which a plan counts as proven near-optimal. */
export const TARGET_GAP = 0.02;

/** A staff member of the sending facility the solver may send. */
export type SolverStaff = {
  id: number;
  fullName: string;
  /** Technique ids the person performs independently (the competence rule). */
  performs: readonly number[];
  /**
   * Everything that holds the person for whole days and overlaps the period: rotations that
   * stay as they are, courses attended or trained, unavailability (leave, illness). The clash
   * rule's own commitments, so the solver and the form read the same facts.
   */
  commitments: readonly Commitment[];
  /** Person-months the person spent on rotations in the 12 months before the period (fair load). */
  priorMonths: number;
};

/** The agreement a plan line belongs to, as the rotation rules need it. */
export type SolverAgreement = {
  id: number;
  number: string;
  status: AgreementStatus;
  startOn: string;
  /** Null for an open-ended agreement. */
  endOn: string | null;
  /** The agreement's minimum rotation length (null: the default three months). */
  minRotationMonths: number | null;
  parties: readonly { facilityId: number; role: PartyRole }[];
};

/** A receiving facility with what the direction rule needs. */
export type SolverSite = {
  facilityId: number;
  name: string;
  kind: FacilityKind;
  level: Level | null;
};

/** An open plan line (transfer item) the plan should serve. */
export type SolverLine = {
  transferItemId: number;
  agreementId: number;
  toFacilityId: number;
  techniqueId: number;
  code: string;
  name: string;
  /** The line's due date; null when the plan gives none (any time in the period is on time). */
  dueOn: string | null;
};

/** One rotation the solver proposes (and the shape a previous draft is handed back in). */
export type Proposal = {
  staffId: number;
  toFacilityId: number;
  agreementId: number;
  /** First day of a month. */
  startOn: string;
  /** Last day of a month. */
  endOn: string;
  transferItemIds: number[];
};

export type SolverInput = {
  /** The sending facility with its absence limit (absenceLimit() of the rules). */
  facility: { id: number; name: string; kind: FacilityKind; level: Level | null; limit: number };
  /** First day of the first month to last day of the last month; at most MAX_PLAN_MONTHS. */
  period: DateRange;
  staff: readonly SolverStaff[];
  lines: readonly SolverLine[];
  agreements: readonly SolverAgreement[];
  sites: readonly SolverSite[];
  /** The facility's absences that stay as they are (rotations not being re-planned). */
  othersAway: readonly DateRange[];
  /**
   * Person-months the Project 1816 quota asks of the facility over the period, less those
   * already planned or delivered in it; 0 when nothing more is asked.
   */
  quotaMonthsOpen: number;
  /** Absences above the limit the trainer allows with a reason (the form's override); 0 = none. */
  overrideExtra: number;
  overrideReason: string | null;
  /** The previous draft's proposals: a re-plan moves as few of them as it can. */
  previous: readonly Proposal[];
  /** Solver time limit in seconds (DEFAULT_TIME_LIMIT_SECONDS when absent). */
  timeLimitSeconds?: number;
};

/** Why a line is left unserved: the constraint that binds, in the order a trainer would fix them. */
export type UnservedReason =
  | "noCompetent" // nobody at the sending facility performs the technique independently
  | "agreementEnds" // the agreement's term leaves no window of the minimum length in the period
  | "allBusy" // every competent person is held (rotations, courses, leave) in every allowed window
  | "absenceCap" // competent people are free, but sending one would break the absence limit in every window
  | "usedElsewhere"; // competent people were free, but this plan sends them on lines that rank higher

/** A change of one input and the lines it would let the plan serve. */
export type WhatIf =
  | { kind: "raiseCap"; limit: number; serves: number[] }
  | { kind: "extendAgreement"; agreementId: number; number: string; endOn: string; serves: number[] }
  | { kind: "addPerson"; techniqueId: number; code: string; serves: number[] };

export type Unserved = {
  transferItemId: number;
  reason: UnservedReason;
  /** Message parameters of the reason (code, count, limit, number, end, months). */
  params: Record<string, string | number>;
};

export type SolverStatus = "optimal" | "timeLimit" | "infeasible" | "empty";

export type SolverResult = {
  status: SolverStatus;
  /** Relative MIP gap of the returned plan (0 when proven optimal; null when none was found). */
  gap: number | null;
  seconds: number;
  proposals: Proposal[];
  unserved: Unserved[];
  whatIfs: WhatIf[];
  measures: {
    lines: number;
    served: number;
    onTime: number;
    personMonths: number;
    quotaMonthsOpen: number;
    /** Most person-months given to one person (the fairness the objective minimises). */
    maxPersonMonths: number;
    /** Previous proposals kept exactly (a re-plan's "as few moves as possible"). */
    keptFromPrevious: number;
    movedFromPrevious: number;
  };
  model: { variables: number; constraints: number };
};
