import { and, asc, eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { auditEvents, creditEntries, teleLinks, teleParticipants, teleSeries, teleSessions } from "~/db/schema";
import { getItemReadiness } from "~/models/transfers/readiness.server";
import { deleteSession, getSession, listSessions, recordConsultation, recordTraining, sessionFormOptions, updateSession } from "~/models/tele/sessions.server";
import { consultationSchema, trainingSchema } from "~/models/tele/sessions-schemas";
import { makeTransferWorld } from "../helpers/agreements";
import { departmentActor } from "../helpers/actors";
import { createTestDb } from "../helpers/db";
import { makeFacility, makeStaff, makeTechnique } from "../helpers/factories";

const TODAY = "2026-03-15";
const opts = { today: TODAY };
const page = { page: 1, pageSize: 25, offset: 0 };

/** The transfer world with links from the hub to both spokes in surgery (chapter 10) since January. */
function world() {
  const w = makeTransferWorld(createTestDb());
  w.db.insert(teleLinks).values([
    { hubFacilityId: w.hub.id, spokeFacilityId: w.spokeA.id, chapterNumber: 10, startOn: "2026-01-01" },
    { hubFacilityId: w.hub.id, spokeFacilityId: w.spokeB.id, chapterNumber: 10, startOn: "2026-01-01", endOn: "2026-02-28" },
  ]).run();
  const hubDoctor = makeStaff(w.db, { facilityId: w.hub.id, fullName: "BS Trung Tâm" });
  const spokeDoctor = makeStaff(w.db, { facilityId: w.spokeA.id, fullName: "BS Cơ Sở A" });
  const spokeNurse = makeStaff(w.db, { facilityId: w.spokeA.id, fullName: "ĐD Cơ Sở A", cadre: "nurse" });
  const spokeBDoctor = makeStaff(w.db, { facilityId: w.spokeB.id, fullName: "BS Cơ Sở B" });
  const spokeTrainer = w.spokeTrainer;
  const hubTrainer = w.as("trainer", w.hub.id);
  const consultation = (input: Record<string, unknown> = {}) =>
    consultationSchema.parse({
      hubFacilityId: w.hub.id,
      spokeFacilityId: w.spokeA.id,
      heldOn: "2026-03-10",
      startTime: "14:00",
      durationMinutes: 45,
      chapterNumber: 10,
      title: "Gãy xương đùi ở người cao tuổi",
      outcome: "treated_locally",
      hubStaffIds: [hubDoctor.id],
      spokeStaffIds: [spokeDoctor.id],
      spokeNames: "KTV Nguyễn A",
      ...input,
    });
  const training = (input: Record<string, unknown> = {}) =>
    trainingSchema.parse({
      hubFacilityId: w.hub.id,
      spokeFacilityIds: [w.spokeA.id],
      heldOn: "2026-03-12",
      startTime: "08:00",
      durationMinutes: 90,
      chapterNumber: 10,
      title: "Kỹ thuật thay khớp háng",
      hubStaffIds: [hubDoctor.id],
      attendeeStaffIds: [spokeDoctor.id, spokeNurse.id],
      ...input,
    });
  const audits = (entityType: string) => w.db.select().from(auditEvents).where(eq(auditEvents.entityType, entityType)).orderBy(asc(auditEvents.id)).all();
  const credits = (staffId: number) => w.db.select().from(creditEntries).where(eq(creditEntries.staffId, staffId)).all();
  return { ...w, hubDoctor, spokeDoctor, spokeNurse, spokeBDoctor, spokeTrainer, hubTrainer, consultation, training, audits, credits };
}

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    const e = error as { status: number; message: string; field: string | null; params: Record<string, unknown> };
    return { status: e.status, message: e.message, field: e.field, params: e.params };
  }
  throw new Error("expected a refusal");
};

test("the presenting spoke's director records a consultation with participants of both sides, audited", () => {
  const w = world();
  const session = recordConsultation(w.db, w.spokeDirector, w.consultation(), opts);
  expect(session).toEqual(expect.objectContaining({ kind: "consultation", hubFacilityId: w.hub.id, spokeFacilityId: w.spokeA.id, outcome: "treated_locally", version: 1 }));
  const detail = getSession(w.db, w.director, session.id, "vi");
  expect(detail.participants.map((p) => [p.side, p.name])).toEqual([
    ["hub", "BS Trung Tâm"],
    ["spoke", "BS Cơ Sở A"],
    ["spoke", "KTV Nguyễn A"],
  ]);
  expect(detail.canChange).toBe(true);
  expect(w.audits("tele_session").map((e) => e.action)).toEqual(["create"]);
  // A consultation gives no credit hours.
  expect(w.credits(w.spokeDoctor.id)).toEqual([]);
});

