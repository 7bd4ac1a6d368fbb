// A name links to a person's page only where that page opens for the reader: visiting staff on
// the receiving facility's board and a guest hospital's trainees on the host's course page are
// text, since /staff/N and /credits/N answer 404 there.
import { expect, test } from "vitest";
import { getDb } from "~/db/client.server";
import { loader as ledgerImportLoader } from "~/routes/adoption.import";
import { action as courseAction, loader as courseLoader } from "~/routes/courses.$courseId._index";
import { action as newCourseAction } from "~/routes/courses.new";
import { loader as creditsLoader } from "~/routes/credits.$staffId";
import { loader as boardLoader } from "~/routes/rotations.board";
import { loader as rotationLoader } from "~/routes/rotations.$id._index";
import { action as newRotationAction } from "~/routes/rotations.new";
import { loader as staffLoader } from "~/routes/staff.$id._index";
import { authedRequest, createSignedInUser } from "../helpers/auth";
import { makeFacility, makeStaff } from "../helpers/factories";
import { bodyOf, thrown } from "../helpers/routes";

const ctx = { params: {}, context: {} };

test("on the receiving facility's board and rotation page the visiting person is not a link; on the sender's it is", async () => {
  const db = getDb();
  const sender = makeFacility(db, { level: "B" });
  const receiver = makeFacility(db, { level: "C", directedById: sender.id, provinceCode: sender.provinceCode });
  const person = makeStaff(db, { facilityId: sender.id, fullName: "Trần Văn Khách" });
  const senderTrainer = await createSignedInUser(db, { role: "trainer", facilityId: sender.id });
  const receiverTrainer = await createSignedInUser(db, { role: "trainer", facilityId: receiver.id });
  const created = await newRotationAction({
    request: authedRequest("/rotations/new", {
      cookie: senderTrainer.cookie,
      form: { staffId: String(person.id), toFacilityId: String(receiver.id), purpose: "manpower_support", startOn: "2031-01-01", endOn: "2031-03-31" },
    }),
    ...ctx,
  });
  expect(created.status).toBe(302);
  const rotationId = created.headers.get("Location")!.split("/").pop()!;

  const board = (cookie: string) => boardLoader({ request: authedRequest("/rotations/board?view=person&period=quarter&from=2031-01", { cookie }), ...ctx }).then(bodyOf);
  expect((await board(senderTrainer.cookie)).board.groups.rows).toEqual([expect.objectContaining({ label: "Trần Văn Khách", open: true })]);
  expect((await board(receiverTrainer.cookie)).board.groups.rows).toEqual([expect.objectContaining({ label: "Trần Văn Khách", open: false })]);
  const detail = (cookie: string) => rotationLoader({ request: authedRequest(`/rotations/${rotationId}`, { cookie }), params: { id: rotationId }, context: {} }).then(bodyOf);
  expect((await detail(senderTrainer.cookie)).staffOpen).toBe(true);
  expect((await detail(receiverTrainer.cookie)).staffOpen).toBe(false);
  // What the link would have opened.
  const staffPage = await thrown(staffLoader({ request: authedRequest(`/staff/${person.id}`, { cookie: receiverTrainer.cookie }), params: { id: String(person.id) }, context: {} }));
  expect(staffPage.status).toBe(404);
});

test("on the host's course page only the host's own trainees link to their credit ledger", async () => {
  const db = getDb();
  const host = makeFacility(db);
  const guest = makeFacility(db);
  const trainer = await createSignedInUser(db, { role: "trainer", facilityId: host.id });
  const director = await createSignedInUser(db, { role: "director", facilityId: guest.id });
  const res = (await newCourseAction({
    request: authedRequest("/courses/new", {
      cookie: trainer.cookie,
      form: { title: "Cấp cứu sản khoa", mode: "at_host", status: "open", startOn: "2031-04-06", endOn: "2031-04-10", capacity: "5", creditHours: "12", minAttendancePercent: "80", "sessions[0].heldOn": "2031-04-06", "sessions[0].startsAt": "08:00", "sessions[0].endsAt": "11:00", "sessions[0].topic": "Băng huyết sau sinh", "sessions[0].periods": "4" },
    }),
    ...ctx,
  })) as Response;
  const courseId = res.headers.get("Location")!.split("/").pop()!;
  const params = { courseId };
  const own = makeStaff(db, { facilityId: host.id, fullName: "Nguyễn Chủ Nhà" });
  const visitor = makeStaff(db, { facilityId: guest.id, fullName: "Lê Khách Mời" });
  await courseAction({ request: authedRequest(`/courses/${courseId}`, { cookie: trainer.cookie, form: { intent: "request", staffId: String(own.id) } }), params, context: {} });
  await courseAction({ request: authedRequest(`/courses/${courseId}`, { cookie: director.cookie, form: { intent: "request", staffId: String(visitor.id) } }), params, context: {} });
  const page = await bodyOf(await courseLoader({ request: authedRequest(`/courses/${courseId}`, { cookie: trainer.cookie }), params, context: {} }));
  expect(page.participants.rows.map((p: { fullName: string }) => p.fullName).sort()).toEqual(["Lê Khách Mời", "Nguyễn Chủ Nhà"]);
  expect(page.openPeople).toEqual([own.id]);
  const ledger = await thrown(creditsLoader({ request: authedRequest(`/credits/${visitor.id}`, { cookie: trainer.cookie }), params: { staffId: String(visitor.id) }, context: {} }));
  expect(ledger.status).toBe(404);
  // The guest director sees only their own person, and may open that ledger.
  const guestPage = await bodyOf(await courseLoader({ request: authedRequest(`/courses/${courseId}`, { cookie: director.cookie }), params, context: {} }));
  expect(guestPage.openPeople).toEqual([visitor.id]);
});

test("the ledger import page opened directly shows its form to a director and answers 403 to a trainer", async () => {
  const db = getDb();
  const facility = makeFacility(db, { name: "Bệnh viện Đa khoa tỉnh Lào Cai số 2" });
  const director = await createSignedInUser(db, { role: "director", facilityId: facility.id });
  const trainer = await createSignedInUser(db, { role: "trainer", facilityId: facility.id });
  const page = await bodyOf(await ledgerImportLoader({ request: authedRequest("/adoption/import", { cookie: director.cookie }), ...ctx }));
  expect(page).toMatchObject({ ownFacility: { id: facility.id, name: "Bệnh viện Đa khoa tỉnh Lào Cai số 2" }, decisions: "request" });
  const refused = await thrown(ledgerImportLoader({ request: authedRequest("/adoption/import", { cookie: trainer.cookie }), ...ctx }));
  expect(refused.status).toBe(403);
});
