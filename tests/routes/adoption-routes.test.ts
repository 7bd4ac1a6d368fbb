import { and, count, eq } from "drizzle-orm";
import { expect, test, vi } from "vitest";
import { getDb } from "~/db/client.server";
import { adoptionEvents, targets, techniqueBillingCodes, techniqueListRequests } from "~/db/schema";
import { MAX_IMPORT_BYTES } from "~/models/imports/read-table.server";
import { recordAdoptionEvents } from "~/models/adoption/ledger.server";
import { approveListRequest, getListRequest, submitListRequest } from "~/models/adoption/list-requests.server";
import { action as ledgerAction } from "~/routes/adoption._index";
import { action as importAction, loader as importLoader } from "~/routes/adoption.import";
import { action as batchAction, loader as batchLoader } from "~/routes/imports.$id";
import { action as decideAction, loader as requestLoader } from "~/routes/adoption.requests.$id";
import { loader as requestsLoader } from "~/routes/adoption.requests._index";
import { loader as departmentLoader } from "~/routes/department";
import { loader as exportLoader } from "~/routes/reports.export";
import { loader as reportLoader } from "~/routes/reports._index";
import { loader as pairsLoader } from "~/routes/reports.pairs";
import { action as targetAction } from "~/routes/targets._index";
import { authedRequest, createSignedInUser, responseOf } from "../helpers/auth";
import { makeFacility, makeProvince, makeTechnique } from "../helpers/factories";

const PAST = "2024-03-01";

// A province with a provincial hospital performing two approved cross-level techniques since 2024.
async function province() {
  const db = getDb();
  const p = makeProvince(db);
  const hospital = makeFacility(db, { provinceCode: p.code, level: "B" });
  const t1 = makeTechnique(db, { minLevel: "A" });
  const t2 = makeTechnique(db, { minLevel: "A" });
  db.transaction((tx) =>
    recordAdoptionEvents(
      tx,
      [t1, t2].flatMap((t) => [
        { facilityId: hospital.id, techniqueId: t.id, kind: "started" as const, eventOn: PAST },
        { facilityId: hospital.id, techniqueId: t.id, kind: "approved" as const, eventOn: PAST },
      ]),
      null,
      PAST,
    ),
  );
  const department = await createSignedInUser(db, { role: "department", provinceCode: p.code });
  const director = await createSignedInUser(db, { role: "director", facilityId: hospital.id });
  return { db, p, hospital, department, director, t1, t2 };
}

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });

test("the department dashboard shows the province's headline figures with links to the pairs", async () => {
  const { p, department } = await province();
  const response = await responseOf(departmentLoader(args(authedRequest("/department", { cookie: department.cookie }))));
  expect(response.status).toBe(200);
  const { dashboard } = await response.json();
  expect(dashboard.provinceCode).toBe(p.code);
  expect(dashboard.provincialAdded.official).toBe(2);
  expect(dashboard.regionalPerforming.official).toBe(0);
  const pairs = await responseOf(pairsLoader(args(authedRequest(dashboard.provincialAdded.href, { cookie: department.cookie }))));
  const { page } = await pairs.json();
  expect(page.total).toBe(2);
});

test("the dashboard's counted-apart line links to its pairs; the report itself refuses that measure with a 400", async () => {
  const { db, p, hospital, department } = await province();
  const unlevelled = makeTechnique(db, { minLevel: null });
  db.transaction((tx) => recordAdoptionEvents(tx, [{ facilityId: hospital.id, techniqueId: unlevelled.id, kind: "started" as const, eventOn: PAST }], null, PAST));
  const { dashboard } = await (await responseOf(departmentLoader(args(authedRequest("/department", { cookie: department.cookie }))))).json();
  expect(dashboard.apart).toMatchObject({ unclassified: 1, newTechniques: 0 });
  const drill = await responseOf(pairsLoader(args(authedRequest(dashboard.apart.href, { cookie: department.cookie }))));
  expect(drill.status).toBe(200);
  const { params, page } = await drill.json();
  expect(params.apart).toBe(true);
  expect(page.rows.map((r: { techniqueCode: string }) => r.techniqueCode)).toEqual([unlevelled.code]);
  const report = await responseOf(reportLoader(args(authedRequest(`/reports?province=${p.code}&measure=apart`, { cookie: department.cookie }))));
  expect(report.status).toBe(400);
});

