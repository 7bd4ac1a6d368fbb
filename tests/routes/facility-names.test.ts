// Facility names follow the interface language: the English name for an English reader when
// one is stored, the Vietnamese name otherwise: in lists, on record pages and in messages.
import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { getDb } from "~/db/client.server";
import { courseSessions, facilities } from "~/db/schema";
import { getFixedT } from "~/i18n/i18n";
import { localeCookie } from "~/i18n/locale.server";
import { submitListRequest } from "~/models/adoption/list-requests.server";
import { requestEnrolment } from "~/models/courses/enrolments.server";
import { DomainError } from "~/models/errors";
import { addTransferItem } from "~/models/transfers/plan.server";
import * as requestsRoute from "~/routes/adoption.requests._index";
import * as requestRoute from "~/routes/adoption.requests.$id";
import * as printRoute from "~/routes/agreements.$id.print";
import * as listRoute from "~/routes/agreements._index";
import * as courseRoute from "~/routes/courses.$courseId._index";
import * as rosterRoute from "~/routes/courses.$courseId.sessions.$sessionId";
import * as ledgerRoute from "~/routes/credits.$staffId";
import * as directorRoute from "~/routes/director";
import * as creditsRoute from "~/routes/credits._index";
import * as facilitiesRoute from "~/routes/facilities._index";
import { encodeMessage, translateMessage } from "~/utils/messages";
import { makeActiveAgreement, makeSignedInTransferNetwork } from "../helpers/agreements";
import { authedRequest, createSignedInUser } from "../helpers/auth";
import { makeCourse } from "../helpers/course-fixtures";
import { makeStaff, makeTechnique } from "../helpers/factories";
import { bodyOf, call } from "../helpers/routes";

async function setup() {
  const db = getDb();
  const network = await makeSignedInTransferNetwork(db);
  const { hub, spokeA, spokeB, user } = network;
  db.update(facilities).set({ nameEn: "Hub Teaching Hospital" }).where(eq(facilities.id, hub.id)).run();
  db.update(facilities).set({ nameEn: "Spoke A General Hospital" }).where(eq(facilities.id, spokeA.id)).run();
  // spokeB keeps no English name: it shows in Vietnamese in both languages.
  const agreement = makeActiveAgreement(db, { userId: user.id, role: "director", facilityId: hub.id, provinceCode: null }, { supporting: [hub], receiving: [spokeA, spokeB] });
  const lng = async (locale: "vi" | "en") => (await localeCookie.serialize(locale)).split(";")[0];
  const cookieIn = async (locale: "vi" | "en", cookie = network.cookie) => `${cookie}; ${await lng(locale)}`;
  const director = { userId: user.id, role: "director" as const, facilityId: hub.id, provinceCode: network.province.code };
  return { ...network, db, agreement, director, cookieIn };
}

test("the agreements list names parties in English for an English reader and in Vietnamese otherwise", async () => {
  const s = await setup();
  const names = async (cookie: string) => {
    const res = await call(listRoute.loader, { request: authedRequest("/agreements", { cookie }) });
    expect(res.status).toBe(200);
    const body = await bodyOf(res);
    const row = body.page.rows.find((r: { id: number }) => r.id === s.agreement.id);
    return { parties: row.parties.map((p: { shortName: string }) => p.shortName).sort(), options: body.options.parties.map((p: { name: string }) => p.name) };
  };
  const en = await names(await s.cookieIn("en"));
  expect(en.parties).toEqual(["Hub Teaching Hospital", "Spoke A General Hospital", s.spokeB.shortName].sort());
  expect(en.options).toContain("Hub Teaching Hospital");
  const vi = await names(await s.cookieIn("vi"));
  expect(vi.parties).toEqual([s.hub.shortName, s.spokeA.shortName, s.spokeB.shortName].sort());
  expect(vi.options).not.toContain("Hub Teaching Hospital");
  // No language cookie: Vietnamese, the default.
  expect((await names(s.cookie)).parties).toEqual(vi.parties);
});

test("the print view and the facility registry follow the language too", async () => {
  const s = await setup();
  const print = async (cookie: string) =>
    bodyOf(await call(printRoute.loader, { request: authedRequest(`/agreements/${s.agreement.id}/print`, { cookie }), params: { id: String(s.agreement.id) } }));
  const en = await print(await s.cookieIn("en"));
  expect(en.detail.owner.name).toBe("Hub Teaching Hospital");
  expect(en.detail.parties.map((p: { name: string }) => p.name).sort()).toEqual(["Hub Teaching Hospital", "Spoke A General Hospital", s.spokeB.name].sort());
  const vi = await print(await s.cookieIn("vi"));
  expect(vi.detail.owner.name).toBe(s.hub.name);

  const registry = async (cookie: string) =>
    (await bodyOf(await call(facilitiesRoute.loader, { request: authedRequest(`/facilities?q=${encodeURIComponent(s.hub.code)}`, { cookie }) }))).result.rows.map(
      (r: { name: string }) => r.name,
    );
  expect(await registry(await s.cookieIn("en"))).toContain("Hub Teaching Hospital");
  expect(await registry(await s.cookieIn("vi"))).toContain(s.hub.name);
});

