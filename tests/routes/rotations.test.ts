import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { getDb } from "~/db/client.server";
import { agreementParties, agreements, courseTrainers, courses, rotations, transferItems } from "~/db/schema";
import { loader as boardLoader } from "~/routes/rotations.board";
import { action as editAction, loader as editLoader } from "~/routes/rotations.$id.edit";
import { action as detailAction, loader as detailLoader } from "~/routes/rotations.$id._index";
import { action as newAction, loader as newLoader } from "~/routes/rotations.new";
import { loader as reportsXlsx } from "~/routes/rotations.reports[.]xlsx";
import { loader as reportsLoader } from "~/routes/rotations.reports";
import { loader as suggestionsLoader } from "~/routes/rotations.suggestions";
import { loader as facilityIcs } from "~/routes/rotations.calendar[.]ics";
import { loader as staffIcs } from "~/routes/staff.$id.calendar[.]ics";
import { authedRequest, createSignedInUser } from "../helpers/auth";
import { makeFacility, makeStaff, makeTechnique } from "../helpers/factories";
import { bodyOf, thrown } from "../helpers/routes";

const ctx = { params: {}, context: {} };

/** The JSON body of a loader or action response, loosely typed for assertions. */
async function trainerSetup() {
  const db = getDb();
  const sender = makeFacility(db, { name: "Bệnh viện Đa khoa tỉnh Lào Cai số 2", shortName: "BVĐK LC2", beds: 600 });
  const receiver = makeFacility(db, { name: "Trung tâm Y tế Bảo Yên", shortName: "TTYT Bảo Yên", level: "C", directedById: sender.id });
  const technique = makeTechnique(db, { name: "Nội soi dạ dày can thiệp" });
  const person = makeStaff(db, { facilityId: sender.id, fullName: "Trần Văn Bình" }, [technique.id]);
  const { cookie, user } = await createSignedInUser(db, { role: "trainer", facilityId: sender.id });
  return { db, sender, receiver, technique, person, cookie, user };
}

const form = (s: Awaited<ReturnType<typeof trainerSetup>>, over: Record<string, string> = {}) => ({
  staffId: String(s.person.id),
  toFacilityId: String(s.receiver.id),
  purpose: "manpower_support",
  startOn: "2031-01-01",
  endOn: "2031-03-31",
  ...over,
});

/** An active agreement (title "Hợp tác", from 2030-01-01, unless `values` say otherwise): the sender supports, the receiver receives. */
function makeSenderAgreement(s: Awaited<ReturnType<typeof trainerSetup>>, values: { number: string; title?: string; endOn?: string }) {
  const agreement = s.db
    .insert(agreements)
    .values({ title: "Hợp tác", searchText: "", type: "technique_transfer", status: "active", startOn: "2030-01-01", ownerFacilityId: s.sender.id, ...values })
    .returning()
    .get();
  s.db.insert(agreementParties).values([
    { agreementId: agreement.id, facilityId: s.sender.id, role: "supporting" },
    { agreementId: agreement.id, facilityId: s.receiver.id, role: "receiving" },
  ]).run();
  return agreement;
}

test("a trainer schedules a rotation and is redirected to it", async () => {
  const s = await trainerSetup();
  const page = await bodyOf(await newLoader({ request: authedRequest("/rotations/new", { cookie: s.cookie }), ...ctx }));
  expect(page.options.staff.map((o: { label: string }) => o.label)).toContain("Trần Văn Bình");
  expect(page.options.facilities.map((o: { label: string }) => o.label)).toContain("Trung tâm Y tế Bảo Yên");
  const response = await newAction({ request: authedRequest("/rotations/new", { cookie: s.cookie, form: form(s) }), ...ctx });
  expect(response.status).toBe(302);
  const id = Number(response.headers.get("Location")!.split("/").pop());
  expect(s.db.select().from(rotations).where(eq(rotations.id, id)).get()).toMatchObject({ fromFacilityId: s.sender.id, status: "planned" });
});