test("a spoke without a link in force that day, a future date, a wrong side, a bad plan line are refused with 400 next to the field", () => {
  const w = world();
  expect(refusal(() => recordConsultation(w.db, w.director, w.consultation({ spokeFacilityId: w.spokeB.id, spokeStaffIds: [] }), opts))).toEqual(
    expect.objectContaining({ status: 400, message: "tele:sessions.errors.noLink", field: "spokeFacilityId", params: expect.objectContaining({ spoke: w.spokeB.shortName }) }),
  );
  // In force until February for spoke B: a February consultation is fine.
  expect(recordConsultation(w.db, w.director, w.consultation({ spokeFacilityId: w.spokeB.id, spokeStaffIds: [w.spokeBDoctor.id], heldOn: "2026-02-20" }), opts).id).toBeGreaterThan(0);
  expect(refusal(() => recordConsultation(w.db, w.director, w.consultation({ chapterNumber: 13 }), opts))).toEqual(expect.objectContaining({ status: 400, field: "spokeFacilityId" }));
  expect(refusal(() => recordConsultation(w.db, w.director, w.consultation({ heldOn: "2026-03-16" }), opts))).toEqual(expect.objectContaining({ status: 400, message: "tele:sessions.errors.future", field: "heldOn" }));
  expect(refusal(() => recordConsultation(w.db, w.director, w.consultation({ hubStaffIds: [w.spokeDoctor.id] }), opts))).toEqual(expect.objectContaining({ status: 400, message: "tele:sessions.errors.wrongSide", field: "hubStaffIds" }));
  const otherLine = w.item({ toFacilityId: w.spokeB.id });
  expect(refusal(() => recordConsultation(w.db, w.director, w.consultation({ transferItemId: otherLine.id }), opts))).toEqual(expect.objectContaining({ status: 400, message: "tele:sessions.errors.lineNotBetween", field: "transferItemId" }));
  expect(w.db.select().from(teleSessions).all()).toHaveLength(1);
});

test("only telehealth.manage on the hub or the spoke records or changes a session: 403 otherwise, 404 for who cannot read it", () => {
  const w = world();
  expect(refusal(() => recordConsultation(w.db, w.outsider, w.consultation(), opts)).status).toBe(403);
  const viewer = w.as("viewer", w.spokeA.id);
  expect(refusal(() => recordConsultation(w.db, viewer, w.consultation(), opts)).status).toBe(403);
  const session = recordConsultation(w.db, w.spokeTrainer, w.consultation(), opts);
  expect(refusal(() => updateSession(w.db, viewer, session.id, w.consultation({ version: 1 }), opts)).status).toBe(403);
  expect(refusal(() => deleteSession(w.db, w.outsider, session.id, 1)).status).toBe(404);
  expect(refusal(() => getSession(w.db, w.outsider, session.id, "vi")).status).toBe(404);
  // The department reads its province's sessions, changes none.
  const department = departmentActor(w.db, w.province.code);
  expect(getSession(w.db, department, session.id, "vi").canChange).toBe(false);
});

test("an edit with a stale version is refused with 409 and overwrites nothing; delete removes the session and its participants", () => {
  const w = world();
  const session = recordConsultation(w.db, w.director, w.consultation(), opts);
  const edited = updateSession(w.db, w.director, session.id, w.consultation({ outcome: "referred_up", version: 1 }), opts);
  expect(edited).toEqual(expect.objectContaining({ outcome: "referred_up", version: 2 }));
  const stale = refusal(() => updateSession(w.db, w.spokeDirector, session.id, w.consultation({ outcome: "advice_only", version: 1 }), opts));
  expect(stale).toEqual(expect.objectContaining({ status: 409 }));
  expect(w.db.select().from(teleSessions).where(eq(teleSessions.id, session.id)).get()?.outcome).toBe("referred_up");
  expect(refusal(() => deleteSession(w.db, w.director, session.id, 1)).status).toBe(409);
  deleteSession(w.db, w.director, session.id, 2);
  expect(w.db.select().from(teleSessions).all()).toEqual([]);
  expect(w.db.select().from(teleParticipants).all()).toEqual([]);
  expect(w.audits("tele_session").map((e) => e.action)).toEqual(["create", "update", "delete"]);
});

