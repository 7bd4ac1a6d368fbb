import { expect, test } from "vitest";
import {
  achievementShare,
  findDateViolation,
  findOrderViolation,
  readLedgerDate,
  ledgerStateOn,
  reportYears,
  requestStatusFromLines,
  requestStatusInstant,
} from "~/models/adoption/rules";
import { isCrossLevel, levelRank } from "~/models/catalogue/levels";

test("levels rank from A (central) = 1 to D (commune) = 4", () => {
  expect(["A", "B", "C", "D"].map((l) => levelRank(l as "A"))).toEqual([1, 2, 3, 4]);
});

test("a technique is cross-level only when its minimum level ranks above the facility's", () => {
  expect(isCrossLevel("A", "B")).toBe(true);
  expect(isCrossLevel("B", "C")).toBe(true);
  expect(isCrossLevel("A", "D")).toBe(true);
  expect(isCrossLevel("B", "B")).toBe(false);
  expect(isCrossLevel("C", "B")).toBe(false);
  expect(isCrossLevel("A", "A")).toBe(false);
});

test("a technique without a minimum level is never cross-level", () => {
  expect(isCrossLevel(null, "D")).toBe(false);
  expect(isCrossLevel(undefined, "D")).toBe(false);
});

test("the same technique stops being cross-level when the facility moves up a level", () => {
  // A regional hospital (C) performing a B technique is cross-level; after becoming provincial (B) it is not.
  expect(isCrossLevel("B", "C")).toBe(true);
  expect(isCrossLevel("B", "B")).toBe(false);
});

test("events must start with started, and approval may share the start's day", () => {
  expect(findOrderViolation([{ kind: "suspended", eventOn: "2024-01-01" }])).toBe("notStarted");
  expect(findOrderViolation([{ kind: "approved", eventOn: "2024-01-01" }])).toBe("notStarted");
  expect(
    findOrderViolation([
      { kind: "approved", eventOn: "2024-03-01" },
      { kind: "started", eventOn: "2024-03-01" },
    ]),
  ).toBeNull();
  expect(
    findOrderViolation([
      { kind: "started", eventOn: "2024-03-02" },
      { kind: "approved", eventOn: "2024-03-01" },
    ]),
  ).toBe("notStarted");
});

test("suspended only when active, resumed only when suspended, started and approved once", () => {
  const started = { kind: "started" as const, eventOn: "2023-01-10" };
  expect(findOrderViolation([started, { kind: "resumed", eventOn: "2023-02-01" }])).toBe("notSuspended");
  expect(
    findOrderViolation([started, { kind: "suspended", eventOn: "2023-02-01" }, { kind: "suspended", eventOn: "2023-03-01" }]),
  ).toBe("notActive");
  expect(findOrderViolation([started, { kind: "started", eventOn: "2023-05-01" }])).toBe("alreadyStarted");
  expect(
    findOrderViolation([started, { kind: "approved", eventOn: "2023-02-01" }, { kind: "approved", eventOn: "2023-03-01" }]),
  ).toBe("alreadyApproved");
  expect(
    findOrderViolation([started, { kind: "suspended", eventOn: "2023-02-01" }, { kind: "resumed", eventOn: "2023-03-01" }]),
  ).toBeNull();
});

test("the state on a date ignores later events", () => {
  const events = [
    { kind: "started" as const, eventOn: "2022-06-30" },
    { kind: "approved" as const, eventOn: "2022-12-31" },
    { kind: "suspended" as const, eventOn: "2024-02-29" },
  ];
  expect(ledgerStateOn(events, "2022-06-29")).toEqual({ started: false, approved: false, active: false });
  expect(ledgerStateOn(events, "2022-12-30")).toEqual({ started: true, approved: false, active: true });
  expect(ledgerStateOn(events, "2024-02-28")).toEqual({ started: true, approved: true, active: true });
  expect(ledgerStateOn(events, "2024-02-29")).toEqual({ started: true, approved: true, active: false });
});

test("event dates: not in the future, not before the facility opened, real calendar dates", () => {
  expect(findDateViolation("2025-12-31", "2025-12-31", null)).toBeNull();
  expect(findDateViolation("2026-01-01", "2025-12-31", null)).toBe("futureDate");
  expect(findDateViolation("2019-12-31", "2025-12-31", "2020-01-01")).toBe("beforeFacilityOpened");
  expect(findDateViolation("2025-02-29", "2025-12-31", null)).toBe("invalidDate");
  expect(findDateViolation("2024-02-29", "2025-12-31", null)).toBeNull();
});

test("report years run from the baseline year to the report year; none when the baseline is later", () => {
  expect(reportYears(2020, 2025)).toEqual([2020, 2021, 2022, 2023, 2024, 2025]);
  expect(reportYears(2025, 2025)).toEqual([2025]);
  expect(reportYears(2026, 2025)).toEqual([]);
});

test("achievement is a share of the target: 56 of 54 is 103.7%", () => {
  expect(Math.round(achievementShare(56, 54)! * 1000) / 10).toBe(103.7);
  expect(achievementShare(5, 0)).toBeNull();
});

test("a ledger file's dates read as day/month/year or year-month-day; impossible and other forms are unreadable", () => {
  expect(readLedgerDate("15/03/2025")).toBe("2025-03-15");
  expect(readLedgerDate(" 5/3/2025 ")).toBe("2025-03-05");
  expect(readLedgerDate("31-12-2025")).toBe("2025-12-31");
  expect(readLedgerDate("01.01.2026")).toBe("2026-01-01");
  expect(readLedgerDate("2024-02-29")).toBe("2024-02-29");
  expect(readLedgerDate("29/02/2024")).toBe("2024-02-29");
  expect(readLedgerDate("29/02/2025")).toBeNull();
  expect(readLedgerDate("2025-02-29")).toBeNull();
  expect(readLedgerDate("31/04/2025")).toBeNull();
  expect(readLedgerDate("03/15/2025")).toBeNull();
  expect(readLedgerDate("2025/03/15")).toBeNull();
  expect(readLedgerDate("45731")).toBeNull();
  expect(readLedgerDate("tháng 3/2025")).toBeNull();
  expect(readLedgerDate("")).toBeNull();
});

test("a request's status is dated by its decision once decided, by its latest submission while it waits", () => {
  const submittedAt = "2025-09-30T01:00:00.000Z";
  const decidedAt = "2025-09-30T01:15:00.000Z";
  expect(requestStatusInstant({ status: "approved", submittedAt, decidedAt })).toBe(decidedAt);
  expect(requestStatusInstant({ status: "returned", submittedAt, decidedAt })).toBe(decidedAt);
  // Resent after a return: the new submission, not the earlier decision.
  expect(requestStatusInstant({ status: "submitted", submittedAt: "2025-10-01T02:00:00.000Z", decidedAt })).toBe("2025-10-01T02:00:00.000Z");
});

test("a request's status follows from its lines: waiting while one waits, else returned if one was returned, else approved", () => {
  const of = (...statuses: ("pending" | "approved" | "returned")[]) => requestStatusFromLines(statuses.map((status) => ({ status })));
  expect(of("pending", "approved", "returned")).toBe("submitted");
  expect(of("approved", "returned")).toBe("returned");
  expect(of("returned")).toBe("returned");
  expect(of("approved", "approved")).toBe("approved");
  expect(of()).toBe("submitted");
});