test("2026-02-30 is refused with 400 next to the start date, nothing saved", async () => {
  const s = await trainerSetup();
  const response = await newAction({ request: authedRequest("/rotations/new", { cookie: s.cookie, form: form(s, { startOn: "2026-02-30", endOn: "2026-05-30" }) }), ...ctx });
  expect(response.status).toBe(400);
  const body = await bodyOf(response);
  expect(body.result.error.startOn).toEqual(["common:validation.invalidDate"]);
  expect(s.db.select().from(rotations).where(eq(rotations.staffId, s.person.id)).all()).toHaveLength(0);
});

test("an end before the start is refused with 400 next to the end date", async () => {
  const s = await trainerSetup();
  const response = await newAction({ request: authedRequest("/rotations/new", { cookie: s.cookie, form: form(s, { endOn: "2030-12-31" }) }), ...ctx });
  expect(response.status).toBe(400);
  expect((await bodyOf(response)).result.error.endOn).toEqual(["common:validation.endBeforeStart"]);
});

test("an overlapping rotation answers 409 with the clashing rotation named", async () => {
  const s = await trainerSetup();
  await newAction({ request: authedRequest("/rotations/new", { cookie: s.cookie, form: form(s) }), ...ctx });
  const response = await newAction({ request: authedRequest("/rotations/new", { cookie: s.cookie, form: form(s, { startOn: "2031-03-01", endOn: "2031-05-31" }) }), ...ctx });
  expect(response.status).toBe(409);
  const [message] = (await bodyOf(response)).result.error.startOn;
  expect(message).toMatch(/^rotations:errors\.clash\.rotation\|/);
  expect(JSON.parse(message.split("|")[1])).toEqual({ kind: "rotation", title: "TTYT Bảo Yên", titleEn: "TTYT Bảo Yên", start: "2031-01-01", end: "2031-03-31" });
});

test("a staff id of another hospital answers 403 and saves nothing", async () => {
  const s = await trainerSetup();
  const other = makeFacility(s.db);
  const stranger = makeStaff(s.db, { facilityId: other.id });
  const response = await newAction({ request: authedRequest("/rotations/new", { cookie: s.cookie, form: form(s, { staffId: String(stranger.id) }) }), ...ctx });
  expect(response.status).toBe(403);
  expect(s.db.select().from(rotations).where(eq(rotations.staffId, stranger.id)).all()).toHaveLength(0);
});

test("a rotation for a technique the person does not perform answers 400 naming the technique", async () => {
  const s = await trainerSetup();
  const other = makeTechnique(s.db, { name: "Gây tê ngoài màng cứng giảm đau trong đẻ" });
  const agreement = makeSenderAgreement(s, { number: "HĐ-1" });
  const item = s.db.insert(transferItems).values({ agreementId: agreement.id, techniqueId: other.id, fromFacilityId: s.sender.id, toFacilityId: s.receiver.id }).returning().get();
  const response = await newAction({
    request: authedRequest("/rotations/new", { cookie: s.cookie, form: { ...form(s), purpose: "technique_transfer", transferItemIds: [item.id] } }),
    ...ctx,
  });
  expect(response.status).toBe(400);
  const [message] = (await bodyOf(response)).result.error.transferItemIds;
  expect(message).toContain("rotations:errors.techniqueNotPerformed");
  expect(message).toContain(other.code);
});

test("a stale edit answers 409 and keeps the stored dates", async () => {
  const s = await trainerSetup();
  const created = await newAction({ request: authedRequest("/rotations/new", { cookie: s.cookie, form: form(s) }), ...ctx });
  const id = created.headers.get("Location")!.split("/").pop()!;
  const first = await editAction({ request: authedRequest(`/rotations/${id}/edit`, { cookie: s.cookie, form: { ...form(s, { endOn: "2031-04-30" }), version: "1" } }), params: { id }, context: {} });
  expect(first.status).toBe(302);
  const stale = await editAction({ request: authedRequest(`/rotations/${id}/edit`, { cookie: s.cookie, form: { ...form(s, { endOn: "2031-06-30" }), version: "1" } }), params: { id }, context: {} });
  expect(stale.status).toBe(409);
  expect(s.db.select().from(rotations).where(eq(rotations.id, Number(id))).get()?.endOn).toBe("2031-04-30");
});

