// Pure rules of the gap matrix: which levels a facility's gaps are read from, how gap lines
// rank, and which partners a line shows first. No clock, no database.
import { LEVELS, type Level } from "~/models/enums";

/** The level one step up (D→C, C→B, B→A); none above a central (A) facility. */
export function levelAbove(level: Level): Level | null {
  const index = LEVELS.indexOf(level);
  return index > 0 ? LEVELS[index - 1] : null;
}

/**
 * The technique levels a facility's gaps come from: its own level, where it should perform
 * everything, and the level above, the next step of its development.
 */
export function gapLevels(level: Level): Level[] {
  const above = levelAbove(level);
  return above ? [level, above] : [level];
}

export type RankedGap = { chapterNumber: number; number: number; code: string; peers: number };

/**
 * Gap lines in matrix order: by chapter, then most performed by facilities of the same level
 * first (what peers already do is the likeliest next step), then catalogue order.
 */
export function compareGaps(a: RankedGap, b: RankedGap): number {
  if (a.chapterNumber !== b.chapterNumber) return a.chapterNumber - b.chapterNumber;
  if (a.peers !== b.peers) return b.peers - a.peers;
  if (a.number !== b.number) return a.number - b.number;
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

export type PartnerCandidate = {
  facilityId: number;
  name: string;
  /** Open agreements where this partner supports the facility (empty: a partner elsewhere in the network). */
  agreementIds: number[];
  awayNow: number;
  limit: number;
};

/** Partners shown beside a gap line at most; the others are counted. */
export const PARTNERS_SHOWN = 3;

/** Share of the absence limit in use; a limit of 0 counts as full. */
export function loadShare(p: Pick<PartnerCandidate, "awayNow" | "limit">): number {
  return p.limit > 0 ? p.awayNow / p.limit : Number.POSITIVE_INFINITY;
}

/**
 * Partners in the order they are offered: those already bound by an agreement with the
 * facility first (a plan line can be added at once), then the least loaded (a rotation is
 * likelier to find room), then by name. Returns the first `shown` and how many more there are.
 */
export function pickPartners<T extends PartnerCandidate>(candidates: readonly T[], shown = PARTNERS_SHOWN): { shown: T[]; others: number } {
  const sorted = [...candidates].sort((a, b) => {
    const agreed = Number(b.agreementIds.length > 0) - Number(a.agreementIds.length > 0);
    if (agreed !== 0) return agreed;
    const load = loadShare(a) - loadShare(b);
    if (load !== 0 && !Number.isNaN(load)) return load;
    return a.name.localeCompare(b.name, "vi") || a.facilityId - b.facilityId;
  });
  return { shown: sorted.slice(0, shown), others: Math.max(0, sorted.length - shown) };
}

/** What a plan line made from a gap starts with: phase 1, first priority, the plan form's default number of supervised cases. */
export const GAP_PLAN_LINE_DEFAULTS = { phase: 1, priority: 1, requiredCases: 5 } as const;
