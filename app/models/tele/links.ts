// Pure rules of hub–spoke links (no clock, no database): when a link is in force, what a new or
// ended link must satisfy. The server module applies the same predicate in SQL (activeLinkSql).
import { isIsoDate } from "~/models/dates";
import { DomainError } from "~/models/errors";

export type LinkTerm = { startOn: string; endOn: string | null };

export type LinkKey = { hubFacilityId: number; spokeFacilityId: number; chapterNumber: number };

/** A link is in force on a date from its start through its end (inclusive; no end = still running). */
export function isLinkInForce(link: LinkTerm, date: string): boolean {
  return link.startOn <= date && (link.endOn === null || date <= link.endOn);
}

/**
 * The link in force for a hub, a spoke and a chapter on a date; `chapterNumber` null accepts any
 * chapter (the earliest-started link in force wins, so the answer does not depend on row order).
 */
export function findActiveLink<T extends LinkKey & LinkTerm>(
  links: readonly T[],
  hubFacilityId: number,
  spokeFacilityId: number,
  chapterNumber: number | null,
  date: string,
): T | null {
  let found: T | null = null;
  for (const link of links) {
    if (link.hubFacilityId !== hubFacilityId || link.spokeFacilityId !== spokeFacilityId) continue;
    if (chapterNumber !== null && link.chapterNumber !== chapterNumber) continue;
    if (!isLinkInForce(link, date)) continue;
    if (!found || link.startOn < found.startOn || (link.startOn === found.startOn && link.chapterNumber < found.chapterNumber)) {
      found = link;
    }
  }
  return found;
}

/** Facility kinds that deliver care: a hub or a spoke must be one (a health department is not). */
export type LinkFacility = { id: number; deliversCare: boolean; active: boolean };

/**
 * Everything a new link must satisfy that needs no other link: two different facilities that
 * both deliver care, valid dates with the end on or after the start, and an agreement (when one is
 * named) that has both as parties. Returns the first refusal, or null.
 */
export function checkLinkInput(input: {
  hub: LinkFacility;
  spoke: LinkFacility;
  startOn: string;
  endOn: string | null;
  agreementParties?: readonly number[] | null;
}): DomainError | null {
  const { hub, spoke } = input;
  if (hub.id === spoke.id) return new DomainError("tele:links.errors.sameFacility", { field: "spokeFacilityId" });
  if (!hub.deliversCare || !hub.active) return new DomainError("tele:links.errors.hubNotCare", { field: "hubFacilityId" });
  if (!spoke.deliversCare || !spoke.active) return new DomainError("tele:links.errors.spokeNotCare", { field: "spokeFacilityId" });
  if (!isIsoDate(input.startOn)) return new DomainError("common:validation.invalidDate", { field: "startOn" });
  const endError = checkLinkEnd(input.startOn, input.endOn);
  if (endError) return endError;
  if (input.agreementParties) {
    const parties = new Set(input.agreementParties);
    if (!parties.has(hub.id) || !parties.has(spoke.id)) {
      return new DomainError("tele:links.errors.notParties", { field: "agreementId" });
    }
  }
  return null;
}

/** An end date, when given, is a real date on or after the start. */
export function checkLinkEnd(startOn: string, endOn: string | null): DomainError | null {
  if (endOn === null) return null;
  if (!isIsoDate(endOn)) return new DomainError("common:validation.invalidDate", { field: "endOn" });
  if (endOn < startOn) return new DomainError("common:validation.endBeforeStart", { field: "endOn" });
  return null;
}

/**
 * The links an agreement implies: each supporting party to each receiving party, once per
 * chapter. Duplicate pairs and a facility on both sides (to itself) are dropped.
 */
export function linksFromParties(
  parties: readonly { facilityId: number; role: string }[],
  chapters: readonly number[],
): LinkKey[] {
  const hubs = [...new Set(parties.filter((p) => p.role === "supporting").map((p) => p.facilityId))];
  const spokes = [...new Set(parties.filter((p) => p.role === "receiving").map((p) => p.facilityId))];
  const out: LinkKey[] = [];
  for (const chapterNumber of [...new Set(chapters)].sort((a, b) => a - b)) {
    for (const hubFacilityId of hubs) {
      for (const spokeFacilityId of spokes) {
        if (hubFacilityId !== spokeFacilityId) out.push({ hubFacilityId, spokeFacilityId, chapterNumber });
      }
    }
  }
  return out;
}
