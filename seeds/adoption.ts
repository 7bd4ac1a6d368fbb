// Demo adoption history, 2014–2025, over the real catalogue for every facility of the demo
// network, written through the ledger command (one transaction, batch form).
//
// By construction, the app's own report for Lào Cai (province 15), as of any date after
// 2025, reads exactly (the published official figures):
// - LAO_CAI_PROVINCIAL_ADDED = 1,268: distinct (facility, technique) pairs where the facility
//   is level B on the report date, the technique is cross-level for the facility's level on
//   the pair's start date, the pair is approved by the department, counted from (the later of
//   start and approval) after 2020-12-31, and performed on the report date;
// - LAO_CAI_REGIONAL_PERFORMING = 4,028: distinct pairs where the facility is level C or D on
//   the report date, cross-level on the start date, approved, and performed on the report date.
// Pairs already in the ledger (e.g. acceptances seeded earlier) are counted first and the
// generator adds exactly the difference; a self-check at the end throws if a figure is off.
//
// What each facility takes is plausible for its kind and level (seeds/plausible-techniques.ts):
// cross-level pairs are always one level up (B hospitals take A techniques, C centres B ones,
// D stations C ones), never central-only work below the centre, and the named demo techniques
// are placed only by agreements (acceptances) and the staff who perform them.
import { sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { facilities, facilityLevels, staff, staffTechniques, techniques, transferItems } from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import { recordAdoptionEvents, type AdoptionEventInput } from "~/models/adoption/ledger.server";
import type { FacilityKind, Level } from "~/models/enums";
import { returnListRequest, submitListRequest } from "~/models/adoption/list-requests.server";
import { countFigurePairs } from "~/models/reports/drill-down.server";
import { DEMO_TECHNIQUES } from "./demo-techniques";
import { adoptionWeight, levelAbove, plausibleFor, type TechniqueFacts } from "./plausible-techniques";

export const LAO_CAI = "15";
export const DEMO_BASELINE_YEAR = 2020;
export const LAO_CAI_PROVINCIAL_ADDED = 1268;
export const LAO_CAI_REGIONAL_PERFORMING = 4028;
const BASELINE_END = `${DEMO_BASELINE_YEAR}-12-31`;
const HISTORY_END = "2025-12-31";
const HISTORY_START = "2014-01-01";
const SYSTEM: Actor = { userId: 0, role: "admin", facilityId: null, provinceCode: null };

/** Most cross-level techniques a commune station carries in the Lào Cai figure. */
const MAX_COUNTED_PER_COMMUNE_STATION = 30;

// ---------------------------------------------------------------- deterministic randomness

/** mulberry32: a small seeded generator; the same seed gives the same history. */
function createRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    chance: (p: number) => next() < p,
    shuffle<T>(items: readonly T[]): T[] {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
  };
}
type Random = ReturnType<typeof createRandom>;

function hashString(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

const DAY = 86_400_000;
const dayNumber = (iso: string) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY;
const fromDayNumber = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);
const minIso = (a: string, b: string) => (a < b ? a : b);
const maxIso = (a: string, b: string) => (a > b ? a : b);
const addDaysIso = (iso: string, days: number) => fromDayNumber(dayNumber(iso) + days);

/** A date in [start, end], weighted towards later years when `recentBias` > 1. */
function randomDate(random: Random, start: string, end: string, recentBias = 1): string {
  const s = dayNumber(start);
  const e = dayNumber(end);
  return fromDayNumber(s + Math.floor(Math.pow(random.next(), 1 / recentBias) * (e - s + 1)));
}

// ---------------------------------------------------------------- facts

type FacilityFacts = {
  id: number;
  code: string;
  name: string;
  kind: FacilityKind;
  provinceCode: string | null;
  beds: number;
  openedOn: string | null;
  history: { level: Level; validFrom: string }[];
  currentLevel: Level;
};

function levelOn(f: FacilityFacts, date: string): Level {
  let level: Level | null = null;
  for (const h of f.history) if (h.validFrom <= date) level = h.level;
  return level ?? f.history[0]?.level ?? f.currentLevel;
}

