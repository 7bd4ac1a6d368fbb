// The demo network of DESIGN.md §7: the central hospitals, Lao Cai's and Bac Ninh's hospitals
// and regional medical centres, four northern health departments and the Guangxi Health
// Commission. Province codes follow the 34-province map of 2025 (seeds/data/provinces_34_2025.csv):
// Ha Noi 01, Cao Bang 04, Tuyen Quang 08 (with former Ha Giang), Lao Cai 15 (with former
// Yen Bai), Lang Son 20, Quang Ninh 22, Bac Ninh 24 (with former Bac Giang).
// Beds and grades are plausible round figures, not official statistics.
import type { Db } from "~/db/client.server";
import { changeFacilityLevel, createFacility, type CreateFacilityInput } from "~/models/facilities/commands.server";
import { eq } from "drizzle-orm";
import { facilities } from "~/db/schema";

/** Stable facility codes: other seeds refer to facilities by these. */
export const FACILITY_CODES = {
  bachMai: "BM",
  vietDuc: "VD",
  hanoiMedicalUniversity: "DHYHN",
  centralGeriatric: "LKTW",
  nationalChildrens: "NTW",
  laoCai1: "LC-BVDK1",
  laoCai2: "LC-BVDK2",
  laoCai3: "LC-BVDK3",
  laoCai4: "LC-BVDK4",
  baoThang: "LC-TTYT-BAOTHANG",
  baoYen: "LC-TTYT-BAOYEN",
  batXat: "LC-TTYT-BATXAT",
  saPa: "LC-TTYT-SAPA",
  bacHa: "LC-TTYT-BACHA",
  nghiaLo: "LC-TTYT-NGHIALO",
  bacNinh: "BN-BVDK",
  bacGiang: "BN-BVDKBG",
  bacNinhObstetricsPaediatrics: "BN-BVSN",
  tuSon: "BN-TTYT-TUSON",
  lucNgan: "BN-TTYT-LUCNGAN",
  laoCaiDepartment: "SYT-LC",
  bacNinhDepartment: "SYT-BN",
  quangNinhDepartment: "SYT-QN",
  langSonDepartment: "SYT-LS",
  caoBangDepartment: "SYT-CB",
  tuyenQuangDepartment: "SYT-TQ",
  guangxi: "CN-GX-HC",
} as const;

export type FacilityKey = keyof typeof FACILITY_CODES;

type FacilitySeed = Omit<CreateFacilityInput, "directedById"> & {
  /** Code of the facility that directs this one (its upper link); created earlier in the list. */
  directedBy?: string;
};

const C = FACILITY_CODES;

