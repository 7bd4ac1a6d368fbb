// The techniques named in the published Lao Cai / Bac Ninh / Guangxi material,
// mapped to real codes of the national catalogue (Decision 7603, Appendix 1). Every demo seed
// (staff, agreements, transfer items, rotations, courses) takes its techniques from here.
//
// Two named techniques have no exact code in that catalogue, and the closest real code is used:
// allogeneic kidney transplantation (kidneyTransplant -> 10.296, renal autotransplantation,
// level A) and IVF (ivf -> 13.84, transvaginal ovarian puncture under ultrasound, the
// oocyte-retrieval step). `minLevel` repeats the catalogue's value (a test checks it).
import type { Level } from "~/models/enums";

export type DemoTechnique = {
  code: string;
  /** English label for seed texts and tests; the app shows the catalogue's Vietnamese name. */
  en: string;
  minLevel: Level;
  chapterNumber: number;
};

export const DEMO_TECHNIQUES = {
  /** Phẫu thuật lấy máu tụ dưới màng cứng cấp tính */
  subduralHaematoma: { code: "10.8", en: "Removal of acute subdural haematoma", minLevel: "B", chapterNumber: 10 },
  /** Phẫu thuật lấy máu tụ dưới màng cứng mạn tính hai bên */
  chronicSubduralHaematoma: { code: "10.10", en: "Removal of bilateral chronic subdural haematoma", minLevel: "B", chapterNumber: 10 },
  /** Phẫu thuật lấy máu tụ trong não thất */
  intracranialHaematoma: { code: "10.12", en: "Removal of intracranial (intraventricular) haematoma", minLevel: "B", chapterNumber: 10 },
  /** Phẫu thuật thay toàn bộ khớp háng */
  hipReplacement: { code: "10.929", en: "Total hip replacement", minLevel: "B", chapterNumber: 10 },
  /** Phẫu thuật thay khớp háng bán phần */
  hipHemiarthroplasty: { code: "10.930", en: "Hip hemiarthroplasty", minLevel: "B", chapterNumber: 10 },
  /** Nội soi khớp gối chẩn đoán (có sinh thiết) */
  kneeArthroscopy: { code: "2.365", en: "Diagnostic knee arthroscopy (with biopsy)", minLevel: "B", chapterNumber: 2 },
  /** Phẫu thuật nội soi tái tạo dây chằng chéo trước bằng gân bánh chè tự thân */
  arthroscopicAclReconstruction: { code: "27.466", en: "Arthroscopic ACL reconstruction (patellar tendon autograft)", minLevel: "B", chapterNumber: 27 },
  /** Phẫu thuật nội soi tái tạo dây chằng chéo sau */
  arthroscopicPclReconstruction: { code: "27.470", en: "Arthroscopic PCL reconstruction", minLevel: "A", chapterNumber: 27 },
  /** Tim phổi nhân tạo (ECMO) cấp cứu tại giường trong hỗ trợ suy hô hấp cấp ≤ 8 giờ */
  ecmo: { code: "1.48", en: "Bedside ECMO for acute respiratory failure", minLevel: "A", chapterNumber: 1 },
  /** Kỹ thuật chạy máy hỗ trợ tim phổi (ECMO) ở người lớn */
  ecmoAdult: { code: "10.242", en: "ECMO support in adults", minLevel: "B", chapterNumber: 10 },
  /** Ghép thận tự thân trong cấp cứu do chấn thương cuống thận (closest code: see above) */
  kidneyTransplant: { code: "10.296", en: "Kidney transplantation (renal autotransplant)", minLevel: "A", chapterNumber: 10 },
  /** Giảm đau trong đẻ bằng phương pháp gây tê ngoài màng cứng */
  labourEpidural: { code: "13.19", en: "Epidural analgesia in labour", minLevel: "B", chapterNumber: 13 },
  /** Chọc ối làm xét nghiệm tế bào */
  amniocentesis: { code: "13.47", en: "Amniocentesis for cytogenetic testing", minLevel: "B", chapterNumber: 13 },
  /** Chọc nang buồng trứng đường âm đạo dưới siêu âm (closest code: see above) */
  ivf: { code: "13.84", en: "IVF oocyte retrieval (transvaginal ovarian puncture)", minLevel: "B", chapterNumber: 13 },
  /** Cắt toàn bộ dạ dày do ung thư và vét hạch hệ thống */
  gastrectomyForCancer: { code: "12.201", en: "Total gastrectomy for cancer with lymphadenectomy", minLevel: "B", chapterNumber: 12 },
  /** Cắt khối tá tụy */
  pancreaticoduodenectomy: { code: "10.648", en: "Pancreaticoduodenectomy (Whipple)", minLevel: "B", chapterNumber: 10 },
  /** Phẫu thuật nội soi cắt khối tá tụy */
  laparoscopicPancreaticoduodenectomy: { code: "27.285", en: "Laparoscopic pancreaticoduodenectomy", minLevel: "A", chapterNumber: 27 },
  /** Phẫu thuật cắt phổi do ung thư kèm nạo vét hạch */
  lungTumourResection: { code: "10.274", en: "Lung resection for cancer with lymph node dissection", minLevel: "B", chapterNumber: 10 },
  /** Cắt một thuỳ phổi hoặc một phân thuỳ phổi do ung thư */
  lobectomyForCancer: { code: "12.182", en: "Lobectomy or segmentectomy for cancer", minLevel: "B", chapterNumber: 12 },
} as const satisfies Record<string, DemoTechnique>;

export type DemoTechniqueKey = keyof typeof DEMO_TECHNIQUES;

export const DEMO_TECHNIQUE_KEYS = Object.keys(DEMO_TECHNIQUES) as DemoTechniqueKey[];

export function demoTechniqueCodes(keys: readonly DemoTechniqueKey[]): string[] {
  return keys.map((key) => DEMO_TECHNIQUES[key].code);
}