function loadFacilities(db: Db): FacilityFacts[] {
  const rows = db
    .select({
      id: facilities.id,
      code: facilities.code,
      name: facilities.name,
      kind: facilities.kind,
      provinceCode: facilities.provinceCode,
      beds: facilities.beds,
      openedOn: facilities.openedOn,
      level: facilities.level,
    })
    .from(facilities)
    .where(sql`${facilities.country} = 'VN' and ${facilities.kind} not in ('health_department', 'other_organisation') and ${facilities.level} is not null and ${facilities.active} = 1`)
    .orderBy(facilities.id)
    .all();
  const history = db
    .select({ facilityId: facilityLevels.facilityId, level: facilityLevels.level, validFrom: facilityLevels.validFrom })
    .from(facilityLevels)
    .orderBy(facilityLevels.facilityId, facilityLevels.validFrom)
    .all();
  const byFacility = new Map<number, { level: Level; validFrom: string }[]>();
  for (const h of history) {
    const list = byFacility.get(h.facilityId) ?? [];
    list.push({ level: h.level, validFrom: h.validFrom });
    byFacility.set(h.facilityId, list);
  }
  return rows.map((r) => ({ ...r, currentLevel: r.level!, history: byFacility.get(r.id) ?? [] }));
}

// ---------------------------------------------------------------- generation

type PairPlan = {
  facility: FacilityFacts;
  technique: TechniqueFacts;
  startedOn: string;
  approvedOn: string | null;
  suspendedOn?: string;
  resumedOn?: string;
  source: "transfer" | "in_house" | "import";
};

const LEVEL_LIST: readonly Level[] = ["A", "B", "C", "D"];
const rank = (level: Level) => LEVEL_LIST.indexOf(level);

/**
 * Which techniques a facility takes, per facility: its plausible techniques (seeds/plausible-
 * techniques.ts) in a weighted random order drawn once, split into the cross-level ones (one
 * level up) and its own-level ones. Pairs already in the ledger, pairs still being
 * transferred, and the named demo techniques (placed only by agreements and staff) are never
 * drawn.
 */
class Planner {
  readonly plans: PairPlan[] = [];
  private readonly taken = new Set<string>();
  private readonly queues = new Map<string, { items: TechniqueFacts[]; next: number }>();
  /** Plausible techniques by facility kind, level and side of the line (shared by facilities). */
  private readonly eligible = new Map<string, TechniqueFacts[]>();
  constructor(
    private readonly catalogue: TechniqueFacts[],
    existingPairs: Iterable<string>,
    private readonly reservedTechniques: ReadonlySet<number>,
  ) {
    for (const key of existingPairs) this.taken.add(key);
  }

  random(f: FacilityFacts, salt: string): Random {
    return createRandom(hashString(`${f.code}:${salt}`));
  }

  private queue(f: FacilityFacts, level: Level, cross: boolean) {
    const key = `${f.id}:${level}:${cross}`;
    let queue = this.queues.get(key);
    if (!queue) {
      const above = levelAbove(level);
      const random = this.random(f, `order:${level}:${cross}`);
      const eligibleKey = `${f.kind}:${level}:${cross}`;
      let eligible = this.eligible.get(eligibleKey);
      if (!eligible) {
        eligible = this.catalogue
          .filter((t) => t.minLevel !== null && !this.reservedTechniques.has(t.id))
          .filter((t) => (cross ? t.minLevel === above : rank(t.minLevel!) >= rank(level)))
          .filter((t) => plausibleFor(f.kind, level, t));
        this.eligible.set(eligibleKey, eligible);
      }
      const items = eligible
        // Weighted order without replacement (exponential keys): heavier techniques come first more often.
        .map((t) => ({ t, key: -Math.log(1 - random.next()) / adoptionWeight(f.kind, t, f.beds) }))
        .sort((x, y) => x.key - y.key)
        .map((x) => x.t);
      queue = { items, next: 0 };
      this.queues.set(key, queue);
    }
    return queue;
  }

  /** How many techniques `f` could still take on that side of the line (an upper bound). */
  left(f: FacilityFacts, level: Level, cross: boolean): number {
    const q = this.queue(f, level, cross);
    return q.items.length - q.next;
  }

  /** The next free technique for `f` at `level`: cross-level (one level up) or its own level. */
  pickTechnique(f: FacilityFacts, level: Level, cross: boolean): TechniqueFacts | null {
    const q = this.queue(f, level, cross);
    while (q.next < q.items.length) {
      const t = q.items[q.next++];
      const key = `${f.id}:${t.id}`;
      if (this.taken.has(key)) continue;
      this.taken.add(key);
      return t;
    }
    return null;
  }

