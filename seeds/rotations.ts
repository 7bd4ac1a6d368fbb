// Demo rotations (Project 1816), laid out in months around the demo's today so the board
// always has past, running and planned rotations: Lào Cai số 2 to Lào Cai số 3 and the
// regional centres Bảo Thắng, Bảo Yên and Bát Xát; Bạch Mai, Việt Đức and Hanoi Medical
// University Hospital to Lào Cai and Bắc Ninh. Everything goes through the rotation commands,
// so every rotation obeys the rules. Lào Cai số 2 sets its concurrent-absence limit to 2 and
// one rotation exceeds it with a recorded override: the conflict the board shows. Those
// overlapping rotations end by the end of this month, so the quarter the suggestions page
// proposes first (from a month after today) has room for one more: the limit is enforced, not
// exhausted.
// A rotation under an agreement lies within its term; the plans count months from today
// while signing dates are historical, so a plan is moved (never shortened) into its term.
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { agreements, staff, staffTechniques, techniques, transferItems, users } from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import { addDaysIso, addMonthsIso, type DateRange } from "~/models/dates";
import type { Cadre, RotationPurpose } from "~/models/enums";
import { getAbsenceSummary, setAbsenceLimit } from "~/models/rotations/absence.server";
import { changeRotationStatus, createRotation, saveRotationReport } from "~/models/rotations/commands.server";
import { listCommitments } from "~/models/schedule/commitments.server";
import { isFree } from "~/models/schedule/rules";
import { DEMO_TECHNIQUES, type DemoTechniqueKey } from "./demo-techniques";
import { FACILITY_CODES as C, type FacilityKey } from "./network";
import { stampOn } from "./clock";
import { createPrng } from "./prng";

type Who = { performs: DemoTechniqueKey; nth?: number } | { cadre: Cadre; nth?: number };

type Plan = {
  from: FacilityKey;
  to: FacilityKey;
  who: Who;
  /** Agreement number (seeds/agreements.ts) and the transfer item's technique, if any. */
  agreement?: string;
  item?: DemoTechniqueKey;
  purpose: RotationPurpose;
  /** First month, counted from the month of today; length in whole months. */
  startMonth: number;
  months: number;
  overrideReason?: string;
  notes?: string;
  /** Stated for a placement between facilities of one level (the rule of checkDirection). */
  directionPurpose?: string;
};

/** Lào Cai số 2's own rule: at most two staff away on rotation at once. */
export const LAO_CAI_2_ABSENCE_LIMIT = 2;

