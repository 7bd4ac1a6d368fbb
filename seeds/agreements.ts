// The published cooperation agreements of Lào Cai, Bắc Ninh and Guangxi, with priority-technique plans at
// different stages, built through the app's own commands (createAgreement, addTransferItem,
// moveStage, logCase, acceptTransferItem), so the demo obeys every gate. Signing dates are
// the historical ones; end and target dates are laid out around the demo's `today` so the
// director's dashboard has something expiring, overdue and waiting for acceptance.
// Acceptances write "started, transferred" events to the adoption ledger; the adoption step
// that runs later counts them.
import { eq, inArray } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { staff, users } from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import { changeAgreementStatus, createAgreement, renewAgreement } from "~/models/agreements/commands.server";
import { addMeeting } from "~/models/agreements/meetings.server";
import { addDaysIso } from "~/models/dates";
import type { AgreementType, PartyRole, TransferStage } from "~/models/enums";
import { addTransferItem } from "~/models/transfers/plan.server";
import { acceptTransferItem, getTransferItem, logCase, moveStage } from "~/models/transfers/stages.server";
import { DEMO_TECHNIQUES, type DemoTechniqueKey } from "./demo-techniques";
import { FACILITY_CODES as C, type FacilityKey } from "./network";

type ItemPlan = {
  technique: DemoTechniqueKey;
  from: FacilityKey;
  to: FacilityKey;
  phase: number;
  requiredCases: number;
  /** Where the item stands now. */
  reach: TransferStage;
  /** Target date, in days from the demo's today (negative: past, so overdue unless accepted). */
  targetInDays: number;
  /** Supervised cases logged (defaults: the requirement once supervised). */
  cases?: number;
};

type MeetingPlan = { title: string; heldOn: string; host: FacilityKey; participants: string; decisions: string; minutesNumber?: string; minutesSignedOn?: string };

type AgreementPlan = {
  number: string;
  title: string;
  type: AgreementType;
  signedOn: string;
  startOn: string;
  /** A fixed end date, or days from today. */
  end: string | { inDays: number } | null;
  owner: FacilityKey;
  parties: [FacilityKey, PartyRole][];
  chapters: number[];
  notes?: string;
  status: "active" | "ended";
  items?: ItemPlan[];
  meetings?: MeetingPlan[];
  /** Renewed by a successor agreement (created through renewAgreement and activated). */
  renewal?: { number: string; startOn: string; end: { inDays: number } | string; items?: ItemPlan[] };
};

const GUANGXI_PARTIES: [FacilityKey, PartyRole][] = [
  ["quangNinhDepartment", "coordinating"],
  ["langSonDepartment", "coordinating"],
  ["caoBangDepartment", "coordinating"],
  ["tuyenQuangDepartment", "coordinating"],
  ["guangxi", "coordinating"],
];

const PARTICIPANTS_GX = "Lãnh đạo Sở Y tế các tỉnh Quảng Ninh, Lạng Sơn, Cao Bằng, Tuyên Quang và Ủy ban Y tế Khu tự trị dân tộc Choang Quảng Tây";