  /** Marks a pair as placed by hand (named techniques). */
  take(f: FacilityFacts, techniqueId: number): boolean {
    const key = `${f.id}:${techniqueId}`;
    if (this.taken.has(key)) return false;
    this.taken.add(key);
    return true;
  }

  add(plan: PairPlan) {
    this.plans.push(plan);
  }
}

/** The department's decision on a start: at the end of the quarter plus a few weeks, capped. */
function approvalDate(random: Random, startedOn: string, cap: string): string {
  const month = +startedOn.slice(5, 7);
  const quarterEndMonth = Math.ceil(month / 3) * 3;
  const quarterEnd = `${startedOn.slice(0, 4)}-${String(quarterEndMonth).padStart(2, "0")}-${quarterEndMonth === 6 || quarterEndMonth === 9 ? "30" : "31"}`;
  return maxIso(startedOn, minIso(addDaysIso(quarterEnd, random.int(5, 45)), cap));
}

const SOURCES = ["in_house", "transfer", "import"] as const;
/** Heavier in later years: the network grew faster after the 2021 programmes. */
const YEAR_WEIGHTS: [number, number][] = [
  [2021, 14],
  [2022, 17],
  [2023, 20],
  [2024, 23],
  [2025, 26],
];

function weightedYear(random: Random): number {
  const total = YEAR_WEIGHTS.reduce((s, [, w]) => s + w, 0);
  let r = random.next() * total;
  for (const [year, w] of YEAR_WEIGHTS) {
    if ((r -= w) < 0) return year;
  }
  return 2025;
}

/** Splits `total` across weights exactly (largest remainder), never above a facility's capacity. */
function allocate(total: number, weights: number[], capacities: number[]): number[] {
  const out = weights.map(() => 0);
  let remaining = total;
  let open = weights.map((_, i) => i).filter((i) => capacities[i] > 0 && weights[i] > 0);
  while (remaining > 0 && open.length > 0) {
    const sum = open.reduce((s, i) => s + weights[i], 0);
    const shares = open.map((i) => ({ i, exact: (remaining * weights[i]) / sum }));
    let given = 0;
    for (const s of shares) {
      const n = Math.min(Math.floor(s.exact), capacities[s.i] - out[s.i]);
      out[s.i] += n;
      given += n;
    }
    const byRemainder = [...shares].sort((a, b) => (b.exact % 1) - (a.exact % 1) || a.i - b.i);
    for (const s of byRemainder) {
      if (given >= remaining) break;
      if (out[s.i] < capacities[s.i]) {
        out[s.i] += 1;
        given += 1;
      }
    }
    remaining -= given;
    open = open.filter((i) => out[i] < capacities[i]);
    if (given === 0) break;
  }
  if (remaining > 0) throw new Error(`seeds/adoption: cannot place ${remaining} more pairs`);
  return out;
}

function weightOf(f: FacilityFacts): number {
  if (f.kind === "commune_station") return 10;
  return Math.max(f.beds, 60);
}

/** Plans `count` counted cross-level pairs for `f`, each started in [from, HISTORY_END]. */
function planCounted(
  planner: Planner,
  f: FacilityFacts,
  count: number,
  options: { from: string; recentYears: boolean },
) {
  const random = planner.random(f, "counted");
  const from = maxIso(options.from, f.openedOn ?? options.from);
  for (let i = 0; i < count; i++) {
    let startedOn: string;
    if (options.recentYears) {
      const year = weightedYear(random);
      startedOn = randomDate(random, maxIso(`${year}-01-01`, from), `${year}-12-31`);
      if (startedOn < from) startedOn = from;
    } else {
      startedOn = randomDate(random, from, HISTORY_END, 1.6);
    }
    startedOn = minIso(startedOn, HISTORY_END);
    const technique = planner.pickTechnique(f, levelOn(f, startedOn), true);
    if (!technique) throw new Error(`seeds/adoption: ${f.code} has no cross-level technique left`);
    const approvedOn = approvalDate(random, startedOn, HISTORY_END);
    const plan: PairPlan = { facility: f, technique, startedOn, approvedOn, source: SOURCES[random.int(0, 2)] };
    // A few are suspended for a while (equipment, staff) and resumed before the end.
    if (random.chance(0.03) && dayNumber(HISTORY_END) - dayNumber(approvedOn) > 200) {
      plan.suspendedOn = randomDate(random, addDaysIso(approvedOn, 30), addDaysIso(HISTORY_END, -120));
      plan.resumedOn = randomDate(random, addDaysIso(plan.suspendedOn, 30), HISTORY_END);
    }
    planner.add(plan);
  }
}

