import { count, eq } from "drizzle-orm";
import { afterEach, expect, test, vi } from "vitest";
import { adoptionEvents, techniqueListRequests } from "~/db/schema";
import type { Actor } from "~/models/access/policy";
import { recordAdoptionEvent } from "~/models/adoption/ledger.server";
import {
  approveListRequest,
  decideListRequestLines,
  getListRequest,
  listListRequests,
  resubmitListRequest,
  returnListRequest,
  submitListRequest,
} from "~/models/adoption/list-requests.server";
import { listFigurePairs } from "~/models/reports/drill-down.server";
import { createTestDb } from "../helpers/db";
import { makeFacility, makeProvince, makeTechnique, makeUser } from "../helpers/factories";

const TODAY = "2025-10-15";

function setup() {
  const db = createTestDb();
  const province = makeProvince(db);
  const hospital = makeFacility(db, { provinceCode: province.code, level: "B" });
  const directorUser = makeUser(db, { role: "director", facilityId: hospital.id });
  const departmentUser = makeUser(db, { role: "department", provinceCode: province.code });
  const director: Actor = { userId: directorUser.id, role: "director", facilityId: hospital.id, provinceCode: province.code };
  const department: Actor = { userId: departmentUser.id, role: "department", facilityId: null, provinceCode: province.code };
  const ecmo = makeTechnique(db, { minLevel: "A", name: "Kỹ thuật ECMO" });
  const epidural = makeTechnique(db, { minLevel: "A", name: "Gây tê ngoài màng cứng giảm đau trong đẻ" });
  return { db, province, hospital, director, department, ecmo, epidural };
}

const officialAdded = (db: ReturnType<typeof createTestDb>, provinceCode: string) =>
  listFigurePairs(
    db,
    { userId: 0, role: "admin", facilityId: null, provinceCode: null },
    { metric: "change", category: "official", start: "2025-01-01", end: TODAY, baselineEnd: "2020-12-31", filter: { provinceCode, levels: ["B"] } },
    TODAY,
    { page: 1, pageSize: 10, offset: 0 },
  ).total;

test("a director submits additions; the department approves them and they count in official figures", () => {
  const { db, province, director, department, ecmo, epidural, hospital } = setup();
  // ECMO is already in the ledger (started, not approved); the epidural is new.
  db.transaction((tx) =>
    recordAdoptionEvent(tx, { facilityId: hospital.id, techniqueId: ecmo.id, kind: "started", eventOn: "2025-03-02" }, director, TODAY),
  );
  const request = submitListRequest(
    db,
    director,
    { items: [{ techniqueCode: ecmo.code, startedOn: "2025-03-02" }, { techniqueCode: epidural.code, startedOn: "2025-05-20" }] },
    TODAY,
  );
  expect(request.status).toBe("submitted");
  expect(officialAdded(db, province.code)).toBe(0);
  const detail = getListRequest(db, department, request.id, "vi")!;
  expect(detail.canApprove).toBe(true);
  expect(detail.items.every((i) => i.crossLevel)).toBe(true);

  const approved = approveListRequest(db, department, request.id, { decisionNumber: "1234/QĐ-SYT", decisionOn: "2025-09-30", version: 1 }, TODAY);
  expect(approved.status).toBe("approved");
  expect(officialAdded(db, province.code)).toBe(2);
  const events = db.select().from(adoptionEvents).where(eq(adoptionEvents.facilityId, hospital.id)).all();
  expect(events.map((e) => [e.techniqueId, e.kind, e.eventOn]).sort()).toEqual(
    [
      [ecmo.id, "approved", "2025-09-30"],
      [ecmo.id, "started", "2025-03-02"],
      [epidural.id, "approved", "2025-09-30"],
      [epidural.id, "started", "2025-05-20"],
    ].sort(),
  );
  expect(events.find((e) => e.kind === "approved")!.decisionNumber).toBe("1234/QĐ-SYT");
});

