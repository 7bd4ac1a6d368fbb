// A realistic handful of staff per hospital, regional centre and commune station, with Vietnamese names drawn
// by a seeded generator, unique practice-licence numbers, and, at central and provincial
// hospitals, the named demo techniques they perform independently (so transfer and rotation
// seeds find qualified people). Health departments and the foreign partner have no staff here.
import type { Db } from "~/db/client.server";
import type { Cadre } from "~/models/enums";
import { createStaffMember } from "~/models/staff/create.server";
import { demoTechniqueCodes, type DemoTechniqueKey } from "./demo-techniques";
import { DEMO_FACILITIES, FACILITY_CODES as C } from "./network";
import { createPrng, type Prng } from "./prng";

const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Lương", "Hà", "Nông", "Lò"];
const MALE_MIDDLE = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Công", "Thanh", "Mạnh", "Tiến"];
const MALE_GIVEN = ["Hùng", "Dũng", "Tuấn", "Long", "Nam", "Sơn", "Hải", "Thắng", "Cường", "Quân", "Hiếu", "Trung", "Khánh", "Phong", "Tùng", "Bình"];
const FEMALE_MIDDLE = ["Thị", "Thu", "Ngọc", "Thanh", "Minh", "Hồng", "Thúy", "Phương"];
const FEMALE_GIVEN = ["Lan", "Hương", "Hà", "Mai", "Trang", "Thảo", "Linh", "Hằng", "Nga", "Yến", "Huyền", "Vân", "Dung", "Oanh", "Ánh", "Loan"];

/** A specialist performing named techniques independently. */
type Specialist = { chapterNumber: number; title: string; techniques: DemoTechniqueKey[]; cadre?: Cadre };

