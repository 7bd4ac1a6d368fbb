// Which catalogue techniques a demo facility plausibly performs, so that the generated
// adoption history reads right to a doctor:
// - cross-level is one level up: a provincial hospital (B) adopts central (A) techniques, a
//   regional centre (C) provincial (B) ones, a commune station (D) regional (C) ones;
// - nobody below the central level performs robotic surgery, organ transplants, arterial
//   switches, ECMO or open-heart surgery;
// - regional centres take no special-class procedures (PĐB, TĐB), no nuclear medicine,
//   microsurgery or aesthetic surgery, no MRI, angiography, radiotherapy or chemotherapy;
// - commune stations (5 beds, a doctor or an assistant doctor, midwives) take simple
//   procedures (classes T2, T3, P3 or unclassed tests) of first-aid, internal medicine,
//   paediatrics, obstetrics, traditional medicine, rehabilitation, basic imaging and the
//   laboratory; no surgery, endoscopy or anaesthesia.
// Pure functions of the technique's facts: no database, no randomness.
import type { FacilityKind, Level } from "~/models/enums";

export type TechniqueFacts = {
  id: number;
  code: string;
  name: string;
  chapterNumber: number;
  minLevel: Level | null;
  procedureClass: string | null;
};

const LEVEL_ORDER: readonly Level[] = ["A", "B", "C", "D"];

/** The level just above `level` (null for A): where a facility's cross-level techniques come from. */
export function levelAbove(level: Level): Level | null {
  const i = LEVEL_ORDER.indexOf(level);
  return i > 0 ? LEVEL_ORDER[i - 1] : null;
}

/** Whole words or phrases (Vietnamese words are separated by spaces: "gan" must not match "ngang"). */
function anyOf(phrases: string[]): RegExp {
  return new RegExp(`(?<!\\p{L})(${phrases.join("|")})(?!\\p{L})`, "iu");
}

/** Central techniques that no provincial, regional or commune facility of the demo performs. */
const CENTRAL_ONLY = anyOf([
  "robot",
  "ghép (tim|phổi|gan|tụy|tuỵ|ruột|chi|thận|tủy|tuỷ|tế bào gốc)",
  "ghép van",
  "chuyển gốc động mạch",
  "tim phổi nhân tạo",
  "ecmo",
  "tuần hoàn ngoài cơ thể",
  "tim hở",
  "tim bẩm sinh",
  "dao gamma",
  "gamma knife",
  "proton",
  "người cho",
]);

/** Among central (A) techniques, those a provincial hospital does not take up: cardiac and
 *  great-vessel surgery, aneurysm clipping, skull-base surgery, implanted stimulators and
 *  defibrillators, cochlear implants, stem cells, radiotherapy. */
const CENTRAL_SURGERY = anyOf([
  "norwood",
  "ebstein",
  "fallot",
  "dks",
  "bắc cầu",
  "động mạch chủ",
  "van tim",
  "mạch vành",
  "tim",
  "tâm thất",
  "tâm nhĩ",
  "phình mạch não",
  "sọ hầu",
  "ốc tai",
  "lệch lạc phái tính",
  "tế bào gốc",
  "phân lưu cửa chủ",
  "nền sọ",
  "xương đá",
  "tuyến yên",
  "điện cực",
  "phá rung",
  "tạo nhịp",
  "xạ trị",
  "đồng vị",
  "phóng xạ",
]);

/** What a regional centre (former district hospital) does not do, even one level up. */
const NOT_REGIONAL = anyOf([
  "ghép",
  "tim",
  "mạch vành",
  "động mạch",
  "tĩnh mạch chủ",
  "phình mạch",
  "nối mạch",
  "vi phẫu",
  "cộng hưởng từ",
  "mri",
  "pet",
  "spect",
  "xạ hình",
  "xạ trị",
  "đồng vị",
  "dsa",
  "số hóa xóa nền",
  "chụp mạch",
  "nút mạch",
  "hóa chất",
  "hoá chất",
  "hóa trị",
  "hoá trị",
  "lọc máu",
  "thận nhân tạo",
  "huyết tương",
  "sọ",
  "não",
  "tủy sống",
  "tuỷ sống",
  "tuyến yên",
  "cột sống cổ",
  "lồng ngực",
  "phổi",
  "thực quản",
  "tụy",
  "tuỵ",
  "gan",
  "laser",
  "phaco",
  "thượng thận",
  "tuyến ức",
  "bắc cầu",
  "ung thư",
  "gen",
  "gene",
  "pcr",
  "giải trình tự",
  "phóng xạ",
  "đột biến",
  "genotype",
  "phương thức",
  "lọc màng bụng",
  "lọc",
]);