test("the department returns a request with a comment and nothing enters the ledger", () => {
  const { db, director, department, ecmo } = setup();
  const request = submitListRequest(db, director, { items: [{ techniqueCode: ecmo.code, startedOn: "2025-03-02" }] }, TODAY);
  const returned = returnListRequest(db, department, request.id, { comment: "Thiếu biên bản nghiệm thu", version: 1 });
  expect(returned.status).toBe("returned");
  expect(getListRequest(db, director, request.id, "vi")!.thread.map((n) => [n.kind, n.body])).toEqual([
    ["submitted", null],
    ["returned", "Thiếu biên bản nghiệm thu"],
  ]);
  expect(db.select({ n: count() }).from(adoptionEvents).get()!.n).toBe(0);
  // A returned request cannot be approved afterwards.
  expect(() =>
    approveListRequest(db, department, request.id, { decisionNumber: "1/QĐ", decisionOn: "2025-09-30", version: 2 }, TODAY),
  ).toThrow("adoption:errors.notSubmitted");
});

test("another province's department cannot approve, and does not see the request", () => {
  const { db, director, ecmo } = setup();
  const other = makeProvince(db);
  const outsider: Actor = { userId: makeUser(db, { role: "department", provinceCode: other.code }).id, role: "department", facilityId: null, provinceCode: other.code };
  const request = submitListRequest(db, director, { items: [{ techniqueCode: ecmo.code, startedOn: "2025-03-02" }] }, TODAY);
  expect(() =>
    approveListRequest(db, outsider, request.id, { decisionNumber: "1/QĐ", decisionOn: "2025-09-30", version: 1 }, TODAY),
  ).toThrow(expect.objectContaining({ status: 403 }));
  expect(getListRequest(db, outsider, request.id, "vi")).toBeNull();
  expect(listListRequests(db, outsider, { page: { page: 1, pageSize: 10, offset: 0 } }, "vi").total).toBe(0);
});

test("bad submissions are refused and nothing is saved", () => {
  const { db, director, ecmo, department, hospital } = setup();
  const submit = (items: { techniqueCode: string; startedOn: string }[]) => {
    try {
      submitListRequest(db, director, { items }, TODAY);
      return null;
    } catch (error) {
      return (error as Error).message;
    }
  };
  expect(submit([{ techniqueCode: "99.9999", startedOn: "2025-01-01" }])).toBe("adoption:errors.unknownTechnique");
  expect(submit([{ techniqueCode: ecmo.code, startedOn: "2025-10-16" }])).toBe("adoption:errors.futureDate");
  expect(submit([])).toBe("adoption:errors.noItems");
  expect(submit([{ techniqueCode: ecmo.code, startedOn: "2025-01-01" }, { techniqueCode: ecmo.code, startedOn: "2025-01-02" }])).toBe(
    "adoption:errors.duplicateItem",
  );
  expect(db.select({ n: count() }).from(techniqueListRequests).get()!.n).toBe(0);
  // A department officer cannot submit for a facility.
  expect(() => submitListRequest(db, department, { items: [{ techniqueCode: ecmo.code, startedOn: "2025-01-01" }] }, TODAY)).toThrow(
    expect.objectContaining({ status: 403 }),
  );
  // Once pending, the same technique cannot be submitted again.
  submitListRequest(db, director, { items: [{ techniqueCode: ecmo.code, startedOn: "2025-01-01" }] }, TODAY);
  expect(submit([{ techniqueCode: ecmo.code, startedOn: "2025-01-01" }])).toBe("adoption:errors.alreadyRequested");
  expect(hospital.id).toBeGreaterThan(0);
});

test("a decision dated before a start already in the ledger is refused", () => {
  const { db, director, department, ecmo, hospital } = setup();
  db.transaction((tx) =>
    recordAdoptionEvent(tx, { facilityId: hospital.id, techniqueId: ecmo.id, kind: "started", eventOn: "2025-08-01" }, director, TODAY),
  );
  const request = submitListRequest(db, director, { items: [{ techniqueCode: ecmo.code, startedOn: "2025-08-01" }] }, TODAY);
  expect(() =>
    approveListRequest(db, department, request.id, { decisionNumber: "9/QĐ", decisionOn: "2025-07-01", version: 1 }, TODAY),
  ).toThrow("adoption:errors.decisionBeforeStart");
  expect(db.select().from(techniqueListRequests).get()!.status).toBe("submitted");
});

afterEach(() => {
  vi.useRealTimers();
});