test("another province's department gets 403 for the dashboard and the drill-down", async () => {
  const { p } = await province();
  const outsider = await createSignedInUser(getDb(), { role: "department" });
  const dashboard = await responseOf(departmentLoader(args(authedRequest(`/department?province=${p.code}`, { cookie: outsider.cookie }))));
  expect(dashboard.status).toBe(403);
  const drill = await responseOf(pairsLoader(args(authedRequest(`/reports/pairs?province=${p.code}&metric=cumulative`, { cookie: outsider.cookie }))));
  expect(drill.status).toBe(403);
});

test("a baseline year after the report year is a 400 with the message", async () => {
  const { department } = await province();
  const response = await responseOf(reportLoader(args(authedRequest("/reports?baseline=2090", { cookie: department.cookie }))));
  expect(response.status).toBe(400);
  expect((await response.json()).error).toContain("reports:errors.baselineAfterReport");
});

test("the report is exported as CSV with the same totals", async () => {
  const { department } = await province();
  const response = await exportLoader(args(authedRequest("/reports/export?dimension=level&format=csv", { cookie: department.cookie })));
  expect(response.headers.get("Content-Type")).toContain("text/csv");
  const text = await response.text();
  const lines = text.trim().split("\n");
  expect(lines[0]).toContain("Chính thức");
  expect(lines[0].replace("\uFEFF", "").startsWith("Tuyến cơ sở,")).toBe(true);
  // Groups are named as the page names them: the level's label, not its letter.
  expect(lines.some((l) => l.startsWith("Tuyến B – tỉnh,"))).toBe(true);
  const xlsx = await exportLoader(args(authedRequest("/reports/export?format=xlsx", { cookie: department.cookie })));
  expect(xlsx.headers.get("Content-Type")).toContain("spreadsheetml");
});

test("the drill-down exports say how each pair came, as the page does", async () => {
  const { p, department } = await province();
  const response = await exportLoader(args(authedRequest(`/reports/export?kind=pairs&province=${p.code}&metric=cumulative&format=csv`, { cookie: department.cookie })));
  const lines = (await response.text()).replace("\uFEFF", "").trim().split("\n");
  expect(lines[0].endsWith(",Nguồn")).toBe(true);
  // Events recorded without a source read as the page reads them.
  expect(lines.slice(1)).toHaveLength(2);
  for (const line of lines.slice(1)) expect(line.endsWith(",Chưa ghi nguồn")).toBe(true);
});

test("ledger entries with bad input are refused with the right status and nothing is saved", async () => {
  const { db, hospital, director, t1 } = await province();
  const fresh = makeTechnique(db, { minLevel: "A" });
  const post = (form: Record<string, string>) =>
    responseOf(ledgerAction(args(authedRequest("/adoption", { cookie: director.cookie, form }))));
  const before = db.select({ n: count() }).from(adoptionEvents).where(eq(adoptionEvents.facilityId, hospital.id)).get()!.n;
  expect((await post({ techniqueCode: "99.99999", kind: "started", eventOn: PAST })).status).toBe(400);
  expect((await post({ techniqueCode: fresh.code, kind: "started", eventOn: "2999-01-01" })).status).toBe(400);
  expect((await post({ techniqueCode: fresh.code, kind: "suspended", eventOn: PAST })).status).toBe(409);
  expect((await post({ techniqueCode: t1.code, kind: "started", eventOn: PAST })).status).toBe(409);
  expect(db.select({ n: count() }).from(adoptionEvents).where(eq(adoptionEvents.facilityId, hospital.id)).get()!.n).toBe(before);
  const ok = await post({ techniqueCode: fresh.code, kind: "started", eventOn: PAST, source: "in_house" });
  expect(ok.status).toBe(200);
});

