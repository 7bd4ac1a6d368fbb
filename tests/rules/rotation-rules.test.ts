import { expect, test } from "vitest";
import {
  canReceiveRotation,
  checkDirection,
  isDownward,
  absenceLimit,
  checkAbsenceLimit,
  checkAgreement,
  checkDates,
  checkEditable,
  checkReport,
  checkFacilities,
  checkMinimumLength,
  checkTechniques,
  checkTransition,
  displayStatus,
  peakConcurrent,
} from "~/models/rotations/rules";

test("a confirmed rotation is in progress from its first to its last day only", () => {
  const r = { status: "confirmed" as const, startOn: "2025-12-01", endOn: "2026-02-28" };
  expect(displayStatus(r, "2025-11-30")).toBe("confirmed");
  expect(displayStatus(r, "2025-12-01")).toBe("in_progress");
  expect(displayStatus(r, "2026-01-01")).toBe("in_progress");
  expect(displayStatus(r, "2026-02-28")).toBe("in_progress");
  expect(displayStatus(r, "2026-03-01")).toBe("confirmed");
  expect(displayStatus({ ...r, status: "planned" }, "2026-01-01")).toBe("planned");
});

test("statuses move planned -> confirmed -> completed, either may be cancelled, nothing leaves the end states", () => {
  const planned = { status: "planned" as const, endOn: "2026-03-31" };
  expect(checkTransition(planned, "confirmed", "2025-12-01")).toBeNull();
  expect(checkTransition(planned, "cancelled", "2025-12-01")).toBeNull();
  expect(checkTransition(planned, "completed", "2026-05-01")?.message).toBe("rotations:errors.transition");
  expect(checkTransition({ status: "cancelled", endOn: "2026-03-31" }, "confirmed", "2026-01-01")?.status).toBe(409);
  expect(checkTransition({ status: "completed", endOn: "2026-03-31" }, "cancelled", "2026-01-01")).not.toBeNull();
});

test("the end-of-rotation report completes a rotation from its last day on, not while it still runs", () => {
  const confirmed = { status: "confirmed" as const, endOn: "2026-02-28" };
  expect(checkTransition(confirmed, "completed", "2026-01-15")).toMatchObject({ status: 409, message: "rotations:errors.completeBeforeEnd", params: { end: "2026-02-28" } });
  expect(checkTransition(confirmed, "completed", "2026-02-27")?.message).toBe("rotations:errors.completeBeforeEnd");
  expect(checkTransition(confirmed, "completed", "2026-02-28")).toBeNull();
  expect(checkTransition(confirmed, "completed", "2026-03-01")).toBeNull();
  // a rotation ending on 31 December is reported from that day, not on 1 January only
  expect(checkTransition({ status: "confirmed", endOn: "2026-12-31" }, "completed", "2026-12-31")).toBeNull();
});

test("a second cancel is told the rotation is already cancelled", () => {
  expect(checkTransition({ status: "cancelled", endOn: "2026-03-31" }, "cancelled", "2026-01-01")).toMatchObject({
    status: 409,
    message: "rotations:errors.alreadyInStatus",
    params: { status: "cancelled" },
  });
  expect(checkTransition({ status: "confirmed", endOn: "2026-03-31" }, "confirmed", "2026-01-01")?.message).toBe("rotations:errors.alreadyInStatus");
});

test("completed and cancelled rotations are not edited", () => {
  expect(checkEditable({ status: "planned" })).toBeNull();
  expect(checkEditable({ status: "confirmed" })).toBeNull();
  expect(checkEditable({ status: "completed" })).toMatchObject({ status: 409, message: "rotations:errors.notEditable" });
  expect(checkEditable({ status: "cancelled" })).toMatchObject({ status: 409, message: "rotations:errors.notEditable" });
});

