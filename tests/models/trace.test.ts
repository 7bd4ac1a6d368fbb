// The pair's story on a hand-built transfer: agreement, plan line, rotation, supervised cases,
// acceptance and ledger events come back in date order; an in-house pair says so; a reader
// outside the facility's reach gets a 404.
import { expect, test } from "vitest";
import { rotationItems, rotations } from "~/db/schema";
import { recordAdoptionEvent } from "~/models/adoption/ledger.server";
import { NotFoundError } from "~/models/errors";
import { listFigurePairs } from "~/models/reports/drill-down.server";
import { getPairStory, sortStory, type StoryItem } from "~/models/reports/trace.server";
import { acceptTransferItem, logCase, moveStage } from "~/models/transfers/stages.server";
import { departmentActor } from "../helpers/actors";
import { makeTransferWorld } from "../helpers/agreements";
import { createTestDb } from "../helpers/db";
import { makeProvince, makeStaff, makeTechnique } from "../helpers/factories";

const TODAY = "2026-03-15";

function story() {
  const w = makeTransferWorld(createTestDb(), { plannedOn: "2026-01-05" });
  const line = w.item({ requiredCases: 2 });
  let version = line.version;
  const move = (toStage: "surveyed" | "training" | "supervised" | "independent", movedOn: string) => {
    version = moveStage(w.db, w.director, w.agreement.id, line.id, { toStage, movedOn, version }, { today: TODAY }).version;
  };
  move("surveyed", "2026-01-20");
  move("training", "2026-02-01");
  // A trainer of the hub spends February to April at the spoke for this line.
  const trainer = makeStaff(w.db, { facilityId: w.hub.id, fullName: "Trần Văn Hướng Dẫn" });
  const rotation = w.db
    .insert(rotations)
    .values({ staffId: trainer.id, fromFacilityId: w.hub.id, toFacilityId: w.spokeA.id, agreementId: w.agreement.id, purpose: "technique_transfer", startOn: "2026-02-02", endOn: "2026-04-30", status: "confirmed" })
    .returning()
    .get();
  w.db.insert(rotationItems).values({ rotationId: rotation.id, transferItemId: line.id }).run();
  move("supervised", "2026-02-10");
  const doctor = makeStaff(w.db, { facilityId: w.spokeA.id, fullName: "Lê Thị Nhận" });
  for (const performedOn of ["2026-02-12", "2026-02-14"]) {
    logCase(w.db, w.director, w.agreement.id, line.id, { performedOn, performerId: doctor.id, supervisorName: "Chuyên gia", outcome: "success", supervised: true }, { today: TODAY });
  }
  move("independent", "2026-02-20");
  acceptTransferItem(w.db, w.director, w.agreement.id, line.id, { acceptedOn: "2026-03-01", minutesNumber: "NT-07/2026", staffIds: [doctor.id], version }, { today: TODAY });
  w.db.transaction((tx) =>
    recordAdoptionEvent(tx, { facilityId: w.spokeA.id, techniqueId: w.hipReplacement.id, kind: "approved", eventOn: "2026-03-10", decisionNumber: "12/QĐ-SYT" }, null, TODAY),
  );
  return { ...w, line, rotation };
}

