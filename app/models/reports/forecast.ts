// The forecast of cross-level counts (pure: no clock, no database; `today` is an argument).
// A Monte Carlo simulation over the open plan lines: each line's acceptance is drawn from its
// province's history (the share of lines that moved on from each stage, and the days from each
// stage to acceptance), and a line counts when its receiving facility would adopt a new
// cross-level technique inside the period asked about. The generator is seeded, so the same
// data always gives the same figures.
import { addDaysIso } from "~/models/dates";
import { DomainError } from "~/models/errors";
import { TRANSFER_STAGES, type TransferStage } from "~/models/enums";

/** The stages a plan line can still be in (every stage before acceptance). */
export const OPEN_STAGES = TRANSFER_STAGES.filter((s): s is Exclude<TransferStage, "accepted"> => s !== "accepted");
export type OpenStage = (typeof OPEN_STAGES)[number];

export const DEFAULT_DRAWS = 2000;
export const DEFAULT_SEED = 20_251;
/** Fewer lines with a known outcome at a stage than this and the wider history (or the defaults) is used. */
export const MIN_HISTORY_MOVES = 5;
/** The forecast reaches at most this many calendar years ahead; further is guesswork. */
export const MAX_YEARS_AHEAD = 5;

/**
 * Used when neither the province nor the country has enough moves at a stage: the share of
 * lines that move on to the next stage, and a spread of days from the stage to acceptance.
 * Chosen as a cautious reading of plan lines in general (most surveyed lines are trained,
 * fewer trained lines become independent), not measured.
 */
export const DEFAULT_HISTORY: Record<OpenStage, { moveOnRate: number; leadDays: number[] }> = {
  planned: { moveOnRate: 0.8, leadDays: [300, 360, 450, 540] },
  surveyed: { moveOnRate: 0.85, leadDays: [240, 300, 360, 450] },
  training: { moveOnRate: 0.8, leadDays: [150, 210, 270, 360] },
  supervised: { moveOnRate: 0.85, leadDays: [60, 90, 150, 210] },
  independent: { moveOnRate: 0.95, leadDays: [20, 35, 60, 90] },
};

/** One open plan line as the simulation sees it. */
export type ForecastLine = {
  /** Lines for the same facility and technique share a key: the technique is adopted once. */
  pairKey: string;
  facilityId: number;
  stage: OpenStage;
  /** The plan's due date (the end of the plan phase), or null. */
  targetDate: string | null;
  /** Its acceptance would be a cross-level technique of the receiving facility. */
  crossLevel: boolean;
  /** The receiving facility performs (or has performed) the technique already: no new pair. */
  alreadyPerformed: boolean;
};

/** The history of one stage: lines that moved on (of those with a known outcome), and days to acceptance. */
export type StageHistory = { moved: number; known: number; leadDays: number[] };
export type History = Record<OpenStage, StageHistory>;
export type HistorySource = "province" | "national" | "default";
/** What the simulation uses per stage: the chance a line at this stage is accepted, and the lead times. */
export type StageModel = { completionRate: number; leadDays: number[]; source: HistorySource };
export type StageModels = Record<OpenStage, StageModel>;

/** An empty history (no moves at any stage). */
export function emptyHistory(): History {
  return Object.fromEntries(OPEN_STAGES.map((s) => [s, { moved: 0, known: 0, leadDays: [] }])) as unknown as History;
}

/**
 * The model of each stage: the province's own history where it has at least MIN_HISTORY_MOVES
 * known outcomes at that stage, else the country's, else the defaults. The completion rate of a
 * stage is the product of the move-on shares from it to acceptance; the lead times are the
 * days from the stage to acceptance of the lines that were accepted (taken from the same
 * source when it holds any, else from the next one that does).
 */
export function stageModels(province: History, national: History): StageModels {
  const pick = (stage: OpenStage) => {
    if (province[stage].known >= MIN_HISTORY_MOVES) return { rate: province[stage].moved / province[stage].known, source: "province" as const };
    if (national[stage].known >= MIN_HISTORY_MOVES) return { rate: national[stage].moved / national[stage].known, source: "national" as const };
    return { rate: DEFAULT_HISTORY[stage].moveOnRate, source: "default" as const };
  };
  const lead = (stage: OpenStage, source: HistorySource) => {
    const order: HistorySource[] = source === "province" ? ["province", "national", "default"] : source === "national" ? ["national", "default"] : ["default"];
    for (const s of order) {
      const days = s === "province" ? province[stage].leadDays : s === "national" ? national[stage].leadDays : DEFAULT_HISTORY[stage].leadDays;
      if (days.length >= MIN_HISTORY_MOVES || (s === "default" && days.length > 0)) return [...days].sort((a, b) => a - b);
    }
    return DEFAULT_HISTORY[stage].leadDays;
  };
  const picked = OPEN_STAGES.map(pick);
  const models = {} as StageModels;
  OPEN_STAGES.forEach((stage, i) => {
    const completionRate = picked.slice(i).reduce((p, m) => p * m.rate, 1);
    models[stage] = { completionRate, leadDays: lead(stage, picked[i].source), source: picked[i].source };
  });
  return models;
}

