import { expect, test } from "vitest";
import { getFixedT } from "~/i18n/i18n";
import {
  canApproveOn,
  canEvaluateWholeCourse,
  canIssueCertificate,
  completionShortfall,
  evaluateCompletion,
  formatCertificateNumber,
  holdsSeat,
  monthGrid,
  nextCertificateSeq,
  placeRequest,
  sessionWithinCourse,
} from "~/models/courses/rules";

test("a trainee who attended 4 of 5 sessions meets an 80% attendance rule", () => {
  const r = evaluateCompletion({ minAttendance: 0.8, passScore: null }, { sessions: 5, attended: 4, score: null });
  expect(r.completed).toBe(true);
  expect(r.share).toBeCloseTo(0.8);
});

test("a trainee who attended 3 of 5 sessions does not complete an 80% rule", () => {
  const r = evaluateCompletion({ minAttendance: 0.8, passScore: null }, { sessions: 5, attended: 3, score: 9 });
  expect(r).toMatchObject({ attendanceMet: false, completed: false });
});

test("a pass score must be reached, and a missing score fails when the course examines", () => {
  const rule = { minAttendance: 0.5, passScore: 5 };
  expect(evaluateCompletion(rule, { sessions: 2, attended: 2, score: 5 }).completed).toBe(true);
  expect(evaluateCompletion(rule, { sessions: 2, attended: 2, score: 4.9 }).completed).toBe(false);
  expect(evaluateCompletion(rule, { sessions: 2, attended: 2, score: null }).completed).toBe(false);
});

test("a course without sessions counts as fully attended", () => {
  expect(evaluateCompletion({ minAttendance: 1, passScore: null }, { sessions: 0, attended: 0, score: null }).completed).toBe(true);
});

test("requests, approvals and results hold seats; the waitlist, rejections and withdrawals do not", () => {
  expect(["requested", "approved", "enrolled", "completed", "failed"].every((s) => holdsSeat(s as never))).toBe(true);
  expect(["waitlisted", "withdrawn", "rejected"].some((s) => holdsSeat(s as never))).toBe(false);
});

test("a request takes a seat while seats are left, approved at once only for the host's own staff", () => {
  expect(placeRequest(0, 2, 7, 7)).toBe("approved");
  expect(placeRequest(1, 2, 8, 7)).toBe("requested");
  expect(placeRequest(2, 2, 7, 7)).toBe("waitlisted");
});

test("certificate numbers carry the host code, the year and a four-digit sequence", () => {
  expect(formatCertificateNumber("LC2", 2026, 7)).toBe("CC-LC2-2026-0007");
  expect(nextCertificateSeq("CC-LC2-2026-", ["CC-LC2-2026-0007", "CC-LC2-2025-0040", "CC-LC2-2026-0012"])).toBe(13);
  expect(nextCertificateSeq("CC-LC2-2027-", [])).toBe(1);
});

test("sessions lie within the course dates, both ends included", () => {
  const course = { startOn: "2026-02-27", endOn: "2026-03-02" };
  expect(sessionWithinCourse("2026-02-27", course)).toBe(true);
  expect(sessionWithinCourse("2026-03-02", course)).toBe(true);
  expect(sessionWithinCourse("2026-03-03", course)).toBe(false);
});

test("the month grid starts on Monday and shows a course on each of its days", () => {
  // February 2028 has 29 days and starts on a Tuesday.
  const weeks = monthGrid(2028, 2, [{ id: 1, title: "ECMO", startOn: "2028-02-28", endOn: "2028-03-01" }]);
  expect(weeks[0][0]).toMatchObject({ date: "2028-01-31", inMonth: false });
  const days = weeks.flat();
  expect(days.find((d) => d.date === "2028-02-29")?.courses.map((c) => c.title)).toEqual(["ECMO"]);
  expect(days.find((d) => d.date === "2028-02-27")?.courses).toEqual([]);
  expect(days.at(-1)?.date).toBe("2028-03-05");
});

test("certificates are issued one by one from the first day; the whole course is decided from its last day", () => {
  const course = { startOn: "2026-02-27", endOn: "2026-03-01" };
  expect(canIssueCertificate(course, "2026-02-26")).toBe(false);
  expect(canIssueCertificate(course, "2026-02-27")).toBe(true);
  expect(canEvaluateWholeCourse(course, "2026-02-28")).toBe(false);
  expect(canEvaluateWholeCourse(course, "2026-03-01")).toBe(true);
  expect(canEvaluateWholeCourse({ endOn: "2025-12-31" }, "2026-01-01")).toBe(true);
});

test("a completed or cancelled course approves no pending request; an open or closed one does", () => {
  expect(canApproveOn("open")).toBe(true);
  expect(canApproveOn("closed")).toBe(true);
  expect(canApproveOn("completed")).toBe(false);
  expect(canApproveOn("cancelled")).toBe(false);
});

test("the shortfall names only the part of the rule a trainee misses, in the reader's notation", () => {
  const rule = { minAttendance: 0.8, passScore: 5 };
  expect(completionShortfall(rule, { sessions: 5, attended: 4, score: 5 })).toBeNull();
  const score = completionShortfall(rule, { sessions: 5, attended: 5, score: 4.5 })!;
  expect(score).toEqual({ key: "courses:shortfall.score", params: { attended: 5, sessions: 5, share: 100, min: 80, score: 4.5, pass: 5 } });
  expect(getFixedT("vi", "courses")(score.key, score.params)).toBe("Chưa đạt: điểm 4,5, cần 5.");
  expect(getFixedT("en", "courses")(score.key, score.params)).toBe("Not met: score 4.5, needs 5.");
  const attendance = completionShortfall({ minAttendance: 0.8, passScore: null }, { sessions: 5, attended: 3, score: null })!;
  expect(getFixedT("vi", "courses")(attendance.key, attendance.params)).toBe("Chưa đạt: dự 3/5 buổi (60%), cần 80%.");
  expect(getFixedT("en", "courses")(attendance.key, attendance.params)).toBe("Not met: attended 3 of 5 sessions (60%), needs 80%.");
  expect(completionShortfall(rule, { sessions: 5, attended: 5, score: null })?.key).toBe("courses:shortfall.noScore");
  const both = completionShortfall(rule, { sessions: 3, attended: 2, score: 2 })!;
  expect(both.key).toBe("courses:shortfall.attendanceAndScore");
  // 2 of 3 is 66.7 %: shown as 66 %, never rounded up past what was attended.
  expect(getFixedT("vi", "courses")(both.key, both.params)).toBe("Chưa đạt: dự 2/3 buổi (66%), cần 80%; điểm 2, cần 5.");
  expect(completionShortfall(rule, { sessions: 3, attended: 0, score: null })?.key).toBe("courses:shortfall.attendanceAndNoScore");
});