test("impossible calendar dates and an end before the start are refused next to the field", () => {
  expect(checkDates({ start: "2026-02-30", end: "2026-05-30" })).toMatchObject({ field: "startOn", message: "common:validation.invalidDate" });
  expect(checkDates({ start: "2026-03-01", end: "2025-02-29" })).toMatchObject({ field: "endOn" });
  expect(checkDates({ start: "2026-03-01", end: "2026-02-28" })).toMatchObject({ field: "endOn", message: "common:validation.endBeforeStart" });
  expect(checkDates({ start: "2028-02-29", end: "2028-02-29" })).toBeNull();
});

test("the receiving facility must differ from the sending one", () => {
  expect(checkFacilities(4, 4)?.field).toBe("toFacilityId");
  expect(checkFacilities(4, 5)).toBeNull();
});

test("three months from 30 November reach 28 February, and a day less is too short", () => {
  const rule = { minMonths: 3, shortTerm: false, shortTermReason: null };
  expect(checkMinimumLength({ start: "2025-11-30", end: "2026-02-27" }, rule)).toBeNull();
  expect(checkMinimumLength({ start: "2025-11-30", end: "2026-02-26" }, rule)?.message).toBe("rotations:errors.tooShort");
});

test("three months from 1 December end on the last day of February, in a leap year too", () => {
  const rule = { minMonths: null, shortTerm: false, shortTermReason: null };
  expect(checkMinimumLength({ start: "2027-12-01", end: "2028-02-29" }, rule)).toBeNull();
  expect(checkMinimumLength({ start: "2027-12-01", end: "2028-02-28" }, rule)).toMatchObject({ params: { months: 3 } });
  expect(checkMinimumLength({ start: "2025-12-01", end: "2026-02-28" }, rule)).toBeNull();
});

test("a short rotation passes only as short-term support with a reason", () => {
  const range = { start: "2026-01-05", end: "2026-01-30" };
  expect(checkMinimumLength(range, { minMonths: 3, shortTerm: true, shortTermReason: "  " })?.field).toBe("shortTermReason");
  expect(checkMinimumLength(range, { minMonths: 3, shortTerm: true, shortTermReason: "Hỗ trợ ca ghép thận" })).toBeNull();
});

test("an agreement may set a longer minimum than three months", () => {
  const range = { start: "2026-01-01", end: "2026-03-31" };
  expect(checkMinimumLength(range, { minMonths: 3, shortTerm: false, shortTermReason: null })).toBeNull();
  expect(checkMinimumLength(range, { minMonths: 6, shortTerm: false, shortTermReason: null })).toMatchObject({ params: { months: 6 } });
});

test("a technique the person does not perform independently is named", () => {
  const required = [
    { techniqueId: 1, code: "10.367", name: "Phẫu thuật lấy máu tụ dưới màng cứng" },
    { techniqueId: 2, code: "10.800", name: "Thay khớp háng toàn phần" },
  ];
  expect(checkTechniques(required, new Set([1]))).toMatchObject({ params: { code: "10.800" } });
  expect(checkTechniques(required, new Set([1, 2]))).toBeNull();
  expect(checkTechniques([], new Set())).toBeNull();
});

test("the absence limit is the facility's own, else one per 50 beds, at least one", () => {
  expect(absenceLimit({ absenceLimit: 2, beds: 900 })).toBe(2);
  expect(absenceLimit({ absenceLimit: null, beds: 520 })).toBe(10);
  expect(absenceLimit({ absenceLimit: null, beds: 30 })).toBe(1);
  expect(absenceLimit({ absenceLimit: 0, beds: 500 })).toBe(0);
});

test("concurrent absences peak on the busiest day, touching ranges overlap on their shared day", () => {
  const window = { start: "2026-01-01", end: "2026-12-31" };
  expect(peakConcurrent([], window)).toBe(0);
  expect(peakConcurrent([{ start: "2026-01-01", end: "2026-01-31" }, { start: "2026-02-01", end: "2026-02-28" }], window)).toBe(1);
  expect(peakConcurrent([{ start: "2026-01-01", end: "2026-01-31" }, { start: "2026-01-31", end: "2026-02-28" }], window)).toBe(2);
  // outside the window does not count
  expect(peakConcurrent([{ start: "2025-10-01", end: "2025-12-31" }], window)).toBe(0);
  // across the turn of the year
  expect(
    peakConcurrent(
      [
        { start: "2025-11-01", end: "2026-01-15" },
        { start: "2025-12-20", end: "2026-03-01" },
        { start: "2026-01-16", end: "2026-04-01" },
      ],
      { start: "2025-12-01", end: "2026-02-01" },
    ),
  ).toBe(2);
});

