import { expect, test } from "vitest";
import { teleLinks } from "~/db/schema";
import { activeLink } from "~/models/tele/links.server";
import { createTestDb } from "../helpers/db";
import { makeChapter, makeFacility } from "../helpers/factories";

test("activeLink answers the link in force for a hub, spoke, chapter (or any) and date", () => {
  const db = createTestDb();
  makeChapter(db, 10);
  makeChapter(db, 13, "PHỤ SẢN");
  const hub = makeFacility(db);
  const spoke = makeFacility(db, { level: "C", kind: "regional_centre" });
  db.insert(teleLinks).values([
    { hubFacilityId: hub.id, spokeFacilityId: spoke.id, chapterNumber: 10, startOn: "2026-01-01", endOn: "2026-06-30" },
    { hubFacilityId: hub.id, spokeFacilityId: spoke.id, chapterNumber: 13, startOn: "2026-03-01" },
  ]).run();
  expect(activeLink(db, hub.id, spoke.id, 10, "2026-06-30")?.chapterNumber).toBe(10);
  expect(activeLink(db, hub.id, spoke.id, 10, "2026-07-01")).toBeNull();
  expect(activeLink(db, hub.id, spoke.id, null, "2026-04-01")?.chapterNumber).toBe(10);
  expect(activeLink(db, hub.id, spoke.id, null, "2026-07-01")?.chapterNumber).toBe(13);
  expect(activeLink(db, hub.id, spoke.id, null, "2025-12-31")).toBeNull();
  expect(activeLink(db, spoke.id, hub.id, null, "2026-04-01")).toBeNull();
});

import { auditEvents, teleParticipants, teleSessions } from "~/db/schema";
import { eq as eqOp } from "drizzle-orm";
import { createLink, endLink, pairActivity, teleHome, updateLinkNote } from "~/models/tele/links.server";
import { createSeries, deleteSeries, hubCalendar, seriesCalendar } from "~/models/tele/series.server";
import { getFixedT } from "~/i18n/i18n";
import { userActor } from "../helpers/actors";

function world() {
  const db = createTestDb();
  makeChapter(db, 10);
  makeChapter(db, 13, "PHỤ SẢN");
  const hub = makeFacility(db);
  const spoke = makeFacility(db, { level: "C", kind: "regional_centre", provinceCode: hub.provinceCode });
  const other = makeFacility(db);
  const director = userActor(db, "director", hub.id, hub.provinceCode);
  const spokeDirector = userActor(db, "director", spoke.id, spoke.provinceCode);
  const outsider = userActor(db, "director", other.id, other.provinceCode);
  return { db, hub, spoke, other, director, spokeDirector, outsider };
}

test("the hub's director creates a link (audited); a second one for the same hub, spoke and chapter is 409; others 403", () => {
  const { db, hub, spoke, director, spokeDirector, outsider } = world();
  const link = createLink(db, director, { hubFacilityId: hub.id, spokeFacilityId: spoke.id, chapterNumber: 10, startOn: "2026-01-01" });
  expect(db.select().from(auditEvents).where(eqOp(auditEvents.entityType, "tele_link")).all()).toHaveLength(1);
  expect(() => createLink(db, director, { hubFacilityId: hub.id, spokeFacilityId: spoke.id, chapterNumber: 10, startOn: "2026-05-01" })).toThrow(
    expect.objectContaining({ status: 409, message: "tele:links.errors.duplicate" }),
  );
  expect(() => createLink(db, spokeDirector, { hubFacilityId: hub.id, spokeFacilityId: spoke.id, chapterNumber: 13, startOn: "2026-01-01" })).toThrow(expect.objectContaining({ status: 403 }));
  expect(() => createLink(db, outsider, { hubFacilityId: hub.id, spokeFacilityId: spoke.id, chapterNumber: 13, startOn: "2026-01-01" })).toThrow(expect.objectContaining({ status: 403 }));
  expect(() => createLink(db, director, { hubFacilityId: hub.id, spokeFacilityId: hub.id, chapterNumber: 13, startOn: "2026-01-01" })).toThrow(expect.objectContaining({ status: 400, field: "spokeFacilityId" }));
  expect(() => createLink(db, director, { hubFacilityId: hub.id, spokeFacilityId: spoke.id, chapterNumber: 13, startOn: "2026-01-01", endOn: "2025-01-01" })).toThrow(expect.objectContaining({ status: 400, field: "endOn" }));
  // the spoke side may end it; a stale form is 409 and changes nothing
  const ended = endLink(db, spokeDirector, link.id, { endOn: "2026-06-30", version: link.version });
  expect(ended.endOn).toBe("2026-06-30");
  expect(() => updateLinkNote(db, director, link.id, { note: "x", version: link.version })).toThrow(expect.objectContaining({ status: 409 }));
  expect(() => endLink(db, outsider, link.id, { endOn: null, version: ended.version })).toThrow(expect.objectContaining({ status: 403 }));
  expect(() => endLink(db, director, link.id, { endOn: "2025-12-31", version: ended.version })).toThrow(expect.objectContaining({ status: 400 }));
});