test("confirm and cancel through the detail page; a viewer of the receiving facility reads but cannot act", async () => {
  const s = await trainerSetup();
  const created = await newAction({ request: authedRequest("/rotations/new", { cookie: s.cookie, form: form(s) }), ...ctx });
  const id = created.headers.get("Location")!.split("/").pop()!;
  const confirm = await detailAction({ request: authedRequest(`/rotations/${id}`, { cookie: s.cookie, form: { intent: "confirm", version: "1" } }), params: { id }, context: {} });
  expect(confirm.status).toBe(200);
  const viewer = await createSignedInUser(s.db, { role: "viewer", facilityId: s.receiver.id });
  const page = await bodyOf(await detailLoader({ request: authedRequest(`/rotations/${id}`, { cookie: viewer.cookie }), params: { id }, context: {} }));
  expect(page.detail).toMatchObject({ canManage: false, rotation: { status: "confirmed" } });
  const refused = await detailAction({ request: authedRequest(`/rotations/${id}`, { cookie: viewer.cookie, form: { intent: "cancel", version: "2" } }), params: { id }, context: {} });
  expect(refused.status).toBe(403);
  const outsider = await createSignedInUser(s.db, { role: "viewer" });
  expect((await thrown(detailLoader({ request: authedRequest(`/rotations/${id}`, { cookie: outsider.cookie }), params: { id }, context: {} }))).status).toBe(404);
});

test("the board shows the rotation in its quarter and flags a clash with a course", async () => {
  const s = await trainerSetup();
  await newAction({ request: authedRequest("/rotations/new", { cookie: s.cookie, form: form(s) }), ...ctx });
  // A course rescheduled onto the rotation after it was planned: the board must flag it.
  const course = s.db.insert(courses).values({ title: "Hồi sức sơ sinh", searchText: "", hostFacilityId: s.sender.id, mode: "at_host", startOn: "2031-02-02", endOn: "2031-02-06", capacity: 10 }).returning().get();
  s.db.insert(courseTrainers).values({ courseId: course.id, staffId: s.person.id }).run();
  const response = await boardLoader({ request: authedRequest("/rotations/board?period=quarter&from=2031-02", { cookie: s.cookie }), ...ctx });
  const body = await bodyOf(response);
  expect(body.board.window).toEqual({ start: "2031-01-01", end: "2031-03-31" });
  const bar = body.board.groups.rows[0].bars[0];
  expect(bar).toMatchObject({ staffName: "Trần Văn Bình", left: 0, width: 100, clash: { kind: "course_training", title: "Hồi sức sơ sinh" } });
  expect(body.board.conflictCount).toBe(1);
  expect(body.board.todayAt).toBeNull();
});

test("suggestions for a transfer item list the person who performs it and is free", async () => {
  const s = await trainerSetup();
  const agreement = makeSenderAgreement(s, { number: "HĐ-2" });
  const item = s.db.insert(transferItems).values({ agreementId: agreement.id, techniqueId: s.technique.id, fromFacilityId: s.sender.id, toFacilityId: s.receiver.id }).returning().get();
  makeStaff(s.db, { facilityId: s.sender.id, fullName: "Lê Thị Cúc" });
  const url = `/rotations/suggestions?transferItemId=${item.id}&startOn=2031-01-01&endOn=2031-03-31`;
  const body = await bodyOf(await suggestionsLoader({ request: authedRequest(url, { cookie: s.cookie }), ...ctx }));
  expect(body.result.candidates.map((c: { fullName: string }) => c.fullName)).toEqual(["Trần Văn Bình"]);
  expect(body.result.excluded[0]).toMatchObject({ fullName: "Lê Thị Cúc", reasons: [{ key: "rotations:suggestions.reasons.notPerformed" }] });
  const bad = await suggestionsLoader({ request: authedRequest(`/rotations/suggestions?transferItemId=${item.id}&startOn=2031-02-30&endOn=2031-03-31`, { cookie: s.cookie }), ...ctx });
  expect(bad.status).toBe(400);
  // before the agreement starts: refused with the agreement and its term named
  const early = await suggestionsLoader({ request: authedRequest(`/rotations/suggestions?transferItemId=${item.id}&startOn=2029-10-01&endOn=2029-12-31`, { cookie: s.cookie }), ...ctx });
  expect(early.status).toBe(400);
  const [message] = (await bodyOf(early)).errors;
  expect(message).toMatch(/^rotations:errors\.beforeOpenTerm\|/);
  expect(JSON.parse(message.split("|")[1])).toEqual({ number: "HĐ-2", start: "2030-01-01" });
});