/** Central and provincial hospitals: who performs which named technique in the published material. */
const SPECIALISTS: Record<string, Specialist[]> = {
  [C.bachMai]: [
    { chapterNumber: 1, title: "PGS.TS, Bác sĩ Hồi sức", techniques: ["ecmo", "ecmoAdult"] },
    { chapterNumber: 1, title: "TS, Bác sĩ Hồi sức", techniques: ["ecmo"] },
    { chapterNumber: 10, title: "Bác sĩ chuyên khoa II, Ngoại lồng ngực", techniques: ["lungTumourResection", "lobectomyForCancer"] },
    { chapterNumber: 12, title: "TS, Bác sĩ Ngoại tiêu hóa", techniques: ["gastrectomyForCancer", "pancreaticoduodenectomy"] },
    { chapterNumber: 10, title: "Bác sĩ chuyên khoa II, Ngoại tiết niệu", techniques: ["kidneyTransplant"] },
  ],
  [C.vietDuc]: [
    { chapterNumber: 10, title: "PGS.TS, Phẫu thuật Thần kinh", techniques: ["subduralHaematoma", "chronicSubduralHaematoma", "intracranialHaematoma"] },
    { chapterNumber: 10, title: "Bác sĩ chuyên khoa II, Phẫu thuật Thần kinh", techniques: ["subduralHaematoma", "intracranialHaematoma"] },
    { chapterNumber: 10, title: "TS, Chấn thương chỉnh hình", techniques: ["hipReplacement", "hipHemiarthroplasty", "arthroscopicAclReconstruction", "arthroscopicPclReconstruction"] },
    { chapterNumber: 10, title: "PGS.TS, Ghép tạng", techniques: ["kidneyTransplant"] },
    { chapterNumber: 10, title: "TS, Ngoại tiêu hóa", techniques: ["gastrectomyForCancer", "pancreaticoduodenectomy", "laparoscopicPancreaticoduodenectomy"] },
    { chapterNumber: 10, title: "Bác sĩ chuyên khoa II, Ngoại lồng ngực", techniques: ["lungTumourResection"] },
  ],
  [C.hanoiMedicalUniversity]: [
    { chapterNumber: 13, title: "PGS.TS, Sản phụ khoa", techniques: ["ivf", "amniocentesis"] },
    { chapterNumber: 13, title: "TS, Gây mê hồi sức sản khoa", techniques: ["labourEpidural"] },
    { chapterNumber: 10, title: "TS, Ngoại tiêu hóa", techniques: ["gastrectomyForCancer", "pancreaticoduodenectomy", "laparoscopicPancreaticoduodenectomy"] },
    { chapterNumber: 10, title: "Bác sĩ chuyên khoa II, Chấn thương chỉnh hình", techniques: ["hipReplacement", "kneeArthroscopy", "arthroscopicAclReconstruction"] },
  ],
  [C.centralGeriatric]: [
    { chapterNumber: 10, title: "TS, Chấn thương chỉnh hình", techniques: ["hipReplacement", "hipHemiarthroplasty"] },
    { chapterNumber: 2, title: "Bác sĩ chuyên khoa II, Cơ xương khớp", techniques: ["kneeArthroscopy"] },
  ],
  [C.nationalChildrens]: [
    { chapterNumber: 1, title: "TS, Hồi sức nhi", techniques: ["ecmo"] },
    { chapterNumber: 10, title: "Bác sĩ chuyên khoa II, Phẫu thuật Thần kinh nhi", techniques: ["subduralHaematoma", "intracranialHaematoma"] },
  ],
  [C.laoCai1]: [
    { chapterNumber: 10, title: "Bác sĩ chuyên khoa II, Ngoại thần kinh", techniques: ["subduralHaematoma", "chronicSubduralHaematoma"] },
    // Lào Cai số 1 hands total hip replacement and lung cancer resection on to Lào Cai số 4
    // (15/2024/HĐ-BVĐK1), so someone there performs each and can rotate to teach it.
    { chapterNumber: 10, title: "Bác sĩ chuyên khoa I, Chấn thương chỉnh hình", techniques: ["hipHemiarthroplasty", "hipReplacement", "kneeArthroscopy"] },
    // Labour epidural came from Hanoi Medical University Hospital (accepted under 45/2023/HĐHT-ĐHYHN).
    { chapterNumber: 13, title: "Bác sĩ chuyên khoa I, Sản khoa", techniques: ["amniocentesis"] },
    { chapterNumber: 10, title: "Bác sĩ chuyên khoa II, Ngoại lồng ngực", techniques: ["lungTumourResection"] },
  ],
  [C.laoCai2]: [
    // Its neurosurgeon teaches the haematoma operations it hands on under 126/HĐ-BVĐK2.
    { chapterNumber: 10, title: "Bác sĩ chuyên khoa II, Ngoại thần kinh", techniques: ["subduralHaematoma", "chronicSubduralHaematoma", "intracranialHaematoma"] },
    // Total hip replacement came from Việt Đức (accepted under 77/HĐ-VĐ).
    { chapterNumber: 10, title: "Bác sĩ chuyên khoa I, Chấn thương chỉnh hình", techniques: ["hipHemiarthroplasty", "kneeArthroscopy"] },
    { chapterNumber: 13, title: "Bác sĩ chuyên khoa I, Gây mê hồi sức", techniques: ["labourEpidural"] },
  ],
  [C.laoCai3]: [{ chapterNumber: 13, title: "Bác sĩ chuyên khoa I, Sản khoa", techniques: ["labourEpidural"] }],
  [C.laoCai4]: [{ chapterNumber: 13, title: "Bác sĩ chuyên khoa I, Sản khoa", techniques: ["amniocentesis"] }],
  [C.bacNinh]: [
    { chapterNumber: 10, title: "Bác sĩ chuyên khoa II, Ngoại thần kinh", techniques: ["subduralHaematoma", "chronicSubduralHaematoma"] },
    { chapterNumber: 10, title: "Bác sĩ chuyên khoa II, Chấn thương chỉnh hình", techniques: ["hipReplacement", "kneeArthroscopy", "arthroscopicAclReconstruction"] },
    { chapterNumber: 12, title: "Bác sĩ chuyên khoa II, Ngoại tiêu hóa", techniques: ["gastrectomyForCancer"] },
    { chapterNumber: 13, title: "Bác sĩ chuyên khoa I, Gây mê hồi sức", techniques: ["labourEpidural"] },
  ],
  [C.bacGiang]: [
    { chapterNumber: 10, title: "Bác sĩ chuyên khoa II, Ngoại thần kinh", techniques: ["subduralHaematoma"] },
    { chapterNumber: 13, title: "Bác sĩ chuyên khoa I, Sản khoa", techniques: ["labourEpidural"] },
  ],
  [C.bacNinhObstetricsPaediatrics]: [
    { chapterNumber: 13, title: "Bác sĩ chuyên khoa II, Sản khoa", techniques: ["labourEpidural", "amniocentesis"] },
  ],
};

/** Everyone else on a ward: doctors, nurses, midwives, technicians. */
const GENERAL_ROLES: { cadre: Cadre; title: string; chapters: number[]; weight: number }[] = [
  { cadre: "doctor", title: "Bác sĩ chuyên khoa I", chapters: [2, 10, 13, 18], weight: 3 },
  { cadre: "doctor", title: "Thạc sĩ, Bác sĩ", chapters: [1, 2, 3, 10], weight: 2 },
  { cadre: "doctor", title: "Bác sĩ", chapters: [2, 3, 9, 10, 13], weight: 3 },
  { cadre: "nurse", title: "Điều dưỡng trưởng khoa", chapters: [1, 10], weight: 1 },
  { cadre: "nurse", title: "Cử nhân Điều dưỡng", chapters: [2, 10, 3], weight: 3 },
  { cadre: "midwife", title: "Hộ sinh", chapters: [13], weight: 2 },
  { cadre: "technician", title: "Kỹ thuật viên xét nghiệm", chapters: [23, 22], weight: 1 },
  { cadre: "technician", title: "Kỹ thuật viên chẩn đoán hình ảnh", chapters: [18], weight: 1 },
  { cadre: "pharmacist", title: "Dược sĩ đại học", chapters: [], weight: 1 },
];
const WEIGHTED_ROLES = GENERAL_ROLES.flatMap((role) => Array.from({ length: role.weight }, () => role));

