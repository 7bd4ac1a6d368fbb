import { expect, test } from "vitest";
import { getFixedT } from "~/i18n/i18n";
import { encodeMessage, translateMessage } from "~/utils/messages";

const clash = encodeMessage("rotations:errors.clash.rotation", { title: "Bệnh viện Đa khoa Bảo Thắng", start: "2026-03-05", end: "2026-06-30" });

test("calendar dates in a message are shown in the reader's language", () => {
  expect(translateMessage(getFixedT("vi"), clash)).toContain("(05/03/2026 – 30/06/2026)");
  expect(translateMessage(getFixedT("en"), clash)).toContain("(05 Mar 2026 – 30 Jun 2026)");
});

test("an impossible date is quoted as typed, and other parameters are untouched", () => {
  expect(getFixedT("en", "adoption")("errors.invalidDate", { date: "2026-02-30" })).toBe("2026-02-30 is not a valid date (year-month-day).");
  expect(translateMessage(getFixedT("en"), clash)).toContain("Bệnh viện Đa khoa Bảo Thắng");
});

test("a stale save names the changed fields by their form labels, in the reader's language", () => {
  const message = encodeMessage("common:stale.message", { fields: "phase, targetDate, someColumn" });
  const vi = translateMessage(getFixedT("vi"), message);
  const en = translateMessage(getFixedT("en"), message);
  expect(en).toContain("(Phase, Target date, someColumn)");
  expect(vi).not.toContain("targetDate");
});

test("a parameter that is itself a message is rendered in the reader's language first", () => {
  const message = encodeMessage("imports:staff.inColumn", { columnMessage: "imports:fields.staff.cadre", problemMessage: "common:validation.required" });
  expect(translateMessage(getFixedT("vi"), message)).toBe("Cột “Chức danh”: Vui lòng nhập trường này.");
  expect(translateMessage(getFixedT("en"), message)).toBe(`Column “Cadre”: ${getFixedT("en")("common:validation.required")}`);
});

test("a name stored in both languages is shown in the reader's; a message without the English twin shows the Vietnamese name", () => {
  const both = encodeMessage("rotations:errors.clash.rotation", {
    title: "Bệnh viện Đa khoa Bảo Thắng",
    titleEn: "Bao Thang General Hospital",
    start: "2026-03-05",
    end: "2026-06-30",
  });
  expect(translateMessage(getFixedT("en"), both)).toContain("Bao Thang General Hospital");
  expect(translateMessage(getFixedT("vi"), both)).toContain("Bệnh viện Đa khoa Bảo Thắng");
  expect(translateMessage(getFixedT("en"), clash)).not.toContain("{{");
});
