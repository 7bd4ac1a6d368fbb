// Small instances whose plan can be checked by hand: the expected plan, each reason a line is
// left unserved, on-time lines before late ones, the absence cap with and without an override,
// a re-plan keeping the previous draft, and the what-ifs (each applied and solved again).
import { describe, expect, test } from "vitest";
import { addDaysIso } from "~/models/dates";
import { applyWhatIf } from "~/models/rotations/solver/explain";
import { buildModel, monthGrid } from "~/models/rotations/solver/model";
import { solveNow } from "~/models/rotations/solver/solve.server";
import type { SolverAgreement, SolverInput, SolverLine, SolverResult, SolverSite, SolverStaff } from "~/models/rotations/solver/types";

const SENDER = { id: 2, name: "BVĐK Lào Cai số 2", kind: "provincial_hospital" as const, level: "B" as const, limit: 2 };
const site = (facilityId: number, name: string, level: "B" | "C" = "C"): SolverSite => ({ facilityId, name, kind: "regional_centre", level });
const agreement = (id: number, sites: number[], over: Partial<SolverAgreement> = {}): SolverAgreement => ({
  id,
  number: `${id}/HĐ-BVĐK2`,
  status: "active",
  startOn: "2025-01-01",
  endOn: null,
  minRotationMonths: null,
  parties: [{ facilityId: SENDER.id, role: "supporting" }, ...sites.map((facilityId) => ({ facilityId, role: "receiving" as const }))],
  ...over,
});
const line = (transferItemId: number, toFacilityId: number, techniqueId: number, code: string, over: Partial<SolverLine> = {}): SolverLine => ({
  transferItemId,
  agreementId: 126,
  toFacilityId,
  techniqueId,
  code,
  name: `Kỹ thuật ${code}`,
  dueOn: null,
  ...over,
});
const person = (id: number, fullName: string, performs: number[], over: Partial<SolverStaff> = {}): SolverStaff => ({
  id,
  fullName,
  performs,
  commitments: [],
  priorMonths: 0,
  ...over,
});

const BAO_YEN = 31;
const BAT_XAT = 32;
const SO_3 = 33;
const BAO_THANG = 34;

function input(over: Partial<SolverInput>): SolverInput {
  return {
    facility: SENDER,
    period: { start: "2027-01-01", end: "2027-03-31" },
    staff: [],
    lines: [],
    agreements: [agreement(126, [BAO_YEN, BAT_XAT, SO_3, BAO_THANG])],
    sites: [site(BAO_YEN, "TTYT Bảo Yên"), site(BAT_XAT, "TTYT Bát Xát"), site(SO_3, "BVĐK Lào Cai số 3", "B"), site(BAO_THANG, "TTYT Bảo Thắng")],
    othersAway: [],
    quotaMonthsOpen: 0,
    overrideExtra: 0,
    overrideReason: null,
    previous: [],
    timeLimitSeconds: 5,
    ...over,
  };
}

const servedIds = (r: SolverResult) => r.proposals.flatMap((p) => p.transferItemIds).sort((a, b) => a - b);
const reasons = (r: SolverResult) => Object.fromEntries(r.unserved.map((u) => [u.transferItemId, u.reason]));

/** Each what-if, applied to the whole input and solved again, serves at least what it claims more. */
async function expectWhatIfsHold(base: SolverInput, result: SolverResult) {
  for (const w of result.whatIfs) {
    const again = await solveNow(applyWhatIf(base, w));
    expect(again.measures.served).toBeGreaterThanOrEqual(result.measures.served + w.serves.length);
    for (const id of w.serves) expect(servedIds(again)).toContain(id);
  }
}

