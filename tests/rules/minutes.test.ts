import { expect, test } from "vitest";
import { getFixedT } from "~/i18n/i18n";
import { generateMinutes, meetingDefaults, minutesHeadingIndex, minutesLineStyle, minutesYearRange, parseMinutesYear, reviewWindow, type MinutesSummary, type Translate } from "~/models/agreements/minutes";
import type { Locale } from "~/models/enums";

const t = (locale: Locale) => getFixedT(locale, "planning") as unknown as Translate;

/** A hand-built year: two sites, one acceptance, one line in training, one course, two lines next year. */
function summary(): MinutesSummary {
  return {
    year: 2025,
    asOf: "2025-12-31",
    agreement: { number: "7/HĐ", title: "Chuyển giao kỹ thuật ngoại khoa", signedOn: "2024-03-15", startOn: "2024-04-01", endOn: null },
    parties: [
      { facilityId: 2, name: "TTYT Bảo Yên", side: "receiving" },
      { facilityId: 1, name: "BVĐK tỉnh số 2", side: "supporting" },
    ],
    meetings: [{ title: "Giao ban quý II", heldOn: "2025-06-20", hostName: "TTYT Bảo Yên" }],
    documents: [{ title: "Kế hoạch chuyển giao 2025" }],
    rotations: {
      sites: [
        { facilityId: 2, name: "TTYT Bảo Yên", rotations: 2, people: 2, deliveredMonths: 5.91, scheduledMonths: 6 },
        { facilityId: 3, name: "TTYT Bát Xát", rotations: 1, people: 1, deliveredMonths: 1234.5, scheduledMonths: 1234.5 },
      ],
      totals: { rotations: 3, people: 3, deliveredMonths: 1240.41, scheduledMonths: 1240.5 },
    },
    accepted: [{ code: "10.123", name: "Phẫu thuật máu tụ dưới màng cứng", toName: "TTYT Bảo Yên", acceptedOn: "2025-09-05" }],
    inProgress: [{ code: "13.45", name: "Gây tê ngoài màng cứng giảm đau sản khoa", toName: "TTYT Bảo Yên", stage: "training" }],
    courses: [{ title: "Hồi sức sơ sinh", hostName: "BVĐK tỉnh số 2", startOn: "2025-10-01", endOn: "2025-10-10", completed: 12 }],
    nextYear: [
      { code: "13.45", name: "Gây tê ngoài màng cứng giảm đau sản khoa", fromName: "BV số 2", toName: "Bảo Yên", phase: 1, stage: "training", targetDate: "2026-05-31" },
      { code: "10.200", name: "Cắt dạ dày", fromName: "BV số 2", toName: "Bảo Yên", phase: 2, stage: "planned", targetDate: null },
    ],
  };
}