/** In creation order: a facility's director comes before it. */
export const DEMO_FACILITIES: readonly FacilitySeed[] = [
  // ---- central level (A), Ha Noi
  { code: C.bachMai, name: "Bệnh viện Bạch Mai", shortName: "BV Bạch Mai", nameEn: "Bach Mai Hospital", kind: "central_hospital", level: "A", grade: "special", beds: 3200, provinceCode: "01", communeCode: "00229", openedOn: "1911-09-01" },
  { code: C.vietDuc, name: "Bệnh viện Hữu nghị Việt Đức", shortName: "BV Việt Đức", nameEn: "Viet Duc University Hospital", kind: "central_hospital", level: "A", grade: "special", beds: 1500, provinceCode: "01", communeCode: "00082", openedOn: "1906-01-01" },
  { code: C.hanoiMedicalUniversity, name: "Bệnh viện Đại học Y Hà Nội", shortName: "BV ĐH Y Hà Nội", nameEn: "Hanoi Medical University Hospital", kind: "central_hospital", level: "A", grade: "I", beds: 800, provinceCode: "01", communeCode: "00229", openedOn: "2007-05-01" },
  { code: C.centralGeriatric, name: "Bệnh viện Lão khoa Trung ương", shortName: "BV Lão khoa TW", nameEn: "National Geriatric Hospital", kind: "central_hospital", level: "A", grade: "I", beds: 500, provinceCode: "01", communeCode: "00229", openedOn: "2006-01-01" },
  { code: C.nationalChildrens, name: "Bệnh viện Nhi Trung ương", shortName: "BV Nhi TW", nameEn: "Vietnam National Children's Hospital", kind: "central_hospital", level: "A", grade: "special", beds: 2000, provinceCode: "01", openedOn: "1969-01-01" },

  // ---- health departments (provincial authorities)
  { code: C.laoCaiDepartment, name: "Sở Y tế tỉnh Lào Cai", shortName: "Sở Y tế Lào Cai", nameEn: "Lao Cai Department of Health", kind: "health_department", level: null, provinceCode: "15", communeCode: "04252" },
  { code: C.bacNinhDepartment, name: "Sở Y tế tỉnh Bắc Ninh", shortName: "Sở Y tế Bắc Ninh", nameEn: "Bac Ninh Department of Health", kind: "health_department", level: null, provinceCode: "24", communeCode: "07210" },
  { code: C.quangNinhDepartment, name: "Sở Y tế tỉnh Quảng Ninh", shortName: "Sở Y tế Quảng Ninh", nameEn: "Quang Ninh Department of Health", kind: "health_department", level: null, provinceCode: "22", communeCode: "06688" },
  { code: C.langSonDepartment, name: "Sở Y tế tỉnh Lạng Sơn", shortName: "Sở Y tế Lạng Sơn", nameEn: "Lang Son Department of Health", kind: "health_department", level: null, provinceCode: "20" },
  { code: C.caoBangDepartment, name: "Sở Y tế tỉnh Cao Bằng", shortName: "Sở Y tế Cao Bằng", nameEn: "Cao Bang Department of Health", kind: "health_department", level: null, provinceCode: "04", communeCode: "01273" },
  { code: C.tuyenQuangDepartment, name: "Sở Y tế tỉnh Tuyên Quang", shortName: "Sở Y tế Tuyên Quang", nameEn: "Tuyen Quang Department of Health", kind: "health_department", level: null, provinceCode: "08", communeCode: "02215" },

  // ---- foreign partner: a provincial-level authority of China, hence level B; no province of Viet Nam
  { code: C.guangxi, name: "Ủy ban Y tế Khu tự trị dân tộc Choang Quảng Tây", shortName: "Ủy ban Y tế Quảng Tây", nameEn: "Health Commission of Guangxi Zhuang Autonomous Region", kind: "other_organisation", level: null, ownership: "foreign", country: "CN", provinceCode: null },

  // ---- Lao Cai (15): provincial general hospitals No. 1–4 and regional medical centres
  { code: C.laoCai1, name: "Bệnh viện Đa khoa tỉnh Lào Cai số 1", shortName: "BVĐK Lào Cai số 1", nameEn: "Lao Cai Provincial General Hospital No. 1", kind: "provincial_hospital", level: "B", grade: "I", beds: 900, provinceCode: "15", directedBy: C.bachMai },
  { code: C.laoCai2, name: "Bệnh viện Đa khoa tỉnh Lào Cai số 2", shortName: "BVĐK Lào Cai số 2", nameEn: "Lao Cai Provincial General Hospital No. 2", kind: "provincial_hospital", level: "B", grade: "I", beds: 700, provinceCode: "15", directedBy: C.laoCaiDepartment },
  { code: C.laoCai3, name: "Bệnh viện Đa khoa tỉnh Lào Cai số 3", shortName: "BVĐK Lào Cai số 3", nameEn: "Lao Cai Provincial General Hospital No. 3", kind: "provincial_hospital", level: "B", grade: "II", beds: 400, provinceCode: "15", directedBy: C.laoCai2 },
  { code: C.laoCai4, name: "Bệnh viện Đa khoa tỉnh Lào Cai số 4", shortName: "BVĐK Lào Cai số 4", nameEn: "Lao Cai Provincial General Hospital No. 4", kind: "provincial_hospital", level: "B", grade: "II", beds: 350, provinceCode: "15", directedBy: C.laoCai1 },
  { code: C.baoThang, name: "Trung tâm Y tế khu vực Bảo Thắng", shortName: "TTYT KV Bảo Thắng", nameEn: "Bao Thang Regional Medical Centre", kind: "regional_centre", level: "C", grade: "III", beds: 180, provinceCode: "15", communeCode: "02905", directedBy: C.laoCai2 },
  { code: C.baoYen, name: "Trung tâm Y tế khu vực Bảo Yên", shortName: "TTYT KV Bảo Yên", nameEn: "Bao Yen Regional Medical Centre", kind: "regional_centre", level: "C", grade: "III", beds: 150, provinceCode: "15", communeCode: "02947", directedBy: C.laoCai2 },
  { code: C.batXat, name: "Trung tâm Y tế khu vực Bát Xát", shortName: "TTYT KV Bát Xát", nameEn: "Bat Xat Regional Medical Centre", kind: "regional_centre", level: "C", grade: "III", beds: 150, provinceCode: "15", communeCode: "02683", directedBy: C.laoCai2 },
  { code: C.saPa, name: "Trung tâm Y tế khu vực Sa Pa", shortName: "TTYT KV Sa Pa", nameEn: "Sa Pa Regional Medical Centre", kind: "regional_centre", level: "C", grade: "III", beds: 150, provinceCode: "15", communeCode: "03006", directedBy: C.laoCai1 },
  { code: C.bacHa, name: "Trung tâm Y tế khu vực Bắc Hà", shortName: "TTYT KV Bắc Hà", nameEn: "Bac Ha Regional Medical Centre", kind: "regional_centre", level: "C", grade: "III", beds: 120, provinceCode: "15", communeCode: "02839", directedBy: C.laoCai1 },
  { code: C.nghiaLo, name: "Trung tâm Y tế khu vực Nghĩa Lộ", shortName: "TTYT KV Nghĩa Lộ", nameEn: "Nghia Lo Regional Medical Centre", kind: "regional_centre", level: "C", grade: "III", beds: 200, provinceCode: "15", communeCode: "04288", directedBy: C.laoCai4 },

  // ---- Bac Ninh (24)
  { code: C.bacNinh, name: "Bệnh viện Đa khoa tỉnh Bắc Ninh", shortName: "BVĐK tỉnh Bắc Ninh", nameEn: "Bac Ninh Provincial General Hospital", kind: "provincial_hospital", level: "B", grade: "I", beds: 1000, provinceCode: "24", communeCode: "09187", directedBy: C.bachMai },
  { code: C.bacGiang, name: "Bệnh viện Đa khoa tỉnh Bắc Giang", shortName: "BVĐK Bắc Giang", nameEn: "Bac Giang General Hospital", kind: "provincial_hospital", level: "B", grade: "I", beds: 900, provinceCode: "24", communeCode: "07210", directedBy: C.vietDuc },
  { code: C.bacNinhObstetricsPaediatrics, name: "Bệnh viện Sản - Nhi tỉnh Bắc Ninh", shortName: "BV Sản - Nhi Bắc Ninh", nameEn: "Bac Ninh Obstetrics and Paediatrics Hospital", kind: "provincial_hospital", level: "B", grade: "II", beds: 600, provinceCode: "24", directedBy: C.bacNinhDepartment },
  { code: C.tuSon, name: "Trung tâm Y tế khu vực Từ Sơn", shortName: "TTYT KV Từ Sơn", nameEn: "Tu Son Regional Medical Centre", kind: "regional_centre", level: "C", grade: "III", beds: 200, provinceCode: "24", communeCode: "09367", directedBy: C.bacNinh },
  { code: C.lucNgan, name: "Trung tâm Y tế khu vực Lục Ngạn", shortName: "TTYT KV Lục Ngạn", nameEn: "Luc Ngan Regional Medical Centre", kind: "regional_centre", level: "C", grade: "III", beds: 180, provinceCode: "24", communeCode: "07582", directedBy: C.bacGiang },
];