test("returning keeps the facility's note: both stay in a dated thread, and the facility corrects its lines and resends the same request", () => {
  const { db, director, department, ecmo, epidural, hospital } = setup();
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2025-10-14T01:00:00Z"));
  const request = submitListRequest(
    db,
    director,
    { items: [{ techniqueCode: ecmo.code, startedOn: "2025-03-02" }], comment: "Đã triển khai sau chuyển giao từ Bạch Mai." },
    TODAY,
  );
  vi.setSystemTime(new Date("2025-10-14T03:30:00Z"));
  returnListRequest(db, department, request.id, { comment: "Thiếu biên bản nghiệm thu; bổ sung kỹ thuật gây tê.", version: 1 });

  const returned = getListRequest(db, director, request.id, "vi")!;
  expect(returned.comment).toBe("Đã triển khai sau chuyển giao từ Bạch Mai.");
  expect(returned.canResubmit).toBe(true);
  expect(returned.thread.map((n) => [n.kind, n.body, n.at])).toEqual([
    ["submitted", "Đã triển khai sau chuyển giao từ Bạch Mai.", "2025-10-14T01:00:00.000Z"],
    ["returned", "Thiếu biên bản nghiệm thu; bổ sung kỹ thuật gây tê.", "2025-10-14T03:30:00.000Z"],
  ]);
  expect(returned.thread.map((n) => n.author)).toEqual([expect.any(String), expect.any(String)]);
  expect(returned.thread[0].author).not.toBe(returned.thread[1].author);
  // The department cannot resend it; a stale form and another facility's director are refused.
  const resend = (actor: typeof director, version: number) =>
    resubmitListRequest(
      db,
      actor,
      request.id,
      { items: [{ techniqueCode: ecmo.code, startedOn: "2025-03-05" }, { techniqueCode: epidural.code, startedOn: "2025-05-20" }], note: "Đã bổ sung biên bản.", version },
      TODAY,
    );
  expect(() => resend(department, 2)).toThrow(expect.objectContaining({ status: 403 }));
  expect(() => resend(director, 1)).toThrow(expect.objectContaining({ status: 409 }));
  const other = makeFacility(db, { provinceCode: hospital.provinceCode!, level: "B" });
  const otherDirector: Actor = { userId: makeUser(db, { role: "director", facilityId: other.id }).id, role: "director", facilityId: other.id, provinceCode: hospital.provinceCode };
  expect(() => resend(otherDirector, 2)).toThrow(expect.objectContaining({ status: 404 }));

  vi.setSystemTime(new Date("2025-10-15T02:00:00Z"));
  const resent = resend(director, 2);
  expect(resent.status).toBe("submitted");
  expect(resent.id).toBe(request.id);
  const detail = getListRequest(db, department, request.id, "vi")!;
  expect(detail.items.map((i) => [i.code, i.startedOn])).toEqual(
    expect.arrayContaining([
      [ecmo.code, "2025-03-05"],
      [epidural.code, "2025-05-20"],
    ]),
  );
  expect(detail.thread.map((n) => [n.kind, n.body, n.lines])).toEqual([
    ["submitted", "Đã triển khai sau chuyển giao từ Bạch Mai.", 1],
    ["returned", "Thiếu biên bản nghiệm thu; bổ sung kỹ thuật gây tê.", 1],
    ["resubmitted", "Đã bổ sung biên bản.", 2],
  ]);
  // A request that is not returned cannot be resent.
  expect(() => resend(director, 3)).toThrow("adoption:errors.notReturned");
  approveListRequest(db, department, request.id, { decisionNumber: "15/QĐ-SYT", decisionOn: TODAY, version: 3 }, TODAY);
  expect(getListRequest(db, director, request.id, "vi")!.thread.at(-1)).toMatchObject({ kind: "approved", lines: 2, decisionNumber: "15/QĐ-SYT", decisionOn: TODAY });
});