/** Pairs that never count in the Lào Cai figures: baseline, own-level, suspended, unapproved. */
function planBackground(planner: Planner, f: FacilityFacts, options: { laoCai: boolean }) {
  const random = planner.random(f, "background");
  const opened = maxIso(HISTORY_START, f.openedOn ?? HISTORY_START);
  if (opened > HISTORY_END) return;
  const level0 = levelOn(f, HISTORY_END);
  // Own-level techniques (never cross-level), started any time.
  const ownLevel = level0 === "A" ? random.int(900, 1300) : level0 === "B" ? random.int(220, 320) : level0 === "C" ? random.int(70, 110) : random.int(20, 35);
  for (let i = 0; i < ownLevel; i++) {
    const startedOn = randomDate(random, opened, HISTORY_END);
    const t = planner.pickTechnique(f, levelOn(f, startedOn), false);
    if (!t) break;
    planner.add({ facility: f, technique: t, startedOn, approvedOn: approvalDate(random, startedOn, HISTORY_END), source: "import" });
  }
  if (level0 === "A") return;
  // Cross-level techniques performed before the baseline ended (approved by then too).
  if (opened <= BASELINE_END && level0 === "B") {
    const n = random.int(120, 180);
    for (let i = 0; i < n; i++) {
      const startedOn = randomDate(random, opened, BASELINE_END);
      const t = planner.pickTechnique(f, levelOn(f, startedOn), true);
      if (!t) break;
      planner.add({ facility: f, technique: t, startedOn, approvedOn: approvalDate(random, startedOn, BASELINE_END), source: "in_house" });
    }
  }
  // Outside Lào Cai, cross-level techniques of every period (no exact figure to keep).
  if (!options.laoCai) {
    const n = level0 === "B" ? random.int(150, 320) : level0 === "C" ? random.int(40, 120) : random.int(5, 25);
    // Never more than half of what is left of its plausible list (a specialised hospital's is short).
    planCounted(planner, f, Math.min(n, Math.floor(planner.left(f, level0, true) / 2)), { from: opened, recentYears: false });
  }
  // Started after the baseline and suspended since: recorded, not performed now.
  const suspended = level0 === "D" ? random.int(0, 1) : random.int(2, 6);
  for (let i = 0; i < suspended; i++) {
    const startedOn = randomDate(random, maxIso(opened, "2021-01-01"), "2023-06-30");
    const t = planner.pickTechnique(f, levelOn(f, startedOn), true);
    if (!t) break;
    const approvedOn = approvalDate(random, startedOn, "2023-12-31");
    planner.add({ facility: f, technique: t, startedOn, approvedOn, suspendedOn: randomDate(random, "2024-01-01", HISTORY_END), source: "transfer" });
  }
  // Started recently and not yet approved: in "all recorded", not in official figures.
  const pending = level0 === "D" ? random.int(0, 1) : random.int(2, 5);
  for (let i = 0; i < pending; i++) {
    const startedOn = randomDate(random, maxIso(opened, "2025-06-01"), HISTORY_END);
    const t = planner.pickTechnique(f, levelOn(f, startedOn), true);
    if (!t) break;
    planner.add({ facility: f, technique: t, startedOn, approvedOn: null, source: "in_house" });
  }
}

/**
 * The named demo techniques that central and provincial staff perform (seeds/staff.ts) are in
 * their hospital's ledger from the earliest date one of them performs it, unless the hospital
 * receives the technique under an agreement (its acceptance writes the start). Always its own
 * level (a central or provincial hospital's named techniques), so no figure moves.
 */
function planNamedTechniques(db: Db, planner: Planner, network: FacilityFacts[]) {
  const byId = new Map(network.map((f) => [f.id, f]));
  const rows = db
    .select({
      facilityId: staff.facilityId,
      techniqueId: staffTechniques.techniqueId,
      minLevel: techniques.minLevel,
      since: sql<string>`min(${staffTechniques.since})`,
    })
    .from(staffTechniques)
    .innerJoin(staff, sql`${staff.id} = ${staffTechniques.staffId}`)
    .innerJoin(techniques, sql`${techniques.id} = ${staffTechniques.techniqueId}`)
    .where(sql`not exists (select 1 from ${transferItems} ti where ti.to_facility_id = ${staff.facilityId} and ti.technique_id = ${staffTechniques.techniqueId})`)
    .groupBy(staff.facilityId, staffTechniques.techniqueId)
    .orderBy(staff.facilityId, staffTechniques.techniqueId)
    .all();
  for (const row of rows) {
    const f = byId.get(row.facilityId);
    if (!f || !row.since) continue;
    const startedOn = maxIso(row.since, f.openedOn ?? row.since);
    if (startedOn > HISTORY_END || !row.minLevel || rank(row.minLevel) < rank(levelOn(f, startedOn))) continue;
    if (!planner.take(f, row.techniqueId)) continue;
    const random = planner.random(f, `named:${row.techniqueId}`);
    const technique = { id: row.techniqueId } as TechniqueFacts;
    planner.add({ facility: f, technique, startedOn, approvedOn: approvalDate(random, startedOn, HISTORY_END), source: "in_house" });
  }
}