test("the list requests and one request name the facility in the reader's language", async () => {
  const s = await setup();
  const technique = makeTechnique(s.db, { minLevel: "A" });
  const request = submitListRequest(s.db, s.director, { items: [{ techniqueCode: technique.code, startedOn: "2024-03-01" }] }, "2024-03-01");
  const list = async (cookie: string) => {
    const body = await bodyOf(await call(requestsRoute.loader, { request: authedRequest("/adoption/requests", { cookie }) }));
    return body.page.rows.find((r: { id: number }) => r.id === request.id).facilityName;
  };
  const detail = async (cookie: string) =>
    (await bodyOf(await call(requestRoute.loader, { request: authedRequest(`/adoption/requests/${request.id}`, { cookie }), params: { id: String(request.id) } })))
      .detail.facilityName;
  expect(await list(await s.cookieIn("en"))).toBe("Hub Teaching Hospital");
  expect(await list(await s.cookieIn("vi"))).toBe(s.hub.name);
  expect(await detail(await s.cookieIn("en"))).toBe("Hub Teaching Hospital");
  expect(await detail(s.cookie)).toBe(s.hub.name);
});

test("the credit-hour pages name the facility in the reader's language", async () => {
  const s = await setup();
  const person = makeStaff(s.db, { facilityId: s.hub.id, fullName: "Lò Văn Tín" });
  const overview = async (cookie: string) =>
    bodyOf(await call(creditsRoute.loader, { request: authedRequest(`/credits?facility=${s.hub.id}&standing=all`, { cookie }) }));
  const en = await overview(await s.cookieIn("en"));
  expect(en.result.facilityName).toBe("Hub Teaching Hospital");
  expect(en.result.rows.map((r: { fullName: string }) => r.fullName)).toContain("Lò Văn Tín");
  expect((await overview(await s.cookieIn("vi"))).result.facilityName).toBe(s.hub.name);

  const ledger = async (cookie: string) =>
    (await bodyOf(await call(ledgerRoute.loader, { request: authedRequest(`/credits/${person.id}`, { cookie }), params: { staffId: String(person.id) } }))).ledger.person
      .facilityName;
  expect(await ledger(await s.cookieIn("en"))).toBe("Hub Teaching Hospital");
  expect(await ledger(await s.cookieIn("vi"))).toBe(s.hub.name);
});

test("the session roster and the course's participants name the trainee's facility in the reader's language", async () => {
  const s = await setup();
  const trainer = await createSignedInUser(s.db, { role: "trainer", facilityId: s.hub.id });
  const host = { userId: trainer.user.id, role: "trainer" as const, facilityId: s.hub.id, provinceCode: null };
  const course = makeCourse(s.db, host, { capacity: 3 });
  const session = s.db.select().from(courseSessions).where(eq(courseSessions.courseId, course.id)).get()!;
  const person = makeStaff(s.db, { facilityId: s.hub.id, fullName: "Sùng Thị Mai" });
  const enrolment = requestEnrolment(s.db, host, { courseId: course.id, staffId: person.id });
  const url = `/courses/${course.id}/sessions/${session.id}`;
  const params = { courseId: String(course.id), sessionId: String(session.id) };
  // Marked present, the trainee is enrolled and on the roster.
  const marked = await call(rosterRoute.action, { request: authedRequest(url, { cookie: trainer.cookie, form: { intent: "mark", enrolmentId: enrolment.id, present: "1" } }), params });
  expect(marked.status).toBe(200);

  const roster = async (cookie: string) => (await bodyOf(await call(rosterRoute.loader, { request: authedRequest(url, { cookie }), params }))).rows;
  expect(await roster(await s.cookieIn("en", trainer.cookie))).toEqual([expect.objectContaining({ fullName: "Sùng Thị Mai", facilityName: "Hub Teaching Hospital" })]);
  expect(await roster(await s.cookieIn("vi", trainer.cookie))).toEqual([expect.objectContaining({ fullName: "Sùng Thị Mai", facilityName: s.hub.shortName })]);

  const participants = async (cookie: string) =>
    (await bodyOf(await call(courseRoute.loader, { request: authedRequest(`/courses/${course.id}`, { cookie }), params: { courseId: String(course.id) } }))).participants.rows.map(
      (r: { facilityName: string }) => r.facilityName,
    );
  expect(await participants(await s.cookieIn("en", trainer.cookie))).toEqual(["Hub Teaching Hospital"]);
  expect(await participants(await s.cookieIn("vi", trainer.cookie))).toEqual([s.hub.shortName]);
});

test("the refusal naming a supporter that cannot perform the technique reads in either language", async () => {
  const s = await setup();
  // A central-level technique the provincial hub neither may nor does perform.
  const technique = makeTechnique(s.db, { minLevel: "A" });
  let error: unknown;
  try {
    addTransferItem(s.db, s.director, s.agreement.id, { techniqueCode: technique.code, fromFacilityId: s.hub.id, toFacilityId: s.spokeA.id, phase: 1, priority: 1, requiredCases: 3 });
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(DomainError);
  const message = encodeMessage((error as DomainError).message, (error as DomainError).params);
  const en = translateMessage(getFixedT("en", "agreements"), message);
  expect(en).toContain("Hub Teaching Hospital does not perform technique");
  const vi = translateMessage(getFixedT("vi", "agreements"), message);
  expect(vi).toContain(`${s.hub.shortName} chưa thực hiện kỹ thuật`);
  expect(vi).not.toContain("Hub Teaching Hospital");
});

test("the director's dashboard names the director's facility in the reader's language", async () => {
  const s = await setup();
  const name = async (cookie: string) => (await bodyOf(await call(directorRoute.loader, { request: authedRequest("/director", { cookie }) }))).facilityName;
  expect(await name(await s.cookieIn("en"))).toBe("Hub Teaching Hospital");
  expect(await name(await s.cookieIn("vi"))).toBe(s.hub.name);
});