export const DEMO_AGREEMENTS: AgreementPlan[] = [
  {
    number: "126/HĐ-BVĐK2",
    title: "Hỗ trợ chuyên môn, chuyển giao kỹ thuật cho BVĐK tỉnh số 3 và các Trung tâm Y tế khu vực Bảo Thắng, Bảo Yên, Bát Xát",
    type: "technique_transfer",
    signedOn: "2024-03-15",
    startOn: "2024-04-01",
    end: { inDays: 485 },
    owner: "laoCai2",
    parties: [
      ["laoCai2", "supporting"],
      ["laoCai3", "receiving"],
      ["baoThang", "receiving"],
      ["baoYen", "receiving"],
      ["batXat", "receiving"],
      ["laoCaiDepartment", "coordinating"],
    ],
    chapters: [10, 12, 13],
    notes: "Bệnh viện số 2 là bệnh viện vệ tinh tuyến tỉnh, hỗ trợ các đơn vị khu vực phía Nam tỉnh.",
    status: "active",
    items: [
      { technique: "subduralHaematoma", from: "laoCai2", to: "baoThang", phase: 1, requiredCases: 5, reach: "accepted", targetInDays: -200 },
      { technique: "labourEpidural", from: "laoCai2", to: "baoYen", phase: 1, requiredCases: 10, reach: "supervised", targetInDays: 45, cases: 6 },
      { technique: "amniocentesis", from: "laoCai2", to: "batXat", phase: 1, requiredCases: 5, reach: "training", targetInDays: -20 },
      { technique: "hipHemiarthroplasty", from: "laoCai2", to: "laoCai3", phase: 1, requiredCases: 5, reach: "independent", targetInDays: 30 },
      { technique: "gastrectomyForCancer", from: "laoCai2", to: "laoCai3", phase: 2, requiredCases: 8, reach: "planned", targetInDays: 240 },
      { technique: "intracranialHaematoma", from: "laoCai2", to: "baoThang", phase: 2, requiredCases: 5, reach: "surveyed", targetInDays: 200 },
      { technique: "chronicSubduralHaematoma", from: "laoCai2", to: "batXat", phase: 2, requiredCases: 5, reach: "planned", targetInDays: -5 },
    ],
  },
  {
    number: "08/2021/HĐ-BVĐK1",
    title: "Kết nghĩa, hỗ trợ chuyên môn giữa Bệnh viện Đa khoa tỉnh số 1 và số 4",
    type: "twinning",
    signedOn: "2021-02-20",
    startOn: "2021-03-01",
    end: "2023-12-31",
    owner: "laoCai1",
    parties: [
      ["laoCai1", "supporting"],
      ["laoCai4", "receiving"],
    ],
    chapters: [2, 10],
    status: "ended",
    items: [{ technique: "kneeArthroscopy", from: "laoCai1", to: "laoCai4", phase: 1, requiredCases: 5, reach: "accepted", targetInDays: -900 }],
    renewal: {
      number: "15/2024/HĐ-BVĐK1",
      startOn: "2024-01-01",
      end: { inDays: 400 },
      items: [
        { technique: "lungTumourResection", from: "laoCai1", to: "laoCai4", phase: 1, requiredCases: 6, reach: "training", targetInDays: 120 },
        { technique: "hipReplacement", from: "laoCai1", to: "laoCai4", phase: 1, requiredCases: 5, reach: "supervised", targetInDays: -10, cases: 3 },
      ],
    },
  },
  {
    number: "45/2023/HĐHT-ĐHYHN",
    title: "Hợp tác chuyên môn và chuyển giao kỹ thuật sản phụ khoa, hỗ trợ sinh sản",
    type: "technique_transfer",
    signedOn: "2023-05-10",
    startOn: "2023-06-01",
    end: "2028-05-31",
    owner: "laoCai1",
    parties: [
      ["hanoiMedicalUniversity", "supporting"],
      ["laoCai1", "receiving"],
    ],
    chapters: [13],
    status: "active",
    items: [
      { technique: "ivf", from: "hanoiMedicalUniversity", to: "laoCai1", phase: 1, requiredCases: 10, reach: "independent", targetInDays: -15 },
      { technique: "labourEpidural", from: "hanoiMedicalUniversity", to: "laoCai1", phase: 1, requiredCases: 10, reach: "accepted", targetInDays: -300 },
    ],
  },
  {
    number: "212/HĐ-BM",
    title: "Chỉ đạo tuyến, chuyển giao kỹ thuật hồi sức tích cực và ghép tạng",
    type: "technique_transfer",
    signedOn: "2024-02-01",
    startOn: "2024-02-15",
    end: "2027-02-14",
    owner: "bachMai",
    parties: [
      ["bachMai", "supporting"],
      ["laoCai1", "receiving"],
    ],
    chapters: [1, 10],
    status: "active",
    items: [
      { technique: "ecmo", from: "bachMai", to: "laoCai1", phase: 1, requiredCases: 8, reach: "supervised", targetInDays: 60, cases: 5 },
      { technique: "kidneyTransplant", from: "bachMai", to: "laoCai1", phase: 2, requiredCases: 5, reach: "planned", targetInDays: 365 },
    ],
  },
  {
    number: "77/HĐ-VĐ",
    title: "Chuyển giao kỹ thuật phẫu thuật thần kinh và chấn thương chỉnh hình",
    type: "technique_transfer",
    signedOn: "2023-09-05",
    startOn: "2023-10-01",
    end: "2026-12-31",
    owner: "vietDuc",
    parties: [
      ["vietDuc", "supporting"],
      ["laoCai2", "receiving"],
    ],
    chapters: [10, 27],
    status: "active",
    items: [
      { technique: "hipReplacement", from: "vietDuc", to: "laoCai2", phase: 1, requiredCases: 5, reach: "accepted", targetInDays: -400 },
      { technique: "arthroscopicAclReconstruction", from: "vietDuc", to: "laoCai2", phase: 1, requiredCases: 6, reach: "training", targetInDays: -30 },
    ],
  },
  {
    number: "19/HĐ-LKTW",
    title: "Hỗ trợ chuyên môn lão khoa, đào tạo chăm sóc người cao tuổi",
    type: "professional_support",
    signedOn: "2024-06-20",
    startOn: "2024-07-01",
    end: "2027-06-30",
    owner: "centralGeriatric",
    parties: [
      ["centralGeriatric", "supporting"],
      ["laoCai1", "receiving"],
    ],
    chapters: [],
    status: "active",
  },
  {
    number: "31/HĐ-BM-BN",
    title: "Hợp tác chuyên môn, chuyển giao kỹ thuật giữa Bệnh viện Bạch Mai và BVĐK tỉnh Bắc Ninh",
    type: "technique_transfer",
    signedOn: "2024-04-12",
    startOn: "2024-05-01",
    end: "2027-04-30",
    owner: "bacNinh",
    parties: [
      ["bachMai", "supporting"],
      ["bacNinh", "receiving"],
    ],
    chapters: [1, 10],
    status: "active",
    items: [
      { technique: "ecmoAdult", from: "bachMai", to: "bacNinh", phase: 1, requiredCases: 6, reach: "accepted", targetInDays: -250 },
      { technique: "lobectomyForCancer", from: "bachMai", to: "bacNinh", phase: 2, requiredCases: 6, reach: "surveyed", targetInDays: 150 },
    ],
  },
  {
    number: "52/HĐ-VĐ-BN",
    title: "Chuyển giao kỹ thuật ngoại khoa giữa Bệnh viện Hữu nghị Việt Đức và BVĐK tỉnh Bắc Ninh",
    type: "technique_transfer",
    signedOn: "2024-08-08",
    startOn: "2024-09-01",
    end: "2027-08-31",
    owner: "bacNinh",
    parties: [
      ["vietDuc", "supporting"],
      ["bacNinh", "receiving"],
    ],
    chapters: [10],
    status: "active",
    items: [
      { technique: "pancreaticoduodenectomy", from: "vietDuc", to: "bacNinh", phase: 1, requiredCases: 5, reach: "independent", targetInDays: 20 },
      { technique: "laparoscopicPancreaticoduodenectomy", from: "vietDuc", to: "bacNinh", phase: 2, requiredCases: 8, reach: "planned", targetInDays: 400 },
    ],
  },
  {
    number: "60/HĐ-ĐHYHN-BN",
    title: "Hợp tác chuyên môn sản phụ khoa và hỗ trợ sinh sản với BVĐK tỉnh Bắc Ninh",
    type: "technique_transfer",
    signedOn: "2025-01-15",
    startOn: "2025-02-01",
    end: "2028-01-31",
    owner: "bacNinh",
    parties: [
      ["hanoiMedicalUniversity", "supporting"],
      ["bacNinh", "receiving"],
    ],
    chapters: [13],
    status: "active",
    items: [
      { technique: "ivf", from: "hanoiMedicalUniversity", to: "bacNinh", phase: 1, requiredCases: 10, reach: "training", targetInDays: 90 },
      { technique: "amniocentesis", from: "hanoiMedicalUniversity", to: "bacNinh", phase: 1, requiredCases: 5, reach: "supervised", targetInDays: -7, cases: 2 },
    ],
  },
  {
    number: "BB-HTYT-QT/2023",
    title: "Hợp tác y tế xuyên biên giới giữa Sở Y tế các tỉnh Quảng Ninh, Lạng Sơn, Cao Bằng, Tuyên Quang và Ủy ban Y tế Quảng Tây (Trung Quốc)",
    type: "international",
    signedOn: "2023-04-18",
    startOn: "2023-05-01",
    end: "2028-04-30",
    owner: "langSonDepartment",
    parties: GUANGXI_PARTIES,
    chapters: [],
    notes: "Hội nghị giao ban thường niên luân phiên đăng cai; phối hợp phòng chống dịch bệnh qua biên giới, khám chữa bệnh cho người nước ngoài và trao đổi chuyên môn.",
    status: "active",
    meetings: [
      {
        title: "Hội nghị giao ban thường niên lần thứ nhất",
        heldOn: "2023-11-16",
        host: "guangxi",
        participants: PARTICIPANTS_GX,
        decisions: "Thống nhất cơ chế thông tin dịch bệnh hai chiều; trao đổi đoàn chuyên gia y tế cổ truyền.",
        minutesNumber: "01/BBHN-2023",
        minutesSignedOn: "2023-11-16",
      },
      {
        title: "Hội nghị giao ban thường niên lần thứ hai",
        heldOn: "2024-10-24",
        host: "caoBangDepartment",
        participants: PARTICIPANTS_GX,
        decisions: "Phối hợp chuyển tuyến cấp cứu qua cửa khẩu; đào tạo điều dưỡng và kỹ thuật viên.",
        minutesNumber: "02/BBHN-2024",
        minutesSignedOn: "2024-10-25",
      },
      {
        title: "Hội nghị giao ban thường niên lần thứ ba",
        heldOn: "2025-11-20",
        host: "quangNinhDepartment",
        participants: PARTICIPANTS_GX,
        decisions: "Ký biên bản hợp tác năm 2025: giám sát bệnh truyền nhiễm khu vực biên giới, trao đổi kinh nghiệm quản lý bệnh viện, luân phiên đăng cai năm 2026 tại Tuyên Quang.",
        minutesNumber: "03/BBHN-2025",
        minutesSignedOn: "2025-11-21",
      },
    ],
  },
];