function toEvents(plans: PairPlan[]): AdoptionEventInput[] {
  const events: AdoptionEventInput[] = [];
  for (const p of plans) {
    const base = { facilityId: p.facility.id, techniqueId: p.technique.id };
    events.push({ ...base, kind: "started", eventOn: p.startedOn, source: p.source });
    if (p.approvedOn) {
      const year = p.approvedOn.slice(0, 4);
      const number = 100 + (hashString(`${p.facility.provinceCode}:${p.approvedOn}`) % 800);
      events.push({ ...base, kind: "approved", eventOn: p.approvedOn, decisionNumber: `${number}/QĐ-SYT-${year}` });
    }
    if (p.suspendedOn) events.push({ ...base, kind: "suspended", eventOn: p.suspendedOn, note: "Tạm dừng do thiếu nhân lực/thiết bị" });
    if (p.resumedOn) events.push({ ...base, kind: "resumed", eventOn: p.resumedOn });
  }
  return events;
}

/** Lào Cai General Hospital No. 2 (the demo director's) waits for approval of three cross-level additions; No. 4 had one returned. */
function seedListRequests(db: Db, planner: Planner, network: FacilityFacts[], today: string) {
  const byName = (suffix: string) => network.find((f) => f.provinceCode === LAO_CAI && f.name.endsWith(suffix) && f.currentLevel === "B");
  const submit = (f: FacilityFacts | undefined, count: number, comment: string) => {
    if (!f) return null;
    const random = planner.random(f, "request");
    const startedOn = minIso(addDaysIso(today, -60), HISTORY_END);
    const codes: { techniqueCode: string; startedOn: string }[] = [];
    for (let i = 0; i < count; i++) {
      const t = planner.pickTechnique(f, levelOn(f, startedOn), true);
      if (!t) break;
      codes.push({ techniqueCode: t.code, startedOn: addDaysIso(startedOn, i * 7) });
    }
    const director: Actor = { userId: 0, role: "director", facilityId: f.id, provinceCode: f.provinceCode };
    return submitListRequest(db, director, { items: codes, comment }, today);
  };
  submit(byName("số 2"), 3, "Đề nghị bổ sung kỹ thuật đã triển khai sau khi nhận chuyển giao từ Bệnh viện Bạch Mai.");
  const returned = submit(byName("số 4"), 2, "Đề nghị bổ sung kỹ thuật ngoại khoa.");
  if (returned) returnListRequest(db, SYSTEM, returned.id, { comment: "Bổ sung biên bản nghiệm thu và danh sách nhân lực thực hiện.", version: 1 });
}

export type LaoCaiFigures = { provincialAdded: number; regionalPerforming: number };

/** The two Lào Cai headline figures as the app computes them (official, cross-level). */
export function laoCaiFigures(db: Db, reportDate: string): LaoCaiFigures {
  const selector = { category: "official" as const, baselineEnd: BASELINE_END, start: `${reportDate.slice(0, 4)}-01-01`, end: reportDate };
  return {
    provincialAdded: countFigurePairs(db, SYSTEM, { ...selector, metric: "change", filter: { provinceCode: LAO_CAI, levels: ["B"] } }, reportDate),
    regionalPerforming: countFigurePairs(
      db,
      SYSTEM,
      { ...selector, metric: "cumulative", filter: { provinceCode: LAO_CAI, levels: ["C", "D"] } },
      reportDate,
    ),
  };
}

/** The demo step: one line in seeds/demo.ts. */
export function seedAdoptionStep(db: Db, today: string): string {
  const s = seedAdoption(db, today);
  return `${s.pairs} facility-technique pairs, ${s.events} events over ${s.facilities} facilities; Lào Cai +${s.laoCai.provincialAdded} / ${s.laoCai.regionalPerforming}`;
}