test("the calendars are UTF-8 iCalendar files with all-day events ending the day after", async () => {
  const s = await trainerSetup();
  await newAction({ request: authedRequest("/rotations/new", { cookie: s.cookie, form: form(s) }), ...ctx });
  const response = await staffIcs({ request: authedRequest(`/staff/${s.person.id}/calendar.ics`, { cookie: s.cookie }), params: { id: String(s.person.id) }, context: {} });
  expect(response.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
  const text = await response.text();
  expect(text).toContain("BEGIN:VCALENDAR");
  expect(text).toMatch(/DTSTART;VALUE=DATE:20310101/);
  expect(text).toMatch(/DTEND;VALUE=DATE:20310401/);
  // unfolded, the text is intact; folded, no line passes 75 octets
  expect(text.replace(/\r\n /g, "")).toContain("Trần Văn Bình");
  expect(Math.max(...text.split("\r\n").map((l) => new TextEncoder().encode(l).length))).toBeLessThanOrEqual(75);
  const facility = await (await facilityIcs({ request: authedRequest(`/rotations/calendar.ics?facility=${s.receiver.id}`, { cookie: s.cookie }), ...ctx })).text();
  expect(facility).toContain("STATUS:TENTATIVE");
  const outsider = await createSignedInUser(s.db, { role: "viewer" });
  expect((await thrown(staffIcs({ request: authedRequest(`/staff/${s.person.id}/calendar.ics`, { cookie: outsider.cookie }), params: { id: String(s.person.id) }, context: {} }))).status).toBe(404);
});

test("reports give person-months and download as a workbook", async () => {
  const s = await trainerSetup();
  await newAction({ request: authedRequest("/rotations/new", { cookie: s.cookie, form: form(s) }), ...ctx });
  const body = await bodyOf(await reportsLoader({ request: authedRequest("/rotations/reports", { cookie: s.cookie }), ...ctx }));
  // 90 days (2031-01-01..03-31) / 30.4375 = 2.96 person-months scheduled, none delivered yet
  expect(body.report.byFacility).toEqual([expect.objectContaining({ label: "Trung tâm Y tế Bảo Yên", rotations: 1, scheduledMonths: 2.96, deliveredMonths: 0 })]);
  expect(body.report.byYear).toEqual([expect.objectContaining({ key: 2031, scheduledMonths: 2.96 })]);
  const xlsx = await reportsXlsx({ request: authedRequest("/rotations/reports.xlsx", { cookie: s.cookie }), ...ctx });
  expect(xlsx.headers.get("Content-Type")).toContain("spreadsheetml");
  const bytes = new Uint8Array(await xlsx.arrayBuffer());
  expect([...bytes.slice(0, 2)]).toEqual([0x50, 0x4b]);
});

test("a trainer sets the facility's absence limit on the rotations page; a viewer is refused", async () => {
  const s = await trainerSetup();
  const { loader: listLoader, action: listAction } = await import("~/routes/rotations._index");
  const page = await bodyOf(await listLoader({ request: authedRequest("/rotations", { cookie: s.cookie }), ...ctx }));
  expect(page.absence).toMatchObject({ limit: 12, setting: null, canEdit: true });
  const saved = await listAction({ request: authedRequest("/rotations", { cookie: s.cookie, form: { intent: "limit", limit: "3", version: String(page.absence.version) } }), ...ctx });
  expect(saved.status).toBe(200);
  expect((await bodyOf(await listLoader({ request: authedRequest("/rotations", { cookie: s.cookie }), ...ctx }))).absence.limit).toBe(3);
  const viewer = await createSignedInUser(s.db, { role: "viewer", facilityId: s.sender.id });
  const refused = await listAction({ request: authedRequest("/rotations", { cookie: viewer.cookie, form: { intent: "limit", limit: "9", version: "2" } }), ...ctx });
  expect(refused.status).toBe(403);
});

/** An active agreement 2030-01-01..2031-12-31: the sender supports, the receiver receives. */
function makeTermAgreement(s: Awaited<ReturnType<typeof trainerSetup>>) {
  return makeSenderAgreement(s, { number: "126/HĐ-BVĐK2", title: "Hỗ trợ chuyên môn", endOn: "2031-12-31" });
}

test("a rotation running past its agreement's end answers 400 next to the end date, naming the agreement and its term; nothing saved", async () => {
  const s = await trainerSetup();
  const agreement = makeTermAgreement(s);
  const response = await newAction({
    request: authedRequest("/rotations/new", { cookie: s.cookie, form: form(s, { agreementId: String(agreement.id), startOn: "2031-11-01", endOn: "2032-01-31" }) }),
    ...ctx,
  });
  expect(response.status).toBe(400);
  const [message] = (await bodyOf(response)).result.error.endOn;
  expect(message).toMatch(/^rotations:errors\.outsideTerm\|/);
  expect(JSON.parse(message.split("|")[1])).toEqual({ number: "126/HĐ-BVĐK2", start: "2030-01-01", end: "2031-12-31" });
  expect(s.db.select().from(rotations).where(eq(rotations.staffId, s.person.id)).all()).toHaveLength(0);
  // ending on 31 December, the agreement's last day, is fine
  const inside = await newAction({
    request: authedRequest("/rotations/new", { cookie: s.cookie, form: form(s, { agreementId: String(agreement.id), startOn: "2031-10-01", endOn: "2031-12-31" }) }),
    ...ctx,
  });
  expect(inside.status).toBe(302);
});

test("an ended agreement answers 400 next to the agreement, on create and on edit", async () => {
  const s = await trainerSetup();
  const agreement = makeTermAgreement(s);
  const created = await newAction({ request: authedRequest("/rotations/new", { cookie: s.cookie, form: form(s, { agreementId: String(agreement.id) }) }), ...ctx });
  const id = created.headers.get("Location")!.split("/").pop()!;
  s.db.update(agreements).set({ status: "ended" }).where(eq(agreements.id, agreement.id)).run();
  const edit = await editAction({
    request: authedRequest(`/rotations/${id}/edit`, { cookie: s.cookie, form: { ...form(s, { agreementId: String(agreement.id), endOn: "2031-04-30" }), version: "1" } }),
    params: { id },
    context: {},
  });
  expect(edit.status).toBe(400);
  expect((await bodyOf(edit)).result.error.agreementId[0]).toMatch(/^rotations:errors\.agreementClosed\|/);
  expect(s.db.select().from(rotations).where(eq(rotations.id, Number(id))).get()).toMatchObject({ endOn: "2031-03-31", version: 1 });
});

test("the edit page keeps the rotation's agreement and transfer item as choices after the item is accepted", async () => {
  const s = await trainerSetup();
  const agreement = makeTermAgreement(s);
  const item = s.db.insert(transferItems).values({ agreementId: agreement.id, techniqueId: s.technique.id, fromFacilityId: s.sender.id, toFacilityId: s.receiver.id }).returning().get();
  const created = await newAction({ request: authedRequest("/rotations/new", { cookie: s.cookie, form: { ...form(s), purpose: "technique_transfer", transferItemIds: [item.id] } }), ...ctx });
  const id = created.headers.get("Location")!.split("/").pop()!;
  s.db.update(transferItems).set({ stage: "accepted" }).where(eq(transferItems.id, item.id)).run();
  const page = await bodyOf(await editLoader({ request: authedRequest(`/rotations/${id}/edit`, { cookie: s.cookie }), params: { id }, context: {} }));
  expect(page.defaults).toMatchObject({ agreementId: agreement.id, transferItemIds: [item.id] });
  expect(page.options.agreements.map((o: { value: number }) => o.value)).toEqual([agreement.id]);
  expect(page.options.items.map((o: { value: number }) => o.value)).toEqual([item.id]);
});

test("cancelling twice answers 409 saying it is already cancelled; the edit page of a cancelled rotation answers 409", async () => {
  const s = await trainerSetup();
  const created = await newAction({ request: authedRequest("/rotations/new", { cookie: s.cookie, form: form(s) }), ...ctx });
  const id = created.headers.get("Location")!.split("/").pop()!;
  const cancel = () => detailAction({ request: authedRequest(`/rotations/${id}`, { cookie: s.cookie, form: { intent: "cancel", version: "1", cancelReason: "Đổi kế hoạch" } }), params: { id }, context: {} });
  expect((await cancel()).status).toBe(200);
  const again = await cancel();
  expect(again.status).toBe(409);
  expect((await bodyOf(again)).result.error[""][0]).toMatch(/^rotations:errors\.alreadyInStatus\|/);
  const editPage = await thrown(editLoader({ request: authedRequest(`/rotations/${id}/edit`, { cookie: s.cookie }), params: { id }, context: {} }));
  expect(editPage.status).toBe(409);
  expect(await editPage.text()).toMatch(/^rotations:errors\.notEditable\|/);
});

test("the report form appears from the rotation's last day; an early report answers 409 and completes nothing", async () => {
  const s = await trainerSetup();
  // a confirmed rotation that started in the past and ends in 2031, whatever today is
  const row = s.db
    .insert(rotations)
    .values({ staffId: s.person.id, fromFacilityId: s.sender.id, toFacilityId: s.receiver.id, purpose: "manpower_support", startOn: "2020-01-01", endOn: "2031-03-31", status: "confirmed" })
    .returning()
    .get();
  const id = String(row.id);
  const page = await bodyOf(await detailLoader({ request: authedRequest(`/rotations/${id}`, { cookie: s.cookie }), params: { id }, context: {} }));
  expect(page.canReport).toBe(false);
  const early = await detailAction({ request: authedRequest(`/rotations/${id}`, { cookie: s.cookie, form: { intent: "report", reportCases: "4", version: "1" } }), params: { id }, context: {} });
  expect(early.status).toBe(409);
  expect((await bodyOf(early)).result.error[""][0]).toMatch(/^rotations:errors\.completeBeforeEnd\|/);
  expect(s.db.select().from(rotations).where(eq(rotations.id, row.id)).get()).toMatchObject({ status: "confirmed", reportCases: null });
  // once over, the report completes it
  s.db.update(rotations).set({ endOn: "2020-03-31" }).where(eq(rotations.id, row.id)).run();
  expect((await bodyOf(await detailLoader({ request: authedRequest(`/rotations/${id}`, { cookie: s.cookie }), params: { id }, context: {} }))).canReport).toBe(true);
  const done = await detailAction({ request: authedRequest(`/rotations/${id}`, { cookie: s.cookie, form: { intent: "report", reportCases: "4", version: "1" } }), params: { id }, context: {} });
  expect(done.status).toBe(200);
  expect(s.db.select().from(rotations).where(eq(rotations.id, row.id)).get()?.status).toBe("completed");
});

test("a rotation to a facility of the same level answers 400 next to its purpose until one is stated", async () => {
  const s = await trainerSetup();
  const peer = makeFacility(s.db, { name: "Bệnh viện Đa khoa tỉnh Lào Cai số 3", level: "B", directedById: s.sender.id });
  const page = await bodyOf(await newLoader({ request: authedRequest("/rotations/new", { cookie: s.cookie }), ...ctx }));
  expect(page.options.facilities).toEqual(expect.arrayContaining([expect.objectContaining({ value: peer.id, downward: false }), expect.objectContaining({ value: s.receiver.id, downward: true })]));
  const refused = await newAction({ request: authedRequest("/rotations/new", { cookie: s.cookie, form: form(s, { toFacilityId: String(peer.id) }) }), ...ctx });
  expect(refused.status).toBe(400);
  expect((await bodyOf(refused)).result.error.directionPurpose).toEqual(["rotations:errors.directionPurpose"]);
  const saved = await newAction({ request: authedRequest("/rotations/new", { cookie: s.cookie, form: form(s, { toFacilityId: String(peer.id), directionPurpose: "Hỗ trợ cùng tuyến theo phân công của Sở Y tế" }) }), ...ctx });
  expect(saved.status).toBe(302);
});
