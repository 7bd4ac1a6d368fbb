// Form schemas of links and schedules, shared by the forms (client validation) and the actions.
import { z } from "zod";
import { TELE_SESSION_KINDS } from "~/models/enums";
import { choice, date, id, idList, LIMITS, optionalDate, optionalId, optionalNumber, optionalText, requiredNumber, requiredText, version, optionalVersion } from "~/models/fields";

const chapterNumber = requiredNumber((n) => n.int().min(1).max(99));

export const linkCreateSchema = z.object({
  hubFacilityId: id,
  spokeFacilityId: id,
  chapterNumber,
  agreementId: optionalId,
  startOn: date,
  endOn: optionalDate,
  note: optionalText(LIMITS.notes),
});

export const linksFromAgreementSchema = z.object({
  agreementId: id,
  startOn: optionalDate,
});

export const linkEndSchema = z.object({ endOn: optionalDate, version });
export const linkNoteSchema = z.object({ note: optionalText(LIMITS.notes), version });

export const seriesSchema = z.object({
  hubFacilityId: id,
  kind: choice(TELE_SESSION_KINDS),
  title: requiredText(LIMITS.title),
  chapterNumber: optionalNumber((n) => n.int().min(1).max(99)),
  weekday: requiredNumber((n) => n.int().min(1, "tele:links.series.errors.weekday").max(7, "tele:links.series.errors.weekday")),
  startTime: requiredText(5).refine((v) => /^([01]\d|2[0-3]):[0-5]\d$/.test(v), "tele:links.series.errors.time"),
  durationMinutes: requiredNumber((n) => n.int().min(15).max(480)),
  startOn: date,
  endOn: date,
  spokeFacilityIds: idList(200).min(1, "tele:links.series.errors.noSpokes"),
  /** Present when editing: the version the form was read at. */
  version: optionalVersion,
});
export const seriesDeleteSchema = z.object({ version });