test("the story lists the agreement, plan line, stage moves, rotation, cases, acceptance and ledger events in date order", () => {
  const w = story();
  const s = getPairStory(w.db, w.spokeDirector, w.spokeA.id, w.hipReplacement.id, TODAY);
  expect(s.facility.name).toBe(w.spokeA.name);
  expect(s.technique).toMatchObject({ code: w.hipReplacement.code, minLevel: "B" });
  const summary = s.items.map((i) => [i.date, i.kind]);
  expect(summary).toEqual([
    ["2026-01-01", "agreement"],
    ["2026-01-05", "planLine"],
    ["2026-01-20", "stage"],
    ["2026-02-01", "stage"],
    ["2026-02-02", "rotation"],
    ["2026-02-10", "stage"],
    ["2026-02-12", "case"],
    ["2026-02-14", "case"],
    ["2026-02-20", "stage"],
    ["2026-03-01", "acceptance"],
    ["2026-03-01", "ledger"],
    ["2026-03-10", "ledger"],
  ]);
  const byKind = <K extends StoryItem["kind"]>(kind: K) => s.items.filter((i): i is Extract<StoryItem, { kind: K }> => i.kind === kind);
  expect(byKind("agreement")[0]).toMatchObject({ number: "05/HĐ", href: `/agreements/${w.agreement.id}`, signed: true });
  expect(byKind("acceptance")[0]).toMatchObject({ minutes: "NT-07/2026", href: `/agreements/${w.agreement.id}/items/${w.line.id}` });
  expect(byKind("case").map((c) => c.performer)).toEqual(["Lê Thị Nhận", "Lê Thị Nhận"]);
  // The spoke reads the rotation (it receives it) but not the hub's trainer's own record.
  expect(byKind("rotation")[0]).toMatchObject({ href: `/rotations/${w.rotation.id}`, staffName: "Trần Văn Hướng Dẫn", staffHref: null });
  expect(byKind("ledger").map((e) => [e.event, e.source, e.decisionNumber])).toEqual([
    ["started", "transfer", null],
    ["approved", null, "12/QĐ-SYT"],
  ]);
  expect(s.state).toMatchObject({
    inLedger: true,
    startedOn: "2026-03-01",
    approvedOn: "2026-03-10",
    officialFrom: "2026-03-10",
    crossLevel: true,
    performed: true,
    origin: "agreement",
    agreementId: w.agreement.id,
    agreementNumber: "05/HĐ",
    transferItemId: w.line.id,
    agreementReadable: true,
  });
  // On a report date before the approval, the approval is not part of the state yet.
  const earlier = getPairStory(w.db, w.spokeDirector, w.spokeA.id, w.hipReplacement.id, "2026-03-05");
  expect([earlier.state.approvedOn, earlier.state.officialFrom]).toEqual([null, null]);

  // The drill-down row of the same pair carries the same origin, in the page's one query.
  const department = departmentActor(w.db, w.province.code);
  const page = listFigurePairs(
    w.db,
    department,
    { metric: "new", category: "official", start: "2026-01-01", end: TODAY, baselineEnd: "2025-12-31", filter: { provinceCode: w.province.code } },
    TODAY,
    { page: 1, pageSize: 50, offset: 0 },
  );
  expect(page.rows.map((r) => [r.facilityId, r.origin, r.agreementNumber, r.transferItemId, r.agreementReadable])).toEqual([
    [w.spokeA.id, "agreement", "05/HĐ", w.line.id, true],
  ]);
});

test("an in-house pair says in-house, and its story is only its ledger events", () => {
  const w = makeTransferWorld(createTestDb());
  const own = makeTechnique(w.db, { minLevel: "B" });
  w.db.transaction((tx) => recordAdoptionEvent(tx, { facilityId: w.spokeA.id, techniqueId: own.id, kind: "started", eventOn: "2026-01-10", source: "in_house" }, null, TODAY));
  const s = getPairStory(w.db, w.spokeDirector, w.spokeA.id, own.id, TODAY);
  expect(s.state).toMatchObject({ origin: "in_house", agreementId: null, approvedOn: null, crossLevel: true });
  expect(s.items.map((i) => i.kind)).toEqual(["ledger"]);
  // A technique never recorded at the facility: the page says so rather than refusing.
  const other = makeTechnique(w.db);
  expect(getPairStory(w.db, w.spokeDirector, w.spokeA.id, other.id, TODAY).state.inLedger).toBe(false);
});

test("a reader who may not read the facility gets a 404, as for a facility or technique that does not exist", () => {
  const w = story();
  const otherDepartment = departmentActor(w.db, makeProvince(w.db).code);
  for (const [actor, facilityId, techniqueId] of [
    [w.outsider, w.spokeA.id, w.hipReplacement.id],
    [otherDepartment, w.spokeA.id, w.hipReplacement.id],
    [w.spokeDirector, 999_999, w.hipReplacement.id],
    [w.spokeDirector, w.spokeA.id, 999_999],
  ] as const) {
    expect(() => getPairStory(w.db, actor, facilityId, techniqueId, TODAY)).toThrow(NotFoundError);
  }
  // The hub's director reads the agreement but not the spoke's ledger.
  expect(() => getPairStory(w.db, w.director, w.spokeA.id, w.hipReplacement.id, TODAY)).toThrow(NotFoundError);
  expect(getPairStory(w.db, departmentActor(w.db, w.province.code), w.spokeA.id, w.hipReplacement.id, TODAY).items).toHaveLength(12);
});

test("same-day items read in the order a transfer happens", () => {
  const day = "2026-03-01";
  const items = sortStory([
    { kind: "ledger", date: day, href: null, event: "started", source: "transfer", decisionNumber: null, note: null },
    { kind: "acceptance", date: day, href: null, agreementNumber: "1", minutes: null },
    { kind: "agreement", date: "2026-01-01", href: null, number: "1", title: "", signed: true },
  ]);
  expect(items.map((i) => i.kind)).toEqual(["agreement", "acceptance", "ledger"]);
});
