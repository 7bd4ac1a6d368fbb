import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { courseSessions } from "~/db/schema";
import { getFixedT } from "~/i18n/i18n";
import { getCertificate, renderCertificatePdf } from "~/models/courses/certificates.server";
import { requestEnrolment } from "~/models/courses/enrolments.server";
import { evaluateCourse, saveAttendanceSheet } from "~/models/courses/results.server";
import { makeActor, makeCourse } from "../helpers/course-fixtures";
import { createTestDb } from "../helpers/db";
import { makeFacility, makeStaff, makeUser } from "../helpers/factories";

function issued(withDirector: boolean) {
  const db = createTestDb();
  const hospital = makeFacility(db, { code: "LC2", name: "Bệnh viện Đa khoa tỉnh Lào Cai số 2" });
  const host = makeActor(db, "trainer", hospital.id);
  if (withDirector) {
    makeUser(db, { role: "director", facilityId: hospital.id, displayName: "BSCKII. Hoàng Văn Đức", active: false });
    makeUser(db, { role: "director", facilityId: hospital.id, displayName: "TS.BS Nguyễn Văn Hùng" });
  }
  const course = makeCourse(db, host, { capacity: 3 });
  const sessions = db.select().from(courseSessions).where(eq(courseSessions.courseId, course.id)).all();
  const person = makeStaff(db, { facilityId: hospital.id, fullName: "Lò Thị Hiền" });
  const e = requestEnrolment(db, host, { courseId: course.id, staffId: person.id });
  saveAttendanceSheet(db, host, course.id, { rows: [e.id], present: sessions.map((s) => `${e.id}:${s.id}`), score: {} });
  evaluateCourse(db, host, course.id, "2026-03-06", e.id);
  return getCertificate(db, host, "CC-LC2-2026-0001")!;
}

test("the certificate names the issuing hospital and its active director as signer", () => {
  expect(issued(true)).toMatchObject({ hostName: "Bệnh viện Đa khoa tỉnh Lào Cai số 2", signerName: "TS.BS Nguyễn Văn Hùng", number: "CC-LC2-2026-0001" });
  // Without a director account the signature line stays blank, for a hand signature.
  expect(issued(false).signerName).toBeNull();
});

test("the PDF renders in the official layout in both languages", async () => {
  const cert = issued(true);
  for (const locale of ["vi", "en"] as const) {
    const pdf = await renderCertificatePdf(cert, { t: getFixedT(locale, "courses"), formatDate: (d) => d, verifyUrl: "http://localhost/certificates/verify?t=" + cert.token });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.length).toBeGreaterThan(5_000);
  }
});
