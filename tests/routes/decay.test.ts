import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { getDb } from "~/db/client.server";
import { decayThresholds } from "~/db/schema";
import { action, loader } from "~/routes/planning.decay";
import { authedRequest, createSignedInUser, responseOf } from "../helpers/auth";
import { makeChapter, makeFacility, makeProvince } from "../helpers/factories";

const args = (request: Request) => ({ request, params: {}, context: {} });

async function people() {
  const db = getDb();
  const p = makeProvince(db);
  const hospital = makeFacility(db, { level: "B", provinceCode: p.code });
  makeChapter(db, 10);
  const department = await createSignedInUser(db, { role: "department", provinceCode: p.code });
  const director = await createSignedInUser(db, { role: "director", facilityId: hospital.id });
  return { db, p, department, director };
}

const post = (cookie: string, form: Record<string, string>) => responseOf(action(args(authedRequest("/planning/decay", { cookie, form }))));
const stored = (code: string) => getDb().select().from(decayThresholds).where(eq(decayThresholds.provinceCode, code)).all();

test("the department sets a chapter's threshold and sees it on the page", async () => {
  const { p, department } = await people();
  const saved = await post(department.cookie, { chapterNumber: "10", months: "9" });
  expect(saved.status).toBe(200);
  expect(stored(p.code)).toMatchObject([{ chapterNumber: 10, months: 9 }]);
  const page = await responseOf(loader(args(authedRequest("/planning/decay", { cookie: department.cookie }))));
  const body = await page.json();
  expect(body.settings.province).toBe(p.code);
  expect(body.settings.thresholds.find((r: { chapterNumber: number }) => r.chapterNumber === 10).months).toBe(9);
});

test("0, 61, a fraction or text months are a 400 next to the field, and nothing is saved", async () => {
  const { p, department } = await people();
  for (const months of ["0", "61", "2.5", "sáu"]) {
    const refused = await post(department.cookie, { chapterNumber: "10", months });
    expect(refused.status).toBe(400);
    const body = await refused.json();
    expect(Object.keys(body.result.error)).toEqual(["months"]);
  }
  const unknownChapter = await post(department.cookie, { chapterNumber: "99", months: "6" });
  expect(unknownChapter.status).toBe(400);
  expect(stored(p.code)).toEqual([]);
});

test("a director may read the alerts but not set thresholds (403)", async () => {
  const { p, director } = await people();
  const page = await responseOf(loader(args(authedRequest("/planning/decay", { cookie: director.cookie }))));
  expect(page.status).toBe(200);
  expect((await page.json()).settings).toBeNull();
  expect((await post(director.cookie, { chapterNumber: "10", months: "6" })).status).toBe(403);
  expect(stored(p.code)).toEqual([]);
});