test("activity counts sessions per month in SQL: consultations by presenting spoke, training once per attending spoke", () => {
  const { db, hub, spoke, director, outsider } = world();
  createLink(db, director, { hubFacilityId: hub.id, spokeFacilityId: spoke.id, chapterNumber: 13, startOn: "2025-01-01" });
  const base = { hubFacilityId: hub.id, startTime: "14:00", durationMinutes: 60, chapterNumber: 13, title: "Ca" };
  db.insert(teleSessions).values([
    { ...base, kind: "consultation", spokeFacilityId: spoke.id, heldOn: "2026-11-03" },
    { ...base, kind: "consultation", spokeFacilityId: spoke.id, heldOn: "2026-11-10" },
    { ...base, kind: "consultation", spokeFacilityId: spoke.id, heldOn: "2025-11-30" }, // older than 12 months
  ]).run();
  const training = db.insert(teleSessions).values({ ...base, kind: "training", heldOn: "2026-10-06" }).returning().get();
  db.insert(teleParticipants).values([
    { sessionId: training.id, facilityId: spoke.id, side: "spoke", name: "A" },
    { sessionId: training.id, facilityId: spoke.id, side: "spoke", name: "B" },
    { sessionId: training.id, facilityId: hub.id, side: "hub", name: "C" },
  ]).run();
  const rows = pairActivity(db, { today: "2026-12-02", hubFacilityIds: [hub.id] });
  expect(rows.find((r) => r.month === "2026-11")?.sessions).toBe(2);
  expect(rows.find((r) => r.month === "2026-10")?.sessions).toBe(1);
  expect(rows.find((r) => r.month === "2025-11")).toBeUndefined();
  const home = teleHome(db, director, { today: "2026-12-02", locale: "vi" });
  expect(home.months).toHaveLength(12);
  expect(home.months[11]).toBe("2026-12");
  expect(home.hubs[0].links[0].activity.slice(9)).toEqual([1, 2, 0]);
  expect(home.hubs[0].canChange).toBe(true);
  expect(teleHome(db, outsider, { today: "2026-12-02", locale: "vi" }).hubs).toEqual([]);
});

