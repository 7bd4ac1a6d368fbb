// The demo network: the central hospitals, Lao Cai's and Bac Ninh's hospitals
// and regional medical centres, four northern health departments and the Guangxi Health
// Commission. Lào Cai's regional centres carry the names of its real pre-2025 districts
// (former Lào Cai and former Yên Bái provinces) and its commune stations the names of real
// 2025 communes, each under the centre of its former district. Health departments and the
// Guangxi commission deliver no care: no level, no staff, no ledger. Province codes follow the 34-province map of 2025 (seeds/data/provinces_34_2025.csv):
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
  muongKhuong: "LC-TTYT-MUONGKHUONG",
  siMaCai: "LC-TTYT-SIMACAI",
  vanBan: "LC-TTYT-VANBAN",
  lucYen: "LC-TTYT-LUCYEN",
  vanYen: "LC-TTYT-VANYEN",
  muCangChai: "LC-TTYT-MUCANGCHAI",
  tranYen: "LC-TTYT-TRANYEN",
  tramTau: "LC-TTYT-TRAMTAU",
  vanChan: "LC-TTYT-VANCHAN",
  yenBinh: "LC-TTYT-YENBINH",
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

/** Lào Cai commune stations: [2025 commune code, name, English name, directing regional centre]. */
const LAO_CAI_COMMUNE_STATIONS: readonly [string, string, string, string][] = [
  ["02701", "Y Tý", "Y Ty", C.batXat],
  ["02707", "Dền Sáng", "Den Sang", C.batXat],
  ["02752", "Pha Long", "Pha Long", C.muongKhuong],
  ["02782", "Cao Sơn", "Cao Son", C.muongKhuong],
  ["02824", "Sín Chéng", "Sin Cheng", C.siMaCai],
  ["02848", "Lùng Phình", "Lung Phinh", C.bacHa],
  ["02890", "Bảo Nhai", "Bao Nhai", C.bacHa],
  ["02902", "Phong Hải", "Phong Hai", C.baoThang],
  ["02923", "Gia Phú", "Gia Phu", C.baoThang],
  ["02953", "Nghĩa Đô", "Nghia Do", C.baoYen],
  ["02968", "Thượng Hà", "Thuong Ha", C.baoYen],
  ["03037", "Tả Van", "Ta Van", C.saPa],
  ["03076", "Nậm Chày", "Nam Chay", C.vanBan],
  ["03106", "Dương Quỳ", "Duong Quy", C.vanBan],
  ["04345", "Mường Lai", "Muong Lai", C.lucYen],
  ["04399", "Đông Cuông", "Dong Cuong", C.vanYen],
  ["04465", "Khao Mang", "Khao Mang", C.muCangChai],
  ["04609", "Phình Hồ", "Phinh Ho", C.tramTau],
  ["04630", "Tú Lệ", "Tu Le", C.vanChan],
  ["04717", "Thác Bà", "Thac Ba", C.yenBinh],
];