test("only the province's department approves a request; the approval moves the official figure", async () => {
  const { db, hospital, department, p } = await province();
  const t = makeTechnique(db, { minLevel: "A" });
  const request = submitListRequest(
    db,
    { userId: 0, role: "director", facilityId: hospital.id, provinceCode: p.code },
    { items: [{ techniqueCode: t.code, startedOn: PAST }] },
    PAST,
  );
  const outsider = await createSignedInUser(db, { role: "department" });
  const form = { intent: "approve", decisionNumber: "77/QĐ-SYT", decisionOn: PAST, version: "1" };
  const refused = await responseOf(decideAction(args(authedRequest(`/adoption/requests/${request.id}`, { cookie: outsider.cookie, form }), { id: String(request.id) })));
  expect(refused.status).toBe(403);
  const approved = await responseOf(decideAction(args(authedRequest(`/adoption/requests/${request.id}`, { cookie: department.cookie, form }), { id: String(request.id) })));
  expect(approved.status).toBe(200);
  expect(db.select().from(techniqueListRequests).where(eq(techniqueListRequests.id, request.id)).get()!.status).toBe("approved");
  const dashboard = await (await responseOf(departmentLoader(args(authedRequest("/department", { cookie: department.cookie }))))).json();
  expect(dashboard.dashboard.provincialAdded.official).toBe(3);
});

test("a target of zero or a negative value is refused and nothing is saved", async () => {
  const { db, department } = await province();
  const post = (targetValue: string) =>
    responseOf(
      targetAction(
        args(
          authedRequest("/targets", {
            cookie: department.cookie,
            form: { title: "Bệnh án điện tử", indicator: "manual_count", periodStart: "2025-01-01", periodEnd: "2025-09-30", baseline: "0", targetValue },
          }),
        ),
      ),
    );
  const before = db.select({ n: count() }).from(targets).get()!.n;
  const zero = await post("0");
  expect(zero.status).toBe(400);
  expect(JSON.stringify(await zero.json())).toContain("reports:errors.targetNotPositive");
  expect((await post("-5")).status).toBe(400);
  expect(db.select({ n: count() }).from(targets).get()!.n).toBe(before);
  const created = await post("54");
  expect(created.status).toBe(302);
});

test("a target value of Infinity or 1e400 is refused, and an administrator's missing or unknown province is a 400 next to the field", async () => {
  const { db, department } = await province();
  const admin = await createSignedInUser(db, { role: "admin" });
  const post = (cookie: string, extra: Record<string, string>) =>
    responseOf(
      targetAction(
        args(
          authedRequest("/targets", {
            cookie,
            form: { title: "Bệnh án điện tử", indicator: "manual_count", periodStart: "2025-01-01", periodEnd: "2025-09-30", baseline: "0", targetValue: "54", ...extra },
          }),
        ),
      ),
    );
  const before = db.select({ n: count() }).from(targets).get()!.n;
  for (const targetValue of ["Infinity", "1e400"]) {
    const response = await post(department.cookie, { targetValue });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain("common:validation.tooBig");
  }
  const missing = await post(admin.cookie, {});
  expect(missing.status).toBe(400);
  expect((await missing.json()).result.error.provinceCode).toEqual(["common:validation.required"]);
  const unknown = await post(admin.cookie, { provinceCode: "99" });
  expect(unknown.status).toBe(400);
  expect((await unknown.json()).result.error.provinceCode[0]).toContain("reports:errors.unknownProvince");
  expect(db.select({ n: count() }).from(targets).get()!.n).toBe(before);
});

test("an unknown technique in the ledger form is reported next to the technique code field", async () => {
  const { director } = await province();
  const response = await responseOf(
    ledgerAction(args(authedRequest("/adoption", { cookie: director.cookie, form: { techniqueCode: "99.99999", kind: "started", eventOn: PAST, source: "in_house" } }))),
  );
  expect(response.status).toBe(400);
  expect((await response.json()).result.error.techniqueCode[0]).toContain("adoption:errors.unknownTechnique");
});

test("a drill-down with a baseline after the report year answers 400 with the years filled into the message", async () => {
  const { department } = await province();
  const response = await responseOf(pairsLoader(args(authedRequest("/reports/pairs?baseline=2090&metric=cumulative", { cookie: department.cookie }))));
  expect(response.status).toBe(400);
  const body = await response.text();
  expect(body).toContain("reports:errors.baselineAfterReport|");
  expect(body).toContain('"baseline":2090');
});