export type AdoptionSeedSummary = { facilities: number; pairs: number; events: number; laoCai: LaoCaiFigures };

/**
 * Seeds the demo adoption history. `today` must be on or after 2025-12-31 for the full
 * history (later events are clamped to it otherwise).
 */
export function seedAdoption(db: Db, today: string): AdoptionSeedSummary {
  const catalogue: TechniqueFacts[] = db
    .select({
      id: techniques.id,
      code: techniques.code,
      name: techniques.name,
      chapterNumber: techniques.chapterNumber,
      minLevel: techniques.minLevel,
      procedureClass: techniques.procedureClass,
    })
    .from(techniques)
    .where(sql`${techniques.kind} = 'listed'`)
    .orderBy(techniques.id)
    .all();
  if (catalogue.length === 0) throw new Error("seeds/adoption: load the technique catalogue first");
  const network = loadFacilities(db);
  const reportDate = today;
  const existing = db.all<{ k: string }>(sql`
    select facility_id || ':' || technique_id as k from adoption_events
    union select to_facility_id || ':' || technique_id from ${transferItems}`);
  const before = laoCaiFigures(db, reportDate);
  const demoCodes = new Set<string>(Object.values(DEMO_TECHNIQUES).map((t) => t.code));
  const reserved = new Set(catalogue.filter((t) => demoCodes.has(t.code)).map((t) => t.id));
  const planner = new Planner(catalogue, existing.map((e) => e.k), reserved);

  const laoCai = network.filter((f) => f.provinceCode === LAO_CAI);
  const provincial = laoCai.filter((f) => levelOn(f, reportDate) === "B" && (f.openedOn ?? "") <= HISTORY_END);
  const regional = laoCai.filter((f) => ["C", "D"].includes(levelOn(f, reportDate)) && (f.openedOn ?? "") <= HISTORY_END);
  // Room is left in each facility's list for the baseline, suspended and pending pairs.
  const provincialCounts = allocate(
    LAO_CAI_PROVINCIAL_ADDED - before.provincialAdded,
    provincial.map(weightOf),
    provincial.map((f) => Math.min(700, planner.left(f, "B", true) - 250)),
  );
  const regionalCounts = allocate(
    LAO_CAI_REGIONAL_PERFORMING - before.regionalPerforming,
    regional.map(weightOf),
    regional.map((f) => {
      const level = levelOn(f, reportDate);
      return level === "D" ? Math.min(MAX_COUNTED_PER_COMMUNE_STATION, planner.left(f, level, true) - 5) : Math.min(600, planner.left(f, level, true) - 20);
    }),
  );
  provincial.forEach((f, i) => planCounted(planner, f, provincialCounts[i], { from: "2021-01-01", recentYears: true }));
  regional.forEach((f, i) => planCounted(planner, f, regionalCounts[i], { from: HISTORY_START, recentYears: false }));
  planNamedTechniques(db, planner, network);
  for (const f of network) planBackground(planner, f, { laoCai: f.provinceCode === LAO_CAI });

  const events = toEvents(planner.plans).map((e) => (e.eventOn > today ? { ...e, eventOn: today } : e));
  db.transaction((tx) => {
    const lastId = tx.get<{ id: number | null }>(sql`select max(id) as id from adoption_events`)?.id ?? 0;
    recordAdoptionEvents(tx, events, null, today);
    // The history was recorded as it happened, not all on the day the demo is set up: each
    // entry a few days after its date (never later than now), so the reporting-completeness
    // page shows when each facility last updated its ledger.
    tx.run(sql`update adoption_events
      set created_at = min(strftime('%Y-%m-%dT%H:%M:%fZ', event_on, '+' || (id % 12) || ' days', '+2 hours'), created_at)
      where id > ${lastId}`);
  });
  seedListRequests(db, planner, network, today);
  const after = laoCaiFigures(db, reportDate);
  if (after.provincialAdded !== LAO_CAI_PROVINCIAL_ADDED || after.regionalPerforming !== LAO_CAI_REGIONAL_PERFORMING) {
    throw new Error(`seeds/adoption: Lào Cai figures are ${after.provincialAdded} / ${after.regionalPerforming}, expected 1268 / 4028`);
  }
  return { facilities: network.length, pairs: planner.plans.length, events: events.length, laoCai: after };
}
