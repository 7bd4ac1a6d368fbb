import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { getDb } from "~/db/client.server";
import { targetMeasurements, targets } from "~/db/schema";
import { addMeasurement, createTarget } from "~/models/targets/commands.server";
import { action as detailAction } from "~/routes/targets.$id._index";
import { action as editAction, loader as editLoader } from "~/routes/targets.$id.edit";
import { authedRequest, createSignedInUser, responseOf } from "../helpers/auth";
import { makeFacility, makeProvince } from "../helpers/factories";

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });

const FORM = { title: "Bệnh án điện tử", indicator: "manual_count", periodStart: "2025-01-01", periodEnd: "2025-09-30", baseline: "21", targetValue: "54", unit: "cơ sở" };

// A province's electronic-records milestone with one value entered by its department.
async function milestone() {
  const db = getDb();
  const p = makeProvince(db);
  const department = await createSignedInUser(db, { role: "department", provinceCode: p.code });
  const actor = { userId: department.user.id, role: "department" as const, facilityId: null, provinceCode: p.code };
  const target = createTarget(db, actor, { ...FORM, indicator: "manual_count", baseline: 21, targetValue: 54 });
  const measurement = addMeasurement(db, actor, target.id, { measuredOn: "2025-06-30", value: 47 }, "2025-10-15");
  return { db, p, department, target, measurement };
}

const stored = (id: number) => getDb().select().from(targets).where(eq(targets.id, id)).get();
const measurementsOf = (id: number) => getDb().select().from(targetMeasurements).where(eq(targetMeasurements.targetId, id)).all();

const edit = (cookie: string, id: number, form: Record<string, string | number>) =>
  responseOf(editAction(args(authedRequest(`/targets/${id}/edit`, { cookie, form: { intent: "save", ...form } }), { id: String(id) })));

test("the department opens the edit form with the stored values and saves a change", async () => {
  const { department, target } = await milestone();
  const page = await responseOf(editLoader(args(authedRequest(`/targets/${target.id}/edit`, { cookie: department.cookie }), { id: String(target.id) })));
  expect(page.status).toBe(200);
  const body = await page.json();
  expect(body.defaults).toMatchObject({ title: "Bệnh án điện tử", targetValue: "54", baseline: "21", facilityId: "" });
  expect(body.target).toMatchObject({ version: target.version, measurementCount: 1 });
  const saved = await edit(department.cookie, target.id, { ...FORM, targetValue: "60", version: target.version });
  expect(saved.status).toBe(302);
  expect(saved.headers.get("Location")).toBe(`/targets/${target.id}?saved=1`);
  expect(stored(target.id)).toMatchObject({ targetValue: 60, version: target.version + 1 });
});

test("a stale edit form is a 409 with the fields that changed, and nothing is overwritten", async () => {
  const { department, target } = await milestone();
  expect((await edit(department.cookie, target.id, { ...FORM, targetValue: "60", version: target.version })).status).toBe(302);
  const stale = await edit(department.cookie, target.id, { ...FORM, title: "Tên khác", version: target.version });
  expect(stale.status).toBe(409);
  const body = await stale.json();
  expect(body.stale.changedFields).toEqual(["title", "targetValue"]);
  expect(body.stale.current.targetValue).toBe(60);
  expect(body.result.error[""][0]).toContain("common:stale.message");
  expect(stored(target.id)).toMatchObject({ title: "Bệnh án điện tử", targetValue: 60, version: target.version + 1 });
});

test("an edit is validated like a new target: zero, negative, Infinity and an end before the start are 400s", async () => {
  const { department, target } = await milestone();
  for (const [changes, key] of [
    [{ targetValue: "0" }, "reports:errors.targetNotPositive"],
    [{ targetValue: "-5" }, "reports:errors.targetNotPositive"],
    [{ targetValue: "Infinity" }, "common:validation.tooBig"],
    [{ baseline: "-1" }, "reports:errors.baselineNegative"],
    [{ periodEnd: "2024-12-31" }, "common:validation.endBeforeStart"],
  ] as const) {
    const response = await edit(department.cookie, target.id, { ...FORM, ...changes, version: target.version });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain(key);
  }
  expect(stored(target.id)).toMatchObject({ targetValue: 54, baseline: 21, version: target.version });
});

