import { expect, test } from "vitest";
import { getDb } from "~/db/client.server";
import { rotationQuotas } from "~/db/schema";
import { action, loader } from "~/routes/rotations.quotas";
import { authedRequest, createSignedInUser, responseOf } from "../helpers/auth";
import { makeFacility, makeProvince } from "../helpers/factories";

const args = (request: Request) => ({ request, params: {}, context: {} });

async function people() {
  const db = getDb();
  const p = makeProvince(db);
  const hospital = makeFacility(db, { level: "B", kind: "provincial_hospital", beds: 450, provinceCode: p.code });
  const department = await createSignedInUser(db, { role: "department", provinceCode: p.code });
  const director = await createSignedInUser(db, { role: "director", facilityId: hospital.id });
  return { db, p, hospital, department, director };
}

const post = (cookie: string, form: Record<string, string>) => responseOf(action(args(authedRequest("/rotations/quotas", { cookie, form }))));
const page = (cookie: string, search: string) => responseOf(loader(args(authedRequest(`/rotations/quotas${search}`, { cookie }))));
const quotasOf = (facilityId: number) => getDb().select().from(rotationQuotas).all().filter((q) => q.facilityId === facilityId);

test("the department sees the guide's quota, sets another for the year, and a stale second form is a 409", async () => {
  const { hospital, department } = await people();
  const before = await (await page(department.cookie, "?year=2026")).json();
  expect(before.rows.find((r: { facilityId: number }) => r.facilityId === hospital.id)).toMatchObject({ guide: 9, quota: 9, canEdit: true });
  const saved = await post(department.cookie, { facilityId: String(hospital.id), year: "2026", staffQuota: "6" });
  expect(saved.status).toBe(302);
  expect(quotasOf(hospital.id)).toMatchObject([{ year: 2026, staffQuota: 6, version: 1 }]);
  const stale = await post(department.cookie, { facilityId: String(hospital.id), year: "2026", staffQuota: "7" });
  expect(stale.status).toBe(409);
  expect(quotasOf(hospital.id)).toMatchObject([{ staffQuota: 6 }]);
});

test("bad years and quotas are 400s next to their fields; nothing is saved", async () => {
  const { hospital, department } = await people();
  const badYear = await page(department.cookie, "?year=19xx");
  expect(badYear.status).toBe(400);
  expect((await badYear.json()).asked).toBe("19xx");
  for (const form of [{ year: "1999", staffQuota: "3" }, { year: "2026", staffQuota: "-1" }, { year: "2026", staffQuota: "1.5" }, { year: "2026", staffQuota: "99999" }]) {
    const refused = await post(department.cookie, { facilityId: String(hospital.id), ...form });
    expect(refused.status).toBe(400);
  }
  expect(quotasOf(hospital.id)).toEqual([]);
});

test("a director reads the report but may not set a quota (403), even for its own hospital", async () => {
  const { hospital, director } = await people();
  expect((await page(director.cookie, "")).status).toBe(200);
  expect((await post(director.cookie, { facilityId: String(hospital.id), year: "2026", staffQuota: "1" })).status).toBe(403);
  expect(quotasOf(hospital.id)).toEqual([]);
});