test("the department approves some lines and returns others with a reason; the request follows its lines and the facility resends only the returned ones", () => {
  const { db, province, director, department, ecmo, epidural, hospital } = setup();
  const third = makeTechnique(db, { minLevel: "A", name: "Phẫu thuật nội soi cắt dạ dày" });
  const request = submitListRequest(
    db,
    director,
    {
      items: [
        { techniqueCode: ecmo.code, startedOn: "2025-03-02" },
        { techniqueCode: epidural.code, startedOn: "2025-05-20" },
        { techniqueCode: third.code, startedOn: "2025-06-01" },
      ],
    },
    TODAY,
  );
  // A line returned without a reason (and no comment) is refused; so is a line of another request.
  expect(() =>
    decideListRequestLines(db, department, request.id, { lines: [{ techniqueId: ecmo.id, outcome: "return" }], version: 1 }, TODAY),
  ).toThrow("adoption:errors.returnReasonRequired");
  expect(() =>
    decideListRequestLines(db, department, request.id, { lines: [{ techniqueId: 999_999, outcome: "return", reason: "x" }], version: 1 }, TODAY),
  ).toThrow("adoption:errors.unknownLine");
  // Approvals need a decision number and date.
  expect(() =>
    decideListRequestLines(db, department, request.id, { lines: [{ techniqueId: ecmo.id, outcome: "approve" }], version: 1 }, TODAY),
  ).toThrow(expect.objectContaining({ field: "decisionNumber" }));

  // First round: ECMO approved, the epidural returned, the gastrectomy left waiting.
  const first = decideListRequestLines(
    db,
    department,
    request.id,
    {
      lines: [
        { techniqueId: ecmo.id, outcome: "approve" },
        { techniqueId: epidural.id, outcome: "return", reason: "Thiếu biên bản nghiệm thu gây tê." },
      ],
      decisionNumber: "201/QĐ-SYT",
      decisionOn: "2025-10-01",
      version: 1,
    },
    TODAY,
  );
  expect(first.status).toBe("submitted");
  expect(officialAdded(db, province.code)).toBe(1);
  let detail = getListRequest(db, director, request.id, "vi")!;
  expect(Object.fromEntries(detail.items.map((i) => [i.code, [i.status, i.returnReason, i.decisionNumber]]))).toEqual({
    [ecmo.code]: ["approved", null, "201/QĐ-SYT"],
    [epidural.code]: ["returned", "Thiếu biên bản nghiệm thu gây tê.", null],
    [third.code]: ["pending", null, null],
  });
  expect(detail.canResubmit).toBe(false);

  // Second round: the last line returned too; nothing waits, a line was returned -> returned.
  const second = decideListRequestLines(
    db,
    department,
    request.id,
    { lines: [{ techniqueId: third.id, outcome: "return", reason: "Chưa có danh sách nhân lực." }], version: 2 },
    TODAY,
  );
  expect(second.status).toBe("returned");
  // The approved line cannot be decided again.
  expect(() =>
    decideListRequestLines(db, department, request.id, { lines: [{ techniqueId: ecmo.id, outcome: "return", reason: "x" }], version: 3 }, TODAY),
  ).toThrow("adoption:errors.notSubmitted");
  detail = getListRequest(db, director, request.id, "vi")!;
  expect(detail.canResubmit).toBe(true);
  expect(detail.thread.filter((n) => n.kind === "returned").map((n) => [n.techniqueCode, n.body])).toEqual([
    [epidural.code, "Thiếu biên bản nghiệm thu gây tê."],
    [third.code, "Chưa có danh sách nhân lực."],
  ]);

  // The facility resends the two returned lines corrected; the approved line stays approved.
  expect(() =>
    resubmitListRequest(db, director, request.id, { items: [{ techniqueCode: ecmo.code, startedOn: "2025-03-02" }], version: 3 }, TODAY),
  ).toThrow("adoption:errors.alreadyOnList");
  resubmitListRequest(
    db,
    director,
    request.id,
    { items: [{ techniqueCode: epidural.code, startedOn: "2025-05-22" }, { techniqueCode: third.code, startedOn: "2025-06-01" }], note: "Đã bổ sung hồ sơ.", version: 3 },
    TODAY,
  );
  detail = getListRequest(db, department, request.id, "vi")!;
  expect(detail.status).toBe("submitted");
  expect(Object.fromEntries(detail.items.map((i) => [i.code, [i.status, i.startedOn]]))).toEqual({
    [ecmo.code]: ["approved", "2025-03-02"],
    [epidural.code]: ["pending", "2025-05-22"],
    [third.code]: ["pending", "2025-06-01"],
  });
  // Approving the whole request now decides the waiting lines only; every line approved -> approved.
  const done = approveListRequest(db, department, request.id, { decisionNumber: "230/QĐ-SYT", decisionOn: TODAY, version: 4 }, TODAY);
  expect(done.status).toBe("approved");
  expect(officialAdded(db, province.code)).toBe(3);
  detail = getListRequest(db, director, request.id, "vi")!;
  expect(detail.items.map((i) => i.decisionNumber).sort()).toEqual(["201/QĐ-SYT", "230/QĐ-SYT", "230/QĐ-SYT"]);
  expect(db.select({ n: count() }).from(adoptionEvents).where(eq(adoptionEvents.facilityId, hospital.id)).get()!.n).toBe(6);
});