test("another province's officer cannot open, edit or delete the target (404 page, 403 actions); nothing changes", async () => {
  const { db, target, measurement } = await milestone();
  const outsider = await createSignedInUser(db, { role: "department" });
  const page = await responseOf(editLoader(args(authedRequest(`/targets/${target.id}/edit`, { cookie: outsider.cookie }), { id: String(target.id) })));
  expect(page.status).toBe(404);
  expect((await edit(outsider.cookie, target.id, { ...FORM, title: "x", version: target.version })).status).toBe(403);
  const remove = await responseOf(
    editAction(args(authedRequest(`/targets/${target.id}/edit`, { cookie: outsider.cookie, form: { intent: "delete", version: target.version } }), { id: String(target.id) })),
  );
  expect(remove.status).toBe(403);
  const removeValue = await responseOf(
    detailAction(
      args(authedRequest(`/targets/${target.id}`, { cookie: outsider.cookie, form: { intent: "removeMeasurement", measurementId: measurement.id } }), { id: String(target.id) }),
    ),
  );
  expect(removeValue.status).toBe(403);
  expect(stored(target.id)).toMatchObject({ title: "Bệnh án điện tử", version: target.version });
  expect(measurementsOf(target.id)).toHaveLength(1);
});

test("a director and a viewer of a facility in the province get 403 for the edit page and its actions", async () => {
  const { db, p, target } = await milestone();
  const hospital = makeFacility(db, { provinceCode: p.code });
  for (const role of ["director", "viewer"] as const) {
    const user = await createSignedInUser(db, { role, facilityId: hospital.id });
    const page = await responseOf(editLoader(args(authedRequest(`/targets/${target.id}/edit`, { cookie: user.cookie }), { id: String(target.id) })));
    expect(page.status).toBe(403);
    expect((await edit(user.cookie, target.id, { ...FORM, title: "x", version: target.version })).status).toBe(403);
    const remove = await responseOf(
      editAction(args(authedRequest(`/targets/${target.id}/edit`, { cookie: user.cookie, form: { intent: "delete", version: target.version } }), { id: String(target.id) })),
    );
    expect(remove.status).toBe(403);
  }
  expect(stored(target.id)).toMatchObject({ title: "Bệnh án điện tử", version: target.version });
});

test("the confirmed delete removes the target with its values; a confirmation older than an edit is a 409", async () => {
  const { department, target } = await milestone();
  const confirm = (version: number) =>
    responseOf(editAction(args(authedRequest(`/targets/${target.id}/edit`, { cookie: department.cookie, form: { intent: "delete", version } }), { id: String(target.id) })));
  expect((await edit(department.cookie, target.id, { ...FORM, targetValue: "60", version: target.version })).status).toBe(302);
  const stale = await confirm(target.version);
  expect(stale.status).toBe(409);
  expect(JSON.stringify(await stale.json())).toContain("reports:errors.staleDelete");
  expect(stored(target.id)).toBeDefined();
  const deleted = await confirm(target.version + 1);
  expect(deleted.status).toBe(302);
  expect(deleted.headers.get("Location")).toBe("/targets?deleted=1");
  expect(stored(target.id)).toBeUndefined();
  expect(measurementsOf(target.id)).toEqual([]);
});

test("the department removes a wrong value from the target page; an unknown value is a 404", async () => {
  const { department, target, measurement } = await milestone();
  const remove = (measurementId: number | string) =>
    responseOf(
      detailAction(
        args(authedRequest(`/targets/${target.id}`, { cookie: department.cookie, form: { intent: "removeMeasurement", measurementId } }), { id: String(target.id) }),
      ),
    );
  const removed = await remove(measurement.id);
  expect(removed.status).toBe(302);
  expect(removed.headers.get("Location")).toBe(`/targets/${target.id}?removed=1`);
  expect(measurementsOf(target.id)).toEqual([]);
  expect((await remove(measurement.id)).status).toBe(404);
  expect((await remove("abc")).status).toBe(400);
});

test("an edit posted without its version is a 400 next to the version, not a stale 409", async () => {
  const { department, target } = await milestone();
  const response = await edit(department.cookie, target.id, { ...FORM, targetValue: "60" });
  expect(response.status).toBe(400);
  expect((await response.json()).result.error.version).toEqual(["common:validation.required"]);
  expect(stored(target.id)).toMatchObject({ targetValue: 54, version: target.version });
});