const PLANS: Plan[] = [
  // Lào Cai số 2 -> its network (agreement 126/HĐ-BVĐK2)
  { from: "laoCai2", to: "baoThang", who: { performs: "subduralHaematoma" }, agreement: "126/HĐ-BVĐK2", item: "subduralHaematoma", purpose: "technique_transfer", startMonth: -26, months: 3 },
  { from: "laoCai2", to: "batXat", who: { cadre: "nurse" }, agreement: "126/HĐ-BVĐK2", purpose: "manpower_support", startMonth: -16, months: 3, notes: "Hỗ trợ điều dưỡng hồi sức cấp cứu" },
  { from: "laoCai2", to: "baoYen", who: { performs: "labourEpidural" }, agreement: "126/HĐ-BVĐK2", item: "labourEpidural", purpose: "technique_transfer", startMonth: -10, months: 3 },
  { from: "laoCai2", to: "laoCai3", who: { performs: "hipReplacement" }, agreement: "126/HĐ-BVĐK2", purpose: "manpower_support", startMonth: -6, months: 3, notes: "Hỗ trợ phẫu thuật chấn thương chỉnh hình", directionPurpose: "Hỗ trợ chuyên môn cho bệnh viện cùng tuyến theo phân công chỉ đạo tuyến của Sở Y tế" },
  // Two transfers ended last month; the override joined them two months ago and ends this
  // month, so the board shows the conflict while the coming quarter has room again.
  { from: "laoCai2", to: "baoThang", who: { performs: "intracranialHaematoma" }, agreement: "126/HĐ-BVĐK2", item: "intracranialHaematoma", purpose: "technique_transfer", startMonth: -3, months: 3 },
  { from: "laoCai2", to: "baoYen", who: { performs: "labourEpidural" }, agreement: "126/HĐ-BVĐK2", item: "labourEpidural", purpose: "technique_transfer", startMonth: -3, months: 3 },
  {
    from: "laoCai2",
    to: "batXat",
    who: { cadre: "doctor" },
    agreement: "126/HĐ-BVĐK2",
    purpose: "manpower_support",
    startMonth: -2,
    months: 3,
    overrideReason: "Bát Xát thiếu bác sĩ cấp cứu mùa mưa lũ; Ban Giám đốc đồng ý cử thêm một người vượt giới hạn.",
  },
  // Line-direction support, under no agreement.
  { from: "laoCai2", to: "baoYen", who: { cadre: "nurse" }, purpose: "manpower_support", startMonth: 3, months: 3 },
  // central hospitals -> Lào Cai
  { from: "vietDuc", to: "laoCai2", who: { performs: "hipReplacement" }, agreement: "77/HĐ-VĐ", item: "hipReplacement", purpose: "technique_transfer", startMonth: -30, months: 3 },
  { from: "vietDuc", to: "laoCai2", who: { performs: "arthroscopicAclReconstruction" }, agreement: "77/HĐ-VĐ", item: "arthroscopicAclReconstruction", purpose: "technique_transfer", startMonth: -2, months: 3 },
  { from: "hanoiMedicalUniversity", to: "laoCai1", who: { performs: "labourEpidural" }, agreement: "45/2023/HĐHT-ĐHYHN", item: "labourEpidural", purpose: "technique_transfer", startMonth: -28, months: 3 },
  { from: "hanoiMedicalUniversity", to: "laoCai1", who: { performs: "ivf" }, agreement: "45/2023/HĐHT-ĐHYHN", item: "ivf", purpose: "technique_transfer", startMonth: -12, months: 4 },
  { from: "bachMai", to: "laoCai1", who: { performs: "ecmo" }, agreement: "212/HĐ-BM", item: "ecmo", purpose: "technique_transfer", startMonth: -9, months: 3 },
  { from: "bachMai", to: "laoCai1", who: { performs: "ecmo", nth: 1 }, agreement: "212/HĐ-BM", item: "ecmo", purpose: "technique_transfer", startMonth: 2, months: 3 },
  // central hospitals -> Bắc Ninh
  { from: "bachMai", to: "bacNinh", who: { performs: "ecmoAdult" }, agreement: "31/HĐ-BM-BN", item: "ecmoAdult", purpose: "technique_transfer", startMonth: -22, months: 3 },
  { from: "bachMai", to: "bacNinh", who: { performs: "lobectomyForCancer" }, agreement: "31/HĐ-BM-BN", item: "lobectomyForCancer", purpose: "technique_transfer", startMonth: -1, months: 3 },
  { from: "vietDuc", to: "bacNinh", who: { performs: "pancreaticoduodenectomy" }, agreement: "52/HĐ-VĐ-BN", item: "pancreaticoduodenectomy", purpose: "technique_transfer", startMonth: -5, months: 3 },
];