/** What a commune station does not do. */
const NOT_COMMUNE = anyOf([
  "phẫu thuật",
  "nội soi",
  "gây mê",
  "gây tê",
  "khí quản",
  "thở máy",
  "cắt lớp",
  "cộng hưởng từ",
  "chụp",
  "sinh thiết",
  "chọc",
  "dẫn lưu",
  "lọc máu",
  "truyền máu",
  "catheter",
  "đặt ống",
  "nắn",
  "bó bột",
  "cắt",
  "tim",
  "thông khí",
  "tiêu sợi huyết",
  "mạch não",
  "não",
  "thận nhân tạo",
  "hạ họng",
  "bàng quang",
  "tủy",
  "tuỷ",
]);

/** The laboratory tests a commune station runs: rapid tests. */
const COMMUNE_TESTS = anyOf(["nhanh", "test nhanh", "que thử", "giấy thử"]);

/** Chapters a regional centre's cross-level list does not come from (nuclear medicine,
 *  microsurgery, aesthetic surgery). */
const REGIONAL_EXCLUDED_CHAPTERS = new Set([19, 26, 28]);
/** Chapters a commune station works in. */
const COMMUNE_CHAPTERS = new Set([1, 2, 3, 5, 7, 8, 13, 15, 17, 18, 21, 22, 23, 24]);
const LABORATORY_CHAPTERS = new Set([22, 23, 24]);
const COMMUNE_CLASSES = new Set(["T2", "T3", "P3"]);

/** Whether a facility of `kind` at `level` plausibly performs `t` at all (either side of the cross-level line). */
export function plausibleFor(kind: FacilityKind, level: Level, t: TechniqueFacts): boolean {
  if (level === "A") return true;
  if (t.minLevel === "A" && level !== "B") return false;
  if (CENTRAL_ONLY.test(t.name)) return false;
  if (t.minLevel === "A" && CENTRAL_SURGERY.test(t.name)) return false;
  if (kind === "specialised_hospital") {
    // An obstetrics and paediatrics hospital: its own specialties and what supports them,
    // without the special-class surgery of the paediatric chapter.
    if (t.minLevel === "A" && t.procedureClass === "PDB") return false;
    return [1, 3, 9, 13, 18, 21, 22, 23, 24].includes(t.chapterNumber);
  }
  if (level === "B") return true;
  const ownLevel = t.minLevel === null || LEVEL_ORDER.indexOf(t.minLevel) >= LEVEL_ORDER.indexOf(level);
  if (level === "C") {
    if (ownLevel) return true;
    if (t.procedureClass === "PDB" || t.procedureClass === "TDB") return false;
    if (REGIONAL_EXCLUDED_CHAPTERS.has(t.chapterNumber)) return false;
    return !NOT_REGIONAL.test(t.name);
  }
  // Commune station (D): even its own-level list has no operating-theatre surgery (the
  // catalogue puts a simple appendectomy, P2, at level D).
  if (t.procedureClass === "PDB" || t.procedureClass === "P1" || t.procedureClass === "P2") return false;
  if (t.minLevel === "D") return true;
  if (!COMMUNE_CHAPTERS.has(t.chapterNumber)) return false;
  if (t.procedureClass !== null && !COMMUNE_CLASSES.has(t.procedureClass)) return false;
  if (LABORATORY_CHAPTERS.has(t.chapterNumber) && !COMMUNE_TESTS.test(t.name)) return false;
  if (t.chapterNumber === 18 && !/siêu âm/i.test(t.name)) return false;
  return !NOT_COMMUNE.test(t.name);
}

/**
 * Relative weight of a technique in a facility's cross-level adoptions: the large paediatric
 * chapter (mostly child versions of adult techniques) weighs less in general facilities;
 * surgery, internal medicine, resuscitation, obstetrics, imaging and the laboratory weigh
 * more; a regional centre takes first-class surgery (P1) less often than simpler work, and a
 * small one hardly ever.
 */
export function adoptionWeight(kind: FacilityKind, t: TechniqueFacts, beds: number): number {
  let w = 1;
  if (kind === "specialised_hospital") w = t.chapterNumber === 3 || t.chapterNumber === 13 ? 3 : 1;
  else if (t.chapterNumber === 3) w = 0.35;
  else if ([1, 2, 10, 13, 18, 22, 23, 27].includes(t.chapterNumber)) w = 1.6;
  // A small mountain centre (under 120 beds) rarely has the theatre team for first-class surgery.
  if (kind === "regional_centre" && t.procedureClass === "P1") w *= beds < 120 ? 0.05 : 0.3;
  // A grade II provincial hospital (under 500 beds) takes special-class surgery less often still.
  if (kind === "provincial_hospital" && t.procedureClass === "PDB") w *= beds < 500 ? 0.25 : 0.5;
  return w;
}