test("a schedule invites only linked spokes, exports one weekly event, and is deleted only without sessions", () => {
  const { db, hub, spoke, other, director, outsider } = world();
  createLink(db, director, { hubFacilityId: hub.id, spokeFacilityId: spoke.id, chapterNumber: 13, startOn: "2025-01-01" });
  const input = { hubFacilityId: hub.id, kind: "consultation" as const, title: "Hội chẩn sản khoa", chapterNumber: 13, weekday: 2, startTime: "14:00", durationMinutes: 60, startOn: "2026-12-01", endOn: "2027-11-30", spokeFacilityIds: [spoke.id] };
  expect(() => createSeries(db, director, { ...input, spokeFacilityIds: [other.id] }, "2026-12-02")).toThrow(expect.objectContaining({ status: 400, field: "spokeFacilityIds" }));
  expect(() => createSeries(db, director, { ...input, chapterNumber: 10 }, "2026-12-02")).toThrow(expect.objectContaining({ field: "spokeFacilityIds" }));
  expect(() => createSeries(db, outsider, input, "2026-12-02")).toThrow(expect.objectContaining({ status: 403 }));
  const series = createSeries(db, director, input, "2026-12-02");
  const t = getFixedT("vi", "tele");
  const file = seriesCalendar(db, director, series.id, t, "vi")!;
  expect(file.body).toContain("RRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL=20271130T165959Z");
  expect(file.body).toContain("DTSTART:20261201T070000Z");
  expect(file.body.match(/BEGIN:VEVENT/g)).toHaveLength(1);
  expect(seriesCalendar(db, outsider, series.id, t, "vi")).toBeNull();
  expect(hubCalendar(db, director, hub.id, t, "vi")!.body.match(/BEGIN:VEVENT/g)).toHaveLength(1);
  db.insert(teleSessions).values({ kind: "consultation", hubFacilityId: hub.id, spokeFacilityId: spoke.id, seriesId: series.id, heldOn: "2026-12-01", startTime: "14:00", durationMinutes: 60, title: "Ca" }).run();
  expect(() => deleteSeries(db, director, series.id, series.version)).toThrow(expect.objectContaining({ status: 409, message: "tele:links.series.errors.hasSessions" }));
  db.delete(teleSessions).run();
  expect(() => deleteSeries(db, director, series.id, series.version + 1)).toThrow(expect.objectContaining({ status: 409 }));
  deleteSeries(db, director, series.id, series.version);
  expect(seriesCalendar(db, director, series.id, t, "vi")).toBeNull();
});

test("an agreement's parties become links in one step: each supporting party to each receiving party, per chapter", async () => {
  const { makeActiveAgreement, makeTransferNetwork } = await import("../helpers/agreements");
  const { createLinksFromAgreement } = await import("~/models/tele/links.server");
  const db = createTestDb();
  makeChapter(db, 10);
  makeChapter(db, 13, "PHỤ SẢN");
  const { hub, spokeA, spokeB } = makeTransferNetwork(db);
  const director = userActor(db, "director", hub.id, hub.provinceCode);
  const agreement = makeActiveAgreement(db, director, { supporting: [hub], receiving: [spokeA, spokeB] }, { chapters: [10, 13] });
  createLink(db, director, { hubFacilityId: hub.id, spokeFacilityId: spokeA.id, chapterNumber: 10, startOn: "2026-01-01" });
  const created = createLinksFromAgreement(db, director, agreement.id);
  expect(created.map((l) => [l.spokeFacilityId, l.chapterNumber, l.agreementId, l.startOn, l.endOn])).toEqual([
    [spokeB.id, 10, agreement.id, "2026-01-01", "2027-12-31"],
    [spokeA.id, 13, agreement.id, "2026-01-01", "2027-12-31"],
    [spokeB.id, 13, agreement.id, "2026-01-01", "2027-12-31"],
  ]);
  expect(createLinksFromAgreement(db, director, agreement.id)).toEqual([]);
  const spokeDirector = userActor(db, "director", spokeA.id, spokeA.provinceCode);
  expect(() => createLinksFromAgreement(db, spokeDirector, agreement.id)).toThrow(expect.objectContaining({ status: 403 }));
  // an agreement the spoke is not party to cannot carry a link
  const other = makeFacility(db, { provinceCode: hub.provinceCode, level: "C" });
  expect(() => createLink(db, director, { hubFacilityId: hub.id, spokeFacilityId: other.id, chapterNumber: 10, agreementId: agreement.id, startOn: "2026-01-01" })).toThrow(
    expect.objectContaining({ status: 400, field: "agreementId" }),
  );
});