/** mulberry32 with an FNV-1a seed: small, fast, and the same sequence on every machine. */
export function createRandom(seed: number | string): () => number {
  let state = typeof seed === "string" ? hashSeed(seed) : seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The nearest-rank percentile of sorted values: the smallest value with at least p of them at or below it. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil(p * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export type Range = { p10: number; median: number; p90: number; mean: number };

export function summarise(draws: readonly number[]): Range {
  // A typed array sorts numerically without a comparator (hundreds of these per forecast).
  const sorted = Float64Array.from(draws).sort();
  let sum = 0;
  for (let i = 0; i < sorted.length; i++) sum += sorted[i];
  const mean = sorted.length ? sum / sorted.length : 0;
  return { p10: percentile(sorted, 0.1), median: percentile(sorted, 0.5), p90: percentile(sorted, 0.9), mean: Math.round(mean * 10) / 10 };
}

/** The share of draws at or above a value (the chance of reaching a target), 0–1. */
export function chanceAtLeast(draws: readonly number[], value: number): number {
  if (draws.length === 0) return 0;
  return draws.filter((d) => d >= value).length / draws.length;
}

/** A period of acceptance dates, inclusive at both ends. */
export type ForecastPeriod = { start: string; end: string };

/**
 * Draws of the count of new cross-level pairs whose acceptance falls in each period, per draw
 * (and per receiving facility). A line completes with its stage's completion rate, on today
 * plus a lead time drawn from its stage's lead times: the time a line already spent in its
 * stage is not subtracted, so a late line is not taken to be about to finish. Lines that
 * would add nothing (not cross-level, or already performed) draw nothing, so they never
 * shift the other lines' draws. Several lines for one pair count once, on the earliest date.
 */
export function simulate(
  lines: readonly ForecastLine[],
  models: StageModels,
  periods: readonly ForecastPeriod[],
  today: string,
  options: { draws?: number; seed?: number | string } = {},
): { totals: number[][]; byFacility: Map<number, number[][]> } {
  const draws = options.draws ?? DEFAULT_DRAWS;
  const random = createRandom(options.seed ?? DEFAULT_SEED);
  const counting = lines.filter((l) => l.crossLevel && !l.alreadyPerformed);
  // Lines grouped by pair, so a pair completes once (its earliest acceptance).
  const pairs = new Map<string, ForecastLine[]>();
  for (const line of counting) {
    const list = pairs.get(line.pairKey);
    if (list) list.push(line);
    else pairs.set(line.pairKey, [line]);
  }
  const pairList = [...pairs.values()];
  // Days from today to each period's start and end, so a draw compares numbers, not dates.
  const base = Date.parse(`${today}T00:00:00Z`);
  const dayOf = (date: string) => Math.round((Date.parse(`${date}T00:00:00Z`) - base) / 86_400_000);
  const starts = periods.map((p) => dayOf(p.start));
  const ends = periods.map((p) => dayOf(p.end));
  // Flat arrays for the inner loop (thousands of lines × thousands of draws): per line its
  // completion rate and lead times, per pair its first line and its facility's slot.
  const rates: number[] = [];
  const leads: number[][] = [];
  const firstLine: number[] = [0];
  const facilityIds: number[] = [];
  const slotOf = new Map<number, number>();
  const pairSlot: number[] = [];
  for (const list of pairList) {
    for (const line of list) {
      const model = models[line.stage];
      rates.push(model.leadDays.length > 0 ? model.completionRate : 0);
      leads.push(model.leadDays);
    }
    firstLine.push(rates.length);
    let slot = slotOf.get(list[0].facilityId);
    if (slot === undefined) {
      slot = facilityIds.length;
      slotOf.set(list[0].facilityId, slot);
      facilityIds.push(list[0].facilityId);
    }
    pairSlot.push(slot);
  }
  const periodCount = periods.length;
  const totals = periods.map(() => new Int32Array(draws));
  const perFacility = facilityIds.map(() => periods.map(() => new Int32Array(draws)));
  // Pair by pair, every draw at once: the inner loops run over flat arrays of the draws.
  const earliest = new Float64Array(draws);
  for (let pi = 0; pi < pairList.length; pi++) {
    earliest.fill(Infinity);
    for (let li = firstLine[pi]; li < firstLine[pi + 1]; li++) {
      const rate = rates[li];
      const days = leads[li];
      const n = days.length;
      for (let d = 0; d < draws; d++) {
        // A lead time is drawn only for a line that completes in this draw.
        if (random() >= rate) continue;
        const lead = days[Math.floor(random() * n)];
        if (lead < earliest[d]) earliest[d] = lead < 1 ? 1 : lead;
      }
    }
    const facility = perFacility[pairSlot[pi]];
    for (let p = 0; p < periodCount; p++) {
      const start = starts[p];
      const end = ends[p];
      const total = totals[p];
      const own = facility[p];
      for (let d = 0; d < draws; d++) {
        const day = earliest[d];
        if (day >= start && day <= end) {
          total[d]++;
          own[d]++;
        }
      }
    }
  }
  const byFacility = new Map<number, number[][]>(facilityIds.map((id, i) => [id, perFacility[i].map((a) => Array.from(a))]));
  return { totals: totals.map((a) => Array.from(a)), byFacility };
}

/** The calendar year `year` as a forecast period (from tomorrow when it has begun). */
export function yearPeriod(year: number, today: string): ForecastPeriod {
  const start = `${year}-01-01`;
  const tomorrow = addDaysIso(today, 1);
  return { start: start > tomorrow ? start : tomorrow, end: `${year}-12-31` };
}

/** The end of the current plan phases: the latest due date of the open lines, when after today. */
export function planPhasesEnd(lines: readonly ForecastLine[], today: string): string | null {
  let latest: string | null = null;
  for (const l of lines) if (l.targetDate && l.targetDate > today && (latest === null || l.targetDate > latest)) latest = l.targetDate;
  return latest;
}

export type ForecastResult = {
  today: string;
  year: number;
  /** Next year's new cross-level pairs (or the year asked for). */
  nextYear: Range & { period: ForecastPeriod };
  /** New cross-level pairs from tomorrow to the end of the current plan phases; null without a due date ahead. */
  phases: (Range & { period: ForecastPeriod }) | null;
  byFacility: { facilityId: number; nextYear: Range; phases: Range | null }[];
  /** How many open lines, and of them how many could add a new cross-level pair. */
  openLines: number;
  countingLines: number;
  sources: Record<OpenStage, HistorySource>;
  draws: number;
};

/** The forecast of a scope's open lines for a year and for the current plan phases. */
export function forecastCounts(
  lines: readonly ForecastLine[],
  models: StageModels,
  options: { today: string; year: number; draws?: number; seed?: number | string },
): ForecastResult {
  const { today, year } = options;
  const nextYear = yearPeriod(year, today);
  const phasesEnd = planPhasesEnd(lines, today);
  const phases = phasesEnd ? { start: addDaysIso(today, 1), end: phasesEnd } : null;
  const periods = phases ? [nextYear, phases] : [nextYear];
  const sim = simulate(lines, models, periods, today, options);
  const draws = options.draws ?? DEFAULT_DRAWS;
  return {
    today,
    year,
    nextYear: { ...summarise(sim.totals[0]), period: nextYear },
    phases: phases ? { ...summarise(sim.totals[1]), period: phases } : null,
    byFacility: [...sim.byFacility.entries()].map(([facilityId, d]) => ({
      facilityId,
      nextYear: summarise(d[0]),
      phases: phases ? summarise(d[1]) : null,
    })),
    openLines: lines.length,
    countingLines: lines.filter((l) => l.crossLevel && !l.alreadyPerformed).length,
    sources: Object.fromEntries(OPEN_STAGES.map((s) => [s, models[s].source])) as Record<OpenStage, HistorySource>,
    draws,
  };
}

/** A target's outlook as pages show it: the range of its value at the period end and the chance of reaching it (0–1). */
export type TargetForecast = { p10: number; median: number; p90: number; chance: number; periodEnd: string; draws: number };

/**
 * A target's outlook: its value at the period end is today's value plus the pairs accepted
 * from tomorrow to the period end; the range of that and the share of draws reaching the
 * target. Null once the period has ended (the value is final).
 */
export function targetOutlook(
  lines: readonly ForecastLine[],
  models: StageModels,
  target: { periodEnd: string; targetValue: number; value: number },
  today: string,
  options: { draws?: number; seed?: number | string } = {},
): { range: Range; chance: number; periodEnd: string } | null {
  if (target.periodEnd <= today) return null;
  const sim = simulate(lines, models, [{ start: addDaysIso(today, 1), end: target.periodEnd }], today, options);
  const values = sim.totals[0].map((k) => target.value + k);
  return { range: summarise(values), chance: chanceAtLeast(values, target.targetValue), periodEnd: target.periodEnd };
}

/** Whether a forecast year can be forecast: not before this year, at most MAX_YEARS_AHEAD ahead. */
export function forecastYearProblem(year: number, today: string): "beforeData" | "tooFar" | null {
  const current = Number(today.slice(0, 4));
  if (year < current) return "beforeData";
  if (year > current + MAX_YEARS_AHEAD) return "tooFar";
  return null;
}

/**
 * The forecast year a request asks for (`raw`, blank: next year). A 400 on the field `field`
 * for anything but a whole year from this one to MAX_YEARS_AHEAD ahead.
 */
export function parseForecastYear(raw: string | null | undefined, today: string, field = "forecastYear"): number {
  const current = Number(today.slice(0, 4));
  const params = { current, max: current + MAX_YEARS_AHEAD };
  const text = (raw ?? "").trim();
  if (text === "") return current + 1;
  if (!/^\d{1,6}$/.test(text)) throw new DomainError("planning:forecast.errors.notYear", { field, params });
  const year = Number(text);
  const problem = forecastYearProblem(year, today);
  if (problem) throw new DomainError(`planning:forecast.errors.${problem}`, { field, params: { ...params, year } });
  return year;
}
