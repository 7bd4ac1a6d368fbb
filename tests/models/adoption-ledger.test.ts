import { count, eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { adoptionEvents, auditEvents } from "~/db/schema";
import { recordAdoptionEvent, recordAdoptionEvents } from "~/models/adoption/ledger.server";
import { createTestDb } from "../helpers/db";
import { makeFacility, makeTechnique } from "../helpers/factories";

const TODAY = "2025-10-15";

test("a started event is written with its audit row in the caller's transaction", () => {
  const db = createTestDb();
  const facility = makeFacility(db);
  const technique = makeTechnique(db, { minLevel: "A" });
  const event = db.transaction((tx) =>
    recordAdoptionEvent(tx, { facilityId: facility.id, techniqueCode: technique.code, kind: "started", eventOn: "2024-05-02", source: "in_house" }, null, TODAY),
  );
  expect(event.techniqueId).toBe(technique.id);
  const audits = db.select().from(auditEvents).where(eq(auditEvents.entityType, "adoption_event")).all();
  expect(audits.map((a) => a.entityId)).toEqual([String(event.id)]);
});

test("an unknown technique code, a future date, a date before opening and an out-of-order event are refused and nothing is saved", () => {
  const db = createTestDb();
  const facility = makeFacility(db, { openedOn: "2021-01-01" });
  const technique = makeTechnique(db);
  const attempt = (input: Partial<Parameters<typeof recordAdoptionEvent>[1]>) => {
    try {
      db.transaction((tx) =>
        recordAdoptionEvent(tx, { facilityId: facility.id, techniqueId: technique.id, kind: "started", eventOn: "2024-01-01", ...input }, null, TODAY),
      );
      return null;
    } catch (error) {
      return { key: (error as Error).message, status: (error as { status: number }).status };
    }
  };
  expect(attempt({ techniqueId: undefined, techniqueCode: "99.999" })).toEqual({ key: "adoption:errors.unknownTechnique", status: 400 });
  expect(attempt({ eventOn: "2025-10-16" })).toEqual({ key: "adoption:errors.futureDate", status: 400 });
  expect(attempt({ eventOn: "2020-12-31" })).toEqual({ key: "adoption:errors.beforeFacilityOpened", status: 400 });
  expect(attempt({ kind: "suspended" })).toEqual({ key: "adoption:errors.notStarted", status: 409 });
  expect(db.select({ n: count() }).from(adoptionEvents).get()!.n).toBe(0);
});

test("an event dated before the existing start is refused", () => {
  const db = createTestDb();
  const facility = makeFacility(db);
  const technique = makeTechnique(db);
  const base = { facilityId: facility.id, techniqueId: technique.id };
  db.transaction((tx) => recordAdoptionEvent(tx, { ...base, kind: "started", eventOn: "2024-06-01" }, null, TODAY));
  expect(() =>
    db.transaction((tx) => recordAdoptionEvent(tx, { ...base, kind: "approved", eventOn: "2024-05-31" }, null, TODAY)),
  ).toThrow("adoption:errors.notStarted");
  db.transaction((tx) => recordAdoptionEvent(tx, { ...base, kind: "approved", eventOn: "2024-06-01" }, null, TODAY));
  expect(db.select({ n: count() }).from(adoptionEvents).get()!.n).toBe(2);
});

test("the batch writes every event or none, naming the refused row", () => {
  const db = createTestDb();
  const facility = makeFacility(db);
  const t1 = makeTechnique(db);
  const t2 = makeTechnique(db);
  expect(() =>
    db.transaction((tx) =>
      recordAdoptionEvents(
        tx,
        [
          { facilityId: facility.id, techniqueId: t1.id, kind: "started", eventOn: "2023-01-01" },
          { facilityId: facility.id, techniqueId: t2.id, kind: "resumed", eventOn: "2023-01-01" },
        ],
        null,
        TODAY,
      ),
    ),
  ).toThrow("adoption:errors.notStarted");
  expect(db.select({ n: count() }).from(adoptionEvents).get()!.n).toBe(0);
  const written = db.transaction((tx) =>
    recordAdoptionEvents(
      tx,
      [
        { facilityId: facility.id, techniqueId: t1.id, kind: "started", eventOn: "2023-01-01" },
        { facilityId: facility.id, techniqueId: t1.id, kind: "approved", eventOn: "2023-02-01" },
        { facilityId: facility.id, techniqueCode: t2.code, kind: "started", eventOn: "2023-03-01" },
      ],
      null,
      TODAY,
    ),
  );
  expect(written).toBe(3);
  expect(db.select({ n: count() }).from(auditEvents).get()!.n).toBe(3);
});