/** The 2025 reorganisation: district health centres became regional medical centres (same level C). */
export const REORGANISATION_DATE = "2025-07-01";
const REORGANISATION_NOTE = "Trung tâm Y tế huyện sắp xếp thành Trung tâm Y tế khu vực (2025)";

/** Creates the network through the facility commands; returns the facility ids by code. */
export function seedNetwork(db: Db, today: string): Map<string, number> {
  const ids = new Map<string, number>();
  for (const { directedBy, ...input } of DEMO_FACILITIES) {
    const directedById = directedBy ? ids.get(directedBy) : null;
    if (directedBy && directedById === undefined) throw new Error(`seed order: ${input.code} before ${directedBy}`);
    const facility = createFacility(db, { ...input, directedById }, null);
    ids.set(facility.code, facility.id);
    if (facility.kind === "regional_centre" && facility.level && REORGANISATION_DATE <= today) {
      changeFacilityLevel(db, facility.id, facility.level, REORGANISATION_DATE, REORGANISATION_NOTE, null, today);
    }
  }
  return ids;
}

/** The id of a seeded facility by its stable code; throws when it is missing. */
export function facilityIdByCode(db: Db, code: string): number {
  const row = db.select({ id: facilities.id }).from(facilities).where(eq(facilities.code, code)).get();
  if (!row) throw new Error(`no facility with code ${code}: has the network been seeded?`);
  return row.id;
}