test("a returned request keeps the facility's note beside the department's comment, and its director corrects and resends it", async () => {
  const { db, hospital, department, director, p } = await province();
  const [t, u] = [makeTechnique(db, { minLevel: "A" }), makeTechnique(db, { minLevel: "A" })];
  const directorActor = { userId: director.user.id, role: "director" as const, facilityId: hospital.id, provinceCode: p.code };
  const request = submitListRequest(db, directorActor, { items: [{ techniqueCode: t.code, startedOn: PAST }], comment: "Ghi chú của bệnh viện" }, PAST);
  const post = (cookie: string, form: Record<string, string>) =>
    responseOf(decideAction(args(authedRequest(`/adoption/requests/${request.id}`, { cookie, form }), { id: String(request.id) })));
  const returned = await post(department.cookie, { intent: "return", comment: "Thiếu biên bản nghiệm thu", version: "1" });
  expect(returned.status).toBe(200);
  const thread = getListRequest(db, directorActor, request.id, "vi")!.thread;
  expect(thread.map((n) => n.body)).toEqual(["Ghi chú của bệnh viện", "Thiếu biên bản nghiệm thu"]);

  const lines = `${t.code} ${PAST}\n${u.code} 2024-03-05`;
  // The department cannot resend a facility's request; a bad line is a 400 next to the field.
  expect((await post(department.cookie, { intent: "resubmit", items: lines, version: "2" })).status).toBe(403);
  const bad = await post(director.cookie, { intent: "resubmit", items: "khong phai ma", version: "2" });
  expect(bad.status).toBe(400);
  expect((await bad.json()).result.error.items[0]).toContain("adoption:errors.badLine");
  const stale = await post(director.cookie, { intent: "resubmit", items: lines, version: "1" });
  expect(stale.status).toBe(409);
  const resent = await post(director.cookie, { intent: "resubmit", items: lines, note: "Đã bổ sung", version: "2" });
  expect(resent.status).toBe(200);
  const detail = getListRequest(db, directorActor, request.id, "vi")!;
  expect(detail.status).toBe("submitted");
  expect(detail.items).toHaveLength(2);
  expect(detail.thread.map((n) => n.kind)).toEqual(["submitted", "returned", "resubmitted"]);
});

test("a decided request is dated by its decision's own instant, not by its submission", async () => {
  const { db, hospital, department, director, p } = await province();
  const t = makeTechnique(db, { minLevel: "A" });
  const departmentActor = { userId: department.user.id, role: "department" as const, facilityId: null, provinceCode: p.code };
  vi.useFakeTimers({ toFake: ["Date"] });
  try {
    // Submitted 08:00 and approved 08:15 in Vietnam.
    vi.setSystemTime(new Date("2025-09-30T01:00:00Z"));
    const request = submitListRequest(db, { userId: director.user.id, role: "director", facilityId: hospital.id, provinceCode: p.code }, { items: [{ techniqueCode: t.code, startedOn: PAST }] }, "2025-09-30");
    vi.setSystemTime(new Date("2025-09-30T01:15:00Z"));
    approveListRequest(db, departmentActor, request.id, { decisionNumber: "88/QĐ-SYT", decisionOn: "2025-09-30", version: 1 }, "2025-09-30");
    vi.useRealTimers();
    const page = await responseOf(requestLoader(args(authedRequest(`/adoption/requests/${request.id}`, { cookie: director.cookie }), { id: String(request.id) })));
    const { detail } = await page.json();
    expect(detail.submittedAt).toBe("2025-09-30T01:00:00.000Z");
    expect(detail.statusAt).toBe("2025-09-30T01:15:00.000Z");
    const list = await responseOf(requestsLoader(args(authedRequest("/adoption/requests", { cookie: department.cookie }))));
    const row = (await list.json()).page.rows.find((r: { id: number }) => r.id === request.id);
    expect(row.statusAt).toBe("2025-09-30T01:15:00.000Z");
  } finally {
    vi.useRealTimers();
  }
});

