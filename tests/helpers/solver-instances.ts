// Seeded random inputs for the rotation solver, shared by the random-instance test and the
// benchmark: a sending facility, its staff with a skewed competence spread (a few common
// techniques, many rare ones) and commitments (rotations, courses, leave), agreements with
// terms that end inside the period or stay open, receiving sites of levels C and D (some of the
// sender's own level B), open lines with and without due dates, other absences.
import type { DateRange } from "~/models/dates";
import type { Commitment } from "~/models/schedule/rules";
import type { Proposal, SolverAgreement, SolverInput, SolverLine, SolverSite, SolverStaff } from "~/models/rotations/solver/types";
import { createPrng, type Prng } from "../../seeds/prng";
import { addDaysIso, addMonthsIso } from "~/models/dates";

export type InstanceSize = {
  staff: number;
  lines: number;
  months: number;
  sites: number;
  agreements: number;
  techniques: number;
  /** First day of the period (a first of a month). */
  start?: string;
  /** Ids start here, so several facilities' instances do not share ids. */
  idBase?: number;
  timeLimitSeconds?: number;
};

export const SMALL: InstanceSize = { staff: 6, lines: 6, months: 8, sites: 3, agreements: 2, techniques: 6 };
export const FACILITY_BENCH: InstanceSize = { staff: 200, lines: 60, months: 12, sites: 20, agreements: 6, techniques: 90 };

function monthEnd(first: string): string {
  return addDaysIso(addMonthsIso(first, 1), -1);
}

function randomRange(r: Prng, period: DateRange, minDays: number, maxDays: number): DateRange {
  const spanDays = Math.round((Date.parse(period.end) - Date.parse(period.start)) / 86_400_000);
  const start = addDaysIso(period.start, r.int(-30, spanDays));
  return { start, end: addDaysIso(start, r.int(minDays, maxDays)) };
}

export function generateInstance(seed: string | number, size: InstanceSize): SolverInput {
  const r = createPrng(seed);
  const base = size.idBase ?? 0;
  const start = size.start ?? "2027-01-01";
  const period = { start, end: monthEnd(addMonthsIso(start, size.months - 1)) };
  const facility = {
    id: base + 1,
    name: `Sender ${base + 1}`,
    kind: "provincial_hospital" as const,
    level: "B" as const,
    limit: Math.max(1, Math.round(size.staff * (0.04 + r.next() * 0.08))),
  };

  const sites: SolverSite[] = Array.from({ length: size.sites }, (_, i) => ({
    facilityId: base + 100 + i,
    name: `Site ${base + 100 + i}`,
    kind: r.chance(0.05) ? ("health_department" as const) : ("regional_centre" as const),
    level: r.chance(0.15) ? ("B" as const) : r.chance(0.7) ? ("C" as const) : ("D" as const),
  }));
  for (const s of sites) if (s.kind === "health_department") s.level = null;

  const agreements: SolverAgreement[] = Array.from({ length: size.agreements }, (_, i) => {
    const receivers = r.shuffle(sites).slice(0, Math.max(1, Math.min(sites.length, r.int(2, Math.ceil(size.sites / Math.max(1, size.agreements)) + 2))));
    const endsInside = r.chance(0.2);
    return {
      id: base + 10 + i,
      number: `${base + 10 + i}/HĐ`,
      status: r.chance(0.05) ? ("ended" as const) : r.chance(0.1) ? ("draft" as const) : ("active" as const),
      startOn: r.chance(0.8) ? addMonthsIso(start, -r.int(1, 24)) : addMonthsIso(start, r.int(0, Math.max(0, size.months - 4))),
      endOn: r.chance(0.25) ? null : endsInside ? addDaysIso(addMonthsIso(start, r.int(1, size.months)), r.int(-20, 10)) : addMonthsIso(start, size.months + r.int(0, 24)),
      minRotationMonths: r.chance(0.6) ? null : r.pick([2, 3, 4, 6]),
      parties: [{ facilityId: facility.id, role: "supporting" as const }, ...receivers.map((s) => ({ facilityId: s.facilityId, role: "receiving" as const }))],
    };
  });

  // Technique popularity: index 0 is the most common (weight 1/(i+1)).
  const techniqueIds = Array.from({ length: size.techniques }, (_, i) => base + 1000 + i);
  const pickTechnique = () => {
    const weights = techniqueIds.map((_, i) => 1 / (i + 1));
    let roll = r.next() * weights.reduce((a, b) => a + b, 0);
    for (let i = 0; i < weights.length; i++) {
      roll -= weights[i];
      if (roll <= 0) return techniqueIds[i];
    }
    return techniqueIds[techniqueIds.length - 1];
  };

  const lines: SolverLine[] = [];
  const seen = new Set<string>();
  for (let tries = 0; lines.length < size.lines && tries < size.lines * 50; tries++) {
    const agreement = r.pick(agreements);
    const site = r.pick(agreement.parties.filter((p) => p.role === "receiving"));
    // Lines ask for techniques across the catalogue, rare ones as often as common ones.
    const techniqueId = r.pick(techniqueIds);
    const key = `${agreement.id}:${site.facilityId}:${techniqueId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const id = base + 5000 + lines.length;
    lines.push({
      transferItemId: id,
      agreementId: agreement.id,
      toFacilityId: site.facilityId,
      techniqueId,
      code: `T${techniqueId - base - 1000}`,
      name: `Technique ${techniqueId - base - 1000}`,
      dueOn: r.chance(0.3) ? null : monthEnd(addMonthsIso(start, r.int(2, size.months + 2))),
    });
  }

  const staff: SolverStaff[] = Array.from({ length: size.staff }, (_, i) => {
    const performs = new Set<number>();
    const count = r.chance(0.1) ? 0 : r.int(1, 4);
    for (let k = 0; k < count; k++) performs.add(pickTechnique());
    const commitments: Commitment[] = [];
    const held = r.chance(0.5) ? r.int(1, 3) : 0;
    for (let k = 0; k < held; k++) {
      const range = randomRange(r, period, 5, 120);
      const kind = r.pick(["rotation", "course_attendance", "course_training"] as const);
      commitments.push({ kind, id: base * 100 + i * 10 + k + 1, title: `${kind} ${k}`, titleEn: `${kind} ${k}`, ...range });
    }
    return { id: base + 2000 + i, fullName: `Staff ${i}`, performs: [...performs], commitments, priorMonths: r.chance(0.3) ? r.int(1, 9) : 0 };
  });

  const othersAway: DateRange[] = Array.from({ length: r.int(0, facility.limit + 1) }, () => randomRange(r, period, 30, 180));

  return {
    facility,
    period,
    staff,
    lines,
    agreements,
    sites,
    othersAway,
    quotaMonthsOpen: r.chance(0.2) ? 0 : r.int(1, Math.max(2, size.lines * 2)),
    overrideExtra: r.chance(0.2) ? 1 : 0,
    overrideReason: r.chance(0.5) ? "Demand in the winter" : null,
    previous: [],
    timeLimitSeconds: size.timeLimitSeconds,
  };
}

/** Some proposals of a plan, shifted or kept, as a previous draft a re-plan starts from. */
export function previousFrom(seed: string | number, proposals: readonly Proposal[]): Proposal[] {
  const r = createPrng(seed);
  return proposals.filter(() => r.chance(0.7)).map((p) => ({ ...p, transferItemIds: [...p.transferItemIds] }));
}
