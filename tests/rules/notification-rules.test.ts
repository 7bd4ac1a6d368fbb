import { expect, test } from "vitest";
import { enrolmentNotificationKind, expiryReminderKey } from "~/models/notifications/rules";

test("promotions from the waitlist, approvals and refusals notify; withdrawals and results do not", () => {
  expect(enrolmentNotificationKind("waitlisted", "requested")).toBe("waitlist_promoted");
  expect(enrolmentNotificationKind("waitlisted", "approved")).toBe("waitlist_promoted");
  expect(enrolmentNotificationKind("requested", "approved")).toBe("seat_approved");
  expect(enrolmentNotificationKind("requested", "rejected")).toBe("seat_refused");
  expect(enrolmentNotificationKind("waitlisted", "rejected")).toBe("seat_refused");
  expect(enrolmentNotificationKind("approved", "withdrawn")).toBeNull();
  expect(enrolmentNotificationKind("waitlisted", "withdrawn")).toBeNull();
  expect(enrolmentNotificationKind("enrolled", "completed")).toBeNull();
});

test("a reminder is keyed by agreement and end date, so a later end date reminds again", () => {
  expect(expiryReminderKey(7, "2026-12-31")).not.toBe(expiryReminderKey(7, "2027-06-30"));
});
