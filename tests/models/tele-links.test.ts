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
