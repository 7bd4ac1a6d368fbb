import { and, eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { auditEvents, caseLogs, decayThresholds, transferItems } from "~/db/schema";
import { listDecayAlerts, listThresholds, setThreshold } from "~/models/planning/decay.server";
import { DomainError, ForbiddenError } from "~/models/errors";
import { makeTransferWorld } from "../helpers/agreements";
import { createTestDb } from "../helpers/db";
import { makeProvince, makeTechnique } from "../helpers/factories";

const TODAY = "2026-12-02";
const PAGE = { page: 1, pageSize: 50, offset: 0 };

/** Two accepted lines at spoke A: one idle since June 1 (decayed at six months), one with a case in October. */
function world() {
  const base = makeTransferWorld(createTestDb());
  const { db, item } = base;
  const idle = item();
  const busyTechnique = makeTechnique(db, { minLevel: "B", chapterNumber: 10 });
  const busy = item({ techniqueCode: busyTechnique.code });
  db.update(transferItems).set({ stage: "accepted", acceptedOn: "2026-06-01" }).where(eq(transferItems.id, idle.id)).run();
  db.update(transferItems).set({ stage: "accepted", acceptedOn: "2026-03-01" }).where(eq(transferItems.id, busy.id)).run();
  db.insert(caseLogs).values({ transferItemId: busy.id, performedOn: "2026-10-15", outcome: "success", supervised: false }).run();
  return { ...base, idle, busy };
}

test("an accepted technique with no case for six months raises an alert; one with a recent case does not", () => {
  const w = world();
  const page = listDecayAlerts(w.db, w.as("admin", null), TODAY, PAGE);
  expect(page.rows.map((r) => r.itemId)).toEqual([w.idle.id]);
  const [alert] = page.rows;
  expect(alert).toMatchObject({ facilityId: w.spokeA.id, fromFacilityId: w.hub.id, months: 6, monthsIdle: 6, lastCaseOn: null, acceptedOn: "2026-06-01" });
});

test("the department's chapter threshold replaces the default: three months flags the busy line too", () => {
  const w = world();
  const officer = w.as("department", null);
  setThreshold(w.db, officer, { chapterNumber: 10, months: 1 });
  expect(listDecayAlerts(w.db, officer, TODAY, PAGE).total).toBe(2);
  setThreshold(w.db, officer, { chapterNumber: 10, months: 12 });
  expect(listDecayAlerts(w.db, officer, TODAY, PAGE).total).toBe(0);
  setThreshold(w.db, officer, { chapterNumber: 10, months: null });
  expect(listDecayAlerts(w.db, officer, TODAY, PAGE).rows.map((r) => r.itemId)).toEqual([w.idle.id]);
  const audit = w.db.select().from(auditEvents).where(eq(auditEvents.entityType, "decay_threshold")).all();
  expect(audit.map((a) => a.action)).toEqual(["create", "update", "delete"]);
});

test("thresholds outside 1-60 months are refused next to the field and nothing is saved", () => {
  const w = world();
  const officer = w.as("department", null);
  for (const months of [0, 61, 2.5]) {
    expect(() => setThreshold(w.db, officer, { chapterNumber: 10, months })).toThrow(DomainError);
  }
  try {
    setThreshold(w.db, officer, { chapterNumber: 10, months: 0 });
  } catch (error) {
    expect((error as DomainError).field).toBe("months");
  }
  expect(w.db.select().from(decayThresholds).all()).toEqual([]);
});

test("only the province's department (or an administrator) sets its thresholds", () => {
  const w = world();
  expect(() => setThreshold(w.db, w.director, { chapterNumber: 10, months: 3 })).toThrow(ForbiddenError);
  const other = makeProvince(w.db);
  const otherOfficer = w.as("department", null);
  otherOfficer.provinceCode = other.code;
  // An officer naming another province still writes only its own.
  setThreshold(w.db, otherOfficer, { provinceCode: w.province.code, chapterNumber: 10, months: 3 });
  expect(w.db.select().from(decayThresholds).where(and(eq(decayThresholds.provinceCode, w.province.code))).all()).toEqual([]);
  expect(listThresholds(w.db, other.code).find((r) => r.chapterNumber === 10)?.months).toBe(3);
  expect(() => setThreshold(w.db, w.as("admin", null), { chapterNumber: 10, months: 3 })).toThrow(DomainError);
});

test("readers see the alerts of facilities they read, as receiver or as the partner, and plan refreshers only from their own side", () => {
  const w = world();
  const hubTrainer = w.as("trainer", w.hub.id);
  const [fromHub] = listDecayAlerts(w.db, hubTrainer, TODAY, PAGE).rows;
  expect(fromHub.rotationHref).toContain(`from=${w.hub.id}`);
  expect(fromHub.rotationHref).toContain(`item=${w.idle.id}`);
  expect(fromHub.rotationHref).toContain("start=2026-12-14"); // the Monday at least a week ahead
  expect(fromHub.rotationHref).toContain(`refresher=${encodeURIComponent(fromHub.techniqueCode)}`);
  expect(fromHub.courseHref).toContain(`techniques=${encodeURIComponent(fromHub.techniqueCode)}`);
  const [atSpoke] = listDecayAlerts(w.db, w.spokeDirector, TODAY, PAGE).rows;
  expect(atSpoke.rotationHref).toBeNull();
  expect(atSpoke.courseHref).toBeNull();
  expect(listDecayAlerts(w.db, w.outsider, TODAY, PAGE).total).toBe(0);
  expect(listDecayAlerts(w.db, w.as("director", w.spokeB.id), TODAY, PAGE).total).toBe(0);
});
