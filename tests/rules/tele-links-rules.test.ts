import { expect, test } from "vitest";
import { checkLinkEnd, checkLinkInput, findActiveLink, isLinkInForce, linksFromParties } from "~/models/tele/links";

const link = (over: Partial<{ hubFacilityId: number; spokeFacilityId: number; chapterNumber: number; startOn: string; endOn: string | null }> = {}) => ({
  hubFacilityId: 1,
  spokeFacilityId: 2,
  chapterNumber: 10,
  startOn: "2026-01-01",
  endOn: null as string | null,
  ...over,
});

test("a link is in force from its start through its end, inclusive; no end runs on", () => {
  expect(isLinkInForce(link(), "2025-12-31")).toBe(false);
  expect(isLinkInForce(link(), "2026-01-01")).toBe(true);
  expect(isLinkInForce(link(), "2099-01-01")).toBe(true);
  expect(isLinkInForce(link({ endOn: "2026-06-30" }), "2026-06-30")).toBe(true);
  expect(isLinkInForce(link({ endOn: "2026-06-30" }), "2026-07-01")).toBe(false);
});

test("the active link matches hub, spoke and chapter; a null chapter takes any, earliest first", () => {
  const links = [link({ chapterNumber: 13, startOn: "2026-03-01" }), link({ chapterNumber: 10, startOn: "2026-02-01" }), link({ hubFacilityId: 3 })];
  expect(findActiveLink(links, 1, 2, 13, "2026-03-01")?.chapterNumber).toBe(13);
  expect(findActiveLink(links, 1, 2, 13, "2026-02-28")).toBeNull();
  expect(findActiveLink(links, 1, 2, null, "2026-03-05")?.chapterNumber).toBe(10);
  expect(findActiveLink(links, 2, 1, null, "2026-03-05")).toBeNull();
  expect(findActiveLink(links, 1, 2, 2, "2026-03-05")).toBeNull();
});

test("a new link needs two care-delivering facilities, valid dates and an agreement with both as parties", () => {
  const hub = { id: 1, deliversCare: true, active: true };
  const spoke = { id: 2, deliversCare: true, active: true };
  expect(checkLinkInput({ hub, spoke, startOn: "2026-01-01", endOn: null })).toBeNull();
  expect(checkLinkInput({ hub, spoke: hub, startOn: "2026-01-01", endOn: null })?.message).toBe("tele:links.errors.sameFacility");
  expect(checkLinkInput({ hub: { ...hub, deliversCare: false }, spoke, startOn: "2026-01-01", endOn: null })?.field).toBe("hubFacilityId");
  expect(checkLinkInput({ hub, spoke: { ...spoke, deliversCare: false }, startOn: "2026-01-01", endOn: null })?.field).toBe("spokeFacilityId");
  expect(checkLinkInput({ hub, spoke, startOn: "2026-02-30", endOn: null })?.field).toBe("startOn");
  expect(checkLinkInput({ hub, spoke, startOn: "2026-01-01", endOn: "2025-12-31" })?.message).toBe("common:validation.endBeforeStart");
  expect(checkLinkInput({ hub, spoke, startOn: "2026-01-01", endOn: null, agreementParties: [1, 3] })?.field).toBe("agreementId");
  expect(checkLinkInput({ hub, spoke, startOn: "2026-01-01", endOn: null, agreementParties: [1, 2] })).toBeNull();
  expect(checkLinkEnd("2026-01-01", "2026-01-01")).toBeNull();
});

test("an agreement's parties give one link per supporting → receiving pair and chapter", () => {
  const parties = [
    { facilityId: 1, role: "supporting" },
    { facilityId: 2, role: "receiving" },
    { facilityId: 3, role: "receiving" },
    { facilityId: 4, role: "coordinating" },
  ];
  expect(linksFromParties(parties, [13, 10, 10])).toEqual([
    { hubFacilityId: 1, spokeFacilityId: 2, chapterNumber: 10 },
    { hubFacilityId: 1, spokeFacilityId: 3, chapterNumber: 10 },
    { hubFacilityId: 1, spokeFacilityId: 2, chapterNumber: 13 },
    { hubFacilityId: 1, spokeFacilityId: 3, chapterNumber: 13 },
  ]);
});