function firstOfMonth(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

/**
 * A plan's dates moved into its agreement's term, keeping its length: forward to the term's
 * first day when it would start before it, back to end on the term's last day when it would
 * end after it. A term too short for the plan is a mistake in the demo data.
 */
export function fitTerm(range: DateRange, months: number, term: { startOn: string; endOn: string | null }): DateRange {
  let fitted = range;
  if (fitted.start < term.startOn) fitted = { start: term.startOn, end: addDaysIso(addMonthsIso(term.startOn, months), -1) };
  if (term.endOn !== null && fitted.end > term.endOn) fitted = { start: addMonthsIso(addDaysIso(term.endOn, 1), -months), end: term.endOn };
  if (fitted.start < term.startOn) throw new Error(`seed: a ${months}-month rotation does not fit the term ${term.startOn} – ${term.endOn}`);
  return fitted;
}

export function seedRotations(db: Db, facilityIds: ReadonlyMap<string, number>, today: string, clock: string): string {
  const admin = db.select({ id: users.id }).from(users).where(eq(users.role, "admin")).orderBy(users.id).get();
  if (!admin) throw new Error("seed: the rotations step needs the admin account (accounts step)");
  const facilityId = (key: FacilityKey) => {
    const id = facilityIds.get(C[key]);
    if (id === undefined) throw new Error(`seed: facility ${key} missing`);
    return id;
  };
  const laoCai2 = facilityId("laoCai2");
  // Lào Cai số 2's own trainer schedules its rotations; the administrator enters the others.
  const trainer = db.select({ id: users.id }).from(users).where(and(eq(users.role, "trainer"), eq(users.facilityId, laoCai2))).get();
  const adminActor: Actor = { userId: admin.id, role: "admin", facilityId: null, provinceCode: null };
  const actorFor = (from: FacilityKey): Actor =>
    from === "laoCai2" && trainer ? { userId: trainer.id, role: "trainer", facilityId: laoCai2, provinceCode: "15" } : adminActor;

  const summary = getAbsenceSummary(db, adminActor, laoCai2, today)!;
  setAbsenceLimit(db, trainer ? actorFor("laoCai2") : adminActor, laoCai2, { limit: LAO_CAI_2_ABSENCE_LIMIT, version: summary.version });

  // The nth person who performs the technique, or the first person of the cadre who is free
  // for the dates (fewest specialist techniques first, so specialists stay for transfers).
  const person = (facility: number, who: Who, range: { start: string; end: string }): number => {
    if ("performs" in who) {
      const rows = db
        .select({ id: staff.id })
        .from(staff)
        .innerJoin(staffTechniques, eq(staffTechniques.staffId, staff.id))
        .innerJoin(techniques, eq(techniques.id, staffTechniques.techniqueId))
        .where(and(eq(staff.facilityId, facility), eq(techniques.code, DEMO_TECHNIQUES[who.performs].code)))
        .orderBy(asc(staff.id))
        .all();
      const row = rows[who.nth ?? 0];
      if (!row) throw new Error(`seed: nobody performs ${who.performs} at facility ${facility}`);
      return row.id;
    }
    const rows = db
      .select({ id: staff.id, n: sql<number>`(select count(*) from staff_techniques st where st.staff_id = ${staff.id})` })
      .from(staff)
      .where(and(eq(staff.facilityId, facility), eq(staff.cadre, who.cadre)))
      .orderBy(sql`2`, asc(staff.id))
      .all();
    const free = rows.filter((r) => isFree(listCommitments(db, r.id, range), range));
    const row = free[who.nth ?? 0];
    if (!row) throw new Error(`seed: no free ${who.cadre} at facility ${facility}`);
    return row.id;
  };

  const item = (agreementNumber: string, key: DemoTechniqueKey, to: number): { agreementId: number; itemId: number } => {
    const row = db
      .select({ agreementId: agreements.id, itemId: transferItems.id })
      .from(transferItems)
      .innerJoin(agreements, eq(agreements.id, transferItems.agreementId))
      .innerJoin(techniques, eq(techniques.id, transferItems.techniqueId))
      .where(and(eq(agreements.number, agreementNumber), eq(techniques.code, DEMO_TECHNIQUES[key].code), eq(transferItems.toFacilityId, to), isNull(agreements.predecessorId)))
      .get();
    if (!row) throw new Error(`seed: transfer item ${key} of ${agreementNumber} missing`);
    return row;
  };
  const agreementId = (number: string) => {
    const row = db.select({ id: agreements.id }).from(agreements).where(eq(agreements.number, number)).get();
    if (!row) throw new Error(`seed: agreement ${number} missing`);
    return row.id;
  };
  const term = (id: number) => db.select({ startOn: agreements.startOn, endOn: agreements.endOn }).from(agreements).where(eq(agreements.id, id)).get()!;

  const prng = createPrng("demo-rotations");
  const month = firstOfMonth(today);
  let created = 0;
  let completed = 0;
  for (const plan of PLANS) {
    const actor = actorFor(plan.from);
    const from = facilityId(plan.from);
    const to = facilityId(plan.to);
    const linked = plan.item ? item(plan.agreement!, plan.item, to) : null;
    const underAgreement = linked?.agreementId ?? (plan.agreement ? agreementId(plan.agreement) : null);
    const planned = { start: addMonthsIso(month, plan.startMonth), end: addDaysIso(addMonthsIso(addMonthsIso(month, plan.startMonth), plan.months), -1) };
    const { start: startOn, end: endOn } = underAgreement === null ? planned : fitTerm(planned, plan.months, term(underAgreement));
    let rotation = createRotation(db, actor, {
      staffId: person(from, plan.who, { start: startOn, end: endOn }),
      toFacilityId: to,
      agreementId: underAgreement,
      transferItemIds: linked ? [linked.itemId] : [],
      purpose: plan.purpose,
      startOn,
      endOn,
      limitOverride: plan.overrideReason !== undefined,
      limitOverrideReason: plan.overrideReason ?? null,
      notes: plan.notes ?? null,
      directionPurpose: plan.directionPurpose ?? null,
    });
    created++;
    // Confirmed once started or within six weeks of the start; completed with a report once over.
    if (startOn <= addDaysIso(today, 42)) {
      rotation = changeRotationStatus(db, actor, rotation.id, { to: "confirmed", version: rotation.version }, today);
    }
    if (endOn < today) {
      const cases = plan.purpose === "technique_transfer" ? prng.int(6, 24) : prng.int(40, 120);
      saveRotationReport(
        db,
        actor,
        rotation.id,
        {
          reportCases: cases,
          reportNotes:
            plan.purpose === "technique_transfer"
              ? `Đã thực hiện ${cases} ca cùng kíp tiếp nhận; kíp đã làm được các bước chính dưới giám sát.`
              : `Tham gia trực và khám chữa bệnh ${cases} lượt; hướng dẫn quy trình chuyên môn cho khoa tiếp nhận.`,
          version: rotation.version,
        },
        today,
        new Date(stampOn(clock, addDaysIso(endOn, 3))),
      );
      completed++;
    }
  }
  return `${created} rotations (${completed} completed, 1 over the absence limit)`;
}
