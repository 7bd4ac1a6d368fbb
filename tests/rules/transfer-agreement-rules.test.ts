import { expect, test } from "vitest";
import { canRenew, canTransition, checkParties, displayStatus, isExpiring, termIsValid } from "~/models/agreements/rules";

test("a party without a role is pointed at by its row", () => {
  expect(checkParties("technique_transfer", [{ facilityId: 1, role: "supporting" }, { facilityId: 2, role: null }])).toEqual({
    key: "agreements:errors.partyRoleMissing",
    field: "parties[1].role",
  });
});

test("a domestic agreement needs a supporting and a receiving party", () => {
  expect(checkParties("technique_transfer", [{ facilityId: 1, role: "supporting" }, { facilityId: 2, role: "coordinating" }])?.key).toBe(
    "agreements:errors.partiesNeedBothSides",
  );
  expect(checkParties("technique_transfer", [{ facilityId: 1, role: "supporting" }, { facilityId: 2, role: "receiving" }])).toBeNull();
});

test("an international exchange may be between coordinating parties only, but needs two", () => {
  expect(checkParties("international", [{ facilityId: 1, role: "coordinating" }, { facilityId: 2, role: "coordinating" }])).toBeNull();
  expect(checkParties("international", [{ facilityId: 1, role: "coordinating" }])?.key).toBe("agreements:errors.partiesTooFew");
  expect(checkParties("international", [{ facilityId: 1, role: "supporting" }, { facilityId: 2, role: "coordinating" }])?.key).toBe(
    "agreements:errors.partiesNeedBothSides",
  );
});

test("a facility cannot be a party twice", () => {
  expect(checkParties("training", [{ facilityId: 1, role: "supporting" }, { facilityId: 1, role: "receiving" }])?.key).toBe("agreements:errors.partyTwice");
});

test("the term ends on or after its start; an open end is allowed", () => {
  expect(termIsValid("2026-01-01", "2025-12-31")).toBe(false);
  expect(termIsValid("2026-01-01", "2026-01-01")).toBe(true);
  expect(termIsValid("2026-01-01", null)).toBe(true);
});

test("status moves draft -> active -> ended or terminated, never back", () => {
  expect(canTransition("draft", "active")).toBe(true);
  expect(canTransition("draft", "ended")).toBe(false);
  expect(canTransition("active", "ended")).toBe(true);
  expect(canTransition("active", "terminated")).toBe(true);
  expect(canTransition("ended", "active")).toBe(false);
  expect(canTransition("terminated", "active")).toBe(false);
});

test("expiring is derived: active and ending within the window, inclusive, across the year end", () => {
  const active = { status: "active" as const, endOn: "2027-03-31" };
  expect(isExpiring(active, "2026-12-31", 90)).toBe(true); // 90 days to 31 Mar 2027
  expect(isExpiring(active, "2026-12-30", 90)).toBe(false);
  expect(isExpiring({ status: "active", endOn: "2026-12-30" }, "2026-12-31")).toBe(false); // already ended
  expect(isExpiring({ status: "draft", endOn: "2027-01-15" }, "2026-12-31")).toBe(false);
  expect(isExpiring({ status: "active", endOn: null }, "2026-12-31")).toBe(false);
  expect(displayStatus({ status: "active", endOn: "2028-02-29" }, "2028-02-01")).toBe("expiring");
  expect(displayStatus({ status: "active", endOn: "2029-01-01" }, "2028-02-01")).toBe("active");
});

test("renewal is for active or ended agreements without a successor", () => {
  expect(canRenew({ status: "active" }, false)).toBe(true);
  expect(canRenew({ status: "ended" }, false)).toBe(true);
  expect(canRenew({ status: "active" }, true)).toBe(false);
  expect(canRenew({ status: "draft" }, false)).toBe(false);
});