describe("the demo's shape (Lào Cai số 2 under 126/HĐ-BVĐK2, next year)", () => {
  const demo = input({
    period: { start: "2027-01-01", end: "2027-12-31" },
    agreements: [agreement(126, [BAO_YEN, BAT_XAT, SO_3, BAO_THANG], { endOn: addDaysIso("2026-12-02", 485) })],
    staff: [
      person(1, "Phạm Thị Mai", [108, 1010, 1012]),
      person(2, "Lý Minh Nam", [10929, 10930]),
      person(3, "Nguyễn Đức Nam", [1319]),
      ...[4, 5, 6, 7, 8].map((id) => person(id, `Nhân viên ${id}`, [])),
    ],
    lines: [
      line(1, BAO_YEN, 1319, "13.19"),
      line(2, BAT_XAT, 1347, "13.47"),
      line(3, SO_3, 10930, "10.930"),
      line(4, SO_3, 12201, "12.201"),
      line(5, BAO_THANG, 1012, "10.12"),
      line(6, BAT_XAT, 1010, "10.10"),
    ],
    quotaMonthsOpen: 12,
  });

  test("serves 10.930, 10.12, 10.10 and 13.19; nobody performs 13.47 or 12.201", async () => {
    const result = await solveNow(demo);
    expect(result.status).toBe("optimal");
    expect(result.gap).toBe(0);
    expect(servedIds(result)).toEqual([1, 3, 5, 6]);
    expect(reasons(result)).toEqual({ 2: "noCompetent", 4: "noCompetent" });
    expect(result.unserved.find((u) => u.transferItemId === 2)!.params).toMatchObject({ code: "13.47", facility: "BVĐK Lào Cai số 2" });
    // Mai goes twice (Bát Xát and Bảo Thắng are two sites), one rotation after the other.
    const mai = result.proposals.filter((p) => p.staffId === 1).sort((a, b) => (a.startOn < b.startOn ? -1 : 1));
    expect(mai).toHaveLength(2);
    expect(mai[0].endOn < mai[1].startOn).toBe(true);
    for (const p of result.proposals) expect(monthsBetween(p.startOn, p.endOn)).toBe(3);
    expect(result.measures).toMatchObject({ lines: 6, served: 4, onTime: 4, personMonths: 12, maxPersonMonths: 6 });
    // One more person for each technique nobody performs, and that is true.
    expect(result.whatIfs.map((w) => [w.kind, w.kind === "addPerson" ? w.code : null, w.serves])).toEqual([
      ["addPerson", "13.47", [2]],
      ["addPerson", "12.201", [4]],
    ]);
    await expectWhatIfsHold(demo, result);
  });
});

function monthsBetween(start: string, end: string): number {
  return (Number(end.slice(0, 4)) - Number(start.slice(0, 4))) * 12 + Number(end.slice(5, 7)) - Number(start.slice(5, 7)) + 1;
}

