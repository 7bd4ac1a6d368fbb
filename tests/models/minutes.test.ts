// The annual review minutes on the demo: the year's figures of 126/HĐ-BVĐK2 for 2025 are the
// rotation report's and the plan's, saving writes one meeting with both texts (audited), and
// only the agreement's managers may save.
import { and, eq } from "drizzle-orm";
import { expect, test } from "vitest";
import type { Db } from "~/db/client.server";
import { agreementMeetings, agreements, auditEvents, facilities, users } from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import { findSavedMinutes, getMinutesPage, getMinutesSummary, getMinutesText, saveMinutes } from "~/models/agreements/minutes.server";
import { updateMeeting } from "~/models/agreements/meetings.server";
import { DomainError } from "~/models/errors";
import { rotationReport } from "~/models/rotations/reports.server";
import { getPlan } from "~/models/transfers/plan.server";
import { createDemoDb } from "../helpers/db";
import { DEMO_TODAY } from "../helpers/demo-today";

function actorOf(db: Db, username: string): Actor {
  const user = db.select().from(users).where(eq(users.username, username)).get()!;
  const facility = user.facilityId ? db.select().from(facilities).where(eq(facilities.id, user.facilityId)).get() : undefined;
  return { userId: user.id, role: user.role, facilityId: user.facilityId, provinceCode: facility?.provinceCode ?? user.provinceCode };
}

function demo() {
  const db = createDemoDb();
  const agreement = db.select().from(agreements).where(eq(agreements.number, "126/HĐ-BVĐK2")).get()!;
  return { db, id: agreement.id, director: actorOf(db, "gd.laocai2"), receiver: actorOf(db, "gd.laocai3"), outsider: actorOf(db, "gd.bacninh") };
}

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return { status: error.status, key: error.message, field: error.field };
    throw error;
  }
  throw new Error("expected a refusal");
};

test("the 2025 figures of 126/HĐ-BVĐK2 are those of the rotation report and the plan", () => {
  const { db, id, director } = demo();
  const s = getMinutesSummary(db, director, id, 2025, DEMO_TODAY, "vi");
  expect(s.asOf).toBe("2025-12-31");

  const report = rotationReport(db, director, DEMO_TODAY, 2025);
  const row = report.byAgreement.find((r) => r.key === id)!;
  expect(row.rotations).toBeGreaterThan(0);
  expect(s.rotations.totals).toEqual({ rotations: row.rotations, people: row.people, deliveredMonths: row.deliveredMonths, scheduledMonths: row.scheduledMonths });
  expect(s.rotations.sites.reduce((n, site) => n + site.rotations, 0)).toBe(row.rotations);
  const receiving = s.parties.filter((p) => p.side === "receiving").map((p) => p.facilityId);
  for (const site of s.rotations.sites) expect(receiving).toContain(site.facilityId);

  const plan = getPlan(db, director, id, {}, { page: 1, pageSize: 5000, offset: 0 }, DEMO_TODAY, "vi").items.rows;
  const acceptedIn2025 = plan.filter((r) => r.acceptedOn !== null && r.acceptedOn.startsWith("2025-"));
  expect(s.accepted.map((a) => a.code).sort()).toEqual(acceptedIn2025.map((r) => r.techniqueCode).sort());
  // Next year's lines: every line not accepted by the year's end, due by the end of 2026 or undated.
  const open = plan.filter((r) => !(r.acceptedOn !== null && r.acceptedOn <= "2025-12-31") && (r.targetDate === null || r.targetDate <= "2026-12-31"));
  expect(s.nextYear.map((l) => l.code).sort()).toEqual(open.map((r) => r.techniqueCode).sort());
  expect(s.nextYear.length).toBeGreaterThan(0);
  // In progress: lines past the survey-less start by the year's end and not accepted.
  for (const line of s.inProgress) expect(["surveyed", "training", "supervised", "independent"]).toContain(line.stage);

  expect(s.parties.map((p) => p.side)).toEqual(["supporting", "receiving", "receiving", "receiving", "receiving", "coordinating"]);
});

test("the drafts are written in both languages from those figures", () => {
  const { db, id, director } = demo();
  const page = getMinutesPage(db, director, id, "2025", DEMO_TODAY, "vi");
  expect(page.yearError).toBeNull();
  expect(page.canManage).toBe(true);
  const s = getMinutesSummary(db, director, id, 2025, DEMO_TODAY, "vi");
  const delivered = s.rotations.totals.deliveredMonths.toLocaleString("vi-VN", { maximumFractionDigits: 2 });
  expect(page.minutes!.vi).toContain("BIÊN BẢN HỘI NGHỊ TỔNG KẾT NĂM 2025");
  expect(page.minutes!.vi).toContain(`người, ${delivered} người-tháng đã thực hiện`);
  expect(page.minutes!.en).toContain("MINUTES OF THE 2025 ANNUAL REVIEW CONFERENCE");
  expect(page.minutes!.saved).toBeNull();
  expect(page.minutes!.defaults.title).toBe("Hội nghị tổng kết năm 2025 hợp đồng 126/HĐ-BVĐK2");
});