test("exceeding the absence limit needs an explicit override and a reason", () => {
  const base = { othersAway: [{ start: "2026-01-01", end: "2026-06-30" }], range: { start: "2026-03-01", end: "2026-05-31" }, limit: 1 };
  expect(checkAbsenceLimit({ ...base, override: false, overrideReason: null })).toMatchObject({
    status: 409,
    params: { limit: 1, peak: 2 },
  });
  expect(checkAbsenceLimit({ ...base, override: true, overrideReason: "" })?.field).toBe("limitOverrideReason");
  expect(checkAbsenceLimit({ ...base, override: true, overrideReason: "Khoa đã bố trí người thay" })).toBeNull();
  expect(checkAbsenceLimit({ ...base, limit: 2, override: false, overrideReason: null })).toBeNull();
});

// Agreement 126/HĐ-BVĐK2: facility 2 supports 3 and 4, the health department (9) coordinates.
const agreement126 = {
  number: "126/HĐ-BVĐK2",
  status: "active" as const,
  startOn: "2024-04-01",
  endOn: "2026-12-31",
  parties: [
    { facilityId: 2, role: "supporting" as const },
    { facilityId: 3, role: "receiving" as const },
    { facilityId: 4, role: "receiving" as const },
    { facilityId: 9, role: "coordinating" as const },
  ],
};
const underAgreement = (startOn: string, endOn: string, from = 2, to = 3) => ({ fromFacilityId: from, toFacilityId: to, startOn, endOn });

test("a rotation lies within the agreement's term, both ends inclusive", () => {
  expect(checkAgreement(agreement126, underAgreement("2024-04-01", "2024-06-30"))).toBeNull();
  expect(checkAgreement(agreement126, underAgreement("2026-10-01", "2026-12-31"))).toBeNull();
  expect(checkAgreement(agreement126, underAgreement("2024-03-31", "2024-06-30"))).toMatchObject({
    status: 400,
    field: "startOn",
    message: "rotations:errors.outsideTerm",
    params: { number: "126/HĐ-BVĐK2", start: "2024-04-01", end: "2026-12-31" },
  });
});

test("an agreement ending on 31 December refuses a rotation running into January", () => {
  expect(checkAgreement(agreement126, underAgreement("2026-10-01", "2027-01-01"))).toMatchObject({ field: "endOn", message: "rotations:errors.outsideTerm", params: { end: "2026-12-31" } });
  expect(checkAgreement(agreement126, underAgreement("2027-01-01", "2027-03-31"))?.field).toBe("endOn");
});

test("a rotation starting on the agreement's last day fits only if it ends that day too", () => {
  expect(checkAgreement(agreement126, underAgreement("2026-12-31", "2026-12-31"))).toBeNull();
  expect(checkAgreement(agreement126, underAgreement("2026-12-31", "2027-03-30"))).toMatchObject({ field: "endOn", message: "rotations:errors.outsideTerm" });
});

test("month ends: an agreement ending on 28 February (29 in a leap year) takes a rotation to that day, not a day more", () => {
  const feb = { ...agreement126, endOn: "2027-02-28" };
  expect(checkAgreement(feb, underAgreement("2026-12-01", "2027-02-28"))).toBeNull();
  expect(checkAgreement(feb, underAgreement("2026-12-01", "2027-03-01"))?.field).toBe("endOn");
  const leap = { ...agreement126, endOn: "2028-02-29" };
  expect(checkAgreement(leap, underAgreement("2027-12-01", "2028-02-29"))).toBeNull();
  expect(checkAgreement(leap, underAgreement("2027-12-01", "2028-03-01"))?.params).toMatchObject({ end: "2028-02-29" });
});