function communeStation(communeCode: string, name: string, nameEn: string, centre: string): FacilitySeed {
  return {
    code: `TYT-15-${communeCode}`,
    name: `Trạm Y tế xã ${name}`,
    shortName: `TYT ${name}`,
    nameEn: `${nameEn} Commune Health Station`,
    kind: "commune_station",
    level: "D",
    beds: 5,
    provinceCode: "15",
    communeCode,
    openedOn: "2010-01-01",
    directedBy: centre,
  };
}

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

  // ---- foreign partner: a provincial authority of China that delivers no care (no level); no province of Viet Nam
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
  // Former Lào Cai districts not yet listed, then former Yên Bái (merged into Lào Cai in 2025).
  // Each centre sits in the 2025 commune that kept the district's name or seat.
  { code: C.muongKhuong, name: "Trung tâm Y tế khu vực Mường Khương", shortName: "TTYT KV Mường Khương", nameEn: "Muong Khuong Regional Medical Centre", kind: "regional_centre", level: "C", grade: "III", beds: 110, provinceCode: "15", communeCode: "02761", directedBy: C.laoCai1 },
  { code: C.siMaCai, name: "Trung tâm Y tế khu vực Si Ma Cai", shortName: "TTYT KV Si Ma Cai", nameEn: "Si Ma Cai Regional Medical Centre", kind: "regional_centre", level: "C", grade: "III", beds: 80, provinceCode: "15", communeCode: "02809", directedBy: C.laoCai1 },
  { code: C.vanBan, name: "Trung tâm Y tế khu vực Văn Bàn", shortName: "TTYT KV Văn Bàn", nameEn: "Van Ban Regional Medical Centre", kind: "regional_centre", level: "C", grade: "III", beds: 150, provinceCode: "15", communeCode: "03103", directedBy: C.laoCai1 },
  { code: C.lucYen, name: "Trung tâm Y tế khu vực Lục Yên", shortName: "TTYT KV Lục Yên", nameEn: "Luc Yen Regional Medical Centre", kind: "regional_centre", level: "C", grade: "III", beds: 150, provinceCode: "15", communeCode: "04303", directedBy: C.laoCai3 },
  { code: C.vanYen, name: "Trung tâm Y tế khu vực Văn Yên", shortName: "TTYT KV Văn Yên", nameEn: "Van Yen Regional Medical Centre", kind: "regional_centre", level: "C", grade: "III", beds: 150, provinceCode: "15", communeCode: "04375", directedBy: C.laoCai3 },
  { code: C.yenBinh, name: "Trung tâm Y tế khu vực Yên Bình", shortName: "TTYT KV Yên Bình", nameEn: "Yen Binh Regional Medical Centre", kind: "regional_centre", level: "C", grade: "III", beds: 130, provinceCode: "15", communeCode: "04714", directedBy: C.laoCai3 },
  { code: C.tranYen, name: "Trung tâm Y tế khu vực Trấn Yên", shortName: "TTYT KV Trấn Yên", nameEn: "Tran Yen Regional Medical Centre", kind: "regional_centre", level: "C", grade: "III", beds: 120, provinceCode: "15", communeCode: "04498", directedBy: C.laoCai3 },
  { code: C.vanChan, name: "Trung tâm Y tế khu vực Văn Chấn", shortName: "TTYT KV Văn Chấn", nameEn: "Van Chan Regional Medical Centre", kind: "regional_centre", level: "C", grade: "III", beds: 130, provinceCode: "15", communeCode: "04672", directedBy: C.laoCai4 },
  { code: C.muCangChai, name: "Trung tâm Y tế khu vực Mù Cang Chải", shortName: "TTYT KV Mù Cang Chải", nameEn: "Mu Cang Chai Regional Medical Centre", kind: "regional_centre", level: "C", grade: "III", beds: 90, provinceCode: "15", communeCode: "04456", directedBy: C.laoCai4 },
  { code: C.tramTau, name: "Trung tâm Y tế khu vực Trạm Tấu", shortName: "TTYT KV Trạm Tấu", nameEn: "Tram Tau Regional Medical Centre", kind: "regional_centre", level: "C", grade: "III", beds: 70, provinceCode: "15", communeCode: "04606", directedBy: C.laoCai4 },

  // Commune health stations: real 2025 communes of Lào Cai, each directed by the regional
  // centre of the former district it lies in.
  ...LAO_CAI_COMMUNE_STATIONS.map(([communeCode, name, nameEn, centre]) => communeStation(communeCode, name, nameEn, centre)),

  // ---- Bac Ninh (24)
  { code: C.bacNinh, name: "Bệnh viện Đa khoa tỉnh Bắc Ninh", shortName: "BVĐK tỉnh Bắc Ninh", nameEn: "Bac Ninh Provincial General Hospital", kind: "provincial_hospital", level: "B", grade: "I", beds: 1000, provinceCode: "24", communeCode: "09187", directedBy: C.bachMai },
  { code: C.bacGiang, name: "Bệnh viện Đa khoa tỉnh Bắc Giang", shortName: "BVĐK Bắc Giang", nameEn: "Bac Giang General Hospital", kind: "provincial_hospital", level: "B", grade: "I", beds: 900, provinceCode: "24", communeCode: "07210", directedBy: C.vietDuc },
  { code: C.bacNinhObstetricsPaediatrics, name: "Bệnh viện Sản - Nhi tỉnh Bắc Ninh", shortName: "BV Sản - Nhi Bắc Ninh", nameEn: "Bac Ninh Obstetrics and Paediatrics Hospital", kind: "specialised_hospital", level: "B", grade: "II", beds: 600, provinceCode: "24", directedBy: C.bacNinhDepartment },
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