test("a replay with the same idempotency key returns the first record and writes nothing", () => {
  const w = world();
  const key = "0b6f3c1e-8a3e-4d7b-9a55-6f0d2c1b9e77";
  const first = recordConsultation(w.db, w.spokeDirector, w.consultation({ idempotencyKey: key }), opts);
  const auditsBefore = w.db.select().from(auditEvents).all().length;
  const second = recordConsultation(w.db, w.spokeDirector, w.consultation({ idempotencyKey: key, title: "Gửi lại" }), opts);
  expect(second.id).toBe(first.id);
  expect(second.title).toBe(first.title);
  expect(w.db.select().from(teleSessions).all()).toHaveLength(1);
  expect(w.db.select().from(teleParticipants).all()).toHaveLength(3);
  expect(w.db.select().from(auditEvents).all()).toHaveLength(auditsBefore);
});

test("a remote training session gives each staff attendee remote_training hours, updated and removed with the session", () => {
  const w = world();
  const session = recordTraining(w.db, w.hubTrainer, w.training(), opts);
  expect(session.spokeFacilityId).toBeNull();
  expect(w.credits(w.spokeDoctor.id)).toEqual([expect.objectContaining({ kind: "remote_training", hours: 1.5, title: "Kỹ thuật thay khớp háng", activityOn: "2026-03-12" })]);
  expect(w.credits(w.spokeNurse.id)).toHaveLength(1);
  // The hub's trainer teaches: no hours.
  expect(w.credits(w.hubDoctor.id)).toEqual([]);
  const linked = w.db.select().from(teleParticipants).where(and(eq(teleParticipants.sessionId, session.id), eq(teleParticipants.staffId, w.spokeDoctor.id))).get();
  expect(linked?.creditEntryId).toBe(w.credits(w.spokeDoctor.id)[0].id);

  // Longer, renamed, the nurse no longer listed: the doctor's entry follows, the nurse's goes.
  updateSession(w.db, w.hubTrainer, session.id, w.training({ durationMinutes: 120, title: "Thay khớp háng (buổi 1)", attendeeStaffIds: [w.spokeDoctor.id], version: 1 }), opts);
  expect(w.credits(w.spokeDoctor.id)).toEqual([expect.objectContaining({ id: linked?.creditEntryId, hours: 2, title: "Thay khớp háng (buổi 1)" })]);
  expect(w.credits(w.spokeNurse.id)).toEqual([]);
  deleteSession(w.db, w.hubTrainer, session.id, 2);
  expect(w.credits(w.spokeDoctor.id)).toEqual([]);
  expect(w.audits("credit_entry").map((e) => e.action)).toEqual(["create", "create", "update", "delete", "delete"]);
});

test("training needs attendees of an attending spoke, each with a link in force", () => {
  const w = world();
  expect(refusal(() => recordTraining(w.db, w.hubTrainer, w.training({ attendeeStaffIds: [] }), opts))).toEqual(expect.objectContaining({ status: 400, field: "attendeeStaffIds" }));
  expect(refusal(() => recordTraining(w.db, w.hubTrainer, w.training({ attendeeStaffIds: [w.spokeBDoctor.id] }), opts))).toEqual(expect.objectContaining({ status: 400, message: "tele:sessions.errors.wrongSide" }));
  expect(refusal(() => recordTraining(w.db, w.hubTrainer, w.training({ spokeFacilityIds: [w.spokeA.id, w.spokeB.id] }), opts))).toEqual(
    expect.objectContaining({ status: 400, message: "tele:sessions.errors.noLink", field: "spokeFacilityIds" }),
  );
});

test("remote training on a plan line counts its receiving attendees as trained, never as supervised cases", () => {
  const w = world();
  const line = w.item();
  const before = getItemReadiness(w.db, w.director, w.agreement.id, line.id, TODAY);
  expect(before.trainedStaff).toBe(0);
  recordTraining(w.db, w.hubTrainer, w.training({ transferItemId: line.id }), opts);
  const after = getItemReadiness(w.db, w.director, w.agreement.id, line.id, TODAY);
  expect(after.trainedStaff).toBe(2);
  expect(after.parts.trained).toBe(1);
  expect(after.supervisedCases).toBe(before.supervisedCases);
  expect(after.parts.cases).toBe(before.parts.cases);
  expect(after.score).toBeGreaterThan(before.score);
  // A training session not on the line does not count for it.
  const other = makeFacility(w.db, { provinceCode: w.province.code });
  expect(other.id).toBeGreaterThan(0);
});