/** Who, by title, performs a named technique once it is accepted (the receiving team). */
const SPECIALTY: Partial<Record<DemoTechniqueKey, RegExp>> = {
  subduralHaematoma: /thần kinh|ngoại/i,
  chronicSubduralHaematoma: /thần kinh|ngoại/i,
  intracranialHaematoma: /thần kinh|ngoại/i,
  hipReplacement: /chấn thương chỉnh hình/i,
  hipHemiarthroplasty: /chấn thương chỉnh hình/i,
  kneeArthroscopy: /chấn thương chỉnh hình|cơ xương khớp/i,
  arthroscopicAclReconstruction: /chấn thương chỉnh hình/i,
  arthroscopicPclReconstruction: /chấn thương chỉnh hình/i,
  ecmo: /hồi sức/i,
  ecmoAdult: /hồi sức/i,
  labourEpidural: /gây mê|sản/i,
  amniocentesis: /sản/i,
  ivf: /sản/i,
};

/**
 * The people (one or two) who accept a transfer: doctors of the technique's specialty (by
 * title), then other doctors, then by chapter, so a hip replacement is not accepted by a
 * pharmacist.
 */
function acceptingTeam(db: Db, candidates: { id: number }[], key: DemoTechniqueKey): { id: number }[] {
  const technique = DEMO_TECHNIQUES[key];
  const ids = candidates.map((c) => c.id);
  if (ids.length === 0) return [];
  const rows = db
    .select({ id: staff.id, cadre: staff.cadre, title: staff.title, chapter: staff.chapterNumber })
    .from(staff)
    .where(inArray(staff.id, ids))
    .all();
  const specialty = SPECIALTY[key];
  const score = (r: (typeof rows)[number]) =>
    (specialty?.test(r.title ?? "") ? 4 : 0) + (r.cadre === "doctor" ? 3 : 0) + (r.chapter === technique.chapterNumber ? 2 : 0);
  const ranked = rows.sort((a, b) => score(b) - score(a) || a.id - b.id);
  // A second member only of the specialty, or a doctor of the technique's chapter.
  const second = ranked[1] && (score(ranked[1]) >= 4 + 3 || (score(ranked[0]) < 4 && score(ranked[1]) >= 3 + 2)) ? [ranked[1]] : [];
  return ranked.length ? [ranked[0], ...second] : [];
}