test("the Vietnamese minutes: formal header, every section, figures in Vietnamese notation", () => {
  const text = generateMinutes(summary(), t("vi"), "vi");
  const lines = text.split("\n");
  expect(lines.slice(0, 2)).toEqual(["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]);
  expect(text).toContain("BIÊN BẢN HỘI NGHỊ TỔNG KẾT NĂM 2025");
  expect(text).toContain("Thực hiện hợp đồng số 7/HĐ: Chuyển giao kỹ thuật ngoại khoa");
  for (const heading of ["I. THÀNH PHẦN THAM DỰ", "II. KẾT QUẢ THỰC HIỆN NĂM 2025", "III. KẾ HOẠCH NĂM 2026", "IV. KẾT LUẬN"]) {
    expect(lines).toContain(heading);
  }
  // Supporting side first whatever order the parties came in.
  expect(lines).toContain("1. Bên hỗ trợ: BVĐK tỉnh số 2");
  expect(lines).toContain("2. Bên nhận: TTYT Bảo Yên");
  expect(text).toContain("- TTYT Bảo Yên: 2 lượt, 2 người, 5,91 người-tháng đã thực hiện (6 người-tháng theo kế hoạch).");
  expect(text).toContain("- TTYT Bát Xát: 1 lượt, 1 người, 1.234,5 người-tháng");
  expect(text).toContain("- Tổng cộng: 3 lượt, 3 người, 1.240,41 người-tháng");
  expect(text).toContain("- 10.123 Phẫu thuật máu tụ dưới màng cứng (TTYT Bảo Yên), nghiệm thu ngày 05/09/2025.");
  expect(text).toContain("b) Kỹ thuật đang triển khai (đến ngày 31/12/2025): 1");
  expect(text).toContain("(TTYT Bảo Yên): Đang đào tạo.");
  expect(text).toContain("- Hồi sức sơ sinh (BVĐK tỉnh số 2, 01/10/2025 - 10/10/2025): 12 học viên hoàn thành.");
  expect(text).toContain("- Giai đoạn 1: 13.45 Gây tê ngoài màng cứng giảm đau sản khoa (BV số 2 → Bảo Yên), Đang đào tạo, hạn 31/05/2026.");
  expect(text).toContain("- Giai đoạn 2: 10.200 Cắt dạ dày (BV số 2 → Bảo Yên), Kế hoạch, chưa có hạn.");
  expect(text).toContain("+ Ngày 20/06/2025: Giao ban quý II (đơn vị đăng cai: TTYT Bảo Yên)");
  expect(text).toContain("ĐẠI DIỆN BÊN HỖ TRỢ");
  expect(text).toContain("ĐẠI DIỆN BÊN NHẬN");
  expect(text).not.toMatch(/planning:|enums:|\{\{/);
});

test("the English minutes have the same sections with English notation", () => {
  const text = generateMinutes(summary(), t("en"), "en");
  expect(text.split("\n").slice(0, 2)).toEqual(["SOCIALIST REPUBLIC OF VIET NAM", "Independence - Freedom - Happiness"]);
  for (const part of [
    "MINUTES OF THE 2025 ANNUAL REVIEW CONFERENCE",
    "I. PARTICIPANTS",
    "1. Supporting party: BVĐK tỉnh số 2",
    "II. RESULTS IN 2025",
    "- TTYT Bảo Yên: rotations: 2; staff: 2; person-months delivered: 5.91 (scheduled: 6).",
    "person-months delivered: 1,234.5",
    "- Total: rotations: 3; staff: 3; person-months delivered: 1,240.41",
    "accepted on 05 Sept 2025",
    "III. PLAN FOR 2026",
    "IV. CONCLUSION",
    "FOR THE SUPPORTING PARTY",
  ]) {
    expect(text).toContain(part);
  }
  expect(text).not.toMatch(/planning:|enums:|\{\{/);
});

test("an empty year says so in each section rather than leaving it out", () => {
  const empty: MinutesSummary = { ...summary(), meetings: [], documents: [], rotations: { sites: [], totals: { rotations: 0, people: 0, deliveredMonths: 0, scheduledMonths: 0 } }, accepted: [], inProgress: [], courses: [], nextYear: [] };
  const text = generateMinutes(empty, t("vi"), "vi");
  expect(text).toContain("- Hội nghị, cuộc họp: 0");
  expect(text).toContain("- Không có đợt luân phiên nào trong năm.");
  expect(text).toContain("- Không có khóa đào tạo nào trong năm.");
  expect(text).toContain("III. KẾ HOẠCH NĂM 2026");
});

test("the meeting record's fields are prefilled from the same figures", () => {
  const d = meetingDefaults(summary(), t("vi"), "vi");
  expect(d.title).toBe("Hội nghị tổng kết năm 2025 hợp đồng 7/HĐ");
  expect(d.decisions).toContain("1 kỹ thuật nghiệm thu, 1.240,41 người-tháng luân phiên, 12 học viên hoàn thành");
  expect(d.participants).toContain("BVĐK tỉnh số 2");
});

test("years: the term ±1, plain four digits; review windows from July to June", () => {
  expect(minutesYearRange({ startOn: "2024-04-01", endOn: "2026-05-14" }, "2026-03-15")).toEqual({ from: 2023, to: 2027 });
  expect(minutesYearRange({ startOn: "2024-04-01", endOn: null }, "2026-03-15")).toEqual({ from: 2023, to: 2027 });
  expect(parseMinutesYear("2025")).toBe(2025);
  expect(parseMinutesYear(" 2025 ")).toBe(2025);
  for (const bad of ["", "abc", "2025.5", "20251", "-2025", null, undefined]) expect(parseMinutesYear(bad)).toBeNull();
  expect(reviewWindow(2025)).toEqual({ from: "2025-07-01", to: "2026-06-30" });
});

test("document layout is read from the text: header and title centred, headings bold", () => {
  const lines = generateMinutes(summary(), t("vi"), "vi").split("\n");
  const h = minutesHeadingIndex(lines);
  expect(lines[h]).toBe("BIÊN BẢN HỘI NGHỊ TỔNG KẾT NĂM 2025");
  expect(minutesLineStyle(lines[0], 0, h)).toEqual({ centered: true, bold: true, italic: false });
  expect(minutesLineStyle(lines[1], 1, h).centered).toBe(true);
  const results = lines.indexOf("II. KẾT QUẢ THỰC HIỆN NĂM 2025");
  expect(minutesLineStyle(lines[results], results, h)).toEqual({ centered: false, bold: true, italic: false });
  const party = lines.indexOf("1. Bên hỗ trợ: BVĐK tỉnh số 2");
  expect(minutesLineStyle(lines[party], party, h).bold).toBe(false);
  const accepted = lines.findIndex((l) => l.startsWith("a) Kỹ thuật đã nghiệm thu"));
  expect(minutesLineStyle(lines[accepted], accepted, h).bold).toBe(true);
  const site = lines.findIndex((l) => l.startsWith("- TTYT Bảo Yên"));
  expect(minutesLineStyle(lines[site], site, h).bold).toBe(false);
});