/** A commune station's team: a doctor or an assistant doctor (y sĩ) in charge, a midwife, a nurse. */
const STATION_ROLES: { cadre: Cadre; title: string; chapter: number | null }[][] = [
  [
    { cadre: "doctor", title: "Trạm trưởng, Bác sĩ đa khoa", chapter: 2 },
    { cadre: "assistant_doctor", title: "Trạm trưởng, Y sĩ đa khoa", chapter: 2 },
  ],
  [{ cadre: "midwife", title: "Hộ sinh", chapter: 13 }],
  [
    { cadre: "nurse", title: "Điều dưỡng", chapter: 2 },
    { cadre: "assistant_doctor", title: "Y sĩ y học cổ truyền", chapter: 8 },
  ],
];

/** Staff per facility: central 10, provincial 8, regional centres 6, commune stations 3. */
function headcount(level: string): number {
  return level === "A" ? 10 : level === "B" ? 8 : level === "C" ? 6 : STATION_ROLES.length;
}

/** Practice licences: issued by the Ministry for central hospitals, by the province otherwise. */
function licencePrefix(provinceCode: string | null | undefined, level: string): string {
  if (level === "A") return "BYT";
  return provinceCode === "15" ? "LCA" : provinceCode === "24" ? "BNI" : "SYT";
}

function personName(prng: Prng, female: boolean): string {
  const family = prng.pick(FAMILY);
  return female
    ? `${family} ${prng.pick(FEMALE_MIDDLE)} ${prng.pick(FEMALE_GIVEN)}`
    : `${family} ${prng.pick(MALE_MIDDLE)} ${prng.pick(MALE_GIVEN)}`;
}

/** Creates the staff through createStaffMember; returns how many were created. */
export function seedStaff(db: Db, facilityIds: ReadonlyMap<string, number>): number {
  const prng = createPrng("demo-staff");
  const licenceCounters = new Map<string, number>();
  let created = 0;
  for (const facility of DEMO_FACILITIES) {
    if (!facility.level) continue;
    const facilityId = facilityIds.get(facility.code);
    if (facilityId === undefined) throw new Error(`facility ${facility.code} not seeded`);
    const local = prng.fork(facility.code);
    const specialists = SPECIALISTS[facility.code] ?? [];
    const count = facility.kind === "commune_station" ? STATION_ROLES.length : Math.max(headcount(facility.level), specialists.length + 3);
    const names = new Set<string>();
    const prefix = licencePrefix(facility.provinceCode, facility.level);
    for (let i = 0; i < count; i++) {
      const specialist = specialists[i];
      const stationRole = facility.kind === "commune_station" ? local.pick(STATION_ROLES[i]) : null;
      const general = specialist ? null : stationRole ? { ...stationRole, chapters: stationRole.chapter ? [stationRole.chapter] : [], weight: 1 } : local.pick(WEIGHTED_ROLES);
      const cadre: Cadre = specialist ? (specialist.cadre ?? "doctor") : general!.cadre;
      const female = cadre === "midwife" || (cadre === "nurse" ? local.chance(0.85) : local.chance(0.4));
      let fullName = personName(local, female);
      while (names.has(fullName)) fullName = personName(local, female);
      names.add(fullName);
      // Strictly increasing per issuer, so licence numbers are unique.
      const serial = (licenceCounters.get(prefix) ?? 1000) + local.int(1, 400);
      licenceCounters.set(prefix, serial);
      const since = `${local.int(2012, 2022)}-${String(local.int(1, 12)).padStart(2, "0")}-01`;
      createStaffMember(
        db,
        {
          facilityId,
          fullName,
          cadre,
          chapterNumber: specialist?.chapterNumber ?? (general!.chapters.length ? local.pick(general!.chapters) : null),
          title: specialist?.title ?? general!.title,
          licenceNumber: `${String(serial).padStart(6, "0")}/${prefix}-CCHN`,
          techniqueCodes: specialist ? demoTechniqueCodes(specialist.techniques) : [],
          techniquesSince: specialist ? since : null,
        },
        null,
      );
      created++;
    }
  }
  return created;
}
