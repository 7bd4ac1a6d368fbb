import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { getDb } from "~/db/client.server";
import { staff, staffTechniques } from "~/db/schema";
import { action as editAction } from "~/routes/staff.$id.edit";
import { loader as listLoader } from "~/routes/staff._index";
import { action as newAction } from "~/routes/staff.new";
import { authedRequest, createSignedInUser } from "../helpers/auth";
import { makeFacility, makeStaff, makeTechnique } from "../helpers/factories";
import { bodyOf, thrown } from "../helpers/routes";

const ctx = { params: {}, context: {} };

/** The JSON body of a loader or action response, loosely typed for assertions. */
test("a director registers a person of their own facility with the techniques they perform", async () => {
  const db = getDb();
  const facility = makeFacility(db);
  const technique = makeTechnique(db, { name: "Phẫu thuật thay khớp háng" });
  const { cookie } = await createSignedInUser(db, { role: "director", facilityId: facility.id });
  const other = makeFacility(db);
  const response = await newAction({
    request: authedRequest("/staff/new", { cookie, form: { fullName: "Phạm Minh Đức", cadre: "doctor", licenceNumber: "CCHN-LC-0001", techniques: technique.code, facilityId: String(other.id) } }),
    ...ctx,
  });
  expect(response.status).toBe(302);
  const row = db.select().from(staff).where(eq(staff.licenceNumber, "CCHN-LC-0001")).get()!;
  // the facility in the form is ignored: a director's staff belong to the director's facility
  expect(row.facilityId).toBe(facility.id);
  expect(db.select().from(staffTechniques).where(eq(staffTechniques.staffId, row.id)).all()).toHaveLength(1);
});

test("an unknown technique code is refused next to the techniques field", async () => {
  const db = getDb();
  const { cookie } = await createSignedInUser(db, { role: "director" });
  const response = await newAction({ request: authedRequest("/staff/new", { cookie, form: { fullName: "Vũ Thị Lan", cadre: "nurse", techniques: "99.999" } }), ...ctx });
  expect(response.status).toBe(400);
  expect((await bodyOf(response)).result.error.techniques[0]).toContain("rotations:errors.unknownTechnique");
});

test("a trainer cannot register staff; a director cannot edit another hospital's staff", async () => {
  const db = getDb();
  const trainer = await createSignedInUser(db, { role: "trainer" });
  expect((await thrown(newAction({ request: authedRequest("/staff/new", { cookie: trainer.cookie, form: { fullName: "A", cadre: "doctor" } }), ...ctx }))).status).toBe(403);
  const director = await createSignedInUser(db, { role: "director" });
  const stranger = makeStaff(db, { facilityId: makeFacility(db).id });
  const response = await editAction({
    request: authedRequest(`/staff/${stranger.id}/edit`, { cookie: director.cookie, form: { fullName: "Đổi tên", cadre: "doctor", version: "1" } }),
    params: { id: String(stranger.id) },
    context: {},
  });
  expect(response.status).toBe(403);
  expect(db.select().from(staff).where(eq(staff.id, stranger.id)).get()?.fullName).toBe(stranger.fullName);
});

test("editing replaces the techniques and refuses a stale version", async () => {
  const db = getDb();
  const facility = makeFacility(db);
  const a = makeTechnique(db);
  const b = makeTechnique(db);
  const person = makeStaff(db, { facilityId: facility.id }, [a.id]);
  const { cookie } = await createSignedInUser(db, { role: "director", facilityId: facility.id });
  const params = { id: String(person.id) };
  const ok = await editAction({ request: authedRequest(`/staff/${person.id}/edit`, { cookie, form: { fullName: person.fullName, cadre: "doctor", techniques: b.code, active: "on", version: "1" } }), params, context: {} });
  expect(ok.status).toBe(302);
  expect(db.select({ id: staffTechniques.techniqueId }).from(staffTechniques).where(eq(staffTechniques.staffId, person.id)).all()).toEqual([{ id: b.id }]);
  const stale = await editAction({ request: authedRequest(`/staff/${person.id}/edit`, { cookie, form: { fullName: "Tên khác", cadre: "doctor", version: "1" } }), params, context: {} });
  expect(stale.status).toBe(409);
});

test("the list searches without diacritics, filters by cadre and shows only the user's facility", async () => {
  const db = getDb();
  const facility = makeFacility(db);
  makeStaff(db, { facilityId: facility.id, fullName: "Đỗ Thị Hằng", cadre: "nurse" });
  makeStaff(db, { facilityId: facility.id, fullName: "Đỗ Văn Hùng", cadre: "doctor" });
  makeStaff(db, { facilityId: makeFacility(db).id, fullName: "Đỗ Thị Hà", cadre: "nurse" });
  const { cookie } = await createSignedInUser(db, { role: "viewer", facilityId: facility.id });
  const body = await bodyOf(await listLoader({ request: authedRequest("/staff?q=do&cadre=nurse", { cookie }), ...ctx }));
  expect(body.result.rows.map((r: { fullName: string }) => r.fullName)).toEqual(["Đỗ Thị Hằng"]);
});
