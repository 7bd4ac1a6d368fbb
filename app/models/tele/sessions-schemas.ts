// Forms and filters of remote sessions: one zod schema per form, read by the action and the
// form (getZodConstraint). Messages are translation keys. Rules that need other records (a link
// in force, a participant's facility, a plan line) are the model's.
import { z } from "zod";
import { TELE_OUTCOMES, TELE_SESSION_KINDS } from "~/models/enums";
import { choice, date, id, idFilter, idList, LIMITS, optionalDate, optionalId, optionalText, optionalVersion, regionFilter, requiredNumber, requiredText, searchFilter } from "~/models/fields";
import { idempotencyKeyField } from "~/models/offline/keys";
import { MAX_DURATION_MINUTES, MIN_DURATION_MINUTES, START_TIME_PATTERN } from "./sessions";

const startTime = requiredText(5).regex(START_TIME_PATTERN, "tele:sessions.errors.startTime");
const durationMinutes = requiredNumber((n) =>
  n.int().min(MIN_DURATION_MINUTES, "tele:sessions.errors.duration").max(MAX_DURATION_MINUTES, "tele:sessions.errors.duration"),
);
/** Made when the form is filled: a resubmitted form (a retry after a lost answer, the offline outbox) lands once. */
const idempotencyKey = idempotencyKeyField;

const common = {
  hubFacilityId: id,
  heldOn: date,
  startTime,
  durationMinutes,
  /** A catalogue code ("10.367"), resolved by the model. */
  techniqueCode: optionalText(LIMITS.techniqueCode),
  transferItemId: optionalId,
  /** The recurring schedule the session was held under, when it was. */
  seriesId: optionalId,
  notes: optionalText(LIMITS.notes),
  idempotencyKey,
  /** Present when editing: the version the form was read at. */
  version: optionalVersion,
};

export const consultationSchema = z.object({
  ...common,
  spokeFacilityId: id,
  chapterNumber: id,
  /** The case in a line, without patient identifiers. */
  title: requiredText(LIMITS.title),
  outcome: choice(TELE_OUTCOMES),
  hubStaffIds: idList(50).default([]),
  spokeStaffIds: idList(50).default([]),
  /** People outside the registry, one per line. */
  hubNames: optionalText(LIMITS.note),
  spokeNames: optionalText(LIMITS.note),
});
export type ConsultationInput = z.infer<typeof consultationSchema>;

export const trainingSchema = z.object({
  ...common,
  spokeFacilityIds: idList(30).min(1, "tele:sessions.errors.chooseSpoke").default([]),
  chapterNumber: optionalId,
  /** The topic. */
  title: requiredText(LIMITS.title),
  /** The hub's trainers. */
  hubStaffIds: idList(50).default([]),
  /** Attendees: staff of the spokes. */
  attendeeStaffIds: idList(200).default([]),
});
export type TrainingInput = z.infer<typeof trainingSchema>;

export const deleteSessionSchema = z.object({ intent: z.literal("delete"), version: requiredNumber((n) => n.int().min(0)) });

/** The log's filters from the query string; odd values are no filter. */
export const sessionFilterSchema = z.object({
  kind: z.enum(TELE_SESSION_KINDS).optional().catch(undefined),
  hub: idFilter,
  spoke: idFilter,
  chapter: idFilter,
  /** Sessions a facility of this province took part in (hub or spoke side): the reports drill here. */
  province: regionFilter,
  technique: z.string().trim().max(LIMITS.techniqueCode).optional().catch(undefined),
  outcome: z.enum(TELE_OUTCOMES).optional().catch(undefined),
  from: optionalDate.catch(undefined),
  to: optionalDate.catch(undefined),
  q: searchFilter,
});
export type SessionFilters = z.infer<typeof sessionFilterSchema>;