test("the log is scoped and filtered: kind, hub, spoke, outcome, dates, title words", () => {
  const w = world();
  recordConsultation(w.db, w.spokeDirector, w.consultation(), opts);
  recordConsultation(w.db, w.director, w.consultation({ spokeFacilityId: w.spokeB.id, spokeStaffIds: [], heldOn: "2026-02-10", title: "Sản giật nặng", outcome: "referred_up" }), opts);
  recordTraining(w.db, w.hubTrainer, w.training(), opts);
  const titles = (actor: typeof w.director, filters = {}) => listSessions(w.db, actor, filters, page, "vi").rows.map((r) => r.title);
  expect(titles(w.director)).toEqual(["Kỹ thuật thay khớp háng", "Gãy xương đùi ở người cao tuổi", "Sản giật nặng"]);
  // Spoke A reads its consultation and the training it attended, not spoke B's case.
  expect(titles(w.spokeDirector)).toEqual(["Kỹ thuật thay khớp háng", "Gãy xương đùi ở người cao tuổi"]);
  expect(titles(w.outsider)).toEqual([]);
  expect(titles(departmentActor(w.db, w.province.code))).toHaveLength(3);
  expect(titles(w.director, { kind: "consultation" })).toHaveLength(2);
  expect(titles(w.director, { outcome: "referred_up" })).toEqual(["Sản giật nặng"]);
  expect(titles(w.director, { spoke: w.spokeA.id })).toEqual(["Kỹ thuật thay khớp háng", "Gãy xương đùi ở người cao tuổi"]);
  expect(titles(w.director, { from: "2026-03-01", to: "2026-03-11" })).toEqual(["Gãy xương đùi ở người cao tuổi"]);
  expect(titles(w.director, { q: "giật" })).toEqual(["Sản giật nặng"]);
  // Without accents, in capitals, with "Đ" for "đ", words in any order: the folded title answers.
  expect(titles(w.director, { q: "SAN GIAT" })).toEqual(["Sản giật nặng"]);
  expect(titles(w.director, { q: "dui gay" })).toEqual(["Gãy xương đùi ở người cao tuổi"]);
  expect(titles(w.director, { q: "GÃY ĐÙI" })).toEqual(["Gãy xương đùi ở người cao tuổi"]);
  expect(titles(w.director, { q: "50%_" })).toEqual([]);
  expect(titles(w.director, { hub: w.spokeA.id })).toEqual([]);
  const log = listSessions(w.db, w.director, {}, page, "vi");
  expect(log).toEqual(expect.objectContaining({ total: 3, capped: false }));
  // Pages follow the same order: the second of three, one per page.
  const second = listSessions(w.db, w.director, {}, { page: 2, pageSize: 1, offset: 1 }, "vi");
  expect([second.total, second.rows.map((r) => r.title)]).toEqual([3, ["Gãy xương đùi ở người cao tuổi"]]);
  expect(log.rows[0].spokeNames).toBe(w.spokeA.shortName);
});

test("the form offers the facilities linked with the actor's own, their staff and plan lines", () => {
  const w = world();
  w.item();
  const options = sessionFormOptions(w.db, w.spokeDirector, "vi");
  expect(options.hubs.map((h) => h.value)).toEqual([w.hub.id]);
  expect(options.spokes.map((s) => s.value)).toEqual([w.spokeA.id]);
  expect(options.staff.map((s) => s.value).sort()).toEqual([w.hubDoctor.id, w.spokeDoctor.id, w.spokeNurse.id].sort());
  expect(options.lines).toHaveLength(1);
});

test("a session under a schedule names one of its hub's, of its kind; a plan line of another technique is refused", () => {
  const w = world();
  const [own] = w.db.insert(teleSeries).values({ hubFacilityId: w.hub.id, kind: "consultation", title: "Thứ Ba", weekday: 2, startTime: "14:00", durationMinutes: 60, startOn: "2026-01-01", endOn: "2026-12-31" }).returning().all();
  const [training] = w.db.insert(teleSeries).values({ hubFacilityId: w.hub.id, kind: "training", title: "Thứ Năm", weekday: 4, startTime: "08:00", durationMinutes: 90, startOn: "2026-01-01", endOn: "2026-12-31" }).returning().all();
  expect(recordConsultation(w.db, w.director, w.consultation({ seriesId: own.id }), opts).seriesId).toBe(own.id);
  expect(refusal(() => recordConsultation(w.db, w.director, w.consultation({ seriesId: training.id }), opts))).toEqual(expect.objectContaining({ status: 400, field: "seriesId" }));
  const line = w.item();
  const other = makeTechnique(w.db, { name: "Nội soi khớp vai" });
  expect(refusal(() => recordTraining(w.db, w.hubTrainer, w.training({ transferItemId: line.id, techniqueCode: other.code }), opts))).toEqual(
    expect.objectContaining({ status: 400, message: "tele:sessions.errors.lineTechnique", field: "transferItemId" }),
  );
});