/** Days between successive stage moves in the demo timeline. */
const STEP_DAYS = 35;
const STAGES_AFTER_PLANNED: TransferStage[] = ["surveyed", "training", "supervised", "independent", "accepted"];

function minIso(a: string, b: string) {
  return a < b ? a : b;
}

function seedItem(db: Db, actor: Actor, agreementId: number, startOn: string, plan: ItemPlan, ids: (key: FacilityKey) => number, today: string) {
  const technique = DEMO_TECHNIQUES[plan.technique];
  const item = addTransferItem(
    db,
    actor,
    agreementId,
    {
      techniqueCode: technique.code,
      fromFacilityId: ids(plan.from),
      toFacilityId: ids(plan.to),
      phase: plan.phase,
      priority: 1,
      requiredCases: plan.requiredCases,
      targetDate: addDaysIso(today, plan.targetInDays),
    },
    { today: startOn },
  );
  // The history runs forward from the start and never reaches past yesterday.
  const last = addDaysIso(today, -1);
  let date = startOn;
  let version = item.version;
  for (const stage of STAGES_AFTER_PLANNED.slice(0, STAGES_AFTER_PLANNED.indexOf(plan.reach) + 1)) {
    date = minIso(addDaysIso(date, STEP_DAYS), last);
    if (stage === "independent") {
      const cases = plan.cases ?? plan.requiredCases;
      for (let i = 0; i < cases; i++) {
        const performedOn = minIso(addDaysIso(date, -STEP_DAYS + 2 + i * 2), last);
        logCase(db, actor, agreementId, item.id, { performedOn, performerName: `Kíp thực hiện ${i + 1}`, supervisorName: "Chuyên gia bên chuyển giao", outcome: "success", supervised: true }, { today });
      }
    }
    if (stage === "accepted") {
      const staff = acceptingTeam(db, getTransferItem(db, actor, agreementId, item.id).receivingStaff, plan.technique);
      if (staff.length === 0) throw new Error(`seed: no staff at ${plan.to} to accept ${technique.code}`);
      acceptTransferItem(db, actor, agreementId, item.id, { acceptedOn: date, minutesNumber: `NT-${item.id}/${date.slice(0, 4)}`, staffIds: staff.map((s) => s.id), version }, { today });
      break;
    }
    version = moveStage(db, actor, agreementId, item.id, { toStage: stage, movedOn: date, version }, { today }).version;
  }
  // Cases logged while still under supervision (below the requirement).
  if (plan.reach === "supervised") {
    for (let i = 0; i < (plan.cases ?? 0); i++) {
      const performedOn = minIso(addDaysIso(date, 3 + i * 3), last);
      logCase(db, actor, agreementId, item.id, { performedOn, performerName: `Kíp thực hiện ${i + 1}`, supervisorName: "Chuyên gia bên chuyển giao", outcome: i === 1 ? "complication" : "success", supervised: true }, { today });
    }
  }
}

