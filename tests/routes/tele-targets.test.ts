import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { getDb } from "~/db/client.server";
import { targets, teleSessions } from "~/db/schema";
import { action as newTarget } from "~/routes/targets._index";
import { loader as targetPage } from "~/routes/targets.$id._index";
import { action as editAction } from "~/routes/targets.$id.edit";
import { authedRequest, createSignedInUser, responseOf } from "../helpers/auth";
import { makeChapter, makeFacility, makeProvince } from "../helpers/factories";

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });
const FORM = { intent: "save", title: "Giảm chuyển tuyến nhờ hội chẩn", indicator: "tele_resolved_locally_share", periodStart: "2026-01-01", periodEnd: "2026-12-31", baseline: "50", targetValue: "80", unit: "%" };

async function setup() {
  const db = getDb();
  makeChapter(db, 10);
  const p = makeProvince(db);
  const hub = makeFacility(db, { provinceCode: p.code });
  const spoke = makeFacility(db, { level: "C", provinceCode: p.code });
  for (const [heldOn, outcome] of [["2026-01-10", "treated_locally"], ["2026-02-10", "advice_only"], ["2026-03-10", "advice_only"], ["2026-04-10", "referred_up"]] as const) {
    db.insert(teleSessions).values({ kind: "consultation", hubFacilityId: hub.id, spokeFacilityId: spoke.id, heldOn, startTime: "14:00", durationMinutes: 30, chapterNumber: 10, title: "Ca", outcome }).run();
  }
  const department = await createSignedInUser(db, { role: "department", provinceCode: p.code });
  return { db, p, spoke, department };
}

test("the department sets a share-resolved-locally target for its province and reads its achievement", async () => {
  const s = await setup();
  const created = await responseOf(newTarget(args(authedRequest("/targets", { cookie: s.department.cookie, form: FORM }))));
  expect(created.status).toBe(302);
  const id = created.headers.get("Location")!.split("/").pop()!;
  const page = await responseOf(targetPage(args(authedRequest(`/targets/${id}`, { cookie: s.department.cookie }), { id })));
  const { target } = await page.json();
  // 3 of 4 consultations resolved locally: 75 %, against 80: 93.8 %.
  expect(target).toEqual(expect.objectContaining({ indicator: "tele_resolved_locally_share", value: 75, targetValue: 80, percent: 93.8 }));
});

test("a share above 100 is a 400 next to the field, on creation and on edit; a consultation count may exceed 100", async () => {
  const s = await setup();
  const refused = await responseOf(newTarget(args(authedRequest("/targets", { cookie: s.department.cookie, form: { ...FORM, targetValue: "120" } }))));
  expect(refused.status).toBe(400);
  const body = await refused.json();
  expect(body.result.error.targetValue).toEqual(["tele:reports.targets.shareMax"]);
  expect(s.db.select().from(targets).where(eq(targets.provinceCode, s.p.code)).all()).toHaveLength(0);

  const count = await responseOf(newTarget(args(authedRequest("/targets", { cookie: s.department.cookie, form: { ...FORM, indicator: "tele_consultations", targetValue: "240" } }))));
  expect(count.status).toBe(302);
  const id = count.headers.get("Location")!.split("/").pop()!;
  const page = await (await responseOf(targetPage(args(authedRequest(`/targets/${id}`, { cookie: s.department.cookie }), { id })))).json();
  expect(page.target.value).toBe(4);
  const edit = await responseOf(
    editAction(args(authedRequest(`/targets/${id}/edit`, { cookie: s.department.cookie, form: { ...FORM, targetValue: "240", version: String(page.target.version) } }), { id })),
  );
  expect(edit.status).toBe(400);
  expect(JSON.stringify(await edit.json())).toContain("tele:reports.targets.shareMax");
});
