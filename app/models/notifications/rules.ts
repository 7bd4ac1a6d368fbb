// Pure rules of in-app notifications: which enrolment changes notify, and the reminder window.
import { holdsSeat } from "~/models/courses/rules";
import type { EnrolmentStatus, NotificationKind } from "~/models/enums";

/** Agreements of the reader's facility that end within this many days are reminded of. */
export const EXPIRY_REMINDER_DAYS = 60;

/** The recent notifications the overview page shows. */
export const RECENT_NOTIFICATIONS = 5;

/**
 * The notification an enrolment's change of status gives its facility, or null. A promotion
 * from the waitlist is told as such, whichever seat status it lands on (a guest's seat still
 * awaits the host's approval); a host's approval and
 * a refusal (rejection) are told; a withdrawal is made by the facility itself or the host and
 * tells nobody.
 */
export function enrolmentNotificationKind(before: EnrolmentStatus, after: EnrolmentStatus): NotificationKind | null {
  if (before === "waitlisted" && holdsSeat(after)) return "waitlist_promoted";
  if (before === "requested" && after === "approved") return "seat_approved";
  if ((before === "requested" || before === "waitlisted") && after === "rejected") return "seat_refused";
  return null;
}

/** The key that makes an expiry reminder once per user, agreement and end date. */
export function expiryReminderKey(agreementId: number, endOn: string): string {
  return `agreement_expiring:${agreementId}:${endOn}`;
}