test("the department decides lines one by one over the form: bad choices are 400 next to the field, the decision is saved and the facility sees each outcome", async () => {
  const { db, hospital, department, director, p } = await province();
  const [a, b] = [makeTechnique(db, { minLevel: "A" }), makeTechnique(db, { minLevel: "A" })];
  const directorActor = { userId: director.user.id, role: "director" as const, facilityId: hospital.id, provinceCode: p.code };
  const request = submitListRequest(db, directorActor, { items: [{ techniqueCode: a.code, startedOn: PAST }, { techniqueCode: b.code, startedOn: PAST }] }, PAST);
  const post = (cookie: string, form: Record<string, string>) =>
    responseOf(decideAction(args(authedRequest(`/adoption/requests/${request.id}`, { cookie, form }), { id: String(request.id) })));
  const base = { intent: "decideLines", version: "1", "lines[0].techniqueId": String(a.id), "lines[1].techniqueId": String(b.id) };

  expect((await post(director.cookie, { ...base, "lines[0].outcome": "approve" })).status).toBe(403);
  const nothing = await post(department.cookie, base);
  expect(nothing.status).toBe(400);
  expect((await nothing.json()).result.error.lines).toEqual(["adoption:errors.noLineDecided"]);
  const noReason = await post(department.cookie, { ...base, "lines[1].outcome": "return" });
  expect(noReason.status).toBe(400);
  expect((await noReason.json()).result.error["lines[1].reason"]).toEqual(["adoption:errors.returnReasonRequired"]);
  const noNumber = await post(department.cookie, { ...base, "lines[0].outcome": "approve", decisionOn: PAST });
  expect(noNumber.status).toBe(400);
  expect((await noNumber.json()).result.error.decisionNumber).toEqual(["common:validation.required"]);
  const future = await post(department.cookie, { ...base, "lines[0].outcome": "approve", decisionNumber: "5/QĐ", decisionOn: "2999-01-01" });
  expect(future.status).toBe(400);
  expect(db.select({ n: count() }).from(adoptionEvents).where(eq(adoptionEvents.techniqueId, a.id)).get()!.n).toBe(0);

  const ok = await post(department.cookie, {
    ...base,
    "lines[0].outcome": "approve",
    "lines[1].outcome": "return",
    "lines[1].reason": "Thiếu biên bản",
    decisionNumber: "5/QĐ-SYT",
    decisionOn: PAST,
  });
  expect(ok.status).toBe(200);
  const page = await responseOf(requestLoader(args(authedRequest(`/adoption/requests/${request.id}`, { cookie: director.cookie }), { id: String(request.id) })));
  const { detail } = await page.json();
  expect(detail.status).toBe("returned");
  expect(detail.canResubmit).toBe(true);
  expect(Object.fromEntries(detail.items.map((i: { code: string; status: string; returnReason: string | null }) => [i.code, [i.status, i.returnReason]]))).toEqual({
    [a.code]: ["approved", null],
    [b.code]: ["returned", "Thiếu biên bản"],
  });
  // Deciding again on the stale form is a 409.
  expect((await post(department.cookie, { ...base, "lines[1].outcome": "approve", decisionNumber: "6/QĐ", decisionOn: PAST })).status).toBe(409);
});

const upload = (cookie: string, text: string | Uint8Array<ArrayBuffer>, fields: Record<string, string> = {}, fileName = "so-ky-thuat.csv") => {
  const form = new FormData();
  form.append("file", new File([text], fileName, { type: "text/csv" }));
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return responseOf(importAction(args(authedRequest("/adoption/import", { cookie, form }))));
};

test("the department uploads a ledger file keyed by billing codes, confirms the preview, and the official figure rises by the rows approved", async () => {
  const { db, hospital, department } = await province();
  const [t3, t4, t5] = [makeTechnique(db, { minLevel: "A" }), makeTechnique(db, { minLevel: "A" }), makeTechnique(db, { minLevel: "A" })];
  const codes = [t3, t4, t5].map((t, i) => {
    const code = `10.${String(9000 + t.id).padStart(4, "0")}.${String(i).padStart(4, "0")}`;
    db.insert(techniqueBillingCodes).values({ techniqueId: t.id, code, techniqueName: t.name }).run();
    return code;
  });
  const officialNow = async () => {
    const response = await responseOf(departmentLoader(args(authedRequest("/department", { cookie: department.cookie }))));
    return (await response.json()).dashboard.provincialAdded.official as number;
  };
  const before = await officialNow();
  const page = await responseOf(importLoader(args(authedRequest(`/adoption/import?facility=${hospital.id}`, { cookie: department.cookie }))));
  expect(page.status).toBe(200);
  expect(await page.json()).toMatchObject({ ownFacility: null, selected: hospital.id, decisions: "official" });

  const file = [
    "Mã tương đương,Ngày bắt đầu,Số quyết định,Ngày phê duyệt",
    `${codes[0]},01/02/2024,77/QĐ-SYT,15/09/2025`,
    `${codes[1]},2024-02-01,77/QĐ-SYT,2025-09-15`,
    `${codes[2]},2024-02-01,,`,
  ].join("\n");
  const preview = await upload(department.cookie, file, { facilityId: String(hospital.id) });
  expect(preview.status).toBe(302);
  const href = preview.headers.get("Location")!;
  expect(href).toMatch(/^\/imports\/\d+$/);
  const id = href.split("/").pop()!;
  const shown = await responseOf(batchLoader(args(authedRequest(href, { cookie: department.cookie }), { id })));
  const { batch, rows } = await shown.json();
  expect(batch.summary).toMatchObject({ new: 3, refused: 0 });
  expect(rows.rows[0].resolved).toBe(`${codes[0]} → ${t3.code} ${t3.name}`);
  expect(await officialNow()).toBe(before);

  const confirmed = await responseOf(batchAction(args(authedRequest(href, { cookie: department.cookie, form: { intent: "confirm" } }), { id })));
  expect(confirmed.status).toBe(302);
  expect(await officialNow()).toBe(before + 2);
  expect(db.select({ n: count() }).from(adoptionEvents).where(and(eq(adoptionEvents.facilityId, hospital.id), eq(adoptionEvents.kind, "approved"))).get()!.n).toBe(4);

  // Confirming again is a 409; nothing more is written.
  const twice = await responseOf(batchAction(args(authedRequest(href, { cookie: department.cookie, form: { intent: "confirm" } }), { id })));
  expect(twice.status).toBe(409);
  expect(await officialNow()).toBe(before + 2);
});