describe("why a line is left unserved", () => {
  test("agreementEnds: the term leaves no three-month window; extending it serves the line", async () => {
    const base = input({
      period: { start: "2027-01-01", end: "2027-06-30" },
      agreements: [agreement(126, [BAO_YEN], { endOn: "2027-02-15" })],
      staff: [person(1, "A", [1319])],
      lines: [line(1, BAO_YEN, 1319, "13.19")],
    });
    const result = await solveNow(base);
    expect(result.status).toBe("optimal");
    expect(result.proposals).toEqual([]);
    expect(result.unserved).toEqual([
      { transferItemId: 1, reason: "agreementEnds", params: expect.objectContaining({ number: "126/HĐ-BVĐK2", end: "2027-02-15", months: 3, code: "13.19" }) },
    ]);
    // A year more would reach past the period: to its end.
    expect(result.whatIfs).toEqual([{ kind: "extendAgreement", agreementId: 126, number: "126/HĐ-BVĐK2", endOn: "2027-06-30", serves: [1] }]);
    await expectWhatIfsHold(base, result);
  });

  test("allBusy: the only person who performs it is on a course the whole period", async () => {
    const base = input({
      staff: [
        person(1, "A", [1319], { commitments: [{ kind: "course_attendance", id: 9, title: "Khoá", titleEn: "Course", start: "2027-02-01", end: "2027-02-10" }] }),
      ],
      lines: [line(1, BAO_YEN, 1319, "13.19")],
    });
    const result = await solveNow(base);
    expect(result.unserved).toEqual([{ transferItemId: 1, reason: "allBusy", params: expect.objectContaining({ count: 1, code: "13.19" }) }]);
    expect(result.whatIfs).toEqual([{ kind: "addPerson", techniqueId: 1319, code: "13.19", serves: [1] }]);
    await expectWhatIfsHold(base, result);
  });

  test("absenceCap: others away fill the cap; raising it by one serves the line", async () => {
    const base = input({
      facility: { ...SENDER, limit: 1 },
      staff: [person(1, "A", [1319])],
      lines: [line(1, BAO_YEN, 1319, "13.19")],
      othersAway: [{ start: "2027-03-10", end: "2027-03-20" }],
    });
    const result = await solveNow(base);
    expect(result.unserved).toEqual([{ transferItemId: 1, reason: "absenceCap", params: expect.objectContaining({ limit: 1 }) }]);
    expect(result.whatIfs).toEqual([{ kind: "raiseCap", limit: 2, serves: [1] }]);
    await expectWhatIfsHold(base, result);
  });

  test("usedElsewhere, and on-time lines before late ones: one on-time line outranks two late ones", async () => {
    // One person, one window (January to March): Bảo Yên's line is due at the end of March,
    // Bảo Thắng's two lines were due in February (late whenever served).
    const base = input({
      staff: [person(1, "A", [1319, 1012, 1010])],
      lines: [
        line(1, BAO_YEN, 1319, "13.19", { dueOn: "2027-03-31" }),
        line(2, BAO_THANG, 1012, "10.12", { dueOn: "2027-02-28" }),
        line(3, BAO_THANG, 1010, "10.10", { dueOn: "2027-02-28" }),
      ],
    });
    const result = await solveNow(base);
    expect(servedIds(result)).toEqual([1]);
    expect(reasons(result)).toEqual({ 2: "usedElsewhere", 3: "usedElsewhere" });
    expect(result.measures.onTime).toBe(1);
    // Without the due dates, two lines beat one.
    const undated = await solveNow({ ...base, lines: base.lines.map((l) => ({ ...l, dueOn: null })) });
    expect(servedIds(undated)).toEqual([2, 3]);
    await expectWhatIfsHold(base, result);
  });

  test("a request where nothing can be served is optimal with no proposals, every line explained", async () => {
    const result = await solveNow(input({ staff: [person(1, "A", [])], lines: [line(1, BAO_YEN, 1319, "13.19"), line(2, SO_3, 12201, "12.201")] }));
    expect(result.status).toBe("optimal");
    expect(result.proposals).toEqual([]);
    expect(reasons(result)).toEqual({ 1: "noCompetent", 2: "noCompetent" });
  });

  test("no lines: status empty", async () => {
    const result = await solveNow(input({ staff: [person(1, "A", [1319])] }));
    expect(result.status).toBe("empty");
    expect(result.measures.lines).toBe(0);
  });
});

describe("the absence cap", () => {
  const base = input({
    facility: { ...SENDER, limit: 1 },
    staff: [person(1, "A", [1319]), person(2, "B", [1012])],
    lines: [line(1, BAO_YEN, 1319, "13.19"), line(2, BAO_THANG, 1012, "10.12")],
  });

  test("a limit of one sends one person at a time", async () => {
    const result = await solveNow(base);
    expect(result.proposals).toHaveLength(1);
    expect(result.measures.served).toBe(1);
    // The other person is free: the cap, filled by the plan's own rotation, holds the line back.
    expect(result.unserved.map((u) => u.reason)).toEqual(["absenceCap"]);
    expect(result.whatIfs).toEqual([{ kind: "raiseCap", limit: 2, serves: [expect.any(Number)] }]);
    await expectWhatIfsHold(base, result);
  });

  test("an override with a reason allows one more; without a reason it counts for nothing", async () => {
    const withReason = await solveNow({ ...base, overrideExtra: 1, overrideReason: "Mùa đông, nhu cầu cao" });
    expect(servedIds(withReason)).toEqual([1, 2]);
    const blank = await solveNow({ ...base, overrideExtra: 1, overrideReason: "  " });
    expect(blank.measures.served).toBe(1);
  });
});