test("an open-ended agreement has a first day and no last one", () => {
  const open = { ...agreement126, endOn: null };
  expect(checkAgreement(open, underAgreement("2031-01-01", "2031-03-31"))).toBeNull();
  expect(checkAgreement(open, underAgreement("2024-01-01", "2024-03-31"))).toMatchObject({
    field: "startOn",
    message: "rotations:errors.beforeOpenTerm",
    params: { number: "126/HĐ-BVĐK2", start: "2024-04-01" },
  });
});

test("drafts and active agreements take rotations; ended and terminated ones are refused by number", () => {
  const range = underAgreement("2025-01-01", "2025-03-31");
  expect(checkAgreement({ ...agreement126, status: "draft" }, range)).toBeNull();
  for (const status of ["ended", "terminated"] as const) {
    expect(checkAgreement({ ...agreement126, status }, range)).toMatchObject({
      field: "agreementId",
      message: "rotations:errors.agreementClosed",
      params: { number: "126/HĐ-BVĐK2", status },
    });
  }
});

test("the sender must be a supporting party and the receiver a receiving party", () => {
  // a receiving facility sends its staff back up: not under this agreement
  expect(checkAgreement(agreement126, underAgreement("2025-01-01", "2025-03-31", 3, 2))).toMatchObject({ field: "agreementId", message: "rotations:errors.agreementSender" });
  // the coordinating health department neither sends nor receives
  expect(checkAgreement(agreement126, underAgreement("2025-01-01", "2025-03-31", 9, 3))?.message).toBe("rotations:errors.agreementSender");
  expect(checkAgreement(agreement126, underAgreement("2025-01-01", "2025-03-31", 2, 9))).toMatchObject({ field: "agreementId", message: "rotations:errors.agreementReceiver", params: { number: "126/HĐ-BVĐK2" } });
  // not a party at all
  expect(checkAgreement(agreement126, underAgreement("2025-01-01", "2025-03-31", 2, 7))?.message).toBe("rotations:errors.agreementReceiver");
  expect(checkAgreement(agreement126, underAgreement("2025-01-01", "2025-03-31", 2, 4))).toBeNull();
});

test("the end-of-rotation report is accepted from the last day, and corrected once completed", () => {
  expect(checkReport({ status: "confirmed", endOn: "2026-02-28" }, "2026-02-27")?.message).toBe("rotations:errors.completeBeforeEnd");
  expect(checkReport({ status: "confirmed", endOn: "2026-02-28" }, "2026-02-28")).toBeNull();
  expect(checkReport({ status: "completed", endOn: "2026-02-28" }, "2026-01-01")).toBeNull();
  expect(checkReport({ status: "cancelled", endOn: "2026-02-28" }, "2026-03-01")?.status).toBe(409);
});

test("Project 1816 runs downward; upward or sideways needs a stated purpose; a health department never receives", () => {
  const central = { kind: "central_hospital", level: "A" } as const;
  const provincial = { kind: "provincial_hospital", level: "B" } as const;
  const regional = { kind: "regional_centre", level: "C" } as const;
  const department = { kind: "health_department", level: null } as const;
  expect(isDownward(central, provincial)).toBe(true);
  expect(checkDirection(provincial, regional, null)).toBeNull();
  expect(checkDirection(regional, central, null)).toMatchObject({ message: "rotations:errors.directionPurpose", field: "directionPurpose" });
  expect(checkDirection(regional, central, "  ")).toMatchObject({ message: "rotations:errors.directionPurpose" });
  expect(checkDirection(regional, central, "Đào tạo ECMO tại bệnh viện tuyến trên")).toBeNull();
  expect(checkDirection(provincial, provincial, null)).toMatchObject({ message: "rotations:errors.directionPurpose" });
  expect(checkDirection(central, department, "Hỗ trợ")).toMatchObject({ message: "rotations:errors.notCareDestination", field: "toFacilityId" });
  expect(canReceiveRotation(department)).toBe(false);
  expect(canReceiveRotation(regional)).toBe(true);
});
