import { expect, test } from "vitest";
import { getFixedT } from "~/i18n/i18n";
import { checkWithStaffSchema, parseCadre, parseSpecialty, readStaffRow, locateStaffHeader } from "~/models/staff/import-rules";
import { translateMessage } from "~/utils/messages";

test.each([
  ["Bác sĩ", "doctor"],
  ["Bác sỹ", "doctor"],
  ["BS", "doctor"],
  ["bs.", "doctor"],
  ["BSCKI", "doctor"],
  ["BS.CKII", "doctor"],
  ["BSCK I", "doctor"],
  ["BSNT", "doctor"],
  ["ThS.BS", "doctor"],
  ["PGS.TS.BS", "doctor"],
  ["Thạc sĩ bác sĩ", "doctor"],
  ["Bác sĩ chuyên khoa II", "doctor"],
  ["doctor", "doctor"],
  ["Y sĩ", "assistant_doctor"],
  ["Y sỹ đa khoa", "assistant_doctor"],
  ["YS", "assistant_doctor"],
  ["assistant_doctor", "assistant_doctor"],
  ["Điều dưỡng", "nurse"],
  ["ĐD", "nurse"],
  ["ĐDV", "nurse"],
  ["CN điều dưỡng", "nurse"],
  ["Cử nhân điều dưỡng", "nurse"],
  ["CNĐD", "nurse"],
  ["Điều dưỡng hạng III", "nurse"],
  ["Y tá", "nurse"],
  ["Hộ sinh", "midwife"],
  ["Nữ hộ sinh", "midwife"],
  ["HS", "midwife"],
  ["CN hộ sinh", "midwife"],
  ["Kỹ thuật viên", "technician"],
  ["Kĩ thuật viên", "technician"],
  ["KTV", "technician"],
  ["KTV xét nghiệm", "technician"],
  ["CN kỹ thuật y", "technician"],
  ["Cử nhân xét nghiệm", "technician"],
  ["Dược sĩ", "pharmacist"],
  ["Dược sỹ", "pharmacist"],
  ["DS", "pharmacist"],
  ["DSCKI", "pharmacist"],
  ["Dược sĩ trung học", "pharmacist"],
  ["Khác", "other"],
  ["Hộ lý", "other"],
])("cadre “%s” reads as %s", (text, cadre) => {
  expect(parseCadre(text)).toBe(cadre);
});

test.each(["", "   ", "phi công", "TS", "CN", "Giám đốc", "Y học"])("“%s” is not a cadre", (text) => {
  expect(parseCadre(text)).toBeNull();
});

test.each([
  ["10", 10],
  ["X", 10],
  ["x", 10],
  ["X. NGOẠI KHOA", 10],
  ["10. Ngoại khoa", 10],
  ["Chương X", 10],
  ["Ngoại khoa", 10],
  ["NGOẠI KHOA", 10],
  ["Ngoại", 10],
  ["Khoa Ngoại", 10],
  ["Nhi khoa", 3],
  ["III", 3],
  ["Hồi sức cấp cứu và chống độc", 1],
  ["Gây mê hồi sức", 9],
  ["Phụ sản", 13],
  ["Tai mũi họng", 15],
  ["Y học cổ truyền", 8],
  ["XXVIII", 28],
])("specialty “%s” is chapter %i", (text, chapter) => {
  expect(parseSpecialty(text)).toBe(chapter);
});

test.each(["0", "29", "XXX", "Nghề mộc", "X. NỘI KHOA", "IIII"])("specialty “%s” is refused", (text) => {
  expect(parseSpecialty(text)).toBe("invalid");
});

test("a blank specialty keeps the stored one", () => {
  expect(parseSpecialty("  ")).toBeNull();
});

const header = { rowNumber: 1, cells: ["Họ và tên", "Chức danh", "Chuyên khoa", "Số CCHN", "Email", "Kỹ thuật"] };

test("headers are found in Vietnamese or English, below a title row", () => {
  const found = locateStaffHeader([{ rowNumber: 1, cells: ["DANH SÁCH NHÂN SỰ 2026"] }, { ...header, rowNumber: 2 }]);
  expect(found).toMatchObject({ ok: true, headerRowNumber: 2, columns: { fullName: 0, cadre: 1, specialty: 2, licenceNumber: 3, email: 4, techniques: 5 } });
  expect(locateStaffHeader([{ rowNumber: 1, cells: ["Full name", "Cadre", "Licence number"] }])).toMatchObject({ ok: true, columns: { licenceNumber: 2 } });
  expect(locateStaffHeader([{ rowNumber: 1, cells: ["Họ và tên", "Tuổi"] }])).toEqual({ ok: false, missing: ["cadre"] });
});

test("a row's problems name the column in the reader's language", () => {
  const found = locateStaffHeader([header]);
  if (!found.ok) throw new Error("header");
  const { values, problems } = readStaffRow({ rowNumber: 2, cells: ["Lò Văn Sáng", "phi công", "Nghề mộc", "000123/LC-CCHN", "", "10.10"], numeric: [5] }, found.columns);
  expect(values).toMatchObject({ fullName: "Lò Văn Sáng", licenceNumber: "000123/LC-CCHN" });
  const vi = problems.map((m) => translateMessage(getFixedT("vi"), m));
  const en = problems.map((m) => translateMessage(getFixedT("en"), m));
  expect(vi[0]).toBe("Cột “Chức danh”: “phi công” không phải là chức danh đã biết (Bác sĩ/BS, Y sĩ/YS, Điều dưỡng/ĐD, Hộ sinh/HS, Kỹ thuật viên/KTV, Dược sĩ/DS, Khác).");
  expect(en[0]).toMatch(/^Column “Cadre”: “phi công” is not a known cadre/);
  expect(en[1]).toMatch(/^Column “Specialty”: “Nghề mộc” is not a catalogue chapter/);
  expect(en[2]).toMatch(/^Column “Techniques”: 10.10 was stored as a number/);
});

test("the staff form's schema refuses a huge cell and a bad e-mail, naming the column", () => {
  const messages = checkWithStaffSchema({ fullName: "A".repeat(10_001), cadre: "doctor", email: "an.nv@benhvien" });
  const en = messages.map((m) => translateMessage(getFixedT("en"), m));
  expect(en).toEqual(["Column “Full name”: 10001 characters long, 200 at most.", "Column “Email”: " + getFixedT("en")("common:validation.email")]);
  expect(checkWithStaffSchema({ fullName: "Lò Thị Hoa", cadre: "assistant_doctor", email: "hoa@bv.vn", chapterNumber: 3 })).toEqual([]);
  expect(checkWithStaffSchema({ fullName: "Lò Thị Hoa", cadre: null }).map((m) => translateMessage(getFixedT("vi"), m))).toEqual([
    "Cột “Chức danh”: Vui lòng nhập trường này.",
  ]);
});