const resolveEnd = (end: AgreementPlan["end"], today: string) => (end === null ? undefined : typeof end === "string" ? end : addDaysIso(today, end.inDays));

/** Creates the demo agreements; returns a summary for the seed log. */
export function seedAgreements(db: Db, facilityIds: ReadonlyMap<string, number>, today: string): string {
  const admin = db.select({ id: users.id }).from(users).where(eq(users.role, "admin")).orderBy(users.id).get();
  if (!admin) throw new Error("seed: the agreements step needs the admin account (accounts step)");
  const actor: Actor = { userId: admin.id, role: "admin", facilityId: null, provinceCode: null };
  const ids = (key: FacilityKey) => {
    const id = facilityIds.get(C[key]);
    if (id === undefined) throw new Error(`seed: facility ${key} missing`);
    return id;
  };
  let agreementCount = 0;
  let itemCount = 0;
  for (const plan of DEMO_AGREEMENTS) {
    const agreement = createAgreement(db, actor, {
      number: plan.number,
      title: plan.title,
      type: plan.type,
      signedOn: plan.signedOn,
      startOn: plan.startOn,
      endOn: resolveEnd(plan.end, today),
      minRotationMonths: 3,
      notes: plan.notes,
      chapters: plan.chapters,
      parties: plan.parties.map(([key, role]) => ({ facilityCode: C[key], role })),
      ownerFacilityCode: C[plan.owner],
    });
    agreementCount++;
    let version = changeAgreementStatus(db, actor, agreement.id, { toStatus: "active", version: agreement.version }).version;
    for (const item of plan.items ?? []) {
      seedItem(db, actor, agreement.id, plan.startOn, item, ids, today);
      itemCount++;
    }
    for (const m of plan.meetings ?? []) {
      if (m.heldOn > today) continue;
      addMeeting(db, actor, agreement.id, { ...m, hostFacilityId: ids(m.host) });
    }
    if (plan.status === "ended") {
      version = changeAgreementStatus(db, actor, agreement.id, { toStatus: "ended", version }).version;
    }
    if (plan.renewal) {
      const next = renewAgreement(db, actor, agreement.id, { number: plan.renewal.number, startOn: plan.renewal.startOn, endOn: resolveEnd(plan.renewal.end, today) }, { today: plan.renewal.startOn });
      agreementCount++;
      changeAgreementStatus(db, actor, next.id, { toStatus: "active", signedOn: addDaysIso(plan.renewal.startOn, -10), version: next.version });
      for (const item of plan.renewal.items ?? []) {
        seedItem(db, actor, next.id, plan.renewal.startOn, item, ids, today);
        itemCount++;
      }
    }
  }
  return `${agreementCount} agreements, ${itemCount} plan items`;
}