test("a director's upload is for its own facility whatever the form says; others get 403, bad uploads 400/413/415 with the message next to the field", async () => {
  const { db, p, hospital, director, department, t1 } = await province();
  const neighbour = makeFacility(db, { provinceCode: p.code });
  const page = await responseOf(importLoader(args(authedRequest("/adoption/import", { cookie: director.cookie }))));
  expect(await page.json()).toMatchObject({ ownFacility: { id: hospital.id }, choices: [], decisions: "request" });

  const csv = `Mã kỹ thuật,Ngày bắt đầu\n${t1.code},2024-03-01\n`;
  const mine = await upload(director.cookie, csv, { facilityId: String(neighbour.id) });
  expect(mine.status).toBe(302);
  const batch = db.$client.prepare("SELECT facility_id AS facilityId FROM import_batches ORDER BY id DESC").get() as { facilityId: number };
  expect(batch.facilityId).toBe(hospital.id);

  const trainer = await createSignedInUser(db, { role: "trainer", facilityId: hospital.id });
  expect((await responseOf(importLoader(args(authedRequest("/adoption/import", { cookie: trainer.cookie }))))).status).toBe(403);
  expect((await upload(trainer.cookie, csv)).status).toBe(403);
  const elsewhere = makeFacility(db);
  expect((await upload(department.cookie, csv, { facilityId: String(elsewhere.id) })).status).toBe(403);

  const noFacility = await upload(department.cookie, csv);
  expect(noFacility.status).toBe(400);
  expect((await noFacility.json()).fieldErrors.facilityId).toEqual(["imports:ledger.chooseFacility"]);
  const badChoice = await upload(department.cookie, csv, { facilityId: "abc" });
  expect(badChoice.status).toBe(400);
  expect((await badChoice.json()).fieldErrors.facilityId).toHaveLength(1);
  const noHeaders = await upload(director.cookie, "foo,bar\n1,2\n");
  expect(noHeaders.status).toBe(400);
  expect((await noHeaders.json()).fieldErrors.file[0]).toMatch(/^imports:errors\.unrecognisedHeaders\|/);
  const wrongType = await upload(director.cookie, "x", {}, "so.pdf");
  expect(wrongType.status).toBe(400);
  expect((await wrongType.json()).fieldErrors.file[0]).toMatch(/^imports:errors\.unsupportedType\|/);
  const big = await upload(director.cookie, new Uint8Array(MAX_IMPORT_BYTES + 1024).fill(65));
  expect(big.status).toBe(413);
  const notMultipart = await responseOf(importAction(args(authedRequest("/adoption/import", { cookie: director.cookie, form: { facilityId: "1" } }))));
  expect(notMultipart.status).toBe(415);
  expect(db.select({ n: count() }).from(adoptionEvents).where(eq(adoptionEvents.facilityId, hospital.id)).get()!.n).toBe(4);
});