test("a year outside the term ±1 or not a year is refused next to the year field", () => {
  const { db, id, director } = demo();
  // The term runs from 2024-04-01 to 485 days after the demo's today (2027).
  expect(getMinutesPage(db, director, id, "2023", DEMO_TODAY, "vi").yearError).toBeNull();
  expect(getMinutesPage(db, director, id, "2028", DEMO_TODAY, "vi").yearError).toBeNull();
  for (const bad of ["2022", "2029", "abc", "20x5"]) {
    const page = getMinutesPage(db, director, id, bad, DEMO_TODAY, "vi");
    expect(page.yearError).toEqual({ key: "planning:minutes.errors.year", params: { from: 2023, to: 2028 } });
    expect(page.minutes).toBeNull();
  }
  expect(getMinutesPage(db, director, id, null, DEMO_TODAY, "vi").yearError?.key).toBe("planning:minutes.errors.yearMissing");
  expect(refusal(() => getMinutesText(db, director, id, "1999", "vi", DEMO_TODAY))).toEqual(expect.objectContaining({ status: 400, field: "year" }));
});

const input = (overrides: Record<string, unknown> = {}) => ({
  year: 2025,
  title: "Hội nghị tổng kết năm 2025",
  heldOn: "2026-01-15",
  minutesVi: "BIÊN BẢN HỘI NGHỊ TỔNG KẾT NĂM 2025\nNội dung đã sửa",
  minutesEn: "MINUTES OF THE 2025 ANNUAL REVIEW CONFERENCE\nEdited text",
  ...overrides,
});

test("saving creates one audited meeting with both texts; the saved text is what is served after", () => {
  const { db, id, director } = demo();
  const before = db.select().from(agreementMeetings).where(eq(agreementMeetings.agreementId, id)).all().length;
  const meeting = saveMinutes(db, director, id, input(), DEMO_TODAY);
  expect(meeting).toEqual(expect.objectContaining({ agreementId: id, heldOn: "2026-01-15", minutesVi: input().minutesVi, minutesEn: input().minutesEn }));
  expect(db.select().from(agreementMeetings).where(eq(agreementMeetings.agreementId, id)).all()).toHaveLength(before + 1);
  expect(db.select().from(auditEvents).where(and(eq(auditEvents.entityType, "agreement_meeting"), eq(auditEvents.entityId, String(meeting.id)))).all()).toHaveLength(1);
  expect(findSavedMinutes(db, id, 2025)?.id).toBe(meeting.id);
  expect(findSavedMinutes(db, id, 2024)).toBeNull();
  expect(getMinutesText(db, director, id, "2025", "en", DEMO_TODAY)).toEqual(expect.objectContaining({ text: input().minutesEn, saved: true }));
  const page = getMinutesPage(db, director, id, "2025", DEMO_TODAY, "vi");
  expect(page.minutes!.saved).toEqual(expect.objectContaining({ id: meeting.id }));
  expect(page.minutes!.vi).toBe(input().minutesVi);

  // A second save of the same year is a conflict; edits go through the meeting's own page.
  expect(refusal(() => saveMinutes(db, director, id, input({ heldOn: "2026-02-01" }), DEMO_TODAY))).toEqual(expect.objectContaining({ status: 409, key: "planning:minutes.errors.alreadySaved" }));
  const edited = updateMeeting(db, director, id, meeting.id, { ...input(), minutesEn: "Edited again", version: meeting.version });
  expect(edited.minutesEn).toBe("Edited again");
  expect(getMinutesText(db, director, id, 2025, "en", DEMO_TODAY).text).toBe("Edited again");
});

test("scope and checks: managers only, the review window, nothing written on refusal", () => {
  const { db, id, director, receiver, outsider } = demo();
  const count = () => db.select().from(agreementMeetings).where(eq(agreementMeetings.agreementId, id)).all().length;
  const before = count();
  // The receiving side reads the minutes but does not manage the agreement.
  expect(getMinutesPage(db, receiver, id, "2025", DEMO_TODAY, "vi").canManage).toBe(false);
  expect(refusal(() => saveMinutes(db, receiver, id, input(), DEMO_TODAY)).status).toBe(403);
  expect(refusal(() => getMinutesPage(db, outsider, id, "2025", DEMO_TODAY, "vi")).status).toBe(403);
  expect(refusal(() => saveMinutes(db, outsider, id, input(), DEMO_TODAY)).status).toBe(403);
  expect(refusal(() => saveMinutes(db, director, id, input({ heldOn: "2025-03-01" }), DEMO_TODAY))).toEqual(
    expect.objectContaining({ status: 400, field: "heldOn", key: "planning:minutes.errors.heldOnOutside" }),
  );
  expect(refusal(() => saveMinutes(db, director, id, input({ year: 2030 }), DEMO_TODAY))).toEqual(expect.objectContaining({ status: 400, field: "year" }));
  expect(count()).toBe(before);
});