describe("choices among equal plans", () => {
  const base = input({
    staff: [person(1, "A", [1319]), person(2, "B", [1319])],
    lines: [line(1, BAO_YEN, 1319, "13.19")],
  });

  test("a re-plan keeps the previous draft's proposal", async () => {
    for (const staffId of [1, 2]) {
      const previous = [{ staffId, toFacilityId: BAO_YEN, agreementId: 126, startOn: "2027-01-01", endOn: "2027-03-31", transferItemIds: [1] }];
      const result = await solveNow({ ...base, previous });
      expect(result.proposals).toEqual(previous);
      expect(result.measures).toMatchObject({ keptFromPrevious: 1, movedFromPrevious: 0 });
    }
  });

  test("fairness: the person with fewer months behind them goes", async () => {
    const result = await solveNow({ ...base, staff: [person(1, "A", [1319], { priorMonths: 6 }), person(2, "B", [1319])] });
    expect(result.proposals.map((p) => p.staffId)).toEqual([2]);
    expect(result.measures.maxPersonMonths).toBe(3);
  });

  test("the quota: with months still asked, two lines at one site go to two people rather than one", async () => {
    // One window (January to March), room for two away, both people perform both lines.
    const twoLines = input({
      staff: [person(1, "A", [1319, 1012]), person(2, "B", [1319, 1012])],
      lines: [line(1, BAO_YEN, 1319, "13.19"), line(2, BAO_YEN, 1012, "10.12")],
      quotaMonthsOpen: 6,
    });
    const asked = await solveNow(twoLines);
    expect(asked.proposals).toHaveLength(2);
    expect(asked.proposals.map((p) => p.transferItemIds)).toEqual(expect.arrayContaining([[1], [2]]));
    expect(asked.measures).toMatchObject({ served: 2, personMonths: 6, quotaMonthsOpen: 6 });
    // Three months asked: one rotation serving both meets it as well as two would.
    const three = await solveNow({ ...twoLines, quotaMonthsOpen: 3 });
    expect(three.measures.served).toBe(2);
    expect(three.measures.personMonths).toBeGreaterThanOrEqual(3);
  });
});

describe("the programme", () => {
  test("the grid holds whole months of the period and at most 36", () => {
    expect(monthGrid({ start: "2027-01-15", end: "2027-04-30" })).toEqual([
      { start: "2027-02-01", end: "2027-02-28" },
      { start: "2027-03-01", end: "2027-03-31" },
      { start: "2027-04-01", end: "2027-04-30" },
    ]);
    expect(monthGrid({ start: "2027-01-01", end: "2029-12-31" })).toHaveLength(36);
    expect(() => monthGrid({ start: "2027-01-01", end: "2030-01-31" })).toThrow("solver:errors.periodTooLong");
  });

  test("each level's weight exceeds everything the later levels can add", () => {
    const built = buildModel(
      input({
        period: { start: "2027-01-01", end: "2027-12-31" },
        staff: [person(1, "A", [1319, 1012], { priorMonths: 4 }), person(2, "B", [1319])],
        lines: [line(1, BAO_YEN, 1319, "13.19", { dueOn: "2027-06-30" }), line(2, BAO_THANG, 1012, "10.12")],
        quotaMonthsOpen: 9,
        previous: [{ staffId: 2, toFacilityId: BAO_YEN, agreementId: 126, startOn: "2027-02-01", endOn: "2027-04-30", transferItemIds: [1] }],
      }),
    );
    const w = built.weights;
    expect(w.kept).toBe(1);
    expect(w.fairness).toBeGreaterThan(w.kept);
    expect(w.siteMonths).toBeGreaterThan(w.fairness);
    expect(w.quota).toBeGreaterThan(w.siteMonths);
    expect(w.served).toBeGreaterThan(w.quota);
    expect(w.onTime).toBeGreaterThan(w.served);
    // Every option lies in the grid and only for people who perform a line's technique.
    for (const o of built.options) expect(o.staffId === 1 || o.lines.length === 1).toBe(true);
    expect(built.lp).toMatch(/^Maximize/);
    for (const text of built.lp.split("\n")) expect(text.length).toBeLessThan(255);
  });
});
